/**
 * Where the figures come from, in words a visitor trusts (issue 9): Meta's pricing page first,
 * the sources one disclosure away, each described in the visitor's language by its kind and
 * site, never by an internal id, a file path or a commit hash. Display only.
 */
import type { TFunction } from 'i18next';
import type { RateCardSet } from '../../engine/index.ts';

/** Meta's own pricing page: a link the visitor may follow (the widget itself requests nothing). */
export const META_PRICING_URL = 'https://developers.facebook.com/docs/whatsapp/pricing';

type Sources = RateCardSet['sources'];
type Source = Sources[string];

/** A source imported from Meta's own rate-card file (engine/import/metaRateCards.ts locators). */
export function isMetaFile(s: Source | undefined): boolean {
  return s?.locator.startsWith('Meta file') === true;
}

/** True when every source of a card is one of Meta's own files; false while unknown. */
export function fromMetaFiles(ids: readonly string[], sources: Sources | null): boolean {
  return sources !== null && ids.length > 0 && ids.every((id) => isMetaFile(sources[id]));
}

/** One source in the visitor's language: its kind and where it is, without hashes or paths. */
export function sourceText(s: Source, t: TFunction): string {
  if (isMetaFile(s)) return t('card.source.metaFile');
  const web = /^https?:\/\/(?:www\.)?([^/\s]+)/.exec(s.locator);
  if (web) return t('card.source.web', { site: web[1] });
  const repo = /^([\w.-]+\/[\w.-]+) : /.exec(s.locator);
  if (repo) return t('card.source.repository', { repo: repo[1] });
  if (/GitHub/i.test(s.locator)) return t('card.source.githubFile');
  return t('card.source.other');
}

/** The distinct descriptions of some sources, in order (several files of one site say it once). */
export function sourceTexts(ids: readonly string[], sources: Sources | null, t: TFunction): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const s = sources?.[id];
    if (!s) continue;
    const text = sourceText(s, t);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}
