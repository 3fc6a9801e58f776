/**
 * Regime comparison: the same monthly volumes priced under other months' rules and
 * cards, with the exact difference per category and the data-derived reasons for it.
 * See docs/decide.md § Comparison.
 */
import type { CatalogCard } from '../cards/catalog.ts';
import { RATE_COLUMNS } from '../pricing/columns.ts';
import { sumAmounts } from '../pricing/subtotals.ts';
import { type Day, dayOf, readAccount } from '../pricing/context.ts';
import { type InputProblem, TarifaInputError } from '../errors.ts';
import { estimate } from '../pricing/estimate.ts';
import { decimals, NO_CARD } from '../pricing/ledger.ts';
import { countryByIso, periodOn } from '../pricing/markets.ts';
import { Decimal } from '../decimal.ts';
import { cardOn, FIRST_DATE, REGIMES, type Regime, type RegimeId, regimeAt } from '../pricing/regimes.ts';
import { isIsoMonth, nextMonth, previousDay } from '../time.ts';
import type {
  Account,
  BillCategory,
  BillLine,
  Estimate,
  MissingReason,
  PricingModel,
  RateCategory,
  RateCell,
  Scenario,
  TieredColumn,
  TierTable,
} from '../types.ts';

/** Bill categories in display order. */
export const BILL_CATEGORIES: readonly BillCategory[] = RATE_COLUMNS;

/**
 * An exact decimal string per bill category (non-negative for totals, signed for differences);
 * null for a category with a line of a month without a card in the currency (`missing: 'no-card'`).
 */
export type CategoryTotals = { readonly [C in BillCategory]: string | null };

export type MonthPrice = {
  readonly month: string;
  readonly regime: RegimeId;
  readonly model: PricingModel;
  readonly estimate: Estimate;
  /**
   * Sum of the known amounts of the month's lines, per category (the estimate's own `total` is the
   * sum of these); null for a category priced without a card (then the estimate's `total` is null).
   */
  readonly totals: CategoryTotals;
  /** Categories with a line whose rate is missing: their total is a lower bound. */
  readonly incompleteCategories: readonly BillCategory[];
};

/** How the service traffic of a month is billed. */
export type ServiceRule =
  | { readonly charged: false }
  | {
      readonly charged: true;
      readonly freeAllowance: number;
      readonly allowanceScope: 'account' | 'phone_number';
    };

/** A side of a rate comparison: which card, which market, which figure (null = no figure). */
export type RateSide = { readonly card: string; readonly market: string; readonly rate: string | null };

/**
 * Why two months price the same volumes differently. `base` is the scenario's month,
 * `other` the compared month. `since` is the date from which the later month's reading of
 * that rule (or market membership) has applied without interruption, e.g. service messages
 * charged after 1,000 free per number: `2026-10-01`; per-message pricing: `2025-07-01`.
 * Codes and data only; the widget writes the sentence.
 */
export type ComparisonReason =
  | {
      readonly code: 'model_changed';
      readonly base: PricingModel;
      readonly other: PricingModel;
      readonly since: string;
    }
  | {
      readonly code: 'service_rule_changed';
      readonly base: ServiceRule;
      readonly other: ServiceRule;
      readonly since: string;
    }
  | {
      readonly code: 'in_window_utility_changed';
      readonly base: 'free' | 'charged';
      readonly other: 'free' | 'charged';
      readonly since: string;
    }
  | {
      readonly code: 'volume_tiers_changed';
      readonly base: boolean;
      readonly other: boolean;
      readonly since: string;
    }
  | { readonly code: 'no_card'; readonly month: string; readonly currency: string }
  | {
      readonly code: 'market_changed';
      readonly country: string;
      readonly base: string;
      readonly other: string;
      readonly since: string | null;
    }
  | {
      readonly code: 'rate_changed';
      readonly category: RateCategory;
      readonly base: RateSide;
      readonly other: RateSide;
    }
  | {
      readonly code: 'tiers_changed';
      readonly category: TieredColumn;
      readonly base: { readonly card: string; readonly market: string; readonly known: boolean };
      readonly other: { readonly card: string; readonly market: string; readonly known: boolean };
    }
  | {
      readonly code: 'figure_missing';
      readonly month: string;
      readonly card: string;
      readonly market: string;
      readonly category: BillCategory;
      readonly missing: MissingReason;
    };

export type ComparisonReasonCode = ComparisonReason['code'];

export type MonthDifference = {
  /** The compared month. */
  readonly month: string;
  /** The scenario's month. */
  readonly base: string;
  /**
   * This month minus the scenario's month: positive = this month costs more. Exact, signed; null
   * when either month has no total (no card in the currency, `Estimate.total`).
   */
  readonly total: string | null;
  readonly byCategory: CategoryTotals;
  /** True when either side lacks a figure: the difference is then not exact. */
  readonly incomplete: boolean;
  readonly reasons: readonly ComparisonReason[];
};

export type Comparison = {
  readonly currency: string;
  /** The scenario's month first, then the other months in the order given (duplicates dropped). */
  readonly months: readonly MonthPrice[];
  /** One per month after the first, in the same order. */
  readonly differences: readonly MonthDifference[];
};

/** The last conversation-based month. */
export const LAST_CBP_MONTH = '2025-06';
const FIRST_MONTH = FIRST_DATE.slice(0, 7);

function previousMonth(month: string): string {
  return previousDay(`${month}-01`).slice(0, 7);
}

function nextDay(date: string): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The months a comparison shows by default: the month itself, the month before the latest
 * regime change at or before it (2026-09 for any month from 2026-10), and the last
 * conversation-based month (2025-06); de-duplicated, months before 2023-06 dropped.
 */
export function defaultComparisonMonths(month: string): string[] {
  if (!isIsoMonth(month) || month < FIRST_MONTH) {
    throw new TarifaInputError([{ index: -1, field: 'month', code: 'invalid_month', value: month }]);
  }
  let change: string | null = null;
  for (const r of REGIMES) if (r.from <= `${month}-01` && r.from > FIRST_DATE) change = r.from;
  const out = [month];
  for (const m of [change === null ? null : previousMonth(change.slice(0, 7)), LAST_CBP_MONTH]) {
    if (m !== null && m >= FIRST_MONTH && !out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * Every month, ascending, from 2023-06 to the later of the newest card's first month and
 * `today` (`YYYY-MM`), whose first day has a card in `currency` in force, of the model of the
 * regime of that day: the months `compareMonths` can price (`comparableMonths` for an account).
 */
export function comparableMonthsOf(cards: readonly CatalogCard[], currency: string, today: string): string[] {
  const own = cards
    .filter((c) => c.currency === currency)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  let last = today;
  for (const c of own) if (c.effectiveFrom.slice(0, 7) > last) last = c.effectiveFrom.slice(0, 7);
  const out: string[] = [];
  for (let m = FIRST_MONTH; m <= last; m = nextMonth(m)) {
    const day = `${m}-01`;
    if (cardOn(own, day)?.model === regimeAt(day)?.model) out.push(m);
  }
  return out;
}

/**
 * Every month, ascending, from 2023-06 to the later of the newest card's first month and
 * `today`'s month, that has a card in force on its first day in the account's currency
 * (and of the regime's model). Throws `TarifaInputError` for an invalid account.
 */
export function comparableMonths(
  account: Account = {},
  today: string = new Date().toISOString().slice(0, 7),
): string[] {
  const problems: InputProblem[] = [];
  const ctx = readAccount(account, problems);
  const current = typeof today === 'string' ? today.slice(0, 7) : '';
  if (!isIsoMonth(current)) problems.push({ index: -1, field: 'today', code: 'invalid_month', value: today });
  if (ctx === null || problems.length > 0) throw new TarifaInputError(problems);
  return comparableMonthsOf(ctx.cards, ctx.currency, current);
}

/** Exact sum of non-negative decimal strings, at the largest scale among them. */
/** Exact signed `a − b` (decimal strings), at the larger of their scales. */
function minus(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  const d = new Decimal(a).minus(new Decimal(b));
  const scale = Math.max(decimals(a), decimals(b));
  return d.isZero() ? new Decimal(0).toFixed(scale) : d.toFixed(scale);
}

function priceMonth(e: Estimate): MonthPrice {
  const amounts: Record<BillCategory, string[]> = {
    marketing: [],
    utility: [],
    authentication: [],
    authentication_international: [],
    service: [],
  };
  const incomplete = new Set<BillCategory>();
  const noCard = new Set<BillCategory>();
  for (const l of e.lines) {
    if (l.amount === null) {
      incomplete.add(l.category);
      if (l.missing === NO_CARD) noCard.add(l.category);
    } else amounts[l.category].push(l.amount);
  }
  const totals = {} as Record<BillCategory, string | null>;
  for (const c of BILL_CATEGORIES) totals[c] = noCard.has(c) ? null : sumAmounts(amounts[c]);
  return {
    month: e.month,
    regime: e.regime as RegimeId,
    model: e.model,
    estimate: e,
    totals,
    incompleteCategories: BILL_CATEGORIES.filter((c) => incomplete.has(c)),
  };
}

/**
 * Prices the scenario's volumes for its own month and for each of `months`, and explains
 * each month's difference from the scenario's month. Every month is validated (a
 * `YYYY-MM` from 2023-06); any problem throws one `TarifaInputError`. A month without a
 * card in the account's currency is still priced: its lines are missing (`no-card`), its
 * total and those categories' totals are null (never `'0'`), so are the differences that
 * involve them, and the difference lists `no_card`.
 */
export function compareMonths(scenario: Scenario, account: Account, months: readonly string[]): Comparison {
  const problems: InputProblem[] = [];
  if (!Array.isArray(months)) problems.push({ index: -1, field: 'months', code: 'not_array', value: months });
  else
    months.forEach((m, i) => {
      if (!isIsoMonth(m))
        problems.push({ index: -1, field: `months[${i}]`, code: 'invalid_month', value: m });
      else if (m < FIRST_MONTH)
        problems.push({ index: -1, field: `months[${i}]`, code: 'before_supported_period', value: m });
    });
  if (problems.length > 0) throw new TarifaInputError(problems);
  const base = estimate(scenario, account);
  const ctx = readAccount(account, problems)!;
  const list = [scenario.month];
  for (const m of months) if (!list.includes(m)) list.push(m);
  const priced = [priceMonth(base)];
  for (const m of list.slice(1)) priced.push(priceMonth(estimate({ ...scenario, month: m }, account)));
  const baseDay = dayOf(ctx, `${scenario.month}-01`);
  const differences = priced.slice(1).map((other) => {
    const byCategory = {} as Record<BillCategory, string | null>;
    for (const c of BILL_CATEGORIES) byCategory[c] = minus(other.totals[c], priced[0]!.totals[c]);
    return {
      month: other.month,
      base: scenario.month,
      total: minus(other.estimate.total, base.total),
      byCategory,
      incomplete: other.estimate.incomplete || base.incomplete,
      reasons: reasonsFor(scenario, ctx, baseDay, dayOf(ctx, `${other.month}-01`), base, other.estimate),
    };
  });
  return { currency: ctx.currency, months: priced, differences };
}

type Ctx = NonNullable<ReturnType<typeof readAccount>>;

function serviceRule(ctx: Ctx, regime: Regime): ServiceRule {
  const s = regime.service;
  if (!s.charged) return { charged: false };
  const scope = regime.model === 'PMP' ? ctx.options.serviceAllowanceScope : s.allowanceScope;
  return { charged: true, freeAllowance: s.freeAllowance, allowanceScope: scope };
}

function sameService(a: ServiceRule, b: ServiceRule): boolean {
  if (!a.charged || !b.charged) return a.charged === b.charged;
  return a.freeAllowance === b.freeAllowance && a.allowanceScope === b.allowanceScope;
}

function cellRate(cell: RateCell | undefined): string | null {
  return typeof cell === 'string' ? cell : null;
}

function sameRate(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Decimal(a).eq(new Decimal(b));
}

function sameTiers(a: TierTable | undefined, b: TierTable | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.bands.length !== b.bands.length) return false;
  return a.bands.every((x, i) => {
    const y = b.bands[i]!;
    return x.from === y.from && x.to === y.to && JSON.stringify(x.rate) === JSON.stringify(y.rate);
  });
}

const TIERED = ['utility', 'authentication', 'authentication_international'] as const;

function reasonsFor(
  scenario: Scenario,
  ctx: Ctx,
  baseDay: Day,
  otherDay: Day,
  base: Estimate,
  other: Estimate,
): ComparisonReason[] {
  const out: ComparisonReason[] = [];
  const lines = [...base.lines, ...other.lines];
  const has = (pred: (l: BillLine) => boolean) => lines.some((l) => l.count > 0 && pred(l));
  const later = baseDay.date >= otherDay.date ? baseDay : otherDay;
  const earlier = later === baseDay ? otherDay : baseDay;
  /** First day of the run of regimes, up to the later month, that share its value of a rule (never at or before the earlier month). */
  const since = (value: (r: Regime) => string) => {
    let i = REGIMES.indexOf(later.regime);
    const v = value(later.regime);
    while (i > 0 && REGIMES[i - 1]!.from > earlier.date && value(REGIMES[i - 1]!) === v) i--;
    return REGIMES[i]!.from;
  };
  const br = baseDay.regime;
  const or = otherDay.regime;
  const anyTraffic = lines.length > 0;

  if (br.model !== or.model && anyTraffic) {
    out.push({ code: 'model_changed', base: br.model, other: or.model, since: since((r) => r.model) });
  }
  const bs = serviceRule(ctx, br);
  const os = serviceRule(ctx, or);
  if (!sameService(bs, os) && has((l) => l.category === 'service')) {
    out.push({
      code: 'service_rule_changed',
      base: bs,
      other: os,
      since: since((r) => JSON.stringify(serviceRule(ctx, r))),
    });
  }
  const inWindowShare = scenario.assumptions?.utilityInWindowShare ?? 0;
  if (
    br.inWindowUtilityFree !== or.inWindowUtilityFree &&
    inWindowShare > 0 &&
    has((l) => l.category === 'utility')
  ) {
    out.push({
      code: 'in_window_utility_changed',
      base: br.inWindowUtilityFree ? 'free' : 'charged',
      other: or.inWindowUtilityFree ? 'free' : 'charged',
      since: since((r) => String(r.inWindowUtilityFree)),
    });
  }
  if (
    br.volumeTiers !== or.volumeTiers &&
    has((l) => l.pricingType === 'regular' && (TIERED as readonly string[]).includes(l.category))
  ) {
    out.push({
      code: 'volume_tiers_changed',
      base: br.volumeTiers,
      other: or.volumeTiers,
      since: since((r) => String(r.volumeTiers)),
    });
  }
  for (const day of [baseDay, otherDay]) {
    if (day.card === null) out.push({ code: 'no_card', month: day.month, currency: ctx.currency });
  }

  // Per country: market membership, then the list rates and tier tables of the categories it is charged in.
  const rateSeen = new Set<string>();
  const rates: ComparisonReason[] = [];
  const tiers: ComparisonReason[] = [];
  for (const c of scenario.countries) {
    const entry = countryByIso(ctx.set.markets, c.country)!;
    const bp = periodOn(entry, baseDay.date);
    const op = periodOn(entry, otherDay.date);
    const bm = bp?.market ?? ctx.set.markets.defaultMarket;
    const om = op?.market ?? ctx.set.markets.defaultMarket;
    if (bm !== om) {
      const [earlierPeriod, laterPeriod] = later === baseDay ? [op, bp] : [bp, op];
      const changed = laterPeriod?.from ?? (earlierPeriod?.to ? nextDay(earlierPeriod.to) : null);
      out.push({ code: 'market_changed', country: entry.iso2, base: bm, other: om, since: changed });
    }
    if (baseDay.card === null || otherDay.card === null) continue;
    const charged = new Set(
      lines
        .filter((l) => l.country === entry.iso2 && l.pricingType === 'regular' && l.count > 0)
        .map((l) => l.category),
    );
    for (const category of BILL_CATEGORIES) {
      if (!charged.has(category)) continue;
      const key = `${category}|${bm}|${om}`;
      if (rateSeen.has(key)) continue;
      rateSeen.add(key);
      const b = cellRate(baseDay.card.rates[bm]?.[category]);
      const o = cellRate(otherDay.card.rates[om]?.[category]);
      if (!sameRate(b, o)) {
        rates.push({
          code: 'rate_changed',
          category,
          base: { card: baseDay.card.id, market: bm, rate: b },
          other: { card: otherDay.card.id, market: om, rate: o },
        });
      }
      if (
        br.volumeTiers &&
        or.volumeTiers &&
        (TIERED as readonly string[]).includes(category) &&
        baseDay.card.model === 'PMP' &&
        otherDay.card.model === 'PMP'
      ) {
        const column = category as (typeof TIERED)[number];
        const bt = baseDay.card.tiers?.[bm]?.[column];
        const ot = otherDay.card.tiers?.[om]?.[column];
        if (!sameTiers(bt, ot)) {
          tiers.push({
            code: 'tiers_changed',
            category: column,
            base: { card: baseDay.card.id, market: bm, known: bt !== undefined },
            other: { card: otherDay.card.id, market: om, known: ot !== undefined },
          });
        }
      }
    }
  }
  out.push(...rates, ...tiers);
  const missingSeen = new Set<string>();
  for (const l of lines) {
    if (l.rate !== null || l.card === null || l.missing === undefined) continue;
    const key = `${l.month}|${l.card}|${l.market}|${l.category}|${l.missing}`;
    if (missingSeen.has(key)) continue;
    missingSeen.add(key);
    out.push({
      code: 'figure_missing',
      month: l.month,
      card: l.card,
      market: l.market,
      category: l.category,
      missing: l.missing,
    });
  }
  return out;
}
