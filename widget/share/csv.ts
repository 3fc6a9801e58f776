/**
 * CSV export of a breakdown that opens correctly in spreadsheet apps set to the visitor's
 * language: es and pt-BR use `;` between cells and `,` as the decimal mark (what Excel and
 * LibreOffice expect under those regional settings), en uses `,` and `.`. UTF-8 with a BOM
 * (so Excel reads accents correctly), CRLF line ends (RFC 4180), every row ending with one.
 * No `sep=` line: Excel ignores the BOM when one is present.
 *
 * No display text lives here: the header row and any text cells come translated from the
 * caller. Amounts are the engine's exact decimal strings with the decimal mark swapped:
 * never a float, never a thousands separator, never rounded.
 */
import type { Locale } from '../lang.ts';
import { separatorsOf } from '../form/parseNumber.ts';

/**
 * A cell: text (escaped and guarded against formula injection), an exact decimal from the
 * engine (`{ decimal: '-12.0500' }`: the mark is localised), a whole number (a count),
 * or null (empty).
 */
export type CsvCell = string | number | { readonly decimal: string } | null;

export type CsvOptions = {
  readonly lang: Locale;
  /** Translated column titles; written as the first row when given. */
  readonly header?: readonly string[];
};

export const BOM = '\uFEFF';
const CRLF = '\r\n';
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Text a spreadsheet would read as a number: left alone even when it starts with `-` or `+`. */
const PLAIN_NUMBER = /^[-+]?\d+([.,]\d+)?$/;
/** First characters that make a spreadsheet evaluate a cell (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvSeparators(lang: Locale): { readonly separator: string; readonly decimalMark: string } {
  return separatorsOf(lang).decimal === '.'
    ? { separator: ',', decimalMark: '.' }
    : { separator: ';', decimalMark: ',' };
}

function quote(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function textCell(text: string, separator: string): string {
  const guarded = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return quote(guarded, separator);
}

function cell(value: CsvCell, separator: string, decimalMark: string): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? String(value) : textCell(String(value), separator);
  }
  if (typeof value === 'object') {
    const d = value.decimal;
    if (typeof d === 'string' && DECIMAL.test(d)) return quote(d.replace('.', decimalMark), separator);
    return textCell(String(d), separator);
  }
  return textCell(value, separator);
}

/** The CSV text (BOM included) for rows of cells; wrap it in a `text/csv;charset=utf-8` Blob to download. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions): string {
  const { separator, decimalMark } = csvSeparators(options.lang);
  const all: (readonly CsvCell[])[] = options.header ? [options.header, ...rows] : [...rows];
  return (
    BOM + all.map((row) => row.map((c) => cell(c, separator, decimalMark)).join(separator) + CRLF).join('')
  );
}
