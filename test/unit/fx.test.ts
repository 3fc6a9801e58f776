import { describe, expect, it } from 'vitest';
import { convertEstimate, estimate, type TarifaInputError } from '../../engine/index.ts';
import { sumAmounts } from '../../engine/pricing/subtotals.ts';
import { defaultCountry } from '../defaults.ts';

describe("a visitor's own exchange rate (convertEstimate)", () => {
  const billed = estimate({
    month: '2026-11',
    countries: ['MX', 'CO', 'AR'].map((c) => defaultCountry(c, { utility: 150_000 })),
  });

  it('converts every figure exactly and keeps the billed estimate as it was', () => {
    const before = JSON.stringify(billed);
    const mxn = convertEstimate(billed, { currency: 'MXN', rate: '17.2531' });
    expect(JSON.stringify(billed)).toBe(before);
    expect(mxn.source).toBe(billed);
    expect(mxn.source.total).toBe(billed.total);
    expect([mxn.currency, mxn.rate, mxn.incomplete]).toEqual(['MXN', '17.2531', billed.incomplete]);
    expect(mxn.lines).toHaveLength(billed.lines.length);
    const mx = billed.lines.findIndex((l) => l.country === 'MX' && l.category === 'marketing');
    // 1,000 × 0.0397 USD = 39.7000 USD → × 17.2531 = 684.94807000 MXN, nothing rounded.
    expect(billed.lines[mx]!.amount).toBe('39.7000');
    expect(mxn.lines[mx]).toEqual({ rate: '0.68494807', amount: '684.94807000' });
    // The converted lines sum exactly to the converted total.
    expect(sumAmounts(mxn.lines.map((l) => l.amount ?? '0'))).toBe(sumAmounts([mxn.total!]));
  });

  it('refuses a bad currency, the billed currency itself and a rate that is not a positive decimal', () => {
    const codes = (fx: unknown) => {
      try {
        convertEstimate(billed, fx as never);
      } catch (e) {
        return (e as TarifaInputError).problems.map((p) => `${p.field}:${p.code}`);
      }
      return [];
    };
    expect(codes({ currency: 'mxn', rate: '17' })).toEqual(['fx.currency:bad_currency']);
    expect(codes({ currency: 'USD', rate: '1' })).toEqual(['fx.currency:same_currency']);
    expect(codes({ currency: 'MXN', rate: '0' })).toEqual(['fx.rate:bad_rate']);
    expect(codes({ currency: 'MXN', rate: '17,25' })).toEqual(['fx.rate:bad_rate']);
    expect(codes({ currency: 'MXN', rate: 17.25 })).toEqual(['fx.rate:bad_rate']);
    expect(() => convertEstimate(billed, { currency: 'COP', rate: '3900' })).not.toThrow();
  });
});
