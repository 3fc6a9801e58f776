import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { estimate, subtotals, sumAmounts } from '../../engine/index.ts';

describe('subtotals', () => {
  it.each([
    [[], '0'],
    [['0.0625'], '0.0625'],
    [['0.0625', '1.5', '0'], '1.5625'],
    [['9007199254740991', '2'], '9007199254740993'],
  ])('sums %j exactly to %s', (values, total) => {
    expect(sumAmounts(values)).toBe(total);
  });

  it('groups bill lines by a field and sums them exactly to the bill total', () => {
    const e = estimate({
      month: '2026-11',
      countries: [
        { country: 'BR', marketing: 1000, utility: 2000, conversations: 500, repliesPerConversation: 3 },
        { country: 'MX', authentication: 700, marketing: 10 },
      ],
    });
    const byCountry = subtotals(e.lines, 'country');
    expect(byCountry.map((g) => g.key)).toEqual(['BR', 'MX']);
    const sum = byCountry.reduce((s, g) => s.add(g.amount!), new Decimal(0));
    expect(sum.eq(e.total!)).toBe(true);
    expect(subtotals(e.lines, 'category').map((g) => g.key)).toEqual(
      expect.arrayContaining(['marketing', 'utility', 'authentication', 'service']),
    );
  });

  it('marks a group with a missing figure as incomplete', () => {
    const e = estimate(
      { month: '2026-11', countries: [{ country: 'IQ', authentication: 10 }] },
      { businessCountry: 'BR' },
    );
    expect(e.incomplete).toBe(false);
    const lines = [...e.lines, { ...e.lines[0]!, rate: null, amount: null, missing: 'not-found' as const }];
    expect(subtotals(lines, 'country')).toEqual([{ key: 'IQ', amount: e.total, incomplete: true }]);
  });
});
