import { bundledRateCards } from './data/index.ts';
import { type InputProblem, TarifaInputError } from './errors.ts';
import type { Ledger, Price } from './ledger.ts';
import { countryByIso } from './markets.ts';
import { resolveOptions } from './options.ts';
import { parseRateCards } from './rateCards/parse.ts';
import { cardOn, cardsFor, DISPUTED_FEP_FROM, REGIMES, type Regime, regimeAt } from './regimes.ts';
import { isIsoDate, isTimeZone, parseInstant } from './time.ts';
import type {
  Account,
  PricingOptions,
  RateCard,
  RateCardSet,
  RateCategory,
  TierTable,
  Warning,
} from './types.ts';

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

/** Host card sets already validated, to their normalised frozen copy. */
const normalised = new WeakMap<object, RateCardSet>();

/** Validates an account, pushing every problem; returns null when any was found. */
export function readAccount(account: unknown, problems: InputProblem[]): AccountContext | null {
  const before = problems.length;
  const push = (field: string, code: string, value: unknown) =>
    problems.push({ index: -1, field, code, value });
  if (account === undefined || account === null) account = {};
  if (typeof account !== 'object' || Array.isArray(account)) {
    push('account', 'not_object', account);
    return null;
  }
  const a = account as Account;
  const timeZone = a.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) push('account.timeZone', 'invalid_time_zone', a.timeZone);
  const currency = a.currency ?? 'USD';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    push('account.currency', 'invalid_currency', a.currency);
  let set: RateCardSet = bundledRateCards;
  if (a.rateCards !== undefined) {
    const host = a.rateCards as unknown;
    const known = typeof host === 'object' && host !== null ? normalised.get(host) : undefined;
    if (known !== undefined) set = known;
    else {
      try {
        set = parseRateCards(host);
        if (typeof host === 'object' && host !== null) normalised.set(host, set);
      } catch (e) {
        if (!(e instanceof TarifaInputError)) throw e;
        for (const p of e.problems)
          push(`account.rateCards${p.field === '' ? '' : `.${p.field}`}`, p.code, p.value);
      }
    }
  }
  const businessCountry = a.businessCountry ?? null;
  if (
    businessCountry !== null &&
    (typeof businessCountry !== 'string' || !/^[A-Z]{2}$/.test(businessCountry))
  ) {
    push('account.businessCountry', 'invalid_country', businessCountry);
  }
  let authIntlFromDate: string | null = null;
  let authIntlFromMs = Number.NaN;
  if (a.authInternationalFrom !== undefined) {
    if (isIsoDate(a.authInternationalFrom)) authIntlFromDate = a.authInternationalFrom;
    else if (
      typeof a.authInternationalFrom === 'string' &&
      !Number.isNaN(parseInstant(a.authInternationalFrom))
    ) {
      authIntlFromMs = parseInstant(a.authInternationalFrom);
    } else push('account.authInternationalFrom', 'invalid_date', a.authInternationalFrom);
    if (businessCountry === null)
      push('account.authInternationalFrom', 'requires_business_country', a.authInternationalFrom);
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

const CARRIED = new Set([
  'carried',
  'carried-back',
  'derived',
  'xcheck-other-currency',
  'direct-single-lowconf',
  'assumed', // a ladder from withFormerMarketTiers (engine/rateCards/formerMarketTiers.ts)
]);

/** A price with the warning that must accompany every bill that uses it. */
type Priced = { readonly price: Price; readonly warning: Warning | null };

/**
 * Resolved prices, shared by all calls: cards are immutable, so the answer for a
 * (card, market, column) or a tier band never changes. Stable price objects
 * also keep the ledger's lookups monomorphic.
 */
const listCache = new WeakMap<RateCard, Map<string, Partial<Record<string, Priced>>>>();
const bandCache = new WeakMap<TierTable, (Priced | undefined)[]>();
type TableEntry = { table: TierTable | undefined; warning: Warning | null };
const tableCache = new WeakMap<RateCard, Map<string, Partial<Record<string, TableEntry>>>>();
const noCard = new Map<string, Priced>();

/** The per-column cache of one market on one card. */
function cacheOf<T>(
  cache: WeakMap<RateCard, Map<string, Partial<Record<string, T>>>>,
  card: RateCard,
  market: string,
) {
  let byMarket = cache.get(card);
  if (byMarket === undefined) {
    byMarket = new Map();
    cache.set(card, byMarket);
  }
  let columns = byMarket.get(market);
  if (columns === undefined) {
    columns = {};
    byMarket.set(market, columns);
  }
  return columns;
}

function resolveList(card: RateCard, market: string, column: RateCategory): Priced {
  const row = card.rates[market];
  const cell = row?.[column];
  if (row === undefined || cell === undefined || cell === null || typeof cell === 'object') {
    const reason =
      row === undefined
        ? 'market-not-on-card'
        : cell === null || cell === undefined
          ? 'not-applicable'
          : (cell as { missing: string }).missing;
    return {
      price: { rate: null, card: card.id, missing: reason, tier: null, tierFrom: -1 },
      warning: { code: 'rate_missing', detail: `${card.id}/${market}/${column}/${reason}` },
    };
  }
  const prov = card.provenance?.[`${market}/${column}`];
  return {
    price: { rate: cell, card: card.id, missing: undefined, tier: null, tierFrom: -1 },
    warning:
      prov !== undefined && CARRIED.has(prov.basis)
        ? { code: 'rate_carried', detail: `${card.id}/${market}/${column}/${prov.basis}` }
        : null,
  };
}

/** Looks up list rates and tier bands, raising each warning once per call. */
export class Rates {
  constructor(
    private readonly ledger: Ledger,
    private readonly currency: string,
  ) {}

  private use(p: Priced): Price {
    if (p.warning !== null) this.ledger.note(p.warning);
    return p.price;
  }

  /** The list rate of a column, or a missing price with its reason. */
  list(day: Day, market: string, column: RateCategory): Price {
    const card = day.card;
    if (card === null) {
      const detail = `${this.currency}/${day.month}/${day.regime.model}`;
      let p = noCard.get(detail);
      if (p === undefined) {
        p = {
          price: { rate: null, card: null, missing: 'no-card', tier: null, tierFrom: -1 },
          warning: { code: 'no_card', detail },
        };
        noCard.set(detail, p);
      }
      return this.use(p);
    }
    const columns = cacheOf(listCache, card, market);
    let p = columns[column];
    if (p === undefined) {
      p = resolveList(card, market, column);
      columns[column] = p;
    }
    return this.use(p);
  }

  /** Whether the card prints an authentication-international rate (a figure or a missing one) for the market. */
  hasAuthInternational(day: Day, market: string): boolean {
    const cell = day.card?.rates[market]?.authentication_international;
    return cell !== undefined && cell !== null;
  }

  /** The tier table of a column, or undefined when the card has none (a `tiers_unknown` warning). */
  tiers(
    day: Day,
    market: string,
    column: 'utility' | 'authentication' | 'authentication_international',
  ): TierTable | undefined {
    const card = day.card;
    if (card === null) return undefined;
    const columns = cacheOf(tableCache, card, market);
    let t = columns[column];
    if (t === undefined) {
      const table = card.tiers?.[market]?.[column];
      const detail = `${card.id}/${market}/${column}`;
      // Why the thresholds are unknown, where the card says (`tiersUnknown`): a code after the column.
      const reason = card.tiersUnknown?.[market];
      t = {
        table,
        warning:
          table === undefined
            ? { code: 'tiers_unknown', detail: reason === undefined ? detail : `${detail}/${reason}` }
            : CARRIED.has(table.provenance.basis)
              ? { code: 'tiers_carried', detail }
              : null,
      };
      columns[column] = t;
    }
    if (t.warning !== null) this.ledger.note(t.warning);
    return t.table;
  }

  /** The price of the n-th charged message of the month (1-based) in a tier table. */
  band(day: Day, market: string, column: string, table: TierTable, n: number): Price {
    const bands = table.bands;
    let index = bands.length - 1;
    for (let i = 0; i < bands.length; i++) {
      const to = bands[i]!.to;
      if (to === null || n <= to) {
        index = i;
        break;
      }
    }
    let cached = bandCache.get(table);
    if (cached === undefined) {
      cached = [];
      bandCache.set(table, cached);
    }
    let p = cached[index];
    if (p === undefined) {
      const band = bands[index]!;
      const tier = `${band.from}:${band.to === null ? 'MAX' : band.to}`;
      const card = day.card!.id;
      if (typeof band.rate === 'string') {
        p = {
          price: { rate: band.rate, card, missing: undefined, tier, tierFrom: band.from },
          warning: null,
        };
      } else {
        const reason = band.rate === null ? 'not-applicable' : band.rate.missing;
        p = {
          price: { rate: null, card, missing: `tier-${reason}`, tier, tierFrom: band.from },
          warning: { code: 'tier_rate_missing', detail: `${card}/${market}/${column}/${tier}/${reason}` },
        };
      }
      cached[index] = p;
    }
    return this.use(p);
  }
}
