/**
 * Tarifa engine: the public API (`tarifa`). Pure TypeScript, no DOM, no display text.
 * The core API (engine/core.ts, also `tarifa/core`) with the bundled rate cards as the default
 * card set, the validator (also `tarifa/validate`) and the importers; nothing else under engine/
 * is public but the data modules listed in package.json `exports`.
 *
 * Behaviour for Node users: `priceEvents`, `createPricer`, `estimate`, `comparableMonths` and
 * `compareMonths` without `account.rateCards` use the bundled cards; a host's set is validated
 * here (once per object) and its problems reported with the account's; `explainLine` and
 * `marketOf` default their set to the bundled one; the importers (`MessageLogReader`,
 * `parseMessageLog`, `importMetaRateCards`) default to the bundled market mapping.
 */
import * as core from './core.ts';
import { bundledRateCards } from './data/index.ts';
import { TarifaInputError } from './errors.ts';
import * as importers from './import/messageLog.ts';
import type { LogOptions, MessageLog } from './import/messageLog.ts';
import {
  type MetaFile,
  type MetaImport,
  type MetaImportOptions,
  importMetaRateCards as metaImport,
} from './import/metaRateCards.ts';
import type { MarketInfo } from './pricing/markets.ts';
import { recall, remember } from './cards/checked.ts';
import { parseRateCards } from './cards/parse.ts';
import type { Account, BillLine, MessageEvent, RateCardSet, Scenario } from './types.ts';

export * from './core.ts';
export { bundledCardIds, bundledRateCards } from './data/index.ts';
export { diffRateCards, readMetaTitle } from './import/metaRateCards.ts';
export { parseRateCards, validateRateCards } from './cards/parse.ts';

/**
 * The account the core prices with: the bundled cards when it names none; a host's set
 * validated (its problems, if any, are reported by the core with the account's other problems).
 */
function withCards(account: Account | undefined): Account {
  if (account === undefined || account === null) return { rateCards: bundledRateCards };
  if (typeof account !== 'object' || Array.isArray(account)) return account;
  const given = account.rateCards as unknown;
  if (given === undefined) return { ...account, rateCards: bundledRateCards };
  if (recall(given) !== undefined) return account;
  try {
    return { ...account, rateCards: parseRateCards(given) };
  } catch (e) {
    if (!(e instanceof TarifaInputError)) throw e;
    if (typeof given === 'object' && given !== null) return account;
    // JSON text that is not a valid set: its problems, under a key the core recalls.
    const failed = {};
    remember(failed, e.problems);
    return { ...account, rateCards: failed as RateCardSet };
  }
}

/** See engine/pricing/priceEvents.ts; without `account.rateCards`, the bundled cards. */
export function priceEvents(events: readonly MessageEvent[], account: Account = {}): core.Bill {
  return core.priceEvents(events, withCards(account));
}

/** See engine/pricing/priceEvents.ts (the streaming form); without `account.rateCards`, the bundled cards. */
export function createPricer(account: Account = {}, options: core.PricerOptions = {}): core.StreamingPricer {
  return core.createPricer(withCards(account), options);
}

/** See engine/pricing/estimate.ts; without `account.rateCards`, the bundled cards. */
export function estimate(scenario: Scenario, account: Account = {}): core.Estimate {
  return core.estimate(scenario, withCards(account));
}

/** See engine/decisions/compare.ts; without `account.rateCards`, the bundled cards. */
export function comparableMonths(account: Account = {}, today?: string): string[] {
  return core.comparableMonths(withCards(account), today);
}

/** See engine/decisions/compare.ts; without `account.rateCards`, the bundled cards. */
export function compareMonths(
  scenario: Scenario,
  account: Account,
  months: readonly string[],
): core.Comparison {
  return core.compareMonths(scenario, withCards(account), months);
}

/** See engine/decisions/explain.ts; `set` defaults to the bundled cards. */
export function explainLine(
  line: BillLine,
  set: RateCardSet = bundledRateCards,
  currency = 'USD',
): core.Explanation {
  return core.explainLine(line, set, currency);
}

/** See engine/pricing/markets.ts; `rateCards` defaults to the bundled cards, `date` to today (UTC). */
export function marketOf(
  number: string,
  date?: string,
  rateCards: RateCardSet = bundledRateCards,
): MarketInfo | null {
  return core.marketOf(number, date, rateCards);
}

/** See engine/import/messageLog.ts; `markets` defaults to the bundled mapping (`null` skips the check). */
export class MessageLogReader extends importers.MessageLogReader {
  constructor(options: LogOptions = {}) {
    super(withMarkets(options));
  }
}

/** See engine/import/messageLog.ts; `markets` defaults to the bundled mapping. */
export function parseMessageLog(text: string, options: LogOptions = {}): MessageLog {
  return importers.parseMessageLog(text, withMarkets(options));
}

/** See engine/import/metaRateCards.ts; without `markets` or `base`, the bundled mapping and its sources. */
export function importMetaRateCards(files: readonly MetaFile[], options: MetaImportOptions = {}): MetaImport {
  if (options.markets !== undefined || options.base !== undefined) return metaImport(files, options);
  return metaImport(files, {
    ...options,
    markets: bundledRateCards.markets,
    mappingSources: bundledRateCards.sources,
  });
}

function withMarkets(options: LogOptions): LogOptions {
  return options.markets === undefined ? { ...options, markets: bundledRateCards.markets } : options;
}
