import { FixedSum, toFixedPoint } from '../money.ts';
import type { BillLine } from '../types.ts';

/** Exact sum of decimal strings, at the largest scale among them (`['0.0625', '1.5']` → `'1.5625'`). */
export function sumAmounts(values: readonly string[]): string {
  const total = new FixedSum();
  for (const v of values) {
    const f = toFixedPoint(v);
    total.add(Number.isNaN(f.small) ? f.units : f.small, f.scale);
  }
  return total.toString();
}

export type SubtotalField = 'category' | 'country' | 'market' | 'month' | 'pricingType';

export type Subtotal = {
  readonly key: string;
  /**
   * Exact sum of the lines' amounts that are known; null when a line of the group belongs to a
   * month without a card in the currency (`missing: 'no-card'`): no figure, never `'0'`.
   */
  readonly amount: string | null;
  /** True when a line of this group has no amount (a missing figure): `amount` is then a lower bound. */
  readonly incomplete: boolean;
};

/** Bill lines summed by one field, in the order the groups first appear in the bill. */
export function subtotals(lines: readonly BillLine[], by: SubtotalField): Subtotal[] {
  const groups = new Map<string, { amounts: string[]; incomplete: boolean; noCard: boolean }>();
  for (const l of lines) {
    const key = l[by];
    let g = groups.get(key);
    if (g === undefined) {
      g = { amounts: [], incomplete: false, noCard: false };
      groups.set(key, g);
    }
    if (l.amount === null) {
      g.incomplete = true;
      if (l.missing === 'no-card') g.noCard = true;
    } else g.amounts.push(l.amount);
  }
  return [...groups].map(([key, g]) => ({
    key,
    amount: g.noCard ? null : sumAmounts(g.amounts),
    incomplete: g.incomplete,
  }));
}
