import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BILL_CATEGORIES,
  type ComparisonReason,
  comparableMonths,
  compareMonths,
  defaultComparisonMonths,
  estimate,
  REGIMES,
  type Scenario,
  TarifaInputError,
} from '../../engine/index.ts';
import { Decimal } from '../../engine/decimal.ts';
import { cardRate } from './helpers.ts';

const BR = { country: 'BR', marketing: 1000, utility: 2000, authentication: 500, conversations: 300 };

const of = <C extends ComparisonReason['code']>(reasons: readonly ComparisonReason[], code: C) =>
  reasons.filter((r): r is Extract<ComparisonReason, { code: C }> => r.code === code);

describe('defaultComparisonMonths', () => {
  it('is the month, the month before the latest regime change, and June 2025', () => {
    expect(defaultComparisonMonths('2026-10')).toEqual(['2026-10', '2026-09', '2025-06']);
    expect(defaultComparisonMonths('2027-03')).toEqual(['2027-03', '2026-09', '2025-06']);
    expect(defaultComparisonMonths('2026-09')).toEqual(['2026-09', '2025-06']);
    expect(defaultComparisonMonths('2025-07')).toEqual(['2025-07', '2025-06']);
    expect(defaultComparisonMonths('2025-06')).toEqual(['2025-06', '2024-10']);
    expect(defaultComparisonMonths('2024-11')).toEqual(['2024-11', '2024-10', '2025-06']);
    expect(defaultComparisonMonths('2024-03')).toEqual(['2024-03', '2025-06']);
    expect(defaultComparisonMonths('2023-06')).toEqual(['2023-06', '2025-06']);
  });

  it('follows the regimes data, not hard-coded months', () => {
    for (const [k, r] of REGIMES.entries()) {
      if (k === 0) continue;
      const month = r.from.slice(0, 7);
      // The month before this regime is the last day of the previous one.
      expect(defaultComparisonMonths(month)[1]).toBe(REGIMES[k - 1]!.to!.slice(0, 7));
    }
  });

  it('rejects an invalid month or one before June 2023', () => {
    for (const m of ['2023-05', '2026-13', 'junk', '']) {
      expect(() => defaultComparisonMonths(m)).toThrow(TarifaInputError);
    }
  });
});

describe('comparableMonths', () => {
  it('lists every USD month from June 2023 to the current month, oldest first', () => {
    const months = comparableMonths({}, '2026-11');
    expect(months[0]).toBe('2023-06');
    expect(months.at(-1)).toBe('2026-11');
    expect(months).toHaveLength(42);
    expect(months).toEqual([...months].sort());
  });

  it('extends to the current month while the newest card is open-ended', () => {
    expect(comparableMonths({}, '2027-02').at(-1)).toBe('2027-02');
  });

  it('only months with a card in the account currency', () => {
    expect(comparableMonths({ currency: 'EUR' }, '2026-11')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(comparableMonths({ currency: 'INR' }, '2026-11')).toEqual(['2025-10', '2025-11', '2025-12']);
  });

  it('throws for an invalid account or date', () => {
    expect(() => comparableMonths({ currency: 'XXX' }, '2026-11')).toThrow(TarifaInputError);
    expect(() => comparableMonths({}, 'soon')).toThrow(TarifaInputError);
  });
});

describe('compareMonths', () => {
  const scenario: Scenario = {
    month: '2026-11',
    countries: [{ ...BR, repliesPerConversation: 5 }],
    assumptions: { utilityInWindowShare: 0.3 },
  };

  it('prices the scenario month first, then the others in order, without duplicates', () => {
    const c = compareMonths(scenario, {}, ['2026-09', '2026-11', '2025-06', '2026-09']);
    expect(c.months.map((m) => m.month)).toEqual(['2026-11', '2026-09', '2025-06']);
    expect(c.months.map((m) => m.regime)).toEqual(['PMP_PAID_SERVICE', 'PMP', 'CBP_FREE_SERVICE']);
    expect(c.differences.map((d) => [d.month, d.base])).toEqual([
      ['2026-09', '2026-11'],
      ['2025-06', '2026-11'],
    ]);
    expect(c.currency).toBe('USD');
  });

  it('each month is exactly estimate() of the same volumes', () => {
    const c = compareMonths(scenario, {}, ['2025-06']);
    expect(c.months[1]!.estimate).toEqual(estimate({ ...scenario, month: '2025-06' }, {}));
  });

  it('category totals sum to the total; differences are exact and signed (this month minus the base)', () => {
    const c = compareMonths(scenario, {}, ['2026-09', '2025-06']);
    for (const m of c.months) {
      const sum = BILL_CATEGORIES.reduce((s, k) => s.plus(m.totals[k]!), new Decimal(0));
      expect(sum.eq(m.estimate.total!)).toBe(true);
    }
    const [base, sep, jun] = c.months;
    // Service: 1,500 replies, 1,000 free per number from Oct 2026, 500 at the Brazil service rate.
    expect(base!.totals.service).toBe(
      new Decimal(cardRate('pmp-2026-10-01-USD', 'Brazil', 'service')).times(500).toFixed(4),
    );
    expect(sep!.totals.service).toBe('0');
    expect(c.differences[0]!.byCategory.service).toBe(`-${base!.totals.service}`);
    // Utility: 30 % in-window was free in September.
    const rate = cardRate('pmp-2026-10-01-USD', 'Brazil', 'utility');
    expect(new Decimal(c.differences[0]!.byCategory.utility!).eq(new Decimal(rate).times(-600))).toBe(true);
    for (const [i, other] of [sep!, jun!].entries()) {
      const d = c.differences[i]!;
      expect(new Decimal(d.total!).eq(new Decimal(other.estimate.total!).minus(base!.estimate.total!))).toBe(
        true,
      );
      const byCat = BILL_CATEGORIES.reduce((s, k) => s.plus(d.byCategory[k]!), new Decimal(0));
      expect(byCat.eq(d.total!)).toBe(true);
      expect(d.total).not.toMatch(/e/i);
    }
  });

  it('explains the October 2026 change: service charged after 1,000 free per number, in-window utility charged', () => {
    const d = compareMonths(scenario, {}, ['2026-09']).differences[0]!;
    expect(of(d.reasons, 'service_rule_changed')).toEqual([
      {
        code: 'service_rule_changed',
        base: { charged: true, freeAllowance: 1000, allowanceScope: 'phone_number' },
        other: { charged: false },
        since: '2026-10-01',
      },
    ]);
    expect(of(d.reasons, 'in_window_utility_changed')).toEqual([
      { code: 'in_window_utility_changed', base: 'charged', other: 'free', since: '2026-10-01' },
    ]);
    expect(of(d.reasons, 'model_changed')).toEqual([]);
    expect(of(d.reasons, 'volume_tiers_changed')).toEqual([]);
  });

  it('the allowance scope follows the account option', () => {
    const d = compareMonths(scenario, { options: { serviceAllowanceScope: 'account' } }, ['2026-09'])
      .differences[0]!;
    expect(of(d.reasons, 'service_rule_changed')[0]!.base).toEqual({
      charged: true,
      freeAllowance: 1000,
      allowanceScope: 'account',
    });
  });

  it('lists only the reasons that touch the scenario', () => {
    const noService: Scenario = { month: '2026-11', countries: [{ country: 'BR', marketing: 100 }] };
    const d = compareMonths(noService, {}, ['2026-09']).differences[0]!;
    expect(d.reasons).toEqual([]);
    expect(d.total).toBe('0.0000');
    // No in-window utility assumed: the in-window rule change does not matter.
    const s = compareMonths({ ...scenario, assumptions: {} }, {}, ['2026-09']).differences[0]!;
    expect(of(s.reasons, 'in_window_utility_changed')).toEqual([]);
  });

  it('against June 2025: model and tiers changed since July 2025, with both rates of each changed cell', () => {
    const d = compareMonths(scenario, {}, ['2025-06']).differences[0]!;
    expect(of(d.reasons, 'model_changed')).toEqual([
      { code: 'model_changed', base: 'PMP', other: 'CBP', since: '2025-07-01' },
    ]);
    expect(of(d.reasons, 'volume_tiers_changed')).toEqual([
      { code: 'volume_tiers_changed', base: true, other: false, since: '2025-07-01' },
    ]);
    expect(of(d.reasons, 'service_rule_changed')[0]!.since).toBe('2026-10-01');
    const auth = of(d.reasons, 'rate_changed').find((r) => r.category === 'authentication')!;
    expect(auth).toEqual({
      code: 'rate_changed',
      category: 'authentication',
      base: {
        card: 'pmp-2026-10-01-USD',
        market: 'Brazil',
        rate: cardRate('pmp-2026-10-01-USD', 'Brazil', 'authentication'),
      },
      other: {
        card: 'cbp-2025-04-01-USD',
        market: 'Brazil',
        rate: cardRate('cbp-2025-04-01-USD', 'Brazil', 'authentication'),
      },
    });
    // Marketing did not change in Brazil: no reason for it.
    expect(of(d.reasons, 'rate_changed').some((r) => r.category === 'marketing')).toBe(false);
  });

  it('reports a market membership change (Kazakhstan leaves Other on 1 Oct 2026) and its rates', () => {
    const kz: Scenario = { month: '2026-11', countries: [{ country: 'KZ', utility: 100 }] };
    const d = compareMonths(kz, {}, ['2026-09']).differences[0]!;
    expect(of(d.reasons, 'market_changed')).toEqual([
      { code: 'market_changed', country: 'KZ', base: 'Kazakhstan', other: 'Other', since: '2026-10-01' },
    ]);
    expect(of(d.reasons, 'rate_changed')).toEqual([
      {
        code: 'rate_changed',
        category: 'utility',
        base: {
          card: 'pmp-2026-10-01-USD',
          market: 'Kazakhstan',
          rate: cardRate('pmp-2026-10-01-USD', 'Kazakhstan', 'utility'),
        },
        other: {
          card: 'pmp-2026-07-01-USD',
          market: 'Other',
          rate: cardRate('pmp-2026-07-01-USD', 'Other', 'utility'),
        },
      },
    ]);
  });

  it('reports tier tables that differ, and not those that are equal', () => {
    const ar: Scenario = {
      month: '2026-11',
      countries: [{ country: 'AR', utility: 100, authentication: 100 }],
    };
    const d = compareMonths(ar, {}, ['2025-08', '2026-05']).differences;
    expect(of(d[0]!.reasons, 'tiers_changed')).toEqual(
      (['utility', 'authentication'] as const).map((category) => ({
        code: 'tiers_changed',
        category,
        base: { card: 'pmp-2026-10-01-USD', market: 'Argentina', known: true },
        other: { card: 'pmp-2025-07-01-USD', market: 'Argentina', known: true },
      })),
    );
    expect(of(d[1]!.reasons, 'tiers_changed')).toEqual([]);
  });

  it('a month without a card in the currency is priced as missing and explained', () => {
    const c = compareMonths(scenario, { currency: 'EUR' }, ['2026-09']);
    expect(c.months[0]!.estimate.incomplete).toBe(true);
    expect(c.months[0]!.incompleteCategories.length).toBeGreaterThan(0);
    const d = c.differences[0]!;
    expect(d.incomplete).toBe(true);
    expect(of(d.reasons, 'no_card')).toEqual([{ code: 'no_card', month: '2026-11', currency: 'EUR' }]);
  });

  it('names the missing figures that make a difference inexact', () => {
    const co: Scenario = { month: '2026-11', countries: [{ country: 'CO', utility: 100 }] };
    const d = compareMonths(co, {}, ['2025-08']).differences[0]!;
    expect(d.incomplete).toBe(true);
    expect(of(d.reasons, 'figure_missing')).toEqual([
      {
        code: 'figure_missing',
        month: '2025-08',
        card: 'pmp-2025-07-01-USD',
        market: 'Colombia',
        category: 'utility',
        missing: 'tier-not-found',
      },
    ]);
  });

  it('validates every month and throws one error listing all problems', () => {
    try {
      compareMonths(scenario, {}, ['2023-05', 'nope', '2026-01']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TarifaInputError);
      expect((e as TarifaInputError).problems.map((p) => [p.field, p.code])).toEqual([
        ['months[0]', 'before_supported_period'],
        ['months[1]', 'invalid_month'],
      ]);
    }
    expect(() => compareMonths({ ...scenario, month: 'x' }, {}, [])).toThrow(TarifaInputError);
  });

  it('property: totals and differences are exact for any scenario and months', () => {
    const months = comparableMonths({}, '2026-12');
    const country = fc.record({
      marketing: fc.nat(50_000),
      utility: fc.nat(500_000),
      authentication: fc.nat(50_000),
      conversations: fc.nat(5_000),
      repliesPerConversation: fc.nat(6),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('BR', 'IN', 'KZ', 'US', 'DE', 'CO', 'ZW', 'MX'), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(country, { minLength: 4, maxLength: 4 }),
        fc.subarray(months, { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (isos, vols, picked, share) => {
          const s: Scenario = {
            month: picked[0]!,
            countries: isos.map((country, i) => ({ country, ...vols[i]! })),
            assumptions: { utilityInWindowShare: share, entryPointShare: share / 2 },
          };
          const c = compareMonths(s, {}, picked.slice(1));
          for (const [i, d] of c.differences.entries()) {
            const other = c.months[i + 1]!;
            for (const k of BILL_CATEGORIES) {
              expect(
                new Decimal(d.byCategory[k]!).eq(
                  new Decimal(other.totals[k]!).minus(c.months[0]!.totals[k]!),
                ),
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
