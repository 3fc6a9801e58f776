/**
 * The widget's languages and the fallback from any BCP 47 tag to one of them.
 * `pt-PT`, `pt-AO`, `pt` → `pt-BR`; `es-MX`, `es-419`, `es` → `es`; `en-*` → `en`.
 */

export const LANGS = ['es', 'pt-BR', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** Maps a BCP 47 tag to a supported language, or null when the primary subtag is not one of ours. */
export function fallbackLng(tag: string | null | undefined): Lang | null {
  if (typeof tag !== 'string') return null;
  const clean = tag.trim().replace(/_/g, '-').toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(clean)) return null;
  const primary = clean.split('-')[0];
  if (primary === 'es') return 'es';
  if (primary === 'pt') return 'pt-BR';
  if (primary === 'en') return 'en';
  return null;
}

/** First supported language among candidates (attribute, page `lang`, browser languages), else `en`. */
export function resolveLang(...candidates: ReadonlyArray<string | null | undefined>): Lang {
  for (const c of candidates) {
    const l = fallbackLng(c);
    if (l) return l;
  }
  return DEFAULT_LANG;
}

/** Default recipient country for a language when the host gives none. */
export const DEFAULT_COUNTRY_BY_LANG: Readonly<Record<Lang, string>> = { es: 'MX', 'pt-BR': 'BR', en: 'US' };
