import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimate } from '../../engine/index.ts';
import { formatExactMoney, formatMoney, formatRate, monthRange } from '../../widget/format.ts';
import { fallbackLng, resolveLang } from '../../widget/lang.ts';
import { derive, initialForm, relocalize } from '../../widget/model.ts';
import { onceWarner, parseOptions, unknownAttributes } from '../../widget/options.ts';
import { formatInputNumber, parseLocaleNumber } from '../../widget/form/parseNumber.ts';
import { defaultCountry } from '../defaults.ts';

describe('fallbackLng', () => {
  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['es-419', 'es'],
    ['ES_ar', 'es'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['en-GB', 'en'],
    ['en', 'en'],
    ['fr', null],
    ['', null],
    ['not a tag!', null],
    [undefined, null],
  ])('maps %s to %s', (tag, lang) => {
    expect(fallbackLng(tag)).toBe(lang);
  });
  it('resolves the first supported candidate, else English', () => {
    expect(resolveLang(null, 'fr-FR', 'pt-PT', 'es')).toBe('pt-BR');
    expect(resolveLang('de', 'it')).toBe('en');
  });
});

describe('parseLocaleNumber', () => {
  it.each([
    ['1.000,50', 'es', 1000.5],
    ['1.000', 'es', 1000],
    ['1000', 'pt-BR', 1000],
    ['12,5', 'pt-BR', 12.5],
    ['1,000.50', 'en', 1000.5],
    ['1,000', 'en', 1000],
    [' 2 000 ', 'es', 2000],
    ['1\u202f000', 'pt-BR', 1000],
    ['25 000', 'fr-FR', 25000],
    ['25\u00a0000', 'en', 25000],
    ['1 234 567,5', 'es', 1234567.5],
    ['+7', 'en', 7],
    ['-0', 'en', 0],
    ['1000000000000', 'en', 1e12],
  ] as const)('reads %s in %s as %d', (text, lang, value) => {
    const r = parseLocaleNumber(text, lang, { integer: false });
    expect(r).toMatchObject({ ok: true, value });
    expect(r.ok && Number(r.decimal)).toBe(value);
  });
  it.each([
    ['', 'en', 'empty'],
    ['   ', 'es', 'empty'],
    ['abc', 'en', 'invalid'],
    ['1e999', 'en', 'invalid'],
    ['Infinity', 'en', 'invalid'],
    ['NaN', 'es', 'invalid'],
    ['0x10', 'en', 'invalid'],
    ['-5', 'en', 'negative'],
    ['−5', 'es', 'negative'],
    ['1000000000001', 'en', 'too_large'],
    ['99999999999999999999', 'es', 'too_large'],
    ['1,5', 'en', 'not_integer'],
    ['1,50', 'en', 'not_integer'],
    ['1,00', 'en', 'format'],
    ['1.00', 'es', 'format'],
    ['1,000,0', 'en', 'format'],
    ['1.000,5', 'es', 'not_integer'],
    ['2.5', 'en', 'not_integer'],
    // Spaces never join digits (issue 13): only grouping at the right places.
    ['10 5', 'en', 'format'],
    ['9\n0', 'es', 'format'],
    ['1\t000', 'en', 'format'],
    ['12 34', 'pt-BR', 'format'],
    ['1 0000', 'fr-FR', 'format'],
    ['25 000 0', 'en', 'format'],
    ['1 000,5 5', 'es', 'format'],
    ['1 a', 'en', 'invalid'],
  ] as const)('rejects %s in %s with %s', (text, lang, error) => {
    expect(parseLocaleNumber(text, lang)).toEqual({ ok: false, error });
  });
  it('applies min and max', () => {
    expect(parseLocaleNumber('0', 'en', { min: 1 })).toEqual({ ok: false, error: 'too_small' });
    expect(parseLocaleNumber('101', 'en', { max: 100, integer: false })).toEqual({
      ok: false,
      error: 'out_of_range',
    });
  });
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.anything()),
        fc.constantFrom('es', 'pt-BR', 'en') as fc.Arbitrary<'es'>,
        (text, lang) => {
          const r = parseLocaleNumber(text, lang);
          if (r.ok) expect(Number.isInteger(r.value) && r.value >= 0 && r.value <= 1e12).toBe(true);
        },
      ),
    );
  });
  it('reads back what it formats, in every language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom('es', 'pt-BR', 'en', 'es-MX', 'es-AR', 'es-419') as fc.Arbitrary<'es'>,
        (n, lang) => {
          expect(parseLocaleNumber(formatInputNumber(n, lang), lang)).toEqual({
            ok: true,
            value: n,
            decimal: String(n),
          });
        },
      ),
    );
  });
});

describe('parseOptions', () => {
  it('uses documented defaults and warns once, with the prefix, about each invalid value', () => {
    const lines: string[] = [];
    const warn = onceWarner((m) => lines.push(m));
    const raw = { lang: 'xx', country: 'mx, zzz, BR', currency: 'dollars', month: '2026-13', theme: 'neon' };
    const o = parseOptions(raw, { pageLang: 'pt-PT' }, warn);
    parseOptions(raw, { pageLang: 'pt-PT' }, warn);
    // toMatchObject: the options of other features (partner fees, card import…) are tested with them.
    expect(o).toMatchObject({
      lang: 'pt-BR',
      countries: ['MX', 'BR'],
      currency: null,
      month: null,
      theme: 'light',
    });
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l.startsWith('[tarifa] ')).toBe(true);
  });
  it('follows the page language when lang is absent', () => {
    expect(parseOptions({}, { pageLang: 'es-AR' }, () => {}).lang).toBe('es');
    expect(parseOptions({}, { pageLang: 'de', browserLangs: ['pt-PT'] }, () => {}).lang).toBe('pt-BR');
  });
  it('accepts valid values', () => {
    expect(
      parseOptions(
        { lang: 'es-MX', country: 'co', currency: 'eur', month: '2025-08', theme: 'dark' },
        {},
        () => {},
      ),
    ).toMatchObject({ lang: 'es', countries: ['CO'], currency: 'EUR', month: '2025-08', theme: 'dark' });
  });
  it('flags unknown attributes but not global or data-/aria- ones', () => {
    expect(unknownAttributes(['lang', 'class', 'data-x', 'aria-label', 'contry', 'curency'])).toEqual([
      'contry',
      'curency',
    ]);
  });
});

describe('model', () => {
  it('a business country with an international share prices authentication-international all month', () => {
    const f = initialForm('2026-08', 'USD', ['PK'], 'en');
    const form = {
      ...f,
      businessCountry: 'SG',
      account: { ...f.account, authInternationalShare: '100' },
    };
    const d = derive(form, 'en');
    expect(d.account).toMatchObject({ businessCountry: 'SG', authInternationalFrom: '2026-08-02' });
    const e = estimate(d.scenario!, d.account);
    const intl = e.lines.filter((l) => l.category === 'authentication_international');
    expect(intl.map((l) => l.count)).toEqual([d.scenario!.countries[0]!.authentication]);
    expect(intl[0]!.count).toBeGreaterThan(0);
    // 40 %: that share at the international rate, the rest domestic.
    const part = derive({ ...form, account: { ...form.account, authInternationalShare: '40' } }, 'en');
    const p = estimate(part.scenario!, part.account);
    const all = part.scenario!.countries[0]!.authentication!;
    const count = (cat: string) => p.lines.filter((l) => l.category === cat).reduce((n, l) => n + l.count, 0);
    expect(count('authentication_international')).toBe(Math.round(all * 0.4));
    expect(count('authentication')).toBe(all - Math.round(all * 0.4));
    // Without a business country nothing is international.
    expect(derive({ ...form, businessCountry: '' }, 'en').account).not.toHaveProperty(
      'authInternationalFrom',
    );
  });

  it('builds the scenario from typed text, percentages as shares', () => {
    const form = {
      ...initialForm('2026-11', 'USD', ['MX'], 'es'),
      account: { ...initialForm('2026-11', 'USD', ['MX'], 'es').account, entryPointShare: '12,5' },
    };
    const d = derive(form, 'es');
    expect(d.errors.size).toBe(0);
    expect(d.scenario).toEqual({
      month: '2026-11',
      countries: [defaultCountry('MX')],
      assumptions: {
        entryPointShare: 0.125,
        utilityInWindowShare: 0,
        authInternationalShare: 0,
        phoneNumbers: 1,
        templatesPerConversation: 1,
      },
    });
  });
  it('reports every invalid field and builds no scenario', () => {
    const f = initialForm('2026-11', 'USD', ['MX', 'BR'], 'en');
    const bad = {
      ...f,
      rows: [{ ...f.rows[0]!, text: { ...f.rows[0]!.text, marketing: 'abc', utility: '-1' } }, f.rows[1]!],
    };
    const d = derive(bad, 'en');
    expect(d.scenario).toBeNull();
    expect([...d.errors]).toEqual([
      ['MX.marketing', { code: 'invalid', min: 0, max: 1e12 }],
      ['MX.utility', { code: 'negative', min: 0, max: 1e12 }],
    ]);
  });
  it('rewrites typed numbers when the language changes, keeping invalid text as typed', () => {
    const f = initialForm('2026-11', 'USD', ['BR'], 'pt-BR');
    const typed = {
      ...f,
      rows: [{ ...f.rows[0]!, text: { ...f.rows[0]!.text, marketing: '12.345', utility: 'x' } }],
    };
    const en = relocalize(typed, 'pt-BR', 'en');
    expect(en.rows[0]!.text.marketing).toBe('12,345');
    expect(en.rows[0]!.text.utility).toBe('x');
    expect(derive(en, 'en').errors.has('BR.marketing')).toBe(false);
  });
});

describe('format', () => {
  it('keeps the engine decimal string exact where the exact value is shown (titles)', () => {
    expect(formatExactMoney('1234.5678', 'USD', 'en')).toBe('$1,234.5678');
    expect(formatExactMoney('1234567.5', 'USD', 'pt-BR')).toBe('US$\u00a01.234.567,50');
    expect(formatExactMoney('12345678901234567.123456789', 'USD', 'en')).toBe(
      '$12,345,678,901,234,567.123456789',
    );
  });
  it('shows money with cents, rounded on the decimal digits (never through a float)', () => {
    expect(formatMoney('1234.5678', 'USD', 'en')).toBe('$1,234.57');
    expect(formatMoney('1234567.5', 'USD', 'pt-BR')).toBe('US$\u00a01.234.567,50');
    // 1.005 as a float is 1.00499999…: rounding the string gives 1.01.
    expect(formatMoney('1.005', 'USD', 'en')).toBe('$1.01');
    expect(formatMoney('12345678901234567.125', 'USD', 'en')).toBe('$12,345,678,901,234,567.13');
    expect(formatMoney('6142.9098', 'USD', 'es-MX')).toBe('USD\u00a06,142.91');
    expect(formatMoney('6142.9098', 'USD', 'es')).toBe('6.142,91\u00a0US$');
  });
  it('shows rates at the card’s precision, one precision per column', () => {
    expect(formatRate('0.0250', 'USD', 'en')).toBe('$0.0250');
    expect(formatRate('0.025', 'USD', 'en', 4)).toBe('$0.0250');
    expect(formatRate('0.03', 'USD', 'pt-BR')).toBe('US$\u00a00,03');
  });
  it('reads month ranges (tier notation: test/unit/codes.test.ts)', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
