/**
 * Display formatting with Intl only. Money arrives as exact decimal strings from the engine and
 * is passed to Intl.NumberFormat as a string (formatted exactly, no float). No arithmetic here.
 */
import type { Locale } from './lang.ts';

type Fmt = {
  format(value: number | string): string;
  formatToParts(value: number): Intl.NumberFormatPart[];
};
const cache = new Map<string, Fmt>();

/** A cached number format of `lang` (`key` names `options`); the one cache of the widget's formats. */
export function nf(lang: Locale, key: string, options: Intl.NumberFormatOptions): Fmt {
  const k = `${lang}|${key}`;
  let f = cache.get(k);
  if (!f) {
    let inner: Intl.NumberFormat;
    try {
      inner = new Intl.NumberFormat(lang, options);
    } catch {
      inner = new Intl.NumberFormat(lang, { maximumFractionDigits: 20 });
    }
    f = { format: (v) => inner.format(v as unknown as number), formatToParts: (v) => inner.formatToParts(v) };
    cache.set(k, f);
  }
  return f;
}

const digits = new Map<string, number>();
function currencyDigits(lang: Locale, currency: string): number {
  let d = digits.get(currency);
  if (d === undefined) {
    try {
      d =
        new Intl.NumberFormat(lang, { style: 'currency', currency }).resolvedOptions()
          .minimumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digits.set(currency, d);
  }
  return d;
}

const dates = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Locale, kind: 'month' | 'date'): Intl.DateTimeFormat {
  const key = `${lang}|${kind}`;
  let f = dates.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      lang,
      kind === 'month'
        ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
        : { dateStyle: 'long', timeZone: 'UTC' },
    );
    dates.set(key, f);
  }
  return f;
}

const collators = new Map<string, Intl.Collator>();
/** Locale-aware string comparison with a cached collator (localeCompare builds one per call). */
export function compareText(lang: Locale): (a: string, b: string) => number {
  let c = collators.get(lang);
  if (!c) {
    c = new Intl.Collator(lang);
    collators.set(lang, c);
  }
  return c.compare;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Money as a person reads it: the currency's usual digits (cents), thousands grouped, in the
 * visitor's notation. The engine's exact decimal string goes to Intl as a string, so rounding
 * (half away from zero) happens on the decimal digits, never through a float; the exact value
 * stays available through formatExactMoney (titles) and the CSV.
 */
export function formatMoney(amount: string, currency: string, lang: Locale): string {
  if (!DECIMAL.test(amount)) return amount;
  const digits = currencyDigits(lang, currency);
  return nf(lang, `money-${currency}`, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    roundingMode: 'halfExpand',
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(amount);
}

/** The engine's exact amount, every digit kept (for a title or an expansion). */
export function formatExactMoney(amount: string, currency: string, lang: Locale): string {
  if (!DECIMAL.test(amount)) return amount;
  return nf(lang, `exact-${currency}`, {
    style: 'currency',
    currency,
    minimumFractionDigits: currencyDigits(lang, currency),
    maximumFractionDigits: 20,
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(amount);
}

/** Fraction digits of a decimal string (`0.0250` → 4). */
export function fractionDigits(decimal: string): number {
  const m = /\.(\d+)$/.exec(decimal);
  return m ? m[1]!.length : 0;
}

/**
 * A per-unit rate at the card's precision: every digit of the card's figure, and at least
 * `minDigits` (a table passes the most digits of its column, so one column never mixes 2, 3 and 4).
 */
export function formatRate(rate: string, currency: string, lang: Locale, minDigits = 2): string {
  if (!DECIMAL.test(rate)) return rate;
  const min = Math.min(20, Math.max(2, minDigits, fractionDigits(rate)));
  return nf(lang, `rate-${currency}-${min}`, {
    style: 'currency',
    currency,
    minimumFractionDigits: min,
    maximumFractionDigits: 20,
  }).format(rate);
}

export function formatCount(n: number, lang: Locale): string {
  return nf(lang, 'count', {
    maximumFractionDigits: 2,
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(n);
}

/** `YYYY-MM` → "noviembre de 2026". */
export function formatMonth(month: string, lang: Locale): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return dtf(lang, 'month').format(new Date(Date.UTC(y, m - 1, 1)));
}

/**
 * `YYYY-MM` → "Noviembre de 2026": the month as it opens a label, an option or a column heading
 * (Intl writes es / pt-BR month names in lower case, right inside a sentence).
 */
export function formatMonthLabel(month: string, lang: Locale): string {
  const text = formatMonth(month, lang);
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/**
 * `YYYY-MM-DD` → long date in the visitor's language. Brazilian usage writes the first day of a
 * month as an ordinal («1º de julho de 2025»), which Intl does not.
 */
export function formatDate(date: string, lang: Locale): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return date;
  const text = dtf(lang, 'date').format(new Date(Date.UTC(y, m - 1, d)));
  return lang === 'pt-BR' && d === 1 ? text.replace(/^1 de /, '1º de ') : text;
}

/** The current month `YYYY-MM` in the host's local time. */
export function currentMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** Months from `first` to `last` inclusive, both `YYYY-MM`. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 600) break;
  }
  return out;
}
