import type { BillCategory, MessageEvent, RateCategory } from '../types.ts';

/** The columns of a rate card, in Meta's order; also the bill categories, in display order. */
export const RATE_COLUMNS = [
  'marketing',
  'utility',
  'authentication',
  'authentication_international',
  'service',
] as const satisfies readonly RateCategory[] & readonly BillCategory[];

/** The columns priced by volume tiers (F1; authentication-international shares authentication's count). */
export const TIER_COLUMNS = ['utility', 'authentication', 'authentication_international'] as const;
export type TierColumn = (typeof TIER_COLUMNS)[number];

/** The fields of a `MessageEvent`, in the order of the documented log layout. */
export const EVENT_FIELDS = [
  'at',
  'direction',
  'user',
  'kind',
  'category',
  'entryPoint',
  'businessNumber',
  'status',
  'group',
] as const satisfies readonly (keyof MessageEvent)[];
