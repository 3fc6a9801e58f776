/**
 * What a card set holds, per currency: the checklist of the quarterly update (`npm run cards:status`,
 * scripts/cards-status.ts). Pure data, no display text: the CLI words it.
 */
import { nextMonth } from '../time.ts';
import type { RateCard, RateCardSet } from '../types.ts';

/**
 * Where a card's figures come from:
 * - `meta-file`: Meta's own file, imported (`npm run cards:import`, sources `meta-…`) or bundled
 *   verbatim (the research cites Meta's April-2026 files as T01 and T02);
 * - `derived`: Meta's conversion reconstructed from the USD card and known cells (`card.derived`);
 * - `transcribed`: figures transcribed from public sources (the research CSVs).
 */
export type CardBasis = 'meta-file' | 'transcribed' | 'derived';

/** Sources of the bundle that are Meta's own files, downloaded unchanged. */
const META_FILE_SOURCES = new Set(['T01', 'T02']);

export function cardBasis(card: RateCard): CardBasis {
  if (card.derived !== undefined) return 'derived';
  const meta = (s: string) => s.startsWith('meta-') || META_FILE_SOURCES.has(s);
  return card.sources.length > 0 && card.sources.every(meta) ? 'meta-file' : 'transcribed';
}

export type CardSummary = {
  readonly id: string;
  readonly basis: CardBasis;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  /** For a derived card: local units per USD and the USD card converted. */
  readonly ratio?: string;
  readonly from?: string;
};

/** Months `YYYY-MM` covered by contiguous cards; `to` null = open (until a newer card). */
export type MonthRange = { readonly from: string; readonly to: string | null };

export type CurrencyStatus = {
  readonly currency: string;
  readonly newest: CardSummary;
  /** Every card of the currency, oldest first. */
  readonly cards: readonly CardSummary[];
  readonly months: readonly MonthRange[];
  /** Months from the first card to the set's `reviewedThrough` that no card covers. */
  readonly gaps: readonly MonthRange[];
  /** How many cards of each basis. */
  readonly counts: Readonly<Record<CardBasis, number>>;
};

const month = (date: string) => date.slice(0, 7);

function prevMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const n = Number(m.slice(5, 7));
  return n === 1 ? `${y - 1}-12` : `${y}-${String(n - 1).padStart(2, '0')}`;
}

/** Per currency (USD first, then alphabetically): newest card, its basis, the months covered and the gaps. */
export function cardStatus(set: RateCardSet): CurrencyStatus[] {
  const byCurrency = new Map<string, RateCard[]>();
  for (const c of set.cards) byCurrency.set(c.currency, [...(byCurrency.get(c.currency) ?? []), c]);
  const currencies = [...byCurrency.keys()].sort((a, b) =>
    a === 'USD' ? -1 : b === 'USD' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const last = month(set.reviewedThrough);
  return currencies.map((currency) => {
    const cards = [...byCurrency.get(currency)!].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    const summaries = cards.map((c): CardSummary => {
      const s: { -readonly [K in keyof CardSummary]: CardSummary[K] } = {
        id: c.id,
        basis: cardBasis(c),
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo,
      };
      if (c.derived) {
        s.ratio = c.derived.ratio;
        s.from = c.derived.from;
      }
      return s;
    });
    // Cards change on the first of a month: a card covers the months from its first day's month
    // to its last day's month.
    const months: { from: string; to: string | null }[] = [];
    for (const c of cards) {
      const from = month(c.effectiveFrom);
      const to = c.effectiveTo === null ? null : month(c.effectiveTo);
      const prev = months.at(-1);
      if (prev && prev.to !== null && nextMonth(prev.to) >= from)
        prev.to = to === null || to > prev.to ? to : prev.to;
      else months.push({ from, to });
    }
    const gaps: MonthRange[] = [];
    months.forEach((r, k) => {
      const next = months[k + 1];
      if (r.to === null) return;
      const start = nextMonth(r.to);
      const end = next ? prevMonth(next.from) : last;
      if (start <= end) gaps.push({ from: start, to: end });
    });
    const counts: Record<CardBasis, number> = { 'meta-file': 0, transcribed: 0, derived: 0 };
    for (const s of summaries) counts[s.basis]++;
    return { currency, newest: summaries.at(-1)!, cards: summaries, months, gaps, counts };
  });
}
