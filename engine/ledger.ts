import { type Decimal, dec, ZERO } from './money.ts';
import type { BillCategory, BillLine, PricingModel, PricingType, Warning, WarningCode } from './types.ts';

type Acc = {
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

export const FREE: Price = Object.freeze({ rate: '0', card: null, missing: undefined, tier: null, tierFrom: -1 });

/**
 * Collects counts per bill line and the warnings of one call, then turns them
 * into exact amounts. Amounts are computed once per line (count × rate), never
 * by summing per-message floats.
 */
export class Ledger {
  private readonly lines = new Map<string, Acc>();
  private readonly warnings = new Map<string, Warning>();

  add(
    month: string,
    model: PricingModel,
    country: string,
    market: string,
    category: BillCategory,
    pricingType: PricingType,
    price: Price,
    count = 1,
  ): void {
    const key = `${month}|${model}|${country}|${market}|${category}|${pricingType}|${price.tier}|${price.rate}|${price.card}`;
    const acc = this.lines.get(key);
    if (acc !== undefined) {
      acc.count += count;
      return;
    }
    this.lines.set(key, {
      month,
      model,
      country,
      market,
      category,
      pricingType,
      tier: price.tier,
      tierFrom: price.tierFrom,
      rate: price.rate,
      card: price.card,
      missing: price.missing,
      count,
    });
  }

  warn(code: WarningCode, detail: string): void {
    const key = `${code}|${detail}`;
    if (!this.warnings.has(key)) this.warnings.set(key, Object.freeze({ code, detail }));
  }

  finish(): { total: string; incomplete: boolean; lines: BillLine[]; warnings: Warning[] } {
    const accs = [...this.lines.values()].filter((a) => a.count > 0);
    accs.sort(compareLines);
    let total: Decimal = ZERO;
    let incomplete = false;
    // Amounts keep the precision of the rate they come from (Meta prints 4 decimals);
    // the total keeps the largest precision among its lines. Nothing is rounded.
    let scale = 0;
    const lines = accs.map((a): BillLine => {
      let amount: string | null = null;
      if (a.rate === null) {
        incomplete = true;
      } else {
        const places = decimals(a.rate);
        const value = dec(a.rate).mul(a.count);
        total = total.add(value);
        amount = value.toFixed(places);
        if (!value.isZero()) scale = Math.max(scale, places);
      }
      const line: BillLine = {
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
        ...(a.missing === undefined ? {} : { missing: a.missing }),
      };
      return Object.freeze(line);
    });
    const warnings = [...this.warnings.values()].sort((x, y) =>
      x.code === y.code ? (x.detail < y.detail ? -1 : x.detail > y.detail ? 1 : 0) : x.code < y.code ? -1 : 1,
    );
    return { total: total.toFixed(scale), incomplete, lines, warnings };
  }
}

function compareLines(a: Acc, b: Acc): number {
  return (
    cmp(a.month, b.month) ||
    cmp(a.country, b.country) ||
    cmp(a.market, b.market) ||
    CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] ||
    TYPE_ORDER[a.pricingType] - TYPE_ORDER[b.pricingType] ||
    a.tierFrom - b.tierFrom ||
    cmp(a.rate ?? '', b.rate ?? '') ||
    cmp(a.card ?? '', b.card ?? '') ||
    cmp(a.model, b.model)
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
