/**
 * Fuzz: partner fees (engine/decisions/fees.ts parsePartnerFees, engine/decisions/applyFees.ts applyPartnerFees).
 * Oracles: no throw except TarifaInputError; every accepted fee set applies to any estimate the
 * engine can produce, and the breakdown adds up exactly (checked here with independent BigInt
 * arithmetic): lines = quantity × unit, partner = Σ lines, subtotal = meta + partner,
 * tax = subtotal × tax% / 100, grand total = meta + partner + tax.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPartnerFees,
  bundledRateCards,
  FEE_KEYS,
  type Estimate,
  estimate,
  parsePartnerFees,
  type Scenario,
  TarifaInputError,
} from '../../engine/index.ts';
import { feesFromTexts, feeTexts, relocalizeFees } from '../../widget/fees/fees.ts';
import { arbTextFrom, fuzz } from './fuzz.ts';

type Q = { n: bigint; s: number };
const q = (text: string): Q => {
  expect(text).toMatch(/^\d+(\.\d+)?$/);
  const [i = '', f = ''] = text.split('.');
  return { n: BigInt(i + f), s: f.length };
};
const scaled = (a: Q, s: number) => a.n * 10n ** BigInt(s - a.s);
const plus = (a: Q, b: Q): Q => {
  const s = Math.max(a.s, b.s);
  return { n: scaled(a, s) + scaled(b, s), s };
};
const times = (a: Q, b: Q): Q => ({ n: a.n * b.n, s: a.s + b.s });
const same = (a: Q, b: Q) => {
  const s = Math.max(a.s, b.s);
  return scaled(a, s) === scaled(b, s);
};

/** The fee kinds, as the engine lists them. */
const KEYS: readonly string[] = FEE_KEYS;
const arbAmount = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 12 })).map(([n, s]) => {
    const t = n.toString().padStart(s + 1, '0');
    return s === 0 ? t : `${t.slice(0, -s)}.${t.slice(-s)}`;
  }),
  fc.constantFrom('0', '0.005', '1000', '1000.000000000001', '999.999999999999', '0.000000000001'),
);
const arbLabel = fc.oneof(
  fc.string({ maxLength: 90 }),
  arbTextFrom(['Platform', ' ', 'Tax', 'IVA', '\u200b', '\u00ad', '\u2800', '<b>', 'é', '👩‍💻'], 10),
);
const arbFeeValue = fc.oneof(
  arbAmount,
  fc.record({ amount: arbAmount }),
  fc.record({ amount: arbAmount, label: arbLabel }),
  fc.record({ amount: fc.oneof(arbAmount, fc.anything()), label: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
);
const arbFees = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS, 'currency', '__proto__', 'constructor', 'x'), arbFeeValue, {
    maxKeys: 7,
  }),
  fc.anything(),
);

describe('fuzz: partner fees', () => {
  it('parsePartnerFees throws nothing but TarifaInputError', () => {
    fuzz(
      'partner fees',
      'parse: no throw except TarifaInputError',
      arbFees,
      (input) => {
        try {
          const fees = parsePartnerFees(input);
          expect(Object.isFrozen(fees)).toBe(true);
          for (const fee of Object.values(fees)) {
            if (typeof fee !== 'object' || fee.label === undefined) continue;
            expect(fee.label).toBe(fee.label.trim());
            expect([...fee.label].length).toBeLessThanOrEqual(80);
            expect(fee.label.replace(/[\p{White_Space}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu, '')).not.toBe(
              '',
            );
            // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
            expect(fee.label).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/);
          }
          expect(parsePartnerFees(JSON.parse(JSON.stringify(fees)))).toEqual(fees);
        } catch (e) {
          if (!(e instanceof TarifaInputError)) throw e;
        }
      },
      2000,
    );
  });

  const arbTotal = fc.oneof(
    arbAmount,
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 60 })).map(([n, s]) => {
      const t = n.toString().padStart(s + 1, '0');
      return s === 0 ? t : `${t.slice(0, -s)}.${t.slice(-s)}`;
    }),
  );
  const arbCountry = fc.record({
    country: fc.constantFrom('BR', 'MX', 'IN', 'ID', 'US'),
    marketing: fc.oneof(fc.nat(1000), fc.constant(1e12)),
    utility: fc.oneof(fc.nat(1000), fc.constant(1e12)),
    authentication: fc.nat(1000),
    conversations: fc.oneof(fc.nat(1000), fc.constant(1e12)),
    repliesPerConversation: fc.oneof(
      fc.constant(0),
      fc.constant(1),
      fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e6),
    ),
  });
  const arbValidFees = fc.dictionary(fc.constantFrom(...KEYS), arbAmount, { maxKeys: 6 }).map((raw) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      out[k] = k.endsWith('Percent') && Number(v) > 1000 ? '1000' : v;
    }
    return out;
  });

  it('the breakdown adds up exactly for any accepted fees and any total', () => {
    fuzz(
      'partner fees',
      'fee identity (exact decimals)',
      fc.record({
        fees: arbValidFees,
        total: arbTotal,
        countries: fc.array(arbCountry, { maxLength: 20 }),
        phones: fc.integer({ min: 1, max: 1e6 }),
        inbound: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 1e6 })),
      }),
      ({ fees, total, countries, phones, inbound }) => {
        const scenario: Scenario = {
          month: '2026-10',
          countries: countries.filter((c) => c.conversations * c.repliesPerConversation <= 1e12),
          assumptions: { phoneNumbers: phones },
        };
        const est = { currency: 'USD', total, incomplete: false } as unknown as Estimate;
        const b = applyPartnerFees(
          est,
          scenario,
          parsePartnerFees(fees),
          inbound === undefined ? {} : { inboundPerConversation: inbound },
        );
        let partner: Q = { n: 0n, s: 0 };
        for (const l of b.partnerLines) {
          const amount = times(q(l.quantity), q(l.unit));
          const expected = l.kind === 'markupPercent' ? { n: amount.n, s: amount.s + 2 } : amount;
          expect(same(q(l.amount), expected), `${l.kind}`).toBe(true);
          partner = plus(partner, q(l.amount));
        }
        expect(same(q(b.partner), partner)).toBe(true);
        expect(same(q(b.subtotal), plus(q(b.meta), q(b.partner)))).toBe(true);
        if (b.taxLine) {
          const t = times(q(b.subtotal), q(b.taxLine.unit));
          expect(same(q(b.tax), { n: t.n, s: t.s + 2 })).toBe(true);
        } else expect(b.tax).toBe('0');
        expect(same(q(b.grandTotal), plus(plus(q(b.meta), q(b.partner)), q(b.tax)))).toBe(true);
      },
      1500,
    );
  });

  it('the widget shows a host’s fees in the visitor’s notation and reads them back unchanged', () => {
    fuzz(
      'partner fees',
      'host fees → form texts → fees',
      fc.tuple(arbValidFees, fc.constantFrom('en', 'es', 'pt-BR', 'es-AR', 'en-IN', 'en-CH', 'pt-PT')),
      ([raw, locale]) => {
        const host = parsePartnerFees(raw);
        const texts = feeTexts(host, locale);
        const back = feesFromTexts(texts, host, locale);
        expect([...back.errors.entries()], JSON.stringify(texts)).toEqual([]);
        const numeric = (a: string) => (a.includes('.') ? a.replace(/0+$/, '').replace(/\.$/, '') : a);
        for (const k of KEYS) {
          const h = (host as Record<string, { amount: string } | undefined>)[k];
          const b = (back.fees as Record<string, { amount: string } | undefined>)[k];
          expect(b === undefined ? undefined : numeric(b.amount), k).toBe(
            h === undefined ? undefined : numeric(h.amount),
          );
        }
        expect(feesFromTexts(relocalizeFees(texts, locale, 'en'), host, 'en').errors.size).toBe(0);
      },
      800,
    );
  });

  it('applies to the estimates the engine produces (20 markets, volumes up to 10^12)', () => {
    const markets = bundledRateCards.markets.countries.map((c) => c.iso2).slice(0, 60);
    fuzz(
      'partner fees',
      'estimate → fees accepted',
      fc.record({
        fees: arbValidFees,
        countries: fc.uniqueArray(fc.constantFrom(...markets), { minLength: 1, maxLength: 20 }),
        volume: fc.constantFrom(1, 999, 1e9, 1e12),
        currency: fc.constantFrom('USD', 'INR', 'EUR', 'BRL', 'IDR'),
      }),
      ({ fees, countries, volume, currency }) => {
        const scenario: Scenario = {
          month: '2026-10',
          countries: countries.map((country) => ({
            country,
            marketing: volume,
            utility: volume,
            authentication: volume,
            conversations: volume,
            repliesPerConversation: 1,
          })),
        };
        let est: Estimate;
        try {
          est = estimate(scenario, { currency });
        } catch (e) {
          if (e instanceof TarifaInputError) return; // a currency without a card that month
          throw e;
        }
        if (est.total === null) {
          // No card in that currency for the month (issue 12): no total, and fees refuse it.
          expect(() => applyPartnerFees(est, scenario, parsePartnerFees(fees))).toThrow(TarifaInputError);
          return;
        }
        const b = applyPartnerFees(est, scenario, parsePartnerFees(fees));
        expect(same(q(b.grandTotal), plus(plus(q(b.meta), q(b.partner)), q(b.tax)))).toBe(true);
      },
      60,
    );
  });
});
