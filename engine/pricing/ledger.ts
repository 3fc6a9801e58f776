import { RATE_COLUMNS } from './columns.ts';
import { FixedSum, formatFixed, times, toFixedPoint } from '../money.ts';
import type {
  BillCategory,
  BillLine,
  MissingReason,
  PricingModel,
  PricingType,
  Tier,
  Warning,
  WarningCode,
  WarningDetails,
} from '../types.ts';

/** A line being counted: its slot gives the group, category, pricing type and model. */
type Acc = {
  readonly price: Price;
  count: number;
};

const CATEGORY_ORDER: Record<BillCategory, number> = {
  marketing: 0,
  utility: 1,
  authentication: 2,
  authentication_international: 3,
  service: 4,
};
const TYPE_ORDER: Record<PricingType, number> = {
  regular: 0,
  free_tier: 1,
  free_customer_service: 2,
  free_entry_point: 3,
};

/** A priced unit: what one conversation or message is billed at. */
export type Price = {
  readonly rate: string | null;
  readonly card: string | null;
  readonly missing: MissingReason | undefined;
  readonly tier: Tier | null;
  readonly tierFrom: number;
};

export const FREE: Price = Object.freeze({
  rate: '0',
  card: null,
  missing: undefined,
  tier: null,
  tierFrom: -1,
});

/** `BillLine.missing` of a line whose month has no card in the currency. */
export const NO_CARD = 'no-card';

const CATEGORIES: readonly BillCategory[] = RATE_COLUMNS;
const TYPES: readonly PricingType[] = ['regular', 'free_tier', 'free_customer_service', 'free_entry_point'];

/** The lines of one recipient country in one month: slots by category × pricing type × model, then by price. */
export type LineGroup = {
  readonly month: string;
  readonly country: string;
  readonly market: string;
  /** Set only when the account lists more than one WABA. */
  readonly waba: string | undefined;
  readonly slots: (Acc[] | undefined)[];
};

/**
 * Collects counts per bill line and the warnings of one call, then turns them
 * into exact amounts. Amounts are computed once per line (count × rate), never
 * by summing per-message floats. Lines are found without building strings: a
 * group per (month, country), a slot per category/type/model, a price object.
 */
export class Ledger {
  private readonly groups: LineGroup[] = [];
  private readonly byMonth = new Map<string, Map<string, LineGroup[]>>();
  private readonly warnings = new Map<string, Warning>();
  private readonly notes = new Set<Warning>();
  /**
   * Set while pricing an event of a month before `from` (`PricerOptions.billFrom`): its warnings
   * and notes are dropped, and its lines (groups of months before `from`) are left out at `finish`.
   */
  muted = false;

  constructor(private readonly from?: string) {}

  /** The line group of a country in a month (callers keep it while the date does not change). */
  group(month: string, country: string, market: string, waba?: string): LineGroup {
    let byCountry = this.byMonth.get(month);
    if (byCountry === undefined) {
      byCountry = new Map();
      this.byMonth.set(month, byCountry);
    }
    // Usually one market per country and month (markets change on the 1st); a host's mapping may differ.
    let list = byCountry.get(country);
    if (list === undefined) {
      list = [];
      byCountry.set(country, list);
    }
    for (const g of list) if (g.market === market && g.waba === waba) return g;
    const g: LineGroup = {
      month,
      country,
      market,
      waba,
      slots: new Array(CATEGORIES.length * TYPES.length * 2),
    };
    list.push(g);
    this.groups.push(g);
    return g;
  }

  add(
    group: LineGroup,
    model: PricingModel,
    category: BillCategory,
    pricingType: PricingType,
    price: Price,
    count = 1,
  ): void {
    const index =
      (CATEGORY_ORDER[category] * TYPES.length + TYPE_ORDER[pricingType]) * 2 + (model === 'CBP' ? 0 : 1);
    let slot = group.slots[index];
    if (slot === undefined) {
      slot = [];
      group.slots[index] = slot;
    }
    for (let i = 0; i < slot.length; i++) {
      const acc = slot[i]!;
      if (acc.price === price) {
        acc.count += count;
        return;
      }
    }
    // `count` starts as -0 so V8 stores it as a double from the first object on: counts
    // arrive as Smis or doubles (Math.round), and a field whose representation flips
    // makes V8 deprecate the object shape and migrate every line object on first read.
    const created: Acc = { price, count: -0 };
    created.count += count;
    slot.push(created);
  }

  /** Records a prepared warning (shared objects: deduplicated by identity, then by content at the end). */
  note(w: Warning): void {
    if (this.muted) return;
    this.notes.add(w);
  }

  warn<C extends WarningCode>(code: C, detail: WarningDetails[C]): void {
    if (this.muted) return;
    const w = Object.freeze({ code, detail: Object.freeze(detail) }) as unknown as Warning;
    const key = warningKey(w);
    if (!this.warnings.has(key)) this.warnings.set(key, w);
  }

  finish(): { total: string | null; incomplete: boolean; lines: BillLine[]; warnings: Warning[] } {
    // Slots are laid out in line order (category, pricing type, model), so only the
    // groups and the few prices inside a slot need sorting.
    const groups = this.groups.sort(
      (a, b) =>
        cmp(a.month, b.month) ||
        cmp(a.country, b.country) ||
        cmp(a.market, b.market) ||
        cmp(a.waba ?? '', b.waba ?? ''),
    );
    const lines: BillLine[] = [];
    let incomplete = false;
    // A line of a month without a card: the bill has no total (never '0', not a lower bound).
    let noCard = false;
    // Amounts keep the precision of the rate they come from (Meta prints 4 decimals);
    // the total keeps the largest precision among its lines. Nothing is rounded.
    const total = new FixedSum();
    const from = this.from;
    for (const g of groups) {
      if (from !== undefined && g.month < from) continue;
      const slots = g.slots;
      for (let index = 0; index < slots.length; index++) {
        const accs = slots[index];
        if (accs === undefined) continue;
        if (accs.length > 1) accs.sort(comparePrices);
        const category = CATEGORIES[index >> 3]!;
        const pricingType = TYPES[(index >> 1) & 3]!;
        const model: PricingModel = (index & 1) === 0 ? 'CBP' : 'PMP';
        for (let i = 0; i < accs.length; i++) {
          const a = accs[i]!;
          const p = a.price;
          let count = a.count;
          // Equal lines reached through different price objects are one line.
          while (
            i + 1 < accs.length &&
            comparePrices(a, accs[i + 1]!) === 0 &&
            p.missing === accs[i + 1]!.price.missing
          ) {
            count += accs[++i]!.count;
          }
          if (count === 0) continue;
          let amount: string | null = null;
          if (p.rate === null) {
            incomplete = true;
            if (p.missing === NO_CARD) noCard = true;
          } else if (p.rate === '0') amount = '0';
          else {
            const rate = toFixedPoint(p.rate);
            const units = times(rate, count);
            amount = formatFixed(units, rate.scale);
            // A zero amount (a 0.0000 rate) adds no precision to the total.
            if (units !== 0 && units !== 0n) total.add(units, rate.scale);
          }
          const line: { -readonly [K in keyof BillLine]: BillLine[K] } = {
            month: g.month,
            model,
            country: g.country,
            market: g.market,
            category,
            pricingType,
            tier: p.tier,
            count,
            rate: p.rate,
            amount,
            card: p.card,
          };
          if (p.missing !== undefined) line.missing = p.missing;
          if (g.waba !== undefined) line.waba = g.waba;
          lines.push(line);
        }
      }
    }
    const all: [string, Warning][] = [...this.warnings];
    for (const w of this.notes) all.push([warningKey(w), w]);
    all.sort((x, y) => cmp(x[0], y[0]));
    const warnings: Warning[] = [];
    for (let i = 0; i < all.length; i++) if (all[i]![0] !== all[i - 1]?.[0]) warnings.push(all[i]![1]);
    return { total: noCard ? null : total.toString(), incomplete, lines, warnings };
  }
}

/**
 * A warning's identity and order in a bill: its code, then its detail's fields in the order the
 * engine writes them (cli/partition.ts merges bills in the same order; `Ledger.warn` writes the
 * same key).
 */
export function warningKey(w: Warning): string {
  let key = keys.get(w);
  if (key === undefined) {
    key = `${w.code} ${JSON.stringify(w.detail)}`;
    keys.set(w, key);
  }
  return key;
}

/** Keys of warnings seen (a card's warnings are shared by every call that uses the card). */
const keys = new WeakMap<Warning, string>();

/** Lines of one slot differ only by price: tier band, rate, card. */
function comparePrices(a: Acc, b: Acc): number {
  const x = a.price;
  const y = b.price;
  return x.tierFrom - y.tierFrom || cmp(x.rate ?? '', y.rate ?? '') || cmp(x.card ?? '', y.card ?? '');
}

/** Decimal places of a decimal string. */
export function decimals(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
