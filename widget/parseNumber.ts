/**
 * Locale-aware parsing of what a visitor types in a numeric field. Never throws.
 * es / pt-BR: `1.000,50` (dot groups, comma decimals); en: `1,000.50`.
 * Spaces (including no-break and narrow no-break spaces) are accepted as group separators.
 */
import type { Lang } from './lang.ts';

export const MAX_INPUT = 1e12;

export type NumberErrorCode =
  | 'empty'
  | 'invalid'
  | 'format'
  | 'negative'
  | 'too_large'
  | 'not_integer'
  | 'out_of_range'
  | 'too_small';

export type ParseResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: NumberErrorCode };

export type ParseOptions = {
  /** Reject fractions (counts). Default true. */
  readonly integer?: boolean;
  /** Inclusive minimum; default 0. */
  readonly min?: number;
  /** Inclusive maximum; default 10^12. */
  readonly max?: number;
};

export function separatorsOf(lang: Lang): { group: string; decimal: string } {
  return lang === 'en' ? { group: ',', decimal: '.' } : { group: '.', decimal: ',' };
}

const SPACES = /[\s\u00a0\u202f\u2009]/g;

export function parseLocaleNumber(text: unknown, lang: Lang, options: ParseOptions = {}): ParseResult {
  const integer = options.integer ?? true;
  const min = options.min ?? 0;
  const max = options.max ?? MAX_INPUT;
  if (typeof text !== 'string') return { ok: false, error: 'invalid' };
  let s = text.trim();
  if (s === '') return { ok: false, error: 'empty' };
  let negative = false;
  if (/^[-\u2212]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  const { group, decimal } = separatorsOf(lang);
  s = s.replace(SPACES, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return { ok: false, error: 'invalid' };
  const parts = s.split(decimal);
  if (parts.length > 2) return { ok: false, error: 'format' };
  const intPart = parts[0] ?? '';
  const fracPart = parts[1];
  if (fracPart !== undefined && !/^[0-9]+$/.test(fracPart)) return { ok: false, error: 'format' };
  let digits: string;
  if (intPart.includes(group)) {
    const groups = intPart.split(group);
    const [head, ...rest] = groups;
    if (!head || !/^[0-9]{1,3}$/.test(head) || rest.some((g) => !/^[0-9]{3}$/.test(g))) {
      return { ok: false, error: 'format' };
    }
    digits = groups.join('');
  } else {
    if (intPart === '' && fracPart === undefined) return { ok: false, error: 'invalid' };
    digits = intPart === '' ? '0' : intPart;
  }
  const value = Number(fracPart === undefined ? digits : `${digits}.${fracPart}`);
  if (!Number.isFinite(value)) return { ok: false, error: 'invalid' };
  if (negative && value !== 0) return { ok: false, error: 'negative' };
  if (value > max) return { ok: false, error: max >= MAX_INPUT ? 'too_large' : 'out_of_range' };
  if (integer && !Number.isInteger(value)) return { ok: false, error: 'not_integer' };
  if (value < min) return { ok: false, error: 'too_small' };
  return { ok: true, value };
}

/** Writes a number back in the visitor's locale, without grouping ambiguity (e.g. `1.000` in es). */
const inputFormats = new Map<Lang, Intl.NumberFormat>();
export function formatInputNumber(value: number, lang: Lang): string {
  let f = inputFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: true });
    inputFormats.set(lang, f);
  }
  return f.format(value);
}
