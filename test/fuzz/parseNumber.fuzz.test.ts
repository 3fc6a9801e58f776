/** Fuzz: the number fields (widget/form/parseNumber.ts). See test/fuzz/fuzz.ts for seed and scale. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  derive,
  FIELD_RULES,
  FX_RULE,
  type Form,
  fxRate,
  initialForm,
  relocalize,
} from '../../widget/model.ts';
import {
  formatInputNumber,
  formatTypedNumber,
  MAX_DECIMALS,
  MAX_DIGITS,
  type ParseOptions,
  parseLocaleNumber,
} from '../../widget/form/parseNumber.ts';
import { arbTextFrom, fuzz, typedForm } from './fuzz.ts';

/** Our languages with the regions whose notations differ (lakh grouping, apostrophes, spaces…). */
const LOCALES = [
  'en',
  'es',
  'pt-BR',
  'es-MX',
  'es-AR',
  'es-ES',
  'pt-PT',
  'en-IN',
  'en-CH',
  'en-ZA',
  'en-FR',
  'en-DE',
  'es-CR',
];
const RULES: ParseOptions[] = [...Object.values(FIELD_RULES), FX_RULE, {}];

const arbLocale = fc.constantFrom(...LOCALES);
const arbRules = fc.constantFrom(...RULES);
const arbTyped = arbTextFrom(
  [
    '0',
    '1',
    '5',
    '9',
    '00',
    '000',
    '123',
    '1000',
    ',',
    '.',
    ' ',
    '-',
    '+',
    '1,000',
    '25.000',
    '0,5',
    "'",
    '’',
  ],
  12,
);
/** A plain decimal string within the fields' precision (≤ 15 significant digits, ≤ 12 decimals). */
const arbDecimal = fc
  .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 3 }))
  .map(([n, scale]) => {
    const s = n.toString().padStart(scale + 1, '0');
    return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  });

const digitsOf = (s: string) => s.replace(/[^0-9]/g, '').replace(/^0+/, '');
const numeric = (d: string) => (d.includes('.') ? d.replace(/0+$/, '').replace(/\.$/, '') : d);

describe('fuzz: number fields', () => {
  it('never throw, and what they accept is a plain decimal within the field’s rules', () => {
    fuzz(
      'number fields',
      'no throw + result within rules',
      fc.tuple(fc.oneof(arbTyped, fc.string({ maxLength: 20 })), arbLocale, arbRules),
      ([text, locale, rules]) => {
        const r = parseLocaleNumber(text, locale, rules);
        if (!r.ok) return;
        expect(r.decimal).toMatch(/^\d+(\.\d+)?$/);
        expect(r.value).toBe(Number(r.decimal));
        expect(r.value).toBeGreaterThanOrEqual(rules.min ?? 0);
        expect(r.value).toBeLessThanOrEqual(rules.max ?? 1e12);
        if (rules.integer ?? true) expect(Number.isInteger(r.value)).toBe(true);
        const frac = (r.decimal.split('.')[1] ?? '').replace(/0+$/, '');
        expect(frac.length).toBeLessThanOrEqual(MAX_DECIMALS);
        expect(digitsOf(r.decimal.split('.')[0]! + frac).length).toBeLessThanOrEqual(MAX_DIGITS);
      },
      3000,
    );
  });

  it('never change the digits typed (no digit dropped, joined or added)', () => {
    fuzz(
      'number fields',
      'digits kept',
      fc.tuple(arbTyped, arbLocale, arbRules),
      ([text, locale, rules]) => {
        const r = parseLocaleNumber(text, locale, rules);
        if (r.ok) expect(digitsOf(r.decimal)).toBe(digitsOf(text));
      },
      3000,
    );
  });

  it('read back what the visitor’s own notation writes (the widget fills fields with it)', () => {
    fuzz(
      'number fields',
      'notation round trip',
      fc.tuple(arbDecimal, arbLocale),
      ([decimal, locale]) => {
        const typed = formatTypedNumber(decimal, locale);
        const r = parseLocaleNumber(typed, locale, { integer: false });
        expect(r, `${typed} in ${locale}`).toMatchObject({ ok: true });
        if (r.ok) expect(numeric(r.decimal)).toBe(numeric(decimal));
        const whole = decimal.split('.')[0]!;
        const shown = formatInputNumber(Number(whole), locale);
        const w = parseLocaleNumber(shown, locale, { integer: true });
        expect(w, `${shown} in ${locale}`).toMatchObject({ ok: true, decimal: whole });
      },
      1500,
    );
  });
});

describe('fuzz: number fields across a language switch', () => {
  it('rewriting a valid form in another notation keeps every value exactly', () => {
    const LANG_LOCALES = ['en', 'es', 'pt-BR', 'es-AR', 'en-IN', 'en-CH', 'pt-PT'];
    fuzz(
      'number fields',
      'language switch keeps values (relocalize)',
      fc.record({
        from: fc.constantFrom(...LANG_LOCALES),
        to: fc.constantFrom(...LANG_LOCALES),
        volumes: fc.array(
          arbDecimal.map((d) => d.split('.')[0]!),
          { minLength: 4, maxLength: 4 },
        ),
        replies: arbDecimal.filter((d) => Number(d) <= 1e6),
        percent: arbDecimal.filter((d) => Number(d) <= 100),
        fx: arbDecimal.filter((d) => Number(d) > 0 && Number(d) <= 1e9),
      }),
      ({ from, to, volumes, replies, percent, fx }) => {
        const base = initialForm('2026-11', 'USD', ['MX'], from);
        const typed = (d: string) => formatTypedNumber(d, from);
        const form: Form = {
          ...typedForm(base, volumes, replies, from),
          account: { ...base.account, entryPointShare: typed(percent) },
          fx: { currency: 'MXN', rate: typed(fx) },
        };
        const before = derive(form, from);
        if (before.scenario === null) return;
        const after = relocalize(form, from, to);
        expect(derive(after, to).scenario, JSON.stringify(after)).toEqual(before.scenario);
        expect(fxRate(after, to)).toEqual(fxRate(form, from));
      },
      800,
    );
  });
});
