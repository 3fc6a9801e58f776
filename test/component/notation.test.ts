/**
 * Issue 9, item 1: numbers read as the visitor writes them. The notation follows the visitor's
 * region (es-MX and es-419 write 25,000.50; es-ES, es-AR, es-CO, es-CL and pt-BR write 25.000,50);
 * a separator followed by exactly three digits is grouping for counts in every locale; decimal
 * fields never guess a value that only the other notation reads; a trailing separator while
 * typing is not an error.
 */
import { describe, expect, it } from 'vitest';
import { regionLocale } from '../../widget/lang.ts';
import { readBack } from '../../widget/form/NumberField.tsx';
import { parseOptions } from '../../widget/options.ts';
import {
  formatInputNumber,
  formatTypedNumber,
  parseLocaleNumber,
  separatorsOf,
} from '../../widget/form/parseNumber.ts';

const COUNT = { integer: true } as const;
const DECIMAL = { integer: false } as const;
type Row = readonly [text: string, count: number | string, decimal: number | string];
// Per locale: what a count field and a decimal field make of each text (a number, or an error code).
const TABLE: Readonly<Record<string, readonly Row[]>> = {
  'es-MX': [
    ['25,000', 25000, 25000],
    ['25.000', 25000, 25],
    ['1.000,5', 'not_integer', 'notation'],
    ['1,000.5', 'not_integer', 1000.5],
    ['2.5', 'not_integer', 2.5],
    ['0,01', 'not_integer', 'notation'],
    ['25,', 25, 25],
    ['25.', 25, 25],
  ],
  'es-ES': [
    ['25,000', 25000, 25],
    ['25.000', 25000, 25000],
    ['1.000,5', 'not_integer', 1000.5],
    ['1,000.5', 'not_integer', 'notation'],
    ['2.5', 'not_integer', 'notation'],
    ['0,01', 'not_integer', 0.01],
    ['25,', 25, 25],
  ],
  'es-AR': [
    ['25,000', 25000, 25],
    ['25.000', 25000, 25000],
    ['1.000,5', 'not_integer', 1000.5],
    ['1,000.5', 'not_integer', 'notation'],
    ['2.5', 'not_integer', 'notation'],
    ['0,01', 'not_integer', 0.01],
    ['25.', 25, 25],
  ],
  'pt-BR': [
    ['25,000', 25000, 25],
    ['25.000', 25000, 25000],
    ['1.000,5', 'not_integer', 1000.5],
    ['1,000.5', 'not_integer', 'notation'],
    ['2.5', 'not_integer', 'notation'],
    ['0,01', 'not_integer', 0.01],
    ['25,', 25, 25],
  ],
  en: [
    ['25,000', 25000, 25000],
    ['25.000', 25000, 25],
    ['1.000,5', 'not_integer', 'notation'],
    ['1,000.5', 'not_integer', 1000.5],
    ['2.5', 'not_integer', 2.5],
    ['0,01', 'not_integer', 'notation'],
    ['25.', 25, 25],
  ],
};

describe('numbers in the notation of the visitor’s region', () => {
  for (const [locale, rows] of Object.entries(TABLE)) {
    it.each(rows)(`${locale}: %s is %s as a count and %s as a decimal`, (text, count, decimal) => {
      for (const [rule, want] of [
        [COUNT, count],
        [DECIMAL, decimal],
      ] as const) {
        const r = parseLocaleNumber(text, locale, rule);
        if (typeof want === 'number') expect(r).toMatchObject({ ok: true, value: want });
        else expect(r).toMatchObject({ ok: false, error: want });
      }
    });
  }
  it('regions of one language write numbers differently', () => {
    expect(separatorsOf('es-MX')).toEqual({ group: ',', decimal: '.', lakh: false });
    expect(separatorsOf('es-419')).toEqual({ group: ',', decimal: '.', lakh: false });
    for (const l of ['es-ES', 'es-AR', 'es-CO', 'es-CL', 'pt-BR'])
      expect(separatorsOf(l)).toEqual({ group: '.', decimal: ',', lakh: false });
    expect(separatorsOf('en')).toEqual({ group: ',', decimal: '.', lakh: false });
    // Lakhs and crores (12,34,567.5) and apostrophes (1'234'567.5), read back too (test/fuzz).
    expect(separatorsOf('en-IN')).toEqual({ group: ',', decimal: '.', lakh: true });
    expect(separatorsOf('en-CH')).toEqual({ group: "'", decimal: '.', lakh: false });
  });
  it('reads the marks from the form’s own formatter: one NumberFormat per locale', () => {
    const Real = Intl.NumberFormat;
    let built = 0;
    Intl.NumberFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        built++;
      }
    } as typeof Real;
    try {
      expect(formatInputNumber(25000.5, 'es-UY')).toBe('25.000,5');
      expect(separatorsOf('es-UY')).toEqual({ group: '.', decimal: ',', lakh: false });
      expect(built).toBe(1);
      expect(separatorsOf('fr-FR')).toEqual({ group: ' ', decimal: ',', lakh: false });
      expect(separatorsOf('not a tag')).toEqual({ group: ',', decimal: '.', lakh: false });
    } finally {
      Intl.NumberFormat = Real;
    }
  });
  it('a decimal field that only the other notation reads suggests the value in the visitor’s own', () => {
    const r = parseLocaleNumber('2.5', 'es-AR', DECIMAL);
    expect(r).toEqual({ ok: false, error: 'notation', suggestion: '2.5' });
    expect(formatTypedNumber('2.5', 'es-AR')).toBe('2,5');
    expect(parseLocaleNumber('1.000,5', 'es-MX', DECIMAL)).toEqual({
      ok: false,
      error: 'notation',
      suggestion: '1000.5',
    });
  });
  it('keeps the exact digits typed (no float)', () => {
    expect(parseLocaleNumber('0,0050', 'pt-BR', DECIMAL)).toMatchObject({ decimal: '0.0050' });
    expect(parseLocaleNumber('1,234,567.125', 'es-MX', DECIMAL)).toMatchObject({ decimal: '1234567.125' });
  });
});

describe('the field echoes what it understood', () => {
  it.each([
    ['25.000', 'es-MX', false, '25,000'],
    ['25,000', 'es-MX', false, null],
    ['25,000', 'es-AR', false, '25.000'],
    ['25,', 'pt-BR', false, '25'],
    ['25000', 'en', false, null],
    ['1.000', 'en', true, '1'],
    ['2,5', 'es-ES', true, null],
  ] as const)('%s in %s (decimal: %s) reads back as %s', (text, locale, decimal, echo) => {
    expect(readBack(text, locale, decimal)).toBe(echo);
  });
});

describe('the region comes from lang, then the page, then the browser', () => {
  it('keeps the region of the lang attribute for numbers while texts stay es', () => {
    const o = parseOptions({ lang: 'es-MX' }, { pageLang: 'es-AR', browserLangs: ['es-CO'] }, () => {});
    expect(o.lang).toBe('es');
    expect(regionLocale(o.lang, o.langTags ?? [])).toBe('es-MX');
  });
  it('falls back to the page, then to the browser, for a language without region', () => {
    const page = parseOptions({ lang: 'es' }, { pageLang: 'es-AR', browserLangs: ['es-MX'] }, () => {});
    expect(regionLocale(page.lang, page.langTags ?? [])).toBe('es-AR');
    const browser = parseOptions(
      { lang: 'es' },
      { pageLang: 'es', browserLangs: ['en-US', 'es-419'] },
      () => {},
    );
    expect(regionLocale(browser.lang, browser.langTags ?? [])).toBe('es-419');
    expect(regionLocale('pt-BR', ['pt'])).toBe('pt-BR');
    expect(regionLocale('es', [])).toBe('es');
    expect(regionLocale('en', ['es-MX'])).toBe('en');
  });
});
