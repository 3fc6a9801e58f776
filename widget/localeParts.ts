/**
 * Which messages the first view needs. The embed build (widget/vite.config.ts, plugin
 * `localeParts`) ships each locales/<lang>.json in two chunks: `first` (the first view) and
 * `later` (field errors, the closed Assumptions panel, picker announcements, missing-rate
 * reasons, rarer warnings, the decision panels), fetched after the first render.
 * Pure data and one pure function, read by the build config and by test/unit/localeParts.test.ts.
 */

/** Message keys (or key prefixes ending in `.`) that the first view does not need. */
export const LATER_KEYS = [
  'decide.',
  'import.',
  'errors.',
  'missing.',
  'assumptions.',
  'countries.noMatch',
  'countries.found',
  'countries.added',
  'countries.removed',
  'countries.already',
  'countries.max',
  'results.loading',
  // Issue 12: a month without a rate card in the currency (no total).
  'results.noCard',
  'results.noCardShort',
  'results.noCardLog',
  'warnings.rate_missing',
  'warnings.tier_rate_missing',
  'warnings.tiers_unknown',
  'warnings.rate_carried',
  'warnings.market_ambiguous',
  'warnings.no_card',
  'warnings.after_reviewed_period',
  'warnings.free_form_outside_window',
  // Issue 17: warnings the default views never show (CBP estimates, logs, the account currency
  // rule) and the rule names of the closed source details.
  'warnings.entry_point_without_conversations',
  'warnings.before_supported_period',
  'warnings.account_currency_required',
  'warnings.rule.',
  // Issue 10: the title of the hosted page and the configurator (both load them complete).
  'embed.',
  'configure.',
  // Issue 9: what a field read, a country already picked, details of the sources (closed at first).
  'warnings.unknown',
  'input.',
  'card.source.',
  'ruleName.',
] as const;
/** Exceptions: visible in the first view although under a LATER_KEYS prefix. */
export const FIRST_KEYS = [
  'assumptions.summary',
  'errors.keptResult',
  // The `decide.*` keys of issue 4 (the toolbar, the closed panels' summaries, the partner
  // totals) come with `later`, as the build shipped them until issue 18: it read this list from
  // TypeScript with a regex, which an apostrophe in a comment cut short. Listing them here adds
  // about 0.4 KB gzip to the first view (measured for issue 18).
  // Issue 5 (widget/import/): the closed section's summary and the cards-in-use notes.
  'import.summary',
  'import.inUse',
  'import.inUseHost',
  'import.reset',
] as const;

type Tree = { readonly [key: string]: unknown };

/** Whether a message key (plural suffix dropped) belongs to the `later` part. */
export function isLaterKey(key: string): boolean {
  const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
  return (
    !(FIRST_KEYS as readonly string[]).includes(base) &&
    LATER_KEYS.some((k) => (k.endsWith('.') ? base.startsWith(k) : base === k))
  );
}

/** The messages of one part of a locale file (nested like the file; `{}` when none). */
export function messagesPart(tree: Tree, part: 'first' | 'later', prefix = ''): Tree {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') {
      const sub = messagesPart(v as Tree, part, key);
      if (Object.keys(sub).length > 0) out[k] = sub;
    } else if (isLaterKey(key) === (part === 'later')) out[k] = v;
  }
  return out;
}
