/**
 * The first view's card set (`tarifa/cards/current`): the bundled cards still in force in the
 * currencies a visitor starts in (USD; BRL, INR, EUR for their regions: scripts/card-modules.ts
 * FIRST_VIEW_CURRENCIES), without notes and nested sources, with the market mapping the same way
 * and no source table (current.json, written by scripts/card-modules.ts and checked against the
 * full cards by test/unit/cardModules.test.ts). Checked data: the pricing functions take it as
 * `account.rateCards` without a validator. The full cards load with engine/data/lazy.ts.
 */
import { trusted } from '../cards/checked.ts';
import type { RateCardSet } from '../types.ts';
import current from './current.json' with { type: 'json' };

export const currentRateCards: RateCardSet = trusted(current as unknown as RateCardSet);
