/**
 * The one parser of what a visitor types in a numeric field, in the notation of the visitor's
 * region (`locale`, e.g. `es-MX` writes `25,000.50`, `es-AR` and `pt-BR` write `25.000,50`).
 * Never throws. Rules:
 * - spaces (including no-break, narrow no-break and thin spaces) are grouping only where grouping
 *   goes: between groups of three digits of the integer part after a head of 1–3 digits (`25 000`,
 *   `1 234 567,5`), the international (SI) grouping every notation reads the same way. Anywhere
 *   else (`10 5`) a space is an error (`format`), never dropped; so is any other white space
 *   inside the number (`9⏎0`). Where the notation groups with an apostrophe (`en-CH`: `1'234'567.5`)
 *   it follows the same rule as a space;
 * - where the notation groups by lakhs and crores (`en-IN`: `12,34,567.5`), that grouping is read
 *   too (as well as groups of three);
 * - a separator followed by exactly three digits, in groups of three after a head of 1–3 digits,
 *   is grouping for counts in every locale (`25,000` and `25.000` are both 25 000 messages);
 * - in decimal fields (percentages, fees) the visitor's notation decides; a value that only makes
 *   sense in the other notation (`2.5` where the comma is the decimal mark) is never guessed: it
 *   is an error that shows the value as the visitor's notation writes it (`notation`);
 * - a trailing separator while typing (`25,`) is not an error: the number read so far is used;
 * - at most 12 decimals and 15 significant digits (`too_precise`): what is typed is what the
 *   estimate and the share link use, digit for digit.
 */

import { nf } from '../format.ts';

export const MAX_INPUT = 1e12;

export type NumberErrorCode =
  | 'empty'
  | 'invalid'
  | 'format'
  | 'notation'
  | 'negative'
  | 'too_large'
  | 'not_integer'
  | 'out_of_range'
  | 'too_small'
  | 'too_precise';

/** Fraction digits a field keeps at most (trailing zeros aside): a percentage then travels in a
 * share link with at most 14 (the link reads 20), and a fee stays far within the engine's 12 + 12. */
export const MAX_DECIMALS = 12;
/** Significant digits at most: any decimal with 15 survives the scenario's numbers exactly, so
 * the link carries what was typed (`too_precise` beyond, never a rounded value). */
export const MAX_DIGITS = 15;

export type ParseResult =
  | {
      readonly ok: true;
      readonly value: number;
      /** The exact value as a plain decimal string (`25000`, `0.0050`): digits as typed, no float. */
      readonly decimal: string;
    }
  | {
      readonly ok: false;
      readonly error: NumberErrorCode;
      /** For `notation`: the value the other notation would give, as a plain decimal string. */
      readonly suggestion?: string;
    };

export type ParseOptions = {
  /** Reject fractions (counts). Default true. */
  readonly integer?: boolean;
  /** Inclusive minimum; default 0. */
  readonly min?: number;
  /** Inclusive maximum; default 10^12. */
  readonly max?: number;
  /**
   * Significant digits at most; default MAX_DIGITS (what survives a JS number exactly). A field
   * read only as an exact decimal string (a partner fee: up to 12 + 12 digits) allows more.
   */
  readonly digits?: number;
};

/** `lakh`: the notation groups by lakhs and crores (`en-IN`: `12,34,567`). */
export type Separators = { readonly group: string; readonly decimal: string; readonly lakh: boolean };

const separators = new Map<string, Separators>();
/**
 * The grouping and decimal marks of a locale (from Intl); a space-like group mark reads as ' '.
 * Read from the form's own formatter (formatInputNumber's, cached by nf): one NumberFormat per locale before
 * the first total, not two (each costs milliseconds on a phone).
 */
export function separatorsOf(locale: string): Separators {
  let s = separators.get(locale);
  if (!s) {
    let group = ',';
    let decimal = '.';
    let ints = '';
    try {
      for (const p of nf(locale, 'input', { maximumFractionDigits: 2, useGrouping: true }).formatToParts(
        1234567.5,
      )) {
        if (p.type === 'group') group = /\s/.test(p.value) ? ' ' : p.value;
        else if (p.type === 'decimal') decimal = p.value;
        else if (p.type === 'integer') ints += p.value.length;
      }
    } catch {
      /* unknown locale: en notation */
    }
    if (decimal !== ',' && decimal !== '.') decimal = '.';
    s = { group, decimal, lakh: ints === '223' };
    separators.set(locale, s);
  }
  return s;
}

/** Space-like grouping marks (a space, no-break, narrow no-break and thin spaces). */
const SPACES = /[ \u00a0\u202f\u2009]/g;
/** Digits grouped by spaces (already read as ' '), with an optional fraction after a decimal mark. */
const SPACE_GROUPED = /^[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]*)?$/;
const GROUPED = /^[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*$/;

type Split = { int: string; frac: string } | 'format' | { other: { int: string; frac: string } };

/** Splits unsigned text of digits and separators into integer and fraction digits. */
function split(s: string, sep: Separators, integer: boolean): Split {
  // Several marks of one kind, in groups of three: grouping in any notation; and for counts, a
  // single mark followed by exactly three digits too.
  const g = GROUPED.exec(s);
  if (g && (integer || s.split(g[1]!).length > 2 || g[1] === sep.group)) {
    return { int: s.replace(/[.,]/g, ''), frac: '' };
  }
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  const readAs = (dec: string): { int: string; frac: string } | 'format' => {
    const other = dec === '.' ? ',' : '.';
    const [head = '', frac, extra] = s.split(dec);
    if (extra !== undefined) return 'format';
    if (frac !== undefined && !/^[0-9]+$/.test(frac)) return 'format';
    let int = head;
    if (head.includes(other)) {
      if (!GROUPED.test(head)) return 'format';
      int = head.split(other).join('');
    }
    return { int: int === '' ? '0' : int, frac: frac ?? '' };
  };
  if (dots === 0 && commas === 0) return { int: s, frac: '' };
  // The visitor's decimal mark, or the only mark when the group mark is a space.
  const mine = sep.decimal;
  const theirs = mine === '.' ? ',' : '.';
  const mineCount = mine === '.' ? dots : commas;
  const theirsCount = mine === '.' ? commas : dots;
  if (theirsCount === 0 || (mineCount === 1 && s.lastIndexOf(mine) > s.lastIndexOf(theirs))) {
    return readAs(mine);
  }
  // Only the other notation makes sense of it (`2.5` or `1.000,5` where the comma is decimal).
  const other = readAs(theirs);
  return other === 'format' ? 'format' : { other };
}

/** Parses `text` in `locale`'s notation (a BCP 47 tag; `es-MX`, `es`, `pt-BR`, `en`…). */
export function parseLocaleNumber(text: unknown, locale: string, options: ParseOptions = {}): ParseResult {
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
  const sep = separatorsOf(locale);
  // The apostrophe grouping (`1'234'567`) follows the rule of spaces.
  if (/['’]/.test(sep.group)) s = s.replace(/['’]/g, ' ');
  // Lakh grouping (a head of 1–2 digits, groups of two, a last group of three: `12,34,567.5`).
  if (sep.lakh) s = s.replace(/^\d{1,2}(,\d\d)+,\d{3}(?![\d,])/, (m) => m.replace(/,/g, ''));
  if (/\s/.test(s)) {
    // Spaces only as grouping at the right places (`25 000`), never joined digits (`10 5`, `9⏎0`).
    const spaced = s.replace(SPACES, ' ');
    if (!SPACE_GROUPED.test(spaced))
      return { ok: false, error: /^[0-9.,\s]+$/.test(spaced) && /[0-9]/.test(spaced) ? 'format' : 'invalid' };
    s = spaced.replace(/ /g, '');
  }
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return { ok: false, error: 'invalid' };
  // While typing: `25,` is 25 so far, not an error.
  if (/[0-9][.,]$/.test(s)) s = s.slice(0, -1);
  const parts = split(s, sep, integer);
  if (parts === 'format') return { ok: false, error: 'format' };
  if ('other' in parts) {
    const o = parts.other;
    // A count can only be whole: a fraction in either notation is "not a whole number".
    if (integer && /[1-9]/.test(o.frac)) return { ok: false, error: 'not_integer' };
    if (integer) return { ok: false, error: 'format' };
    return { ok: false, error: 'notation', suggestion: plain(o.int, o.frac) };
  }
  const decimal = plain(parts.int, parts.frac);
  const value = Number(decimal);
  if (!Number.isFinite(value)) return { ok: false, error: 'invalid' };
  if (negative && value !== 0) return { ok: false, error: 'negative' };
  if (value > max) return { ok: false, error: max >= MAX_INPUT ? 'too_large' : 'out_of_range' };
  if (integer && !Number.isInteger(value)) return { ok: false, error: 'not_integer' };
  if (value < min) return { ok: false, error: 'too_small' };
  const frac = parts.frac.replace(/0+$/, '');
  const significant = (parts.int + frac).replace(/^0+/, '').length;
  if (frac.length > MAX_DECIMALS || significant > (options.digits ?? MAX_DIGITS))
    return { ok: false, error: 'too_precise' };
  return { ok: true, value, decimal };
}

/** Integer and fraction digits → a plain decimal string without leading zeros (`007.50` → `7.50`). */
function plain(int: string, frac: string): string {
  const i = int.replace(/^0+(?=\d)/, '') || '0';
  return frac === '' ? i : `${i}.${frac}`;
}

/** Writes a number back in the visitor's notation (at most 2 decimals, as the form's defaults). */
export function formatInputNumber(value: number, locale: string): string {
  return nf(locale, 'input', { maximumFractionDigits: 2, useGrouping: true }).format(value);
}

/**
 * A typed value as the visitor's notation writes it, every digit kept and thousands always
 * grouped (`25000` → `25,000` in es-MX, `25.000` in es-AR): what a field says it understood.
 */
export function formatTypedNumber(decimal: string, locale: string): string {
  return nf(locale, 'typed', {
    maximumFractionDigits: 20,
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(decimal);
}

/** `12.5` → `0.125`, `3` → `300`: a decimal point moved on the digits, never a float product. */
export function shiftDecimal(text: string, places: number): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return text;
  let digits = m[1]! + (m[2] ?? '');
  let point = m[1]!.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}
