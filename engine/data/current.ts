/**
 * The first view's card set (`tarifa/cards/current`): the bundled cards still in force that Meta
 * prints (not derived), without notes and nested sources, with the market mapping the same way
 * and no source table (current.json, written by scripts/card-modules.ts and checked against the
 * full cards by test/unit/cardModules.test.ts). Checked data: the pricing functions take it as
 * `account.rateCards` without a validator. The full cards load with engine/data/lazy.ts.
 */
import { trusted } from '../cards/checked.ts';
import type { RateCardSet } from '../types.ts';
import current from './current.json' with { type: 'json' };

export const currentRateCards: RateCardSet = trusted(current as unknown as RateCardSet);
