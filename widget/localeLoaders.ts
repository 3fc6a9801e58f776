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
  'errors.',
  'missing.',
  'assumptions.',
  'countries.noMatch',
  'countries.found',
  'countries.added',
  'countries.removed',
  'countries.max',
  'results.loading',
  'warnings.rate_missing',
  'warnings.tier_rate_missing',
  'warnings.tiers_unknown',
  'warnings.rate_carried',
  'warnings.market_ambiguous',
  'warnings.no_card',
  'warnings.after_reviewed_period',
  'warnings.free_form_outside_window',
] as const;
/** Exceptions: visible in the first view although under a LATER_KEYS prefix. */
export const FIRST_KEYS = ['assumptions.summary', 'errors.keptResult'] as const;
