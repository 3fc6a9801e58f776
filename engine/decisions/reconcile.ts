/**
 * Reconciliation of our bill with what Meta's webhooks say about each message (spec §3 R1–R3;
 * docs/import.md §3).
 *
 * Each message Meta priced is compared on billability, pricing category, pricing type, model and,
 * where Meta gives one (max-price marketing: `pricing.cost`), the amount. Meta's spellings are mapped
 * to ours: `authentication-international` → `authentication_international`; `marketing_lite` (the
 * Marketing Messages API and max-price SKU) → `marketing`; `group_marketing`, `group_utility`,
 * `group_service` → marketing, utility, service and type `free_group_customer_service` →
 * `free_customer_service` (Groups API, priced per participant reached); `referral_conversion` is the
 * category of a free-entry-point message (agrees with any category we give a `free_entry_point` charge).
 *
 * Billable is read in its era's meaning (R1, C11–C13):
 * - CBP: the flag of the **conversation** the message opened or rode on — true for a paid
 *   conversation and for a free-tier service conversation while the free tier was 1,000 per month
 *   (2023-06 → 2024-10: Meta marks them billable and discounts them on the invoice), false for a
 *   free-entry-point conversation; from 1 Nov 2024 a free service conversation's flag is not
 *   compared (Meta's documented CBP service example of June 2025 says `true`);
 * - PMP: the message is charged (`type: regular`).
 * The free-tier case needs the conversation's local date: pass the events (and the account, for its
 * time zone) as the third argument. Without them a free-tier conversation's flag is not compared.
 * Meta's `billable` is deprecated: when absent it is derived from `type === 'regular'`.
 */
import { FixedSum, rescale, toFixedPoint } from '../money.ts';
import type { MetaPricing, TierUpdate } from '../import/webhooks.ts';
import { regimeAt } from '../pricing/regimes.ts';
import { LocalCalendar, parseInstant } from '../time.ts';
import type {
  Account,
  Bill,
  BillCategory,
  BillLine,
  Charge,
  MessageEvent,
  PricingModel,
  PricingType,
  Tier,
} from '../types.ts';

export type { TierUpdate } from '../import/webhooks.ts';

export type ReconcileCode =
  /** One side charges the message (CBP: the conversation is billable), the other does not. */
  | 'billable_mismatch'
  | 'category_mismatch'
  | 'type_mismatch'
  | 'model_mismatch'
  /** Meta's `cost` differs from our amount for the message (max price: Meta charges the cap or less). */
  | 'amount_mismatch'
  /** Meta's `cost` is in another currency than the bill: amounts not compared. */
  | 'cost_currency_mismatch'
  /** Meta prices the message, we do not (inbound or failed on our side). */
  | 'not_priced_by_us'
  /** A category or type of Meta's the engine does not model (AI providers, groups, calls…). */
  | 'meta_unsupported';

export type OurSide = {
  /** Billable in the meaning of Meta's flag for the message's era (see the module comment); null: unknown. */
  readonly billable: boolean | null;
  readonly category: BillCategory | null;
  readonly pricingType: PricingType | null;
  readonly model: PricingModel | null;
  /** Our charge for the message (CBP: the conversation's charge on its first message, 0 after). */
  readonly amount?: string | null;
};

export type Disagreement = {
  /** Index of the event (and of its charge). */
  readonly index: number;
  readonly code: ReconcileCode;
  readonly ours: OurSide;
  readonly meta: MetaPricing;
};

export type CategoryCounts = { readonly ours: number; readonly meta: number };

/** One side of a totals row. */
export type TotalsSide = {
  /** Compared messages in this row (by this side's category). */
  readonly messages: number;
  /** Billable among them (in the era's meaning of Meta's flag). */
  readonly billable: number;
  /**
   * Ours: exact sum of our amounts (null when a rate is missing). Meta: exact sum of the `cost`
   * amounts Meta gave in the bill's currency (null when Meta gave none in this row).
   */
  readonly amount: string | null;
  /** Meta: messages with a `cost`; ours: messages with an amount. */
  readonly priced: number;
};

/** Totals of one local month and category, side by side, and the disagreements behind them. */
export type TotalsRow = {
  /** `YYYY-MM` in the account's zone; null when `reconcile` was given no events. */
  readonly month: string | null;
  /** Our category, Meta's mapped category, `referral_conversion`, or Meta's own for what we do not model. */
  readonly category: string;
  readonly ours: TotalsSide;
  readonly meta: TotalsSide;
  /** Meta's billable count − ours. */
  readonly billableDifference: number;
  /** Disagreements of the messages in this row (counted under our category, else Meta's), by code. */
  readonly codes: Readonly<Partial<Record<ReconcileCode, number>>>;
};

export type TierCode =
  /** Meta's band differs from the highest band our bill applied in that month, market and category. */
  | 'tier_mismatch'
  /** Our bill has no tiered line for that month, market and category. */
  | 'tier_not_in_bill'
  /** A category the engine does not tier (calling). */
  | 'tier_category_unsupported';

export type TierComparison = {
  readonly month: string;
  readonly category: string;
  readonly region: string;
  /** Meta's band: the highest reported for this month, region and category. */
  readonly meta: Tier;
  /** The highest band our bill applied, or null. */
  readonly ours: Tier | null;
  /** null when they agree. */
  readonly code: TierCode | null;
  /** Line of Meta's webhook. */
  readonly line: number;
};

export type ReconcileOptions = {
  /** The priced events (`bill.charges[i]` explains `events[i]`): their dates decide the era. */
  readonly events?: readonly MessageEvent[];
  /** The account the bill was priced with (its time zone gives the local dates). */
  readonly account?: Pick<Account, 'timeZone'>;
  /** Meta's tier webhooks (`MessageLog.tierUpdates`), compared with the bill's bands. */
  readonly tierUpdates?: readonly TierUpdate[];
};

export type Reconciliation = {
  /** Messages with Meta pricing, compared. */
  readonly compared: number;
  /** Compared messages with no disagreement. */
  readonly agreed: number;
  /** Compared messages with at least one disagreement. */
  readonly disagreed: number;
  /** Events without Meta pricing (inbound, failed, or none given). */
  readonly notCompared: number;
  /** Billable messages among the compared ones, per category (ours / Meta's, mapped). */
  readonly billable: Readonly<Record<string, CategoryCounts>>;
  /** Per local month and category, both sides' counts and amounts, sorted by month then category. */
  readonly totals: readonly TotalsRow[];
  /** Meta's tier webhooks against our bands (empty when none were given). */
  readonly tiers: readonly TierComparison[];
  readonly disagreements: readonly Disagreement[];
};

const META_CATEGORY: Readonly<Record<string, BillCategory | 'referral_conversion'>> = {
  marketing: 'marketing',
  marketing_lite: 'marketing',
  utility: 'utility',
  authentication: 'authentication',
  authentication_international: 'authentication_international',
  service: 'service',
  referral_conversion: 'referral_conversion',
  // Groups API (J3): Meta's group categories, priced at the 1:1 rates per participant reached.
  group_marketing: 'marketing',
  group_utility: 'utility',
  group_service: 'service',
};
/** Meta's pricing types the engine models (`free_tier` is ours: Meta sends no type under CBP). */
const META_TYPES: ReadonlySet<string> = new Set([
  'regular',
  'free_customer_service',
  'free_entry_point',
  'free_tier',
  'free_group_customer_service',
]);
/** Meta's type → ours, where the names differ: a group's window is our customer-service window. */
const TYPE_AS_OURS: Readonly<Record<string, PricingType>> = {
  free_group_customer_service: 'free_customer_service',
};

/** The local date of each conversation: the earliest event of its charges. */
function conversationDates(
  bill: Bill,
  events: readonly MessageEvent[],
  dateOf: (ms: number) => string,
): Map<string, string> {
  const first = new Map<string, number>();
  const n = Math.min(bill.charges.length, events.length);
  for (let i = 0; i < n; i++) {
    const id = bill.charges[i]!.conversationId;
    if (id === undefined) continue;
    const t = parseInstant(events[i]!.at);
    if (Number.isNaN(t)) continue;
    const f = first.get(id);
    if (f === undefined || t < f) first.set(id, t);
  }
  const dates = new Map<string, string>();
  for (const [id, t] of first) dates.set(id, dateOf(t));
  return dates;
}

/** Meta's billable flag for our charge, in its era's meaning; null when unknown. */
function expectedBillable(c: Charge, conversationDate: string | undefined): boolean | null {
  if (c.pricingType === null) return null;
  if (c.model !== 'CBP') return c.pricingType === 'regular';
  if (c.pricingType === 'regular') return true;
  if (c.pricingType !== 'free_tier') return false;
  // A free-tier service conversation is billable while the free tier was a monthly allowance
  // (C11: Meta marks it billable and discounts it). Once every service conversation is free (C13),
  // Meta's own documented example (June 2025) still shows `billable: true`: not compared.
  if (conversationDate === undefined) return null;
  const regime = regimeAt(conversationDate);
  return regime !== null && regime.model === 'CBP' && regime.service.charged ? true : null;
}

/** Exact comparison of two decimal strings. */
function compareAmounts(a: string, b: string): number {
  const x = toFixedPoint(a);
  const y = toFixedPoint(b);
  const s = Math.max(x.scale, y.scale);
  const u = rescale(x.units, x.scale, s);
  const v = rescale(y.units, y.scale, s);
  return u < v ? -1 : u > v ? 1 : 0;
}

type SideAcc = { messages: number; billable: number; sum: FixedSum; priced: number; missing: boolean };
type RowAcc = {
  month: string | null;
  category: string;
  ours: SideAcc;
  meta: SideAcc;
  codes: Partial<Record<ReconcileCode, number>>;
};

const newSide = (): SideAcc => ({ messages: 0, billable: 0, sum: new FixedSum(), priced: 0, missing: false });

function addAmount(side: SideAcc, amount: string): void {
  const f = toFixedPoint(amount);
  side.sum.add(Number.isNaN(f.small) ? f.units : f.small, f.scale);
  side.priced++;
}

/**
 * Compares a bill with Meta's pricing of the same events: `metaPricing[i]` is Meta's `pricing`
 * object for `events[i]` (null when Meta sent none, e.g. inbound messages). Lengths must match
 * (`bill.charges.length`); extra entries are ignored. `options.events` (with `options.account`)
 * gives the dates that decide the era's meaning of `billable` and the months of `totals`.
 */
export function reconcile(
  bill: Bill,
  metaPricing: readonly (MetaPricing | null | undefined)[],
  options: ReconcileOptions = {},
): Reconciliation {
  const events = options.events ?? null;
  const calendar =
    events === null ? null : new LocalCalendar<string>(options.account?.timeZone ?? 'UTC', (d) => d);
  const dateOf = (ms: number) => calendar!.at(ms);
  const convDates = events === null ? new Map<string, string>() : conversationDates(bill, events, dateOf);
  const disagreements: Disagreement[] = [];
  const billable: Record<string, { ours: number; meta: number }> = {};
  const count = (cat: string, side: 'ours' | 'meta') => {
    billable[cat] ??= { ours: 0, meta: 0 };
    billable[cat][side]++;
  };
  const rows = new Map<string, RowAcc>();
  const row = (month: string | null, category: string): RowAcc => {
    const key = `${month ?? ''}|${category}`;
    let r = rows.get(key);
    if (r === undefined) {
      r = { month, category, ours: newSide(), meta: newSide(), codes: {} };
      rows.set(key, r);
    }
    return r;
  };
  let compared = 0;
  let disagreed = 0;
  const n = bill.charges.length;
  for (let i = 0; i < n; i++) {
    const meta = metaPricing[i];
    if (meta === null || meta === undefined) continue;
    compared++;
    const c = bill.charges[i]!;
    const e = events?.[i];
    const t = e === undefined ? Number.NaN : parseInstant(e.at);
    const date = Number.isNaN(t) ? undefined : dateOf(t);
    const month = date === undefined ? null : date.slice(0, 7);
    const convDate = c.conversationId === undefined ? date : (convDates.get(c.conversationId) ?? date);
    const o: OurSide = {
      billable: expectedBillable(c, convDate),
      category: c.category,
      pricingType: c.pricingType,
      model: c.model,
      amount: c.pricingType === null ? null : c.amount,
    };
    const before = disagreements.length;
    const add = (code: ReconcileCode) => disagreements.push({ index: i, code, ours: o, meta });
    const metaCat = meta.category === null ? undefined : META_CATEGORY[meta.category];
    const metaBillable = meta.billable ?? (meta.type === null ? null : meta.type === 'regular');
    const unsupported =
      (meta.category !== null && metaCat === undefined) || (meta.type !== null && !META_TYPES.has(meta.type));
    const cost = meta.cost ?? null;
    if (unsupported) {
      add('meta_unsupported');
    } else if (c.pricingType === null) {
      add('not_priced_by_us');
    } else {
      if (metaBillable !== null && o.billable !== null && metaBillable !== o.billable)
        add('billable_mismatch');
      if (metaCat !== undefined) {
        const agrees =
          metaCat === 'referral_conversion' ? c.pricingType === 'free_entry_point' : metaCat === c.category;
        // With the events at hand: a group category for a 1:1 message (or the reverse) disagrees.
        const groupSides = e !== undefined && (e.group !== undefined) !== meta.category!.startsWith('group_');
        if (!agrees || groupSides) add('category_mismatch');
      }
      if (meta.type !== null && (TYPE_AS_OURS[meta.type] ?? meta.type) !== c.pricingType)
        add('type_mismatch');
      if (meta.pricingModel !== null && meta.pricingModel !== c.model) add('model_mismatch');
      if (cost !== null) {
        if (cost.currency !== bill.currency) add('cost_currency_mismatch');
        else if (c.amount === null || compareAmounts(c.amount, cost.amount) !== 0) add('amount_mismatch');
      }
    }
    if (o.billable === true && c.category !== null) count(c.category, 'ours');
    const metaKey = metaCat ?? meta.category ?? 'unknown';
    if (metaBillable === true) count(metaKey, 'meta');
    if (disagreements.length > before) disagreed++;

    // Totals by month and category.
    const ourRow = c.category === null ? null : row(month, c.category);
    if (ourRow !== null) {
      ourRow.ours.messages++;
      if (o.billable === true) ourRow.ours.billable++;
      if (c.amount === null) ourRow.ours.missing = true;
      else addAmount(ourRow.ours, c.amount);
    }
    const metaRow = row(month, metaKey);
    metaRow.meta.messages++;
    if (metaBillable === true) metaRow.meta.billable++;
    if (cost !== null && cost.currency === bill.currency) addAmount(metaRow.meta, cost.amount);
    const codeRow = ourRow ?? metaRow;
    for (let k = before; k < disagreements.length; k++) {
      const code = disagreements[k]!.code;
      codeRow.codes[code] = (codeRow.codes[code] ?? 0) + 1;
    }
  }
  let notCompared = 0;
  for (let i = 0; i < n; i++) if (metaPricing[i] === null || metaPricing[i] === undefined) notCompared++;
  const totals: TotalsRow[] = [...rows.values()]
    .sort((a, b) => cmp(a.month ?? '', b.month ?? '') || cmp(a.category, b.category))
    .map((r) => ({
      month: r.month,
      category: r.category,
      ours: {
        messages: r.ours.messages,
        billable: r.ours.billable,
        amount: r.ours.missing ? null : r.ours.sum.toString(),
        priced: r.ours.priced,
      },
      meta: {
        messages: r.meta.messages,
        billable: r.meta.billable,
        amount: r.meta.priced === 0 ? null : r.meta.sum.toString(),
        priced: r.meta.priced,
      },
      billableDifference: r.meta.billable - r.ours.billable,
      codes: r.codes,
    }));
  return {
    compared,
    agreed: compared - disagreed,
    disagreed,
    notCompared,
    billable,
    totals,
    tiers: options.tierUpdates === undefined ? [] : reconcileTiers(bill, options.tierUpdates),
    disagreements,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The columns whose lines count towards one of Meta's tier categories (D9: auth and auth-intl share). */
const TIER_COLUMNS: Readonly<Record<string, readonly BillCategory[]>> = {
  utility: ['utility'],
  authentication: ['authentication', 'authentication_international'],
  authentication_international: ['authentication', 'authentication_international'],
};

/**
 * Meta's volume-tier webhooks against the bands our bill applied (F9, F10): per effective month,
 * region and category, Meta's highest reported band (duplicates count once) is compared with the
 * highest band of our regular lines in that month, market (= Meta's region, case-insensitive) and
 * category. Meta counts the whole business portfolio's traffic: a log of part of it reaches lower
 * bands than Meta reports.
 */
export function reconcileTiers(bill: Bill, updates: readonly TierUpdate[]): TierComparison[] {
  const highest = new Map<string, TierUpdate>();
  for (const u of updates) {
    const key = `${u.month}|${u.category}|${u.region.toLowerCase()}`;
    const h = highest.get(key);
    if (
      h === undefined ||
      u.tier.from > h.tier.from ||
      (u.tier.from === h.tier.from && u.tier.to === h.tier.to && u.at < h.at)
    )
      highest.set(key, u);
  }
  const ours = new Map<string, BillLine>();
  for (const l of bill.lines) {
    if (l.tier === null || l.pricingType !== 'regular') continue;
    const key = `${l.month}|${l.category}|${l.market.toLowerCase()}`;
    const h = ours.get(key);
    if (h === undefined || l.tier.from > h.tier!.from) ours.set(key, l);
  }
  const out: TierComparison[] = [];
  for (const u of highest.values()) {
    const columns = TIER_COLUMNS[u.category];
    let best: Tier | null = null;
    for (const col of columns ?? []) {
      const l = ours.get(`${u.month}|${col}|${u.region.toLowerCase()}`);
      if (l !== undefined && (best === null || l.tier!.from > best.from)) best = l.tier!;
    }
    const code: TierCode | null =
      columns === undefined
        ? 'tier_category_unsupported'
        : best === null
          ? 'tier_not_in_bill'
          : best.from === u.tier.from
            ? null
            : 'tier_mismatch';
    out.push({
      month: u.month,
      category: u.category,
      region: u.region,
      meta: u.tier,
      ours: best,
      code,
      line: u.line,
    });
  }
  return out.sort((a, b) => cmp(a.month, b.month) || cmp(a.region, b.region) || cmp(a.category, b.category));
}
