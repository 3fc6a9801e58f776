/**
 * Text forms of the engine's structured codes, for outputs that are text (the CLI's table and CSV,
 * Meta's analytics shape): Meta's tier notation and a warning's detail as one `a/b/c` string.
 */
import type { Tier, Warning, WarningCode, WarningDetails } from './types.ts';

/** Meta's notation of a tier band: `LOWER:UPPER`, `MAX` for the open band (F9). */
export function formatTier(tier: Tier): string {
  return `${tier.from}:${tier.to === null ? 'MAX' : tier.to}`;
}

/** A band in Meta's notation (`0:250000`, `250001:MAX`) as `{ from, to }`; null when it is not one. */
export function parseTier(text: string): Tier | null {
  const m = /^(\d+):(\d+|MAX)$/.exec(text);
  if (m === null) return null;
  const from = Number(m[1]);
  const to = m[2] === 'MAX' ? null : Number(m[2]);
  if (!Number.isSafeInteger(from) || (to !== null && !Number.isSafeInteger(to))) return null;
  return { from, to };
}

/**
 * A warning's detail as one string, its fields in order joined by `/` (a tier in Meta's notation):
 * `pmp-2026-10-01-USD/Pakistan/utility/150001:1000000/not-found`, `2` for a count.
 */
export function warningDetailText(w: Warning): string {
  return detailFields(w.detail, DETAIL_FIELDS[w.code] as readonly string[]);
}

function detailFields(detail: Warning['detail'], fields: readonly string[]): string {
  const d = detail as Readonly<Record<string, unknown>>;
  const parts: string[] = [];
  for (const k of fields) {
    const v = d[k];
    if (v === undefined) continue;
    parts.push(typeof v === 'object' && v !== null ? formatTier(v as Tier) : String(v));
  }
  return parts.join('/');
}

/** The fields of each code's detail, in the order its text writes them. */
const DETAIL_FIELDS: { readonly [C in WarningCode]: readonly (keyof WarningDetails[C])[] } = {
  rate_missing: ['card', 'market', 'column', 'reason'],
  tier_rate_missing: ['card', 'market', 'column', 'tier', 'reason'],
  tiers_unknown: ['card', 'market', 'column', 'reason'],
  tiers_carried: ['card', 'market', 'column'],
  rate_carried: ['card', 'market', 'column', 'basis'],
  market_ambiguous: ['country', 'market'],
  no_card: ['currency', 'month', 'model'],
  after_reviewed_period: ['month'],
  free_form_outside_window: ['count'],
  unverified_rule: ['regime', 'rule'],
  before_supported_period: ['count'],
  us_marketing_undeliverable: ['count'],
  account_currency_required: ['country', 'currency', 'from'],
  entry_point_without_conversations: ['country', 'count'],
};
