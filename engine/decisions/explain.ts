/**
 * Why a bill line costs what it costs: the rule (a tag of docs/rules.md), a reason code,
 * the regime and its dates, and the rate card with the sources of the exact cell (or
 * tier table) that priced it. Codes and data only; the widget writes the sentence.
 * See docs/decide.md § Explanations.
 */
import { cardOn, cardsFor, REGIMES, type RegimeId, regimeAt } from '../pricing/regimes.ts';
import type { BillLine, MissingReason, RateCardSet, Tier } from '../types.ts';

/** The kinds of provenance a cell's `basis` starts with (`carried+xcheck` is `carried`, checked). */
export const BASIS_KINDS = [
  'meta-file',
  'direct',
  'direct-single',
  'carried',
  'carried-back',
  'derived',
  'xcheck-other-currency',
  'not-found',
  'conflict',
  'rule',
] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

/** The kind a provenance basis starts with; null for a host's own word or the card's own sources. */
export function basisKind(basis: string): BasisKind | null {
  const head = basis.split('+')[0]!;
  return (BASIS_KINDS as readonly string[]).includes(head) ? (head as BasisKind) : null;
}

export type ExplanationReason =
  /** CBP: within the 1,000 free service conversations of the account's month (C11). */
  | 'service_allowance_conversations'
  /** CBP from Nov 2024: every service conversation is free (C13). */
  | 'service_free_conversations'
  /** PMP until Sep 2026: non-template messages are free (E5). */
  | 'service_free'
  /** PMP from Oct 2026: within the 1,000 free service messages per phone number (G4). */
  | 'service_allowance'
  /** PMP until Sep 2026: utility inside an open customer-service window (E4). */
  | 'utility_in_window'
  /** Inside a free-entry-point window (C14 CBP, E6 PMP, G8 PMP from Oct 2026). */
  | 'free_entry_point'
  /** A marginal volume tier (F3): the band's rate. */
  | 'volume_tier'
  /** Authentication to a recipient outside the business country (D2). */
  | 'authentication_international'
  /** Charged at the card's list rate. */
  | 'list_rate'
  /** The figure is missing: see `missing`. */
  | 'rate_missing'
  /** No card in this currency for the month. */
  | 'no_card';

export type ExplainedSource = { readonly id: string; readonly locator: string };

export type Explanation = {
  /** Tag of the rule in docs/rules.md (`E4`, `G4`, `F3`…). */
  readonly rule: string;
  readonly reason: ExplanationReason;
  /** The regime in force that month, with its dates and the spec's source ids. */
  readonly regime: {
    readonly id: RegimeId;
    readonly from: string;
    readonly to: string | null;
    readonly sources: readonly string[];
  } | null;
  /** The card that priced the line (for free lines: the card in force that month, if known). */
  readonly card?: {
    readonly id: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
    readonly sources: readonly ExplainedSource[];
  };
  /** Provenance of the cell (`market/column`) or tier table: `card` when it rests on the card's own sources. */
  readonly basis?: string;
  /** What `basis` starts with, as a code (null: a host's own word, or `card`). */
  readonly basisKind?: BasisKind | null;
  /** The cell's or tier table's own sources, when its provenance lists them. */
  readonly cellSources?: readonly ExplainedSource[];
  /** The volume tier (`{ from, to }`). */
  readonly tier?: Tier;
  /** Why the figure is missing (`not-found`, `conflict`, `no-card`, `tier-not-found`…). */
  readonly missing?: MissingReason;
};

function resolveSources(set: RateCardSet, ids: readonly string[]): ExplainedSource[] {
  return ids.map((id) => ({ id, locator: set.sources[id]?.locator ?? '' }));
}

/**
 * Explains one bill line of `priceEvents` or `estimate`. `set` is the set that priced it
 * (the public entry defaults it to the bundled cards); `currency` finds the card in force for free lines, which
 * carry no card id (default `'USD'`).
 */
export function explainLine(line: BillLine, set: RateCardSet, currency = 'USD'): Explanation {
  const regime = regimeAt(`${line.month}-01`);
  const regimeInfo =
    regime === null
      ? null
      : { id: regime.id, from: regime.from, to: regime.to, sources: [...regime.sources] };
  const cbp = line.model === 'CBP';
  const serviceCharged = regime?.service.charged ?? false;

  let rule: string;
  let reason: ExplanationReason;
  switch (line.pricingType) {
    case 'free_entry_point':
      reason = 'free_entry_point';
      rule = cbp ? 'C14' : serviceCharged ? 'G8' : 'E6';
      break;
    case 'free_tier':
      // Only CBP service conversations are reported as free_tier.
      reason = serviceCharged ? 'service_allowance_conversations' : 'service_free_conversations';
      rule = serviceCharged ? 'C11' : 'C13';
      break;
    case 'free_customer_service':
      if (line.category === 'service') {
        reason = serviceCharged ? 'service_allowance' : 'service_free';
        rule = serviceCharged ? 'G4' : 'E5';
      } else {
        reason = 'utility_in_window';
        rule = 'E4';
      }
      break;
    default:
      if (line.category === 'authentication_international') {
        reason = 'authentication_international';
        rule = 'D2';
      } else if (line.tier !== null) {
        reason = 'volume_tier';
        rule = 'F3';
      } else {
        reason = 'list_rate';
        rule = cbp ? (line.category === 'service' ? 'C11' : 'C2') : line.category === 'service' ? 'G3' : 'E1';
      }
  }
  if (line.rate === null)
    reason = line.missing === 'no-card' || line.card === null ? 'no_card' : 'rate_missing';

  const out: { -readonly [K in keyof Explanation]: Explanation[K] } = { rule, reason, regime: regimeInfo };
  if (line.tier !== null) out.tier = line.tier;
  if (line.missing !== undefined) out.missing = line.missing;

  const card =
    line.card !== null
      ? (set.cards.find((c) => c.id === line.card) ?? null)
      : line.rate === '0'
        ? cardOn(cardsFor(set, currency), `${line.month}-01`)
        : null;
  if (card !== null && (line.card !== null || card.model === line.model)) {
    out.card = {
      id: card.id,
      effectiveFrom: card.effectiveFrom,
      effectiveTo: card.effectiveTo,
      sources: resolveSources(set, card.sources),
    };
    if (line.card !== null) {
      const column = line.category;
      const prov =
        line.tier !== null && column !== 'marketing' && column !== 'service'
          ? card.tiers?.[line.market]?.[column]?.provenance
          : card.provenance?.[`${line.market}/${column}`];
      out.basis = prov?.basis ?? 'card';
      out.basisKind = basisKind(out.basis);
      if (prov !== undefined && prov.sources.length > 0) out.cellSources = resolveSources(set, prov.sources);
    }
  }
  return out;
}

/** Regime ids with their first and last day, in order (for a legend of the rules timeline). */
export function regimeTimeline(): { id: RegimeId; from: string; to: string | null }[] {
  return REGIMES.map((r) => ({ id: r.id, from: r.from, to: r.to }));
}
