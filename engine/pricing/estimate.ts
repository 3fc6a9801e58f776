import { authStartFor, CURRENCY_REQUIREMENTS, type Day, dayOf, Rates, readAccount } from './context.ts';
import { type InputProblem, TarifaInputError, type ScenarioProblemCode } from '../errors.ts';
import { FREE, Ledger, type LineGroup, type Price } from './ledger.ts';
import { countryByIso, periodOn } from './markets.ts';
import { FIRST_DATE } from './regimes.ts';
import { isIsoMonth, LocalCalendar, monthDays } from '../time.ts';
import type {
  Account,
  BillCategory,
  CountryVolume,
  Estimate,
  PricingType,
  Scenario,
  TierTable,
} from '../types.ts';

const MAX_VOLUME = 1e12;
const VOLUME_FIELDS = ['marketing', 'utility', 'authentication', 'conversations'] as const;
const SHARE_FIELDS = ['entryPointShare', 'utilityInWindowShare', 'authInternationalShare'] as const;
const SCENARIO_FIELDS = new Set(['month', 'countries', 'assumptions']);
const ASSUMPTION_FIELDS = new Set([...SHARE_FIELDS, 'phoneNumbers', 'templatesPerConversation']);
const COUNTRY_FIELDS = new Set(['country', ...VOLUME_FIELDS, 'repliesPerConversation', 'waba']);

const calendars = new Map<string, LocalCalendar<string>>();
/** A calendar per zone, kept (building its formatter is slow; it depends only on the zone). */
function calendarOf(zone: string): LocalCalendar<string> {
  let c = calendars.get(zone);
  if (c === undefined) {
    c = new LocalCalendar<string>(zone, (d) => d);
    calendars.set(zone, c);
  }
  return c;
}

/** Unknown keys of a plain object, each an `unknown_field` problem at its path. */
function unknownKeys(
  o: object,
  known: ReadonlySet<string>,
  path: string,
  push: (field: string, code: ScenarioProblemCode, value: unknown) => void,
): void {
  for (const key of Object.keys(o))
    if (!known.has(key)) push(`${path}.${key}`, 'unknown_field', (o as never)[key]);
}

/** The whole messages of a count that a share (0–1) stands for: rounded to the nearest, halves up. */
export function shareOf(count: number, share: number): number {
  return Math.min(count, Math.max(0, Math.round(count * share)));
}

/**
 * Splits `amount` units among `weights` in proportion (largest remainder, ties
 * to the earlier entry). Exact integers throughout; `amount ≤ Σ weights`.
 */
export function apportion(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || amount === 0) return weights.map(() => 0);
  const A = BigInt(amount);
  const W = BigInt(total);
  const out = weights.map((w) => Number((A * BigInt(w)) / W));
  let left = amount - out.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (A * BigInt(w)) % W }))
    .sort((x, y) => (x.rem === y.rem ? x.i - y.i : x.rem > y.rem ? -1 : 1));
  for (const { i } of order) {
    if (left === 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

type Row = {
  readonly country: string;
  readonly market: string;
  /** Index in the account's WABAs of the row's `waba`; -1 when the scenario names none (the portfolio as a whole). */
  readonly waba: number;
  /** The id for bill lines: set only when the row names a WABA and the account lists more than one. */
  readonly wabaLine: string | undefined;
  group?: LineGroup;
  readonly v: { [K in (typeof VOLUME_FIELDS)[number]]: number };
  readonly service: number;
  readonly ambiguous: boolean;
};

/**
 * The bill of one month from monthly volumes per country: analytic, instant,
 * and equal to `priceEvents` on any event stream that realises the same
 * assumptions (see docs/estimate.md for the realising stream of each input).
 */
export function estimate(scenario: Scenario, account: Account = {}): Estimate {
  const problems: InputProblem[] = [];
  const ctx = readAccount(account, problems);
  const push = (field: string, code: ScenarioProblemCode, value: unknown) =>
    problems.push({ index: -1, field, code, value });
  if (typeof scenario !== 'object' || scenario === null) {
    push('scenario', 'not_object', scenario);
    throw new TarifaInputError(problems);
  }
  unknownKeys(scenario, SCENARIO_FIELDS, 'scenario', push);
  const month = scenario.month;
  if (!isIsoMonth(month)) push('scenario.month', 'invalid_month', month);
  else if (`${month}-01` < FIRST_DATE) push('scenario.month', 'before_supported_period', month);
  let a = scenario.assumptions ?? {};
  if (typeof a !== 'object' || a === null || Array.isArray(a)) {
    push('scenario.assumptions', 'not_object', a);
    a = {};
  } else unknownKeys(a, ASSUMPTION_FIELDS, 'scenario.assumptions', push);
  const shares = { entryPointShare: 0, utilityInWindowShare: 0, authInternationalShare: 0 };
  for (const f of SHARE_FIELDS) {
    const v = a[f];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
      push(`scenario.assumptions.${f}`, 'invalid_share', v);
    else shares[f] = v;
  }
  const phones = a.phoneNumbers ?? 1;
  if (!Number.isInteger(phones) || phones < 1 || phones > 1e6)
    push('scenario.assumptions.phoneNumbers', 'invalid_count', phones);
  const perConversation = a.templatesPerConversation ?? 1;
  if (!Number.isInteger(perConversation) || perConversation < 1 || perConversation > 1e6) {
    push('scenario.assumptions.templatesPerConversation', 'invalid_count', perConversation);
  }
  if (!Array.isArray(scenario.countries)) push('scenario.countries', 'not_array', scenario.countries);
  const rows: Row[] = [];
  const seen = new Set<string>();
  const date = `${month}-01`;
  const countries: readonly CountryVolume[] = Array.isArray(scenario.countries) ? scenario.countries : [];
  // Portfolio split: rows name their WABA (then every row must, when the account lists several).
  const wabaIndex = new Map(ctx.wabas.map((w, i) => [w.id, i]));
  const split = countries.some((c) => typeof c === 'object' && c !== null && c.waba !== undefined);
  const severalWabas = ctx.wabas.length > 1;
  for (let i = 0; i < countries.length; i++) {
    const c = countries[i]!;
    const at = (field: string) => `scenario.countries[${i}]${field}`;
    if (typeof c !== 'object' || c === null) {
      push(at(''), 'not_object', c);
      continue;
    }
    unknownKeys(c, COUNTRY_FIELDS, at(''), push);
    let waba = -1;
    if (split) {
      // Without `waba`: the only WABA; else a problem.
      waba = wabaIndex.get(c.waba as string) ?? (c.waba === undefined && !severalWabas ? 0 : -1);
      if (waba < 0) push(at('.waba'), c.waba === undefined ? 'missing_waba' : 'unknown_waba', c.waba);
    }
    const entry = typeof c.country !== 'string' ? null : countryByIso(ctx.set.markets, c.country);
    // A country once per WABA (once in all when the rows name no WABA).
    const key = `${waba}|${c.country}`;
    if (entry === null) push(at('.country'), 'unknown_country', c.country);
    else if (seen.has(key)) push(at('.country'), 'duplicate_country', c.country);
    seen.add(key);
    const v = { marketing: 0, utility: 0, authentication: 0, conversations: 0 };
    for (const f of VOLUME_FIELDS) {
      const x = c[f];
      if (x === undefined) continue;
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > MAX_VOLUME)
        push(at(`.${f}`), 'invalid_volume', x);
      else v[f] = x;
    }
    const replies = c.repliesPerConversation ?? 0;
    if (typeof replies !== 'number' || !Number.isFinite(replies) || replies < 0 || replies > 1e6) {
      push(at('.repliesPerConversation'), 'invalid_volume', replies);
    }
    const service = Math.round(v.conversations * (Number.isFinite(replies) ? replies : 0));
    if (service > MAX_VOLUME) push(at('.repliesPerConversation'), 'invalid_volume', replies);
    if (entry !== null) {
      const period = periodOn(entry, date);
      const market = period?.market ?? ctx.set.markets.defaultMarket;
      rows.push({
        country: entry.iso2,
        market,
        waba,
        wabaLine: waba >= 0 && severalWabas ? ctx.wabas[waba]!.id : undefined,
        v,
        service,
        ambiguous: period?.confidence === 'ambiguous',
      });
    }
  }
  if (problems.length > 0) throw new TarifaInputError(problems);

  const ledger = new Ledger();
  const rates = new Rates(ledger, ctx.currency);
  const day = dayOf(ctx, date);
  if (day.afterReviewed) ledger.warn('after_reviewed_period', { month: day.month });
  if (day.currencyRequired) {
    const country = ctx.businessCountry!;
    const required = CURRENCY_REQUIREMENTS[country]!;
    ledger.warn('account_currency_required', { country, currency: required.currency, from: required.from });
  }
  for (const row of rows)
    if (row.ambiguous) ledger.warn('market_ambiguous', { country: row.country, market: row.market });
  // Marketing templates to US numbers are not delivered from 2025-04-01: left off the lines, counted in a warning.
  if (day.usMarketingPaused) {
    for (const row of rows) {
      if (row.country === 'US' && row.v.marketing > 0) {
        ledger.warn('us_marketing_undeliverable', { count: row.v.marketing });
        row.v.marketing = 0;
      }
    }
  }
  const last = `${month}-${String(monthDays(month)).padStart(2, '0')}`;
  /** The part of a country's authentication priced international: none, all of it, or the assumed share. */
  const international = (row: Row): number => {
    if (ctx.businessCountry === null || ctx.businessCountry === row.country) return 0;
    if (!rates.hasAuthInternational(day, row.market)) return 0;
    const start = authStartFor(ctx, row.country, row.market);
    if (start === null) return 0;
    // An instant starts the rate at a different local time in each WABA's zone.
    const zone = row.waba >= 0 ? ctx.wabas[row.waba]!.timeZone : ctx.timeZone;
    const calendar = start.date === null ? calendarOf(zone) : null;
    const first = start.date ?? calendar!.dateOf(start.ms);
    if (first > last) return 0;
    // In force from the month's first instant: every message; from inside the month: the assumed share.
    const before = start.date !== null ? start.date <= date : calendar!.dateOf(start.ms - 1) < date;
    return before ? 1 : shares.authInternationalShare;
  };
  const exempt = ctx.options.paidServiceExempt;
  const input = {
    rows,
    shares,
    phones,
    perConversation,
    international,
    allowanceScope: ctx.options.serviceAllowanceScope,
    exempt,
    wabas: ctx.wabas.length,
    split,
  };
  if (day.regime.model === 'CBP') conversationBased(ledger, rates, day, input);
  else perMessage(ledger, rates, day, input);

  const { total, incomplete, lines, warnings } = ledger.finish();
  // One month, one card: every priced line of an estimate comes from the card in force on the 1st.
  const cards = day.card === null ? [] : [day.card.id];
  const result: { -readonly [K in keyof Estimate]: Estimate[K] } = {
    currency: ctx.currency,
    total,
    incomplete,
    lines,
    warnings,
    month,
    model: day.regime.model,
    regime: day.regime.id,
    cards,
  };
  if (day.afterReviewed) {
    result.projected = true;
    result.projectedWith = day.card?.id ?? null;
  }
  return result;
}

type Input = {
  readonly rows: readonly Row[];
  readonly shares: { entryPointShare: number; utilityInWindowShare: number; authInternationalShare: number };
  readonly phones: number;
  readonly perConversation: number;
  /** Share (0–1) of a row's authentication priced international. */
  readonly international: (row: Row) => number;
  readonly allowanceScope: 'phone_number' | 'account';
  /** Option `paidServiceExempt`: service is never charged. */
  readonly exempt: boolean;
  /** WABAs of the portfolio: each has its own CBP free tier (and its own allowance with scope `account`). */
  readonly wabas: number;
  /** The rows name their WABA: per-WABA allowances apply to each WABA's own rows. */
  readonly split: boolean;
};

function conversationBased(ledger: Ledger, rates: Rates, day: Day, x: Input): void {
  const groupOf = (row: Row) =>
    (row.group ??= ledger.group(day.month, row.country, row.market, row.wabaLine));
  const f = x.shares.entryPointShare;
  const k = x.perConversation;
  const convs = (templates: number) => Math.ceil(templates / k);
  const regularService: number[] = [];
  for (const row of x.rows) {
    const add = (category: BillCategory, type: 'regular' | 'free_entry_point', count: number, price: Price) =>
      count > 0 && ledger.add(groupOf(row), 'CBP', category, type, price, count);
    const fepConversations = shareOf(row.v.conversations, f);
    add('service', 'free_entry_point', fepConversations, FREE);
    regularService.push(row.v.conversations - fepConversations);
    let unrealised = 0;
    for (const category of ['marketing', 'utility', 'authentication'] as const) {
      // Templates inside free-entry-point windows ride on the free-entry-point conversations;
      // with none, they are priced as ordinary conversations and the warning counts them.
      const inWindow = shareOf(row.v[category], f);
      const fep = fepConversations > 0 ? inWindow : 0;
      unrealised += inWindow - fep;
      const rest = row.v[category] - fep;
      const share = category === 'authentication' ? x.international(row) : 0;
      if (share > 0) {
        const intl = shareOf(rest, share);
        add(category, 'regular', convs(rest - intl), rates.list(day, row.market, category));
        const column = 'authentication_international';
        add(column, 'regular', convs(intl), rates.list(day, row.market, column));
      } else add(category, 'regular', convs(rest), rates.list(day, row.market, category));
    }
    if (unrealised > 0)
      ledger.warn('entry_point_without_conversations', { country: row.country, count: unrealised });
  }
  const service = day.regime.service;
  const allowance = service.charged && !x.exempt ? service.freeAllowance : Number.POSITIVE_INFINITY;
  splitAllowance(ledger, rates, day, x, regularService, allowance, true, 'CBP', 'free_tier', groupOf);
}

/**
 * Service traffic per country, the free part shared by the countries in
 * proportion to their volume (largest remainder), the rest at the service rate.
 * A per-WABA `allowance` (`perWaba`) is each WABA's own when the rows name their
 * WABA, else the portfolio's (× its WABAs) shared by all rows.
 */
function splitAllowance(
  ledger: Ledger,
  rates: Rates,
  day: Day,
  x: Input,
  counts: readonly number[],
  allowance: number,
  perWaba: boolean,
  model: 'CBP' | 'PMP',
  freeType: 'free_tier' | 'free_customer_service',
  groupOf: (row: Row) => LineGroup,
): void {
  const own = perWaba && x.split;
  if (perWaba && !own) allowance *= x.wabas;
  for (let w = own ? 0 : -1; w < (own ? x.wabas : 0); w++) {
    const k = counts.flatMap((_, i) => (own && x.rows[i]!.waba !== w ? [] : [i]));
    const part = k.map((i) => counts[i]!);
    const total = part.reduce((p, q) => p + q, 0);
    const free = allowance >= total ? part : apportion(allowance, part);
    k.forEach((i, j) => {
      const row = x.rows[i]!;
      const all = part[j]!;
      const freeHere = free[j]!;
      if (freeHere > 0) ledger.add(groupOf(row), model, 'service', freeType, FREE, freeHere);
      if (all > freeHere) {
        ledger.add(
          groupOf(row),
          model,
          'service',
          'regular',
          rates.list(day, row.market, 'service'),
          all - freeHere,
        );
      }
    });
  }
}

function perMessage(ledger: Ledger, rates: Rates, day: Day, x: Input): void {
  const groupOf = (row: Row) =>
    (row.group ??= ledger.group(day.month, row.country, row.market, row.wabaLine));
  const add = (row: Row, category: BillCategory, type: PricingType, count: number, price: Price) => {
    if (count > 0) ledger.add(groupOf(row), 'PMP', category, type, price, count);
  };
  const f = x.shares.entryPointShare;
  const regime = day.regime;
  const n = x.rows.length;
  const utility: number[] = new Array(n);
  const domestic: number[] = new Array(n);
  const intl: number[] = new Array(n);
  const restService: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.rows[i]!;
    const v = row.v;
    const fepMarketing = shareOf(v.marketing, f);
    const fepUtility = shareOf(v.utility, f);
    const fepAuthentication = shareOf(v.authentication, f);
    const fepService = shareOf(row.service, f);
    add(row, 'marketing', 'free_entry_point', fepMarketing, FREE);
    add(row, 'utility', 'free_entry_point', fepUtility, FREE);
    add(row, 'authentication', 'free_entry_point', fepAuthentication, FREE);
    add(row, 'service', 'free_entry_point', fepService, FREE);
    restService[i] = row.service - fepService;
    add(row, 'marketing', 'regular', v.marketing - fepMarketing, rates.list(day, row.market, 'marketing'));
    let u = v.utility - fepUtility;
    if (regime.inWindowUtilityFree) {
      const inWindow = shareOf(u, x.shares.utilityInWindowShare);
      add(row, 'utility', 'free_customer_service', inWindow, FREE);
      u -= inWindow;
    }
    utility[i] = u;
    const auth = v.authentication - fepAuthentication;
    const share = x.international(row);
    intl[i] = share > 0 ? shareOf(auth, share) : 0;
    domestic[i] = auth - intl[i]!;
  }
  // Marginal tiers per market and month: countries in the order given; domestic authentication before international (D9).
  const positions = new Map<string, { u: number; a: number }>();
  const tiered = (
    row: Row,
    column: 'utility' | 'authentication' | 'authentication_international',
    count: number,
  ) => {
    if (count === 0) return;
    let p = positions.get(row.market);
    if (p === undefined) {
      p = { u: 0, a: 0 };
      positions.set(row.market, p);
    }
    const start = column === 'utility' ? p.u : p.a;
    if (column === 'utility') p.u += count;
    else p.a += count;
    const table = day.card === null ? undefined : rates.tiers(day, row.market, column);
    if (table === undefined) {
      ledger.add(groupOf(row), 'PMP', column, 'regular', rates.list(day, row.market, column), count);
      return;
    }
    forEachBand(table, start, count, (message, c) => {
      ledger.add(
        groupOf(row),
        'PMP',
        column,
        'regular',
        rates.band(day, row.market, column, table, message),
        c,
      );
    });
  };
  for (let i = 0; i < n; i++) tiered(x.rows[i]!, 'utility', utility[i]!);
  for (let i = 0; i < n; i++) tiered(x.rows[i]!, 'authentication', domestic[i]!);
  for (let i = 0; i < n; i++) tiered(x.rows[i]!, 'authentication_international', intl[i]!);

  const service = regime.service;
  const charged = service.charged && !x.exempt;
  if (charged && restService.some((c) => c > 0)) {
    ledger.warn('unverified_rule', { regime: regime.id, rule: 'service.freeAllowance' });
  }
  // Per WABA (scope `account`), or per business phone number: `phoneNumbers` across the portfolio.
  const perWaba = x.allowanceScope === 'account';
  const allowance = charged ? service.freeAllowance * (perWaba ? 1 : x.phones) : Number.POSITIVE_INFINITY;
  splitAllowance(
    ledger,
    rates,
    day,
    x,
    restService,
    allowance,
    perWaba,
    'PMP',
    'free_customer_service',
    groupOf,
  );
}

/** Calls back with (a message number inside the band, count) for messages start+1 … start+count, band by band. */
function forEachBand(
  table: TierTable,
  start: number,
  count: number,
  each: (message: number, count: number) => void,
): void {
  let next = start + 1;
  const last = start + count;
  for (const band of table.bands) {
    if (next > last) break;
    const to = band.to ?? Number.POSITIVE_INFINITY;
    if (next > to) continue;
    const end = Math.min(to, last);
    each(next, end - next + 1);
    next = end + 1;
  }
}
