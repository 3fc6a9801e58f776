/**
 * What a card set covers, per currency: the quarterly-update checklist. The logic is the engine's
 * `cardStatus` (engine/cards/status.ts); this module words it for `tarifa cards status` and the
 * repository's `npm run cards:status` (scripts/cards-status.ts).
 */
import {
  type CardSummary,
  type CurrencyStatus,
  cardStatus,
  type MonthRange,
  type RateCardSet,
} from '../engine/index.ts';

const BASIS: Record<CardSummary['basis'], string> = {
  'meta-file': "Meta's file",
  transcribed: 'transcribed',
  derived: 'derived',
};

const range = (r: MonthRange) => `${r.from} → ${r.to ?? 'open'}`;

function card(s: CardSummary): string {
  const basis = s.basis === 'derived' ? `derived: ${s.from} × ${s.ratio}` : BASIS[s.basis];
  return `${s.id} (${basis}), ${s.effectiveFrom} → ${s.effectiveTo ?? 'open'}`;
}

/** The status as data (`--json`): the set's review date and one entry per currency. */
export function cardsStatus(set: RateCardSet): {
  readonly reviewedThrough: string;
  readonly currencies: readonly CurrencyStatus[];
} {
  return { reviewedThrough: set.reviewedThrough, currencies: cardStatus(set) };
}

/** Plain-text report, one block per currency. */
export function formatCardsStatus(status: ReturnType<typeof cardsStatus>): string {
  const lines = [`Cards reviewed through ${status.reviewedThrough}.`, ''];
  for (const s of status.currencies) {
    const counts = (Object.entries(s.counts) as [CardSummary['basis'], number][])
      .filter(([, n]) => n > 0)
      .map(([b, n]) => `${n} ${BASIS[b]}`)
      .join(', ');
    lines.push(`${s.currency}: ${s.cards.length} cards; months covered: ${s.months.map(range).join('; ')}`);
    lines.push(`  newest: ${card(s.newest)}`);
    if (s.gaps.length > 0) lines.push(`  no card: ${s.gaps.map(range).join('; ')}`);
    lines.push(`  basis: ${counts}`);
    lines.push('');
  }
  return lines.join('\n');
}
