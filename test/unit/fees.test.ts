import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPartnerFees,
  type Estimate,
  estimate,
  type PartnerFees,
  parsePartnerFees,
  type Scenario,
  TarifaInputError,
} from '../../engine/index.ts';
import { Decimal } from '../../engine/decimal.ts';

const scenario: Scenario = {
  month: '2026-11',
  countries: [
    {
      country: 'BR',
      marketing: 1000,
      utility: 2000,
      authentication: 500,
      conversations: 300,
      repliesPerConversation: 3,
    },
    { country: 'MX', marketing: 10, conversations: 5, repliesPerConversation: 0.5 },
  ],
  assumptions: { phoneNumbers: 3 },
};
const est = estimate(scenario);

const problemsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TarifaInputError);
    return (e as TarifaInputError).problems.map((p) => [p.field, p.code]);
  }
  throw new Error('did not throw');
};

const D = (x: string) => new Decimal(x);

describe('parsePartnerFees', () => {
  it('accepts every fee with amounts as exact decimal strings and trimmed labels', () => {
    const fees = parsePartnerFees({
      currency: 'USD',
      perOutboundMessage: { amount: '0.0050', label: ' Per message ' },
      perInboundMessage: { amount: '0.001' },
      markupPercent: { amount: '12.5', label: 'Markup' },
      monthlyPlatformFee: '49.90',
      perPhoneNumber: { amount: '5' },
      taxPercent: { amount: '16', label: 'IVA' },
    });
    expect(fees).toEqual({
      currency: 'USD',
      perOutboundMessage: { amount: '0.0050', label: 'Per message' },
      perInboundMessage: { amount: '0.001' },
      markupPercent: { amount: '12.5', label: 'Markup' },
      monthlyPlatformFee: { amount: '49.90' },
      perPhoneNumber: { amount: '5' },
      taxPercent: { amount: '16', label: 'IVA' },
    });
    expect(Object.isFrozen(fees)).toBe(true);
    expect(parsePartnerFees({})).toEqual({});
  });

  it('lists every problem at once', () => {
    expect(
      problemsOf(() =>
        parsePartnerFees({
          currency: 'usd',
          perOutboundMessage: { amount: 0.005 },
          perInboundMessage: { amount: '-1' },
          markupPercent: { amount: '1000.0001' },
          monthlyPlatformFee: { amount: '1e3', note: 'x' },
          perPhoneNumber: { amount: '5', label: 'x'.repeat(81) },
          taxPercent: { amount: '16', label: '<img src=x onerror=alert(1)>' },
          discount: { amount: '1' },
        }),
      ),
    ).toEqual([
      ['fees.currency', 'invalid_currency'],
      ['fees.perOutboundMessage.amount', 'invalid_amount'],
      ['fees.perInboundMessage.amount', 'invalid_amount'],
      ['fees.markupPercent.amount', 'percent_too_large'],
      ['fees.monthlyPlatformFee.note', 'unknown_key'],
      ['fees.monthlyPlatformFee.amount', 'invalid_amount'],
      ['fees.perPhoneNumber.label', 'label_too_long'],
      ['fees.taxPercent.label', 'invalid_label'],
      ['fees.discount', 'unknown_key'],
    ]);
  });

  it('refuses non-objects, bad amounts and unsafe labels', () => {
    for (const input of [null, 'x', 3, []])
      expect(problemsOf(() => parsePartnerFees(input))).toEqual([['fees', 'not_object']]);
    for (const amount of [
      '',
      ' 1',
      '1.',
      '.5',
      'NaN',
      'Infinity',
      '+1',
      '1,5',
      '0x10',
      '1234567890123',
      '0.0000000000001',
    ]) {
      expect(problemsOf(() => parsePartnerFees({ perOutboundMessage: { amount } }))).toEqual([
        ['fees.perOutboundMessage.amount', 'invalid_amount'],
      ]);
    }
    const invisible = [
      '\u200b',
      '\u200b\u200c\u200d',
      '\u2060',
      '\ufeff',
      '\u00ad',
      '\u3000',
      '\u3164',
      '\u2800 \u200b',
    ];
    for (const label of ['', '   ', 'a\u0000b', 'line\nbreak', 'rtl\u202eoverride', 'a<b', 3, ...invisible]) {
      expect(problemsOf(() => parsePartnerFees({ taxPercent: { amount: '1', label } }))).toEqual([
        ['fees.taxPercent.label', 'invalid_label'],
      ]);
    }
    // 80 characters (code points) is the limit, accents and emoji included.
    expect(
      parsePartnerFees({ taxPercent: { amount: '1', label: `${'é'.repeat(79)}😀` } }).taxPercent!.label,
    ).toHaveLength(81);
    expect(parsePartnerFees({ markupPercent: '1000' }).markupPercent).toEqual({ amount: '1000' });
    // Visible text next to an invisible character is kept as given.
    expect(parsePartnerFees({ taxPercent: { amount: '1', label: 'IVA\u200b' } }).taxPercent!.label).toBe(
      'IVA\u200b',
    );
  });
});

describe('applyPartnerFees', () => {
  it('prices each fee exactly from the scenario counts', () => {
    const b = applyPartnerFees(
      est,
      scenario,
      parsePartnerFees({
        perOutboundMessage: { amount: '0.0050', label: 'Per message' },
        perInboundMessage: '0.001',
        markupPercent: '10',
        monthlyPlatformFee: '49.90',
        perPhoneNumber: '5',
        taxPercent: { amount: '16', label: 'IVA' },
      }),
    );
    // Outbound: BR 1000 + 2000 + 500 + 300×3, MX 10 + round(5 × 0.5) = 3; inbound: 305 conversations.
    expect(b.counts).toEqual({ outbound: 4413, inbound: 305, phoneNumbers: 3 });
    const meta = D(est.total!);
    const expected = [
      ['perOutboundMessage', '4413', '0.0050', D('4413').times('0.0050')],
      ['perInboundMessage', '305', '0.001', D('0.305')],
      ['markupPercent', meta.toFixed(), '10', meta.times('0.1')],
      ['monthlyPlatformFee', '1', '49.90', D('49.9')],
      ['perPhoneNumber', '3', '5', D('15')],
    ] as const;
    expect(b.partnerLines.map((l) => [l.kind, l.quantity, l.unit])).toEqual(
      expected.map((e) => e.slice(0, 3)),
    );
    for (const [i, l] of b.partnerLines.entries()) expect(D(l.amount).eq(expected[i]![3])).toBe(true);
    expect(b.partnerLines[0]!.label).toBe('Per message');
    const partner = expected.reduce((s, e) => s.plus(e[3]), D('0'));
    expect(D(b.partner).eq(partner)).toBe(true);
    expect(D(b.subtotal).eq(meta.plus(partner))).toBe(true);
    expect(D(b.tax).eq(meta.plus(partner).times('0.16'))).toBe(true);
    expect(b.taxLine).toEqual({
      kind: 'taxPercent',
      label: 'IVA',
      quantity: b.subtotal,
      unit: '16',
      amount: b.tax,
    });
    expect(D(b.grandTotal).eq(meta.plus(partner).times('1.16'))).toBe(true);
    expect(b.meta).toBe(est.total);
    expect(b.currency).toBe('USD');
    expect(b.incomplete).toBe(false);
  });

  it('keeps full precision: nothing is rounded, nothing in exponent form', () => {
    const b = applyPartnerFees(est, scenario, {
      markupPercent: { amount: '0.000000000001' },
      taxPercent: { amount: '0.000000000003' },
    });
    expect(b.grandTotal).not.toMatch(/e/i);
    expect(D(b.partnerLines[0]!.amount).eq(D(est.total!).times('1e-14'))).toBe(true);
    expect(b.tax.split('.')[1]!.length).toBeGreaterThan(20);
  });

  it('is exact for any total the engine produces: ≥ 10^12 and more than 12 decimals', () => {
    // 20 countries × 10^12 marketing messages: a total far beyond 10^12.
    const huge: Scenario = {
      month: '2026-11',
      countries: [
        'BR',
        'MX',
        'CO',
        'AR',
        'CL',
        'PE',
        'IN',
        'ID',
        'US',
        'ES',
        'DE',
        'FR',
        'IT',
        'GB',
        'NG',
        'EG',
        'ZA',
        'TR',
        'SA',
        'AE',
      ].map((country) => ({ country, marketing: 1e12 })),
    };
    const e = estimate(huge);
    expect(D(e.total!).gte('1e12')).toBe(true);
    const b = applyPartnerFees(e, huge, { markupPercent: { amount: '7.5' }, taxPercent: { amount: '16' } });
    expect(D(b.grandTotal).eq(D(e.total!).times('1.075').times('1.16'))).toBe(true);
    // A total with more than 12 decimals (a host's own rates can have them).
    const fine = { ...est, total: '1234567890123.1234567890123456789' };
    const f = applyPartnerFees(fine, scenario, { taxPercent: { amount: '10' } });
    expect(f.tax).toBe(D(fine.total).times('0.1').toFixed());
    expect(problemsOf(() => applyPartnerFees({ ...est, total: '1e3' }, scenario, {}))).toEqual([
      ['estimate.total', 'invalid_amount'],
    ]);
  });

  it('no fees: the grand total is Meta’s total', () => {
    const b = applyPartnerFees(est, scenario, {});
    expect(b.partnerLines).toEqual([]);
    expect(b.partner).toBe('0');
    expect(b.tax).toBe('0');
    expect(b.taxLine).toBeNull();
    expect(D(b.grandTotal).eq(est.total!)).toBe(true);
  });

  it('a markup of 0 adds nothing', () => {
    const b = applyPartnerFees(est, scenario, { markupPercent: { amount: '0' } });
    expect(b.partnerLines).toEqual([
      { kind: 'markupPercent', quantity: D(est.total!).toFixed(), unit: '0', amount: '0' },
    ]);
    expect(D(b.grandTotal).eq(est.total!)).toBe(true);
  });

  it('inbound messages: one per customer conversation unless told more', () => {
    const fees = { perInboundMessage: { amount: '1' } };
    expect(applyPartnerFees(est, scenario, fees).counts.inbound).toBe(305);
    expect(applyPartnerFees(est, scenario, fees, { inboundPerConversation: 2.5 }).counts.inbound).toBe(763);
    expect(problemsOf(() => applyPartnerFees(est, scenario, fees, { inboundPerConversation: -1 }))).toEqual([
      ['options.inboundPerConversation', 'invalid_volume'],
    ]);
  });

  it('an incomplete estimate gives an incomplete breakdown', () => {
    const co: Scenario = { month: '2025-08', countries: [{ country: 'CO', utility: 100, marketing: 10 }] };
    const e = estimate(co);
    expect(e.incomplete).toBe(true);
    expect(applyPartnerFees(e, co, { markupPercent: { amount: '10' } }).incomplete).toBe(true);
  });

  it('refuses a fee currency different from the estimate’s, and invalid counts', () => {
    expect(problemsOf(() => applyPartnerFees(est, scenario, { currency: 'EUR' }))).toEqual([
      ['fees.currency', 'currency_mismatch'],
    ]);
    expect(applyPartnerFees(est, scenario, { currency: 'USD' }).currency).toBe('USD');
    const bad = { month: '2026-11', countries: [{ country: 'BR', marketing: 1.5 }] } as Scenario;
    expect(problemsOf(() => applyPartnerFees(est, bad, {}))).toEqual([
      ['scenario.countries[0].marketing', 'invalid_volume'],
    ]);
    expect(
      problemsOf(() =>
        applyPartnerFees(est, scenario, { perOutboundMessage: { amount: 1 } } as unknown as PartnerFees),
      ),
    ).toEqual([['fees.perOutboundMessage.amount', 'invalid_amount']]);
  });

  const decimalString = (intDigits: number, fracDigits: number) =>
    fc
      .tuple(
        fc.bigInt({ min: 0n, max: 10n ** BigInt(intDigits) - 1n }),
        fc.nat(fracDigits),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
      )
      .map(([i, n, f]) => (n === 0 ? i.toString() : `${i}.${f.toString().padStart(12, '0').slice(0, n)}`));
  const fee = (g: fc.Arbitrary<string>) =>
    fc.option(
      g.map((amount) => ({ amount })),
      { nil: undefined },
    );
  const percent = fc.oneof(decimalString(3, 12), fc.constant('1000'), fc.constant('0'));

  it('property: meta + partner + tax = grandTotal exactly, each line = quantity × unit', () => {
    fc.assert(
      fc.property(
        fc.record({
          perOutboundMessage: fee(decimalString(2, 12)),
          perInboundMessage: fee(decimalString(2, 12)),
          markupPercent: fee(percent),
          monthlyPlatformFee: fee(decimalString(12, 12)),
          perPhoneNumber: fee(decimalString(6, 4)),
          taxPercent: fee(percent),
        }),
        fc.record({
          marketing: fc.nat(1e12),
          utility: fc.nat(1e12),
          authentication: fc.nat(1e12),
          conversations: fc.nat(1e6),
          repliesPerConversation: fc.nat(1e6),
        }),
        fc.constantFrom('2024-02', '2025-03', '2026-05', '2026-11'),
        (raw, volumes, month) => {
          const fees = parsePartnerFees(JSON.parse(JSON.stringify(raw)));
          const s: Scenario = { month, countries: [{ country: 'IN', ...volumes }] };
          const e: Estimate = estimate(s);
          const b = applyPartnerFees(e, s, fees);
          const sum = D(b.meta).plus(b.partner).plus(b.tax);
          expect(sum.eq(b.grandTotal)).toBe(true);
          expect(D(b.subtotal).eq(D(b.meta).plus(b.partner))).toBe(true);
          expect(b.partnerLines.reduce((t, l) => t.plus(l.amount), D('0')).eq(b.partner)).toBe(true);
          for (const l of [...b.partnerLines, ...(b.taxLine ? [b.taxLine] : [])]) {
            const pct = l.kind === 'markupPercent' || l.kind === 'taxPercent';
            const want = D(l.quantity)
              .times(l.unit)
              .div(pct ? 100 : 1);
            expect(D(l.amount).eq(want)).toBe(true);
          }
          for (const v of [b.partner, b.subtotal, b.tax, b.grandTotal])
            expect(v).toMatch(/^\d+(\.\d*[1-9])?$/);
          if (fees.markupPercent?.amount !== undefined && D(fees.markupPercent.amount).isZero()) {
            expect(D(b.partnerLines.find((l) => l.kind === 'markupPercent')!.amount).isZero()).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
