/**
 * The quarterly update's checklist: per currency, the newest card, its basis (Meta file,
 * transcribed, derived) and the months the cards cover. The same report as `tarifa cards status`.
 *
 *   npx tsx scripts/cards-status.ts [--json]        (npm run cards:status)
 */
import { cardsStatus, formatCardsStatus } from '../cli/cardsStatus.ts';
import { bundledRateCards } from '../engine/data/index.ts';

const status = cardsStatus(bundledRateCards);
if (process.argv.includes('--json')) console.log(JSON.stringify(status, null, 2));
else console.log(formatCardsStatus(status));
