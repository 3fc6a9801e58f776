/**
 * Issue 12, item 5: a month without a card in the account's currency is an explicit missing line
 * with its reason (`missing: 'no-card'`, a `no_card` warning) and the result has no total
 * (`total: null`), never `'0'`: estimate, priceEvents, subtotals, compareMonths, convertEstimate,
 * applyPartnerFees, the CLI's bill merge and its output. The bundled EUR card covers 2026-07 to
 * 2026-09 only.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/main.ts';
import { mergeMonthBills } from '../../cli/partition.ts';
import {
  applyPartnerFees,
  compareMonths,
  convertEstimate,
  estimate,
  priceEvents,
  type Scenario,
  subtotals,
  TarifaInputError,
} from '../../engine/index.ts';

const NO_CARD_MONTH = '2026-11';
const CARD_MONTH = '2026-08';
const DE = '+4915112345678';

const scenario = (month: string): Scenario => ({
  month,
  countries: [
    {
      country: 'DE',
      marketing: 10,
      utility: 5,
      authentication: 3,
      conversations: 2000,
      repliesPerConversation: 1,
    },
  ],
  assumptions: { entryPointShare: 0.1 },
});

describe('estimate in a month without a card in the currency', () => {
  const e = estimate(scenario(NO_CARD_MONTH), { currency: 'EUR' });

  it('has no total (null, not "0"), is incomplete and says no_card', () => {
    expect(e.total).toBeNull();
    expect(e.incomplete).toBe(true);
    expect(e.cards).toEqual([]);
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: 'no_card' }));
  });

  it('has a missing line with the reason for every requested paid category; free lines stay', () => {
    const missing = e.lines.filter((l) => l.missing === 'no-card');
    expect(missing.map((l) => l.category).sort()).toEqual([
      'authentication',
      'marketing',
      'service',
      'utility',
    ]);
    for (const l of missing)
      expect(l).toMatchObject({ rate: null, amount: null, card: null, pricingType: 'regular' });
    // Free entry points and the service allowance are rules, not figures: they need no card.
    expect(e.lines.filter((l) => l.amount === '0').map((l) => l.pricingType)).toContain('free_entry_point');
    // Nothing disappears: every message of the scenario is on a line.
    const count = (c: string) => e.lines.filter((l) => l.category === c).reduce((s, l) => s + l.count, 0);
    expect([count('marketing'), count('utility'), count('authentication'), count('service')]).toEqual([
      10, 5, 3, 2000,
    ]);
  });

  it('the same scenario in a month with a card has a total', () => {
    const priced = estimate(scenario(CARD_MONTH), { currency: 'EUR' });
    expect(priced.total).toMatch(/^\d+\.\d+$/);
    expect(priced.total).not.toBe('0');
  });

  it('a month without a card whose traffic is all free needs no card: total "0", complete', () => {
    const free = estimate(
      {
        month: NO_CARD_MONTH,
        countries: [{ country: 'DE', marketing: 10 }],
        assumptions: { entryPointShare: 1 },
      },
      { currency: 'EUR' },
    );
    expect(free.lines.every((l) => l.missing === undefined)).toBe(true);
    expect(free).toMatchObject({ total: '0', incomplete: false });
  });
});

describe('priceEvents over a month with a card and one without', () => {
  const events = [
    {
      at: `${CARD_MONTH}-10T10:00:00Z`,
      direction: 'outbound',
      user: DE,
      kind: 'template',
      category: 'marketing',
    },
    {
      at: `${NO_CARD_MONTH}-10T10:00:00Z`,
      direction: 'outbound',
      user: DE,
      kind: 'template',
      category: 'marketing',
    },
  ] as const;
  const bill = priceEvents(events, { currency: 'EUR' });

  it('the bill has no total; the carded month keeps its figure in the per-month subtotals', () => {
    expect(bill.total).toBeNull();
    expect(bill.incomplete).toBe(true);
    const byMonth = Object.fromEntries(subtotals(bill.lines, 'month').map((g) => [g.key, g.amount]));
    expect(byMonth[NO_CARD_MONTH]).toBeNull();
    expect(byMonth[CARD_MONTH]).toBe(priceEvents([events[0]], { currency: 'EUR' }).total);
    expect(byMonth[CARD_MONTH]).not.toBe('0');
  });

  it('a missing rate of a month with a card keeps the lower-bound total (only no-card removes it)', () => {
    const one = priceEvents([events[0]], { currency: 'EUR' });
    expect(one.total).not.toBeNull();
  });
});

describe('compare, convert and fees of an estimate without a total', () => {
  it('compareMonths: the month without a card has null totals and null differences', () => {
    const c = compareMonths(scenario(CARD_MONTH), { currency: 'EUR' }, [NO_CARD_MONTH]);
    const other = c.months[1]!;
    expect(other.estimate.total).toBeNull();
    expect(other.totals.marketing).toBeNull();
    expect(other.totals.service).toBeNull();
    // A category with no line at all is a true 0.
    expect(other.totals.authentication_international).toBe('0');
    const d = c.differences[0]!;
    expect(d.total).toBeNull();
    expect(d.byCategory.marketing).toBeNull();
    expect(d.reasons).toContainEqual({ code: 'no_card', month: NO_CARD_MONTH, currency: 'EUR' });
    // The base month keeps its figures.
    expect(c.months[0]!.estimate.total).not.toBeNull();
    expect(c.months[0]!.totals.marketing).not.toBeNull();
  });

  it('convertEstimate keeps the missing total missing', () => {
    const x = convertEstimate(estimate(scenario(NO_CARD_MONTH), { currency: 'EUR' }), {
      currency: 'MXN',
      rate: '20',
    });
    expect(x.total).toBeNull();
    expect(x.incomplete).toBe(true);
  });

  it('applyPartnerFees refuses an estimate without a total (no_card), naming the month', () => {
    const e = estimate(scenario(NO_CARD_MONTH), { currency: 'EUR' });
    let err: unknown;
    try {
      applyPartnerFees(e, scenario(NO_CARD_MONTH), { monthlyPlatformFee: { amount: '10' } });
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(TarifaInputError);
    expect((err as TarifaInputError).problems).toEqual([
      { index: -1, field: 'estimate.total', code: 'no_card', value: NO_CARD_MONTH },
    ]);
  });
});

describe('the CLI', () => {
  async function tarifa(args: string[], stdin = '') {
    let out = '';
    const status = await run(args, {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined, isTTY: false },
      stdin: Readable.from([Buffer.from(stdin)]),
    });
    return { status, out };
  }
  const file = JSON.stringify(scenario(NO_CARD_MONTH));

  it('estimate: the table says there is no total, JSON has total null, never 0', async () => {
    const t = await tarifa(['estimate', '--currency', 'EUR', '-'], file);
    expect(t.status).toBe(0);
    expect(t.out).toContain('Total: none in EUR');
    expect(t.out).not.toMatch(/Total: 0\b/);
    const j = JSON.parse((await tarifa(['estimate', '--currency', 'EUR', '--json', '-'], file)).out);
    expect(j.total).toBeNull();
    expect(j.incomplete).toBe(true);
  });

  it('compare: the month without a card reads "no card", its difference "none"', async () => {
    const base = JSON.stringify(scenario(CARD_MONTH));
    const t = await tarifa(['compare', '--currency', 'EUR', '--months', NO_CARD_MONTH, '-'], base);
    expect(t.status).toBe(0);
    const row = t.out.split('\n').find((l) => l.startsWith(NO_CARD_MONTH))!;
    expect(row).toContain('no card');
    expect(t.out).toContain(`${NO_CARD_MONTH} minus ${CARD_MONTH}: none`);
    const csv = (
      await tarifa(['compare', '--csv', '--currency', 'EUR', '--months', NO_CARD_MONTH, '-'], base)
    ).out;
    const csvRow = csv.split(/\r?\n/).find((l) => l.startsWith(NO_CARD_MONTH))!;
    expect(csvRow).not.toContain('no card');
    expect(csvRow.endsWith(',,true')).toBe(true);
  });

  it('merging partitions keeps the missing total missing', () => {
    const one = priceEvents(
      [
        {
          at: `${NO_CARD_MONTH}-10T10:00:00Z`,
          direction: 'outbound',
          user: DE,
          kind: 'template',
          category: 'marketing',
        },
      ],
      { currency: 'EUR' },
    );
    const merged = mergeMonthBills('EUR', [
      {
        month: NO_CARD_MONTH,
        currency: 'EUR',
        lines: one.lines,
        warnings: one.warnings,
        counts: {},
      },
    ]);
    expect(merged.total).toBeNull();
    expect(merged.incomplete).toBe(true);
  });
});
