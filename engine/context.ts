import { bundledRateCards } from './data/index.ts';
import type { InputProblem } from './errors.ts';
import type { Ledger, Price } from './ledger.ts';
import { countryByIso } from './markets.ts';
import { resolveOptions } from './options.ts';
import { validateRateCards } from './rateCards/parse.ts';
import { cardOn, cardsFor, DISPUTED_FEP_FROM, REGIMES, type Regime, regimeAt } from './regimes.ts';
import { isIsoDate, isTimeZone, parseInstant } from './time.ts';
import type { Account, PricingOptions, RateCard, RateCardSet, RateCategory, TierTable } from './types.ts';

/** What one call knows about the account, after validation. */
export type AccountContext = {
  readonly set: RateCardSet;
  readonly currency: string;
  readonly timeZone: string;
  readonly options: PricingOptions;
  readonly businessCountry: string | null;
  /** Auth-international start: a local date, or an instant in ms. */
  readonly authIntlFromDate: string | null;
  readonly authIntlFromMs: number;
  readonly cards: readonly RateCard[];
};

const validatedSets = new WeakSet<object>();

/** Validates an account, pushing every problem; returns null when any was found. */
export function readAccount(account: unknown, problems: InputProblem[]): AccountContext | null {
  const before = problems.length;
  const push = (field: string, code: string, value: unknown) => problems.push({ index: -1, field, code, value });
  if (account === undefined || account === null) account = {};
  if (typeof account !== 'object' || Array.isArray(account)) {
    push('account', 'not_object', account);
    return null;
  }
  const a = account as Account;
  const timeZone = a.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) push('account.timeZone', 'invalid_time_zone', a.timeZone);
  const currency = a.currency ?? 'USD';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) push('account.currency', 'invalid_currency', a.currency);
  let set: RateCardSet = bundledRateCards;
  if (a.rateCards !== undefined) {
    if (typeof a.rateCards === 'object' && a.rateCards !== null && validatedSets.has(a.rateCards)) {
      set = a.rateCards;
    } else {
      const found = validateRateCards(a.rateCards);
      for (const p of found) push(`account.rateCards.${p.field}`, p.code, p.value);
      if (found.length === 0) {
        set = a.rateCards;
        if (typeof a.rateCards === 'object' && a.rateCards !== null) validatedSets.add(a.rateCards);
      }
    }
  }
  const businessCountry = a.businessCountry ?? null;
  if (businessCountry !== null && (typeof businessCountry !== 'string' || !/^[A-Z]{2}$/.test(businessCountry))) {
    push('account.businessCountry', 'invalid_country', businessCountry);
  }
  let authIntlFromDate: string | null = null;
  let authIntlFromMs = Number.NaN;
  if (a.authInternationalFrom !== undefined) {
    if (isIsoDate(a.authInternationalFrom)) authIntlFromDate = a.authInternationalFrom;
    else if (typeof a.authInternationalFrom === 'string' && !Number.isNaN(parseInstant(a.authInternationalFrom))) {
      authIntlFromMs = parseInstant(a.authInternationalFrom);
    } else push('account.authInternationalFrom', 'invalid_date', a.authInternationalFrom);
    if (businessCountry === null) push('account.authInternationalFrom', 'requires_business_country', a.authInternationalFrom);
  }
  const optionProblems: { field: string; code: string; value: unknown }[] = [];
  const options = resolveOptions(a.options, optionProblems);
  for (const p of optionProblems) push(p.field, p.code, p.value);
  if (problems.length > before) return null;
  const cards = cardsFor(set, currency);
  if (cards.length === 0) {
    push('account.currency', 'currency_without_cards', currency);
    return null;
  }
  if (businessCountry !== null && countryByIso(set.markets, businessCountry) === null) {
    push('account.businessCountry', 'unknown_country', businessCountry);
    return null;
  }
  return { set, currency, timeZone, options, businessCountry, authIntlFromDate, authIntlFromMs, cards };
}

/** Everything that depends only on the local date. */
export type Day = {
  readonly date: string;
  readonly month: string;
  readonly regime: Regime;
  readonly card: RateCard | null;
  /** Free-entry-point window length for a window opened this day. */
  readonly fepMs: number;
  readonly afterReviewed: boolean;
  /** Before June 2023: no regime; callers reject such input. */
  readonly unsupported: boolean;
};

export function dayOf(ctx: AccountContext, date: string): Day {
  const found = regimeAt(date);
  const regime = found ?? REGIMES[0]!;
  let card = cardOn(ctx.cards, date);
  if (card !== null && card.model !== regime.model) card = null;
  const sevenDays = ctx.options.freeEntryPointWindowFromSep2026 === '7d' && date >= DISPUTED_FEP_FROM;
  return {
    date,
    month: date.slice(0, 7),
    regime,
    card,
    fepMs: (sevenDays ? 168 : regime.freeEntryPointHours) * 3_600_000,
    afterReviewed: date > ctx.set.reviewedThrough,
    unsupported: found === null,
  };
}

const CARRIED = new Set(['carried', 'carried-back', 'derived', 'xcheck-other-currency', 'direct-single-lowconf']);

/**
 * Resolves list rates and tier bands of cards, remembering each answer and
 * raising each warning once per call.
 */
export class Rates {
  private readonly cache = new Map<string, Price>();
  constructor(
    private readonly ledger: Ledger,
    private readonly currency: string,
  ) {}

  /** The list rate of a column, or a missing price with its reason. */
  list(day: Day, market: string, column: RateCategory): Price {
    const card = day.card;
    const key = `${card?.id}|${market}|${column}`;
    let p = this.cache.get(key);
    if (p !== undefined) return p;
    if (card === null) {
      this.ledger.warn('no_card', `${this.currency}/${day.month}/${day.regime.model}`);
      p = { rate: null, card: null, missing: 'no-card', tier: null, tierFrom: -1 };
    } else {
      const row = card.rates[market];
      const cell = row?.[column];
      if (row === undefined || cell === undefined || cell === null || typeof cell === 'object') {
        const reason =
          row === undefined ? 'market-not-on-card' : cell === null || cell === undefined ? 'not-applicable' : cell.missing;
        this.ledger.warn('rate_missing', `${card.id}/${market}/${column}/${reason}`);
        p = { rate: null, card: card.id, missing: reason, tier: null, tierFrom: -1 };
      } else {
        const prov = card.provenance?.[`${market}/${column}`];
        if (prov !== undefined && CARRIED.has(prov.basis)) {
          this.ledger.warn('rate_carried', `${card.id}/${market}/${column}/${prov.basis}`);
        }
        p = { rate: cell, card: card.id, missing: undefined, tier: null, tierFrom: -1 };
      }
    }
    this.cache.set(key, p);
    return p;
  }

  /** Whether the card prints an authentication-international rate (a figure or a missing one) for the market. */
  hasAuthInternational(day: Day, market: string): boolean {
    const cell = day.card?.rates[market]?.authentication_international;
    return cell !== undefined && cell !== null;
  }

  /** The tier table of a column, or undefined when the card has none (a `tiers_unknown` warning). */
  tiers(day: Day, market: string, column: 'utility' | 'authentication' | 'authentication_international'): TierTable | undefined {
    const card = day.card;
    if (card === null) return undefined;
    const table = card.tiers?.[market]?.[column];
    if (table === undefined) this.ledger.warn('tiers_unknown', `${card.id}/${market}/${column}`);
    else if (CARRIED.has(table.provenance.basis)) this.ledger.warn('tiers_carried', `${card.id}/${market}/${column}`);
    return table;
  }

  /** The price of the n-th charged message of the month (1-based) in a tier table. */
  band(day: Day, market: string, column: string, table: TierTable, n: number): Price {
    let index = table.bands.length - 1;
    for (let i = 0; i < table.bands.length; i++) {
      const to = table.bands[i]!.to;
      if (to === null || n <= to) {
        index = i;
        break;
      }
    }
    const key = `${day.card!.id}|${market}|${column}|#${index}`;
    let p = this.cache.get(key);
    if (p !== undefined) return p;
    const band = table.bands[index]!;
    const tier = `${band.from}:${band.to === null ? 'MAX' : band.to}`;
    if (typeof band.rate === 'string') {
      p = { rate: band.rate, card: day.card!.id, missing: undefined, tier, tierFrom: band.from };
    } else {
      const reason = band.rate === null ? 'not-applicable' : band.rate.missing;
      this.ledger.warn('tier_rate_missing', `${day.card!.id}/${market}/${column}/${tier}/${reason}`);
      p = { rate: null, card: day.card!.id, missing: `tier-${reason}`, tier, tierFrom: band.from };
    }
    this.cache.set(key, p);
    return p;
  }
}
