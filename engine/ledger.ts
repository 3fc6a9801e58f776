import { RATE_COLUMNS } from './columns.ts';
import { FixedSum, formatFixed, times, toFixedPoint } from './money.ts';
import type { BillCategory, BillLine, PricingModel, PricingType, Warning, WarningCode } from './types.ts';

type Acc = {
  price: Price;
  month: string;
  model: PricingModel;
  country: string;
  market: string;
  category: BillCategory;
  pricingType: PricingType;
  tier: string | null;
  tierFrom: number;
  rate: string | null;
  card: string | null;
  missing: string | undefined;
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
  readonly missing: string | undefined;
  readonly tier: string | null;
  readonly tierFrom: number;
};

export const FREE: Price = Object.freeze({
  rate: '0',
  card: null,
  missing: undefined,
  tier: null,
  tierFrom: -1,
});

const CATEGORIES: readonly BillCategory[] = RATE_COLUMNS;
const TYPES: readonly PricingType[] = ['regular', 'free_tier', 'free_customer_service', 'free_entry_point'];

/** The lines of one recipient country in one month: slots by category × pricing type × model, then by price. */
export type LineGroup = {
  readonly month: string;
  readonly country: string;
  readonly market: string;
  readonly slots: (Acc[] | undefined)[];
};

/**
 * Collects counts per bill line and the warnings of one call, then turns them
 * into exact amounts. Amounts are computed once per line (count × rate), never
 * by summing per-message floats. Lines are found without building strings: a
 * group per (month, country), a slot per category/type/model, a price object.
 */
export class Ledger {
  private readonly groups = new Map<string, LineGroup>();
  private readonly warnings = new Map<string, Warning>();
  private readonly notes = new Set<Warning>();

  /** The line group of a country in a month (callers keep it while the date does not change). */
  group(month: string, country: string, market: string): LineGroup {
    const key = `${month}|${country}|${market}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      g = { month, country, market, slots: new Array(CATEGORIES.length * TYPES.length * 2) };
      this.groups.set(key, g);
    }
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
    const created: Acc = {
      price,
      month: group.month,
      model,
      country: group.country,
      market: group.market,
      category,
      pricingType,
      tier: price.tier,
      tierFrom: price.tierFrom,
      rate: price.rate,
      card: price.card,
      missing: price.missing,
      count: -0,
    };
    created.count += count;
    slot.push(created);
  }

  /** Records a prepared warning (shared objects: deduplicated by identity, then by content at the end). */
  note(w: Warning): void {
    this.notes.add(w);
  }

  warn(code: WarningCode, detail: string): void {
    const key = `${code}|${detail}`;
    if (!this.warnings.has(key)) this.warnings.set(key, Object.freeze({ code, detail }));
  }

  finish(): { total: string; incomplete: boolean; lines: BillLine[]; warnings: Warning[] } {
    // Slots are laid out in line order (category, pricing type, model), so only the
    // groups and the few prices inside a slot need sorting.
    const groups = [...this.groups.values()].sort(
      (a, b) => cmp(a.month, b.month) || cmp(a.country, b.country) || cmp(a.market, b.market),
    );
    const lines: BillLine[] = [];
    let incomplete = false;
    // Amounts keep the precision of the rate they come from (Meta prints 4 decimals);
    // the total keeps the largest precision among its lines. Nothing is rounded.
    const total = new FixedSum();
    for (const g of groups) {
      for (const slot of g.slots) {
        if (slot === undefined) continue;
        const accs = slot;
        if (accs.length > 1) accs.sort(compareLines);
        for (let i = 0; i < accs.length; i++) {
          const a = accs[i]!;
          // Equal lines reached through different price objects are one line.
          while (
            i + 1 < accs.length &&
            compareLines(a, accs[i + 1]!) === 0 &&
            a.missing === accs[i + 1]!.missing
          ) {
            a.count += accs[++i]!.count;
          }
          if (a.count === 0) continue;
          let amount: string | null = null;
          if (a.rate === null) incomplete = true;
          else if (a.rate === '0') amount = '0';
          else {
            const rate = toFixedPoint(a.rate);
            const units = times(rate, a.count);
            amount = formatFixed(units, rate.scale);
            // A zero amount (a 0.0000 rate) adds no precision to the total.
            if (units !== 0 && units !== 0n) total.add(units, rate.scale);
          }
          const line: { -readonly [K in keyof BillLine]: BillLine[K] } = {
            month: a.month,
            model: a.model,
            country: a.country,
            market: a.market,
            category: a.category,
            pricingType: a.pricingType,
            tier: a.tier,
            count: a.count,
            rate: a.rate,
            amount,
            card: a.card,
          };
          if (a.missing !== undefined) line.missing = a.missing;
          lines.push(line);
        }
      }
    }
    const all = [...this.warnings.values(), ...this.notes].sort(
      (x, y) => cmp(x.code, y.code) || cmp(x.detail, y.detail),
    );
    const warnings: Warning[] = [];
    for (const w of all) {
      const last = warnings[warnings.length - 1];
      if (last === undefined || last.code !== w.code || last.detail !== w.detail) warnings.push(w);
    }
    return { total: total.toString(), incomplete, lines, warnings };
  }
}

function compareLines(a: Acc, b: Acc): number {
  return (
    cmp(a.month, b.month) ||
    cmp(a.country, b.country) ||
    cmp(a.market, b.market) ||
    CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] ||
    TYPE_ORDER[a.pricingType] - TYPE_ORDER[b.pricingType] ||
    cmp(a.model, b.model) ||
    a.tierFrom - b.tierFrom ||
    cmp(a.rate ?? '', b.rate ?? '') ||
    cmp(a.card ?? '', b.card ?? '')
  );
}

/** Decimal places of a decimal string. */
export function decimals(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
