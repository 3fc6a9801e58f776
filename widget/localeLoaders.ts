/**
 * Where each language's messages come from. This source (used by tests and unsplit builds) loads
 * the whole locales/<lang>.json at once. The embed build replaces this module (plugin
 * `tarifa-cards` in vite.config.ts) with one that splits each file in two chunks: the messages
 * of the first view (`first`) and the rest (`later`: field errors, the closed Assumptions panel,
 * picker announcements, missing-rate reasons, rarer warnings), fetched right after the first one;
 * the widget re-renders when they arrive (onLocaleUpdate).
 */
import type { Lang } from './lang.ts';

export type Bundle = Record<string, unknown>;

export const first: Record<Lang, () => Promise<Bundle>> = {
  en: () => import('../locales/en.json').then((m) => m.default as Bundle),
  es: () => import('../locales/es.json').then((m) => m.default as Bundle),
  'pt-BR': () => import('../locales/pt-BR.json').then((m) => m.default as Bundle),
};

export const later: Partial<Record<Lang, () => Promise<Bundle>>> = {};

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
  // Issue 4 (widget/decide/): the toolbar, the closed panels' summaries and the partner totals.
  'decide.heading',
  'decide.share.copy',
  'decide.csv.download',
  'decide.print',
  'decide.whatIf.summary',
  'decide.compare.summary',
  'decide.charts.summary',
  'decide.fees.edit',
  'decide.why.button',
  'decide.fees.caption',
  'decide.fees.meta',
  'decide.fees.times',
  'decide.fees.percentOf',
  'decide.fees.monthly',
  'decide.fees.grandTotal',
  'decide.fees.grandTotalTax',
  'decide.fees.headline',
  'decide.fees.headlineTax',
  'decide.fees.kind.perOutboundMessage',
  'decide.fees.kind.perInboundMessage',
  'decide.fees.kind.markupPercent',
  'decide.fees.kind.monthlyPlatformFee',
  'decide.fees.kind.perPhoneNumber',
  'decide.fees.kind.taxPercent',
  // Issue 5 (widget/import/): the closed section's summary and the cards-in-use notes.
  'import.summary',
  'import.inUse',
  'import.inUseHost',
  'import.reset',
] as const;
