import type { PricingModel, RateCard, RateCardSet } from '../types.ts';

export type RegimeId = 'CBP' | 'CBP_FREE_SERVICE' | 'PMP' | 'PMP_PAID_SERVICE';

/**
 * Meta's billing rules as data, one entry per regime. Every field cites the
 * rule of ../docs/rules.md (and of the research spec) it encodes; a field
 * backed only by secondary sources lists itself in `unverified`.
 */
export type Regime = {
  readonly id: RegimeId;
  readonly model: PricingModel;
  /** First local day in force. */
  readonly from: string;
  /** Last local day in force; null = still in force. */
  readonly to: string | null;
  /**
   * Non-template (service) traffic. CBP: service conversations, charged at the card's
   * service rate after `freeAllowance` per account per month (C11), or all free (C13).
   * PMP: service messages free (E5), or charged at the card's service rate after
   * `freeAllowance` per phone number per month (G3, G4).
   */
  readonly service:
    | { readonly charged: false }
    | {
        readonly charged: true;
        readonly freeAllowance: number;
        readonly allowanceScope: 'account' | 'phone_number';
      };
  /** PMP: utility templates delivered inside an open customer-service window are free (E4; ends G7). */
  readonly inWindowUtilityFree: boolean;
  /** PMP: utility and authentication are priced by marginal monthly volume tiers (F1–F4). */
  readonly volumeTiers: boolean;
  /** Free-entry-point window length in hours (C15, E6); the Sep-2026 dispute is an option (Q1). */
  readonly freeEntryPointHours: number;
  /** Rule tags of the research spec backing this regime. */
  readonly rules: readonly string[];
  readonly sources: readonly string[];
  /** Fields that rest on secondary sources only. */
  readonly unverified: readonly string[];
};

export const REGIMES: readonly Regime[] = Object.freeze([
  {
    id: 'CBP',
    model: 'CBP',
    from: '2023-06-01',
    to: '2024-10-31',
    service: { charged: true, freeAllowance: 1000, allowanceScope: 'account' },
    inWindowUtilityFree: false,
    volumeTiers: false,
    freeEntryPointHours: 72,
    rules: ['A1', 'A3', 'C1-C19', 'D1-D10'],
    sources: ['M-CBP', 'S-TW23', 'S-TELESIGN', 'S-BOTMAKER', 'M-AI24'],
    unverified: [],
  },
  {
    id: 'CBP_FREE_SERVICE',
    model: 'CBP',
    from: '2024-11-01',
    to: '2025-06-30',
    service: { charged: false },
    inWindowUtilityFree: false,
    volumeTiers: false,
    freeEntryPointHours: 72,
    rules: ['A1', 'A3', 'C1-C10', 'C13-C19', 'D1-D10'],
    sources: ['M-CBP', 'M-FSC', 'S-CLICKATELL'],
    unverified: [],
  },
  {
    id: 'PMP',
    model: 'PMP',
    from: '2025-07-01',
    to: '2026-09-30',
    service: { charged: false },
    inWindowUtilityFree: true,
    volumeTiers: true,
    freeEntryPointHours: 72,
    rules: ['A1-A3', 'C20', 'D1-D10', 'E1-E10', 'F1-F10'],
    sources: ['M-PMP-2607', 'S-TW25', 'M-AN'],
    unverified: [],
  },
  {
    id: 'PMP_PAID_SERVICE',
    model: 'PMP',
    from: '2026-10-01',
    to: null,
    service: { charged: true, freeAllowance: 1000, allowanceScope: 'phone_number' },
    inWindowUtilityFree: false,
    volumeTiers: true,
    freeEntryPointHours: 72,
    rules: ['A1-A3', 'D1-D10', 'E1-E3', 'E6-E10', 'F1-F10', 'G3-G9'],
    sources: ['M-UPD-2607', 'M-PMP-2607', 'N-FR', 'N-KLIVO', 'N-GEO', 'S-CHAKRA-2610'],
    unverified: ['service.freeAllowance', 'service.allowanceScope'],
  },
] as const satisfies readonly Regime[]);

/** First local date any regime covers. */
export const FIRST_DATE = '2023-06-01';

/** Local date from which the disputed "up to 7 days" free-entry-point window may apply (spec §4 Q1). */
export const DISPUTED_FEP_FROM = '2026-09-28';

/**
 * First local date of Direct Send (utility / authentication messages sent without a template,
 * billed at that category's rate): the date of Meta's Direct Send pages (updated 2026-07-31);
 * no earlier general-availability date was found (partners describe an earlier closed beta).
 */
export const DIRECT_SEND_FROM = '2026-07-31';

/** Meta stops delivering marketing templates to US (+1) numbers from this date. */
export const US_MARKETING_PAUSED_FROM = '2025-04-01';

/** The regime in force on a local date, or null before June 2023. */
export function regimeAt(date: string): Regime | null {
  for (let i = REGIMES.length - 1; i >= 0; i--) {
    const r = REGIMES[i]!;
    if (date >= r.from) return r;
  }
  return null;
}

/** Cards of one currency sorted by date. */
export function cardsFor(set: RateCardSet, currency: string): readonly RateCard[] {
  return set.cards
    .filter((c) => c.currency === currency)
    .slice()
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** The card in force on a local date among cards sorted by date, or null. */
export function cardOn<C extends Pick<RateCard, 'effectiveFrom' | 'effectiveTo'>>(
  cards: readonly C[],
  date: string,
): C | null {
  for (let i = cards.length - 1; i >= 0; i--) {
    const c = cards[i]!;
    if (c.effectiveFrom <= date) return c.effectiveTo === null || date <= c.effectiveTo ? c : null;
  }
  return null;
}
