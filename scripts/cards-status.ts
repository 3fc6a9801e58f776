/**
 * The quarterly update's checklist: per currency, the newest card, its basis (Meta file,
 * transcribed, derived) and the months the cards cover.
 *
 *   npx tsx scripts/cards-status.ts [--json]        (npm run cards:status)
 *
 * The logic is engine/rateCards/status.ts (`cardStatus`); `formatCardStatus` words it, and can be
 * called by another CLI with any card set.
 */
import { fileURLToPath } from 'node:url';
import { bundledRateCards } from '../engine/data/index.ts';
import {
  type CardSummary,
  type CurrencyStatus,
  cardStatus,
  type MonthRange,
} from '../engine/rateCards/status.ts';
import type { RateCardSet } from '../engine/types.ts';

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

/** Plain-text report of `cardStatus(set)`, one block per currency. */
export function formatCardStatus(
  set: RateCardSet,
  status: readonly CurrencyStatus[] = cardStatus(set),
): string {
  const lines = [`Rate cards by currency (reviewed through ${set.reviewedThrough})`, ''];
  for (const s of status) {
    const counts = (Object.entries(s.counts) as [CardSummary['basis'], number][])
      .filter(([, n]) => n > 0)
      .map(([b, n]) => `${n} ${BASIS[b]}`)
      .join(', ');
    lines.push(`${s.currency}  newest: ${card(s.newest)}`);
    lines.push(`     covers: ${s.months.map(range).join('; ')}`);
    if (s.gaps.length > 0) lines.push(`     no card: ${s.gaps.map(range).join('; ')}`);
    lines.push(`     ${s.cards.length} card(s): ${counts}`);
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const status = cardStatus(bundledRateCards);
  if (process.argv.includes('--json')) console.log(JSON.stringify(status, null, 2));
  else console.log(formatCardStatus(bundledRateCards, status));
}
