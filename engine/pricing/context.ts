import type { AccountProblemCode, InputProblem } from '../errors.ts';
import type { Ledger, Price } from './ledger.ts';
import { countryByIso } from './markets.ts';
import { type OptionProblem, resolveOptions } from './options.ts';
import { recall } from '../cards/checked.ts';
import type { RateCardProblemCode } from '../cards/parse.ts';
import {
  cardOn,
  cardsFor,
  DIRECT_SEND_FROM,
  DISPUTED_FEP_FROM,
  REGIMES,
  type Regime,
  regimeAt,
  US_MARKETING_PAUSED_FROM,
} from './regimes.ts';
import { isIsoDate, isTimeZone, parseInstant } from '../time.ts';
import type {
  Account,
  CellMissingReason,
  PricingOptions,
  RateCard,
  RateCardSet,
  RateCategory,
  TieredColumn,
  TierTable,
  Warning,
} from '../types.ts';

/** When the authentication-international rate starts: a local date, or an instant in ms. */
export type AuthStart = { readonly date: string | null; readonly ms: number };

/** One WABA of the portfolio. */
export type WabaContext = { readonly id: string; readonly timeZone: string };

/** What one call knows about the account, after validation. */
export type AccountContext = {
  readonly set: RateCardSet;
  readonly currency: string;
  readonly timeZone: string;
  readonly options: PricingOptions;
  readonly businessCountry: string | null;
  /** Auth-international start for every recipient (single form), or null. */
  readonly authIntl: AuthStart | null;
  /** Per-market / per-country starts (map form), or null. */
  readonly authIntlBy: ReadonlyMap<string, AuthStart> | null;
  /** The local date from which the account's currency breaks Meta's local-currency rule, or null. */
  readonly currencyRequiredFrom: string | null;
  readonly cards: readonly RateCard[];
  /** The portfolio's WABAs (one, `default`, when the account lists none). */
  readonly wabas: readonly WabaContext[];
  /** Whether the account lists its WABAs (events then name theirs; lines carry it when >1). */
  readonly listsWabas: boolean;
};

/** Meta's local-currency requirement: businesses of a country must bill in its currency from a date. */
export const CURRENCY_REQUIREMENTS: Readonly<Record<string, { currency: string; from: string }>> = {
  IN: { currency: 'INR', from: '2027-01-01' },
  BR: { currency: 'BRL', from: '2027-07-01' },
};

const ACCOUNT_FIELDS = new Set([
  'timeZone',
  'currency',
  'businessCountry',
  'authInternationalFrom',
  'rateCards',
  'options',
  'wabas',
]);
const WABA_FIELDS = new Set(['timeZone']);

/** The set when none is given or usable: no cards, no markets (the call throws anyway). */
const NO_CARDS: RateCardSet = {
  formatVersion: 1,
  reviewedThrough: '0000-01-01',
  cards: [],
  markets: { defaultMarket: '', countries: [] },
  sources: {},
};

function readStart(
  value: unknown,
  field: string,
  push: (f: string, c: AccountProblemCode, v: unknown) => void,
) {
  if (isIsoDate(value)) return { date: value, ms: Number.NaN };
  if (typeof value === 'string' && !Number.isNaN(parseInstant(value)))
    return { date: null, ms: parseInstant(value) };
  push(field, 'invalid_date', value);
  return null;
}

/**
 * Validates an account, pushing every problem. Always returns a context (with
 * defaults in place of invalid values) so that callers go on validating the rest
 * of their input; callers throw when `problems` is not empty.
 */
export function readAccount(account: unknown, problems: InputProblem[]): AccountContext {
  const push = (field: string, code: AccountProblemCode, value: unknown) =>
    problems.push({ index: -1, field, code, value });
  if (account === undefined || account === null) account = {};
  const accountIsObject = typeof account === 'object' && !Array.isArray(account);
  if (!accountIsObject) {
    push('account', 'not_object', account);
    account = {};
  }
  const a = account as Account;
  for (const key of Object.keys(a)) {
    if (!ACCOUNT_FIELDS.has(key)) push(`account.${key}`, 'unknown_field', (a as never)[key]);
  }
  let timeZone = a.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    push('account.timeZone', 'invalid_time_zone', a.timeZone);
    timeZone = 'UTC';
  }
  let currency = a.currency ?? 'USD';
  let currencyValid = true;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    push('account.currency', 'invalid_currency', a.currency);
    currency = 'USD';
    currencyValid = false;
  }
  // The card set: one the engine has checked (engine/cards/checked.ts): a bundled data
  // module, or a host's set after parseRateCards. The public entry (engine/index.ts) passes the
  // bundled set when the account names none and validates a host's set first; this core has no
  // cards and no validator of its own.
  let set: RateCardSet | null = null;
  const host = a.rateCards as unknown;
  const known = recall(host);
  if (known === undefined) {
    if (accountIsObject) push('account.rateCards', host === undefined ? 'required' : 'not_validated', host);
  } else if (Array.isArray(known)) {
    for (const p of known as readonly InputProblem[])
      push(`account.rateCards${p.field === '' ? '' : `.${p.field}`}`, p.code as RateCardProblemCode, p.value);
  } else set = known as RateCardSet;
  let businessCountry = a.businessCountry ?? null;
  if (
    businessCountry !== null &&
    (typeof businessCountry !== 'string' || !/^[A-Z]{2}$/.test(businessCountry))
  ) {
    push('account.businessCountry', 'invalid_country', businessCountry);
    businessCountry = null;
  } else if (
    businessCountry !== null &&
    set !== null &&
    countryByIso(set.markets, businessCountry) === null
  ) {
    push('account.businessCountry', 'unknown_country', businessCountry);
    businessCountry = null;
  }
  let authIntl: AuthStart | null = null;
  let authIntlBy: Map<string, AuthStart> | null = null;
  const from = a.authInternationalFrom as unknown;
  if (from !== undefined) {
    if (typeof from === 'object' && from !== null && !Array.isArray(from)) {
      authIntlBy = new Map();
      const markets = new Set<string>();
      for (const c of set?.cards ?? []) for (const m of Object.keys(c.rates)) markets.add(m);
      for (const [key, value] of Object.entries(from)) {
        const field = `account.authInternationalFrom.${key}`;
        const isCountry = /^[A-Z]{2}$/.test(key) && set !== null && countryByIso(set.markets, key) !== null;
        if (set !== null && !isCountry && !markets.has(key)) push(field, 'unknown_market', key);
        const start = readStart(value, field, push);
        if (start !== null) authIntlBy.set(key, start);
      }
    } else authIntl = readStart(from, 'account.authInternationalFrom', push);
    if (a.businessCountry === undefined || a.businessCountry === null)
      push('account.authInternationalFrom', 'requires_business_country', from);
  }
  const optionProblems: OptionProblem[] = [];
  const options = resolveOptions(a.options, optionProblems);
  for (const p of optionProblems) push(p.field, p.code, p.value);
  const wabas: WabaContext[] = [];
  const listed = a.wabas as unknown;
  if (listed !== undefined) {
    if (typeof listed !== 'object' || listed === null || Array.isArray(listed)) {
      push('account.wabas', 'not_object', listed);
    } else {
      for (const [id, w] of Object.entries(listed)) {
        const at = `account.wabas.${id}`;
        if (id === '') push(at, 'invalid_waba', id);
        if (typeof w !== 'object' || w === null || Array.isArray(w)) {
          push(at, 'not_object', w);
          continue;
        }
        for (const key of Object.keys(w))
          if (!WABA_FIELDS.has(key)) push(`${at}.${key}`, 'unknown_field', (w as never)[key]);
        let zone = (w as { timeZone?: unknown }).timeZone ?? timeZone;
        if (!isTimeZone(zone)) {
          push(`${at}.timeZone`, 'invalid_time_zone', zone);
          zone = timeZone;
        }
        wabas.push({ id, timeZone: zone as string });
      }
      if (Object.keys(listed).length === 0) push('account.wabas', 'empty', listed);
    }
  }
  const listsWabas = wabas.length > 0;
  if (!listsWabas) wabas.push({ id: 'default', timeZone });
  const cards = set === null ? [] : cardsFor(set, currency);
  if (set !== null && cards.length === 0 && currencyValid)
    push('account.currency', 'currency_without_cards', currency);
  const rule = businessCountry === null ? undefined : CURRENCY_REQUIREMENTS[businessCountry];
  const currencyRequiredFrom = rule !== undefined && rule.currency !== currency ? rule.from : null;
  return {
    set: set ?? NO_CARDS,
    currency,
    timeZone,
    options,
    businessCountry,
    authIntl,
    authIntlBy,
    currencyRequiredFrom,
    cards,
    wabas,
    listsWabas,
  };
}

/** The auth-international start for a recipient country and market, or null (never). */
export function authStartFor(ctx: AccountContext, iso2: string, market: string): AuthStart | null {
  if (ctx.authIntlBy === null) return ctx.authIntl;
  return ctx.authIntlBy.get(iso2) ?? ctx.authIntlBy.get(market) ?? null;
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
  /** Before June 2023: no regime; such events are left out with a warning. */
  readonly unsupported: boolean;
  /** Meta requires another billing currency of this business from this day (INR/BRL rule). */
  readonly currencyRequired: boolean;
  /** Marketing templates to US (+1) numbers are not delivered (Meta, from 2025-04-01). */
  readonly usMarketingPaused: boolean;
  /** Direct Send (a free-form message with a category) exists on this day. */
  readonly directSend: boolean;
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
    currencyRequired: ctx.currencyRequiredFrom !== null && date >= ctx.currencyRequiredFrom,
    usMarketingPaused: date >= US_MARKETING_PAUSED_FROM,
    directSend: date >= DIRECT_SEND_FROM,
  };
}

const CARRIED = new Set([
  'carried',
  'carried-back',
  'derived',
  'xcheck-other-currency',
  'direct-single-lowconf',
  'assumed', // a ladder from withFormerMarketTiers (engine/cards/formerMarketTiers.ts)
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

/** A missing cell's reason as a code (a host card may give its own words: `other`). */
function cellReason(cell: { readonly missing: string }): CellMissingReason {
  return cell.missing === 'not-found' || cell.missing === 'conflict' ? cell.missing : 'other';
}

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
        : typeof cell === 'object' && cell !== null
          ? cellReason(cell)
          : 'not-applicable';
    return {
      price: { rate: null, card: card.id, missing: reason, tier: null, tierFrom: -1 },
      warning: { code: 'rate_missing', detail: Object.freeze({ card: card.id, market, column, reason }) },
    };
  }
  const prov = card.provenance?.[`${market}/${column}`];
  return {
    price: { rate: cell, card: card.id, missing: undefined, tier: null, tierFrom: -1 },
    warning:
      prov !== undefined && CARRIED.has(prov.basis)
        ? {
            code: 'rate_carried',
            detail: Object.freeze({ card: card.id, market, column, basis: prov.basis }),
          }
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
      const key = `${this.currency}/${day.month}/${day.regime.model}`;
      let p = noCard.get(key);
      if (p === undefined) {
        p = {
          price: { rate: null, card: null, missing: 'no-card', tier: null, tierFrom: -1 },
          warning: {
            code: 'no_card',
            detail: Object.freeze({ currency: this.currency, month: day.month, model: day.regime.model }),
          },
        };
        noCard.set(key, p);
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
  tiers(day: Day, market: string, column: TieredColumn): TierTable | undefined {
    const card = day.card;
    if (card === null) return undefined;
    const columns = cacheOf(tableCache, card, market);
    let t = columns[column];
    if (t === undefined) {
      const table = card.tiers?.[market]?.[column];
      const detail = { card: card.id, market, column };
      // Why the thresholds are unknown, where the card says (`tiersUnknown`): a code after the column.
      const reason = card.tiersUnknown?.[market];
      t = {
        table,
        warning:
          table === undefined
            ? {
                code: 'tiers_unknown',
                detail: Object.freeze(reason === undefined ? detail : { ...detail, reason }),
              }
            : CARRIED.has(table.provenance.basis)
              ? { code: 'tiers_carried', detail: Object.freeze(detail) }
              : null,
      };
      columns[column] = t;
    }
    if (t.warning !== null) this.ledger.note(t.warning);
    return t.table;
  }

  /** The price of the n-th charged message of the month (1-based) in a tier table. */
  band(day: Day, market: string, column: TieredColumn, table: TierTable, n: number): Price {
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
      const tier = Object.freeze({ from: band.from, to: band.to });
      const card = day.card!.id;
      if (typeof band.rate === 'string') {
        p = {
          price: { rate: band.rate, card, missing: undefined, tier, tierFrom: band.from },
          warning: null,
        };
      } else {
        const reason = band.rate === null ? 'not-applicable' : cellReason(band.rate);
        p = {
          price: { rate: null, card, missing: `tier-${reason}`, tier, tierFrom: band.from },
          warning: {
            code: 'tier_rate_missing',
            detail: Object.freeze({ card, market, column, tier, reason }),
          },
        };
      }
      cached[index] = p;
    }
    return this.use(p);
  }
}
