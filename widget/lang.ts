/**
 * The widget's languages and the fallback from any BCP 47 tag to one of them.
 * `pt-PT`, `pt-AO`, `pt` → `pt-BR`; `es-MX`, `es-419`, `es` → `es`; `en-*` → `en`.
 */

export const LANGS = ['es', 'pt-BR', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Each language's name in itself, as Intl.DisplayNames writes it (capitalised): constant, so the
 * language picker builds no DisplayNames before the first total (milliseconds on a phone).
 * test/component/lang.test.ts checks them against Intl.
 */
export const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = {
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  en: 'English',
};
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

/** A language tag in its canonical form (`pt_br` → `pt-BR`), or null when it is not a valid tag. */
export function canonicalTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The tag whose notation numbers, money and dates follow for a language: the first candidate of
 * that language that names a region (`es-MX` writes `25,000.50`, `es-AR` writes `25.000,50`),
 * else the language itself. Candidates in order: the `lang` attribute, the page's `<html lang>`,
 * the browser's languages.
 */
export function regionLocale(lang: Lang, candidates: ReadonlyArray<string | null | undefined>): string {
  for (const c of candidates) {
    if (typeof c !== 'string' || fallbackLng(c) !== lang) continue;
    const canon = canonicalTag(c);
    if (canon && /-([A-Z]{2}|\d{3})(-|$)/.test(canon)) return canon;
  }
  return lang;
}

/** A BCP 47 tag for numbers, money and dates: one of our languages, maybe with a region (`es-MX`). */
export type Locale = string;
