/**
 * A visitor's own exchange rate: an estimate shown in a currency Meta has no card for (MXN, COP,
 * ARS, PEN…) at "1 USD = x MXN". A conversion for reading, never a bill: the billed figures stay in
 * `source`, unchanged, and every converted figure is `billed × rate`, exact (scaled integers, no
 * rounding, no float). Rounding for display is the widget's formatting.
 */
import { type InputProblem, TarifaInputError } from '../errors.ts';
import { formatFixed, isRateString, toFixedPoint } from '../money.ts';
import type { Estimate } from '../types.ts';

export type ExchangeRate = {
  /** ISO 4217 code of the currency to read in, e.g. `'MXN'`. */
  readonly currency: string;
  /** Units of `currency` per one unit of the estimate's currency, a decimal string (`'17.25'`). */
  readonly rate: string;
};

export type ConvertedLine = {
  /** Converted price per unit (`line.rate × rate`); null where the billed rate is missing. */
  readonly rate: string | null;
  /** Converted `line.amount × rate`; null where the billed amount is missing. */
  readonly amount: string | null;
};

export type ConvertedEstimate = {
  readonly currency: string;
  /** The exchange rate as given: 1 `source.currency` = `rate` `currency`. */
  readonly rate: string;
  /**
   * `source.total × rate`, exact. Equals the sum of the converted line amounts. Null when the
   * billed total is null (a month without a card in the billed currency).
   */
  readonly total: string | null;
  /** True when the billed estimate is incomplete (the converted total is a lower bound too). */
  readonly incomplete: boolean;
  /** `lines[i]` converts `source.lines[i]`. */
  readonly lines: readonly ConvertedLine[];
  /** The billed estimate, as it was: the figures Meta bills. */
  readonly source: Estimate;
};

const CURRENCY_RE = /^[A-Z]{3}$/;

/** Exact product of two decimal strings (`isRateString`), written without exponent or trailing-zero trimming. */
function multiply(a: string, b: string): string {
  const x = toFixedPoint(a);
  const y = toFixedPoint(b);
  return formatFixed(x.units * y.units, x.scale + y.scale);
}

/**
 * The estimate read in another currency at the visitor's own exchange rate. Throws one
 * `TarifaInputError` for a bad currency code (`bad_currency`), the estimate's own currency
 * (`same_currency`) or a rate that is not a positive decimal string (`bad_rate`).
 */
export function convertEstimate(estimate: Estimate, fx: ExchangeRate): ConvertedEstimate {
  const problems: InputProblem[] = [];
  const currency = (fx as { currency?: unknown })?.currency;
  const rate = (fx as { rate?: unknown })?.rate;
  if (typeof currency !== 'string' || !CURRENCY_RE.test(currency))
    problems.push({ index: -1, field: 'fx.currency', code: 'bad_currency', value: currency });
  else if (currency === estimate.currency)
    problems.push({ index: -1, field: 'fx.currency', code: 'same_currency', value: currency });
  if (!isRateString(rate) || /^0*(\.0*)?$/.test(rate))
    problems.push({ index: -1, field: 'fx.rate', code: 'bad_rate', value: rate });
  if (problems.length > 0) throw new TarifaInputError(problems);
  const r = rate as string;
  return {
    currency: currency as string,
    rate: r,
    total: estimate.total === null ? null : multiply(estimate.total, r),
    incomplete: estimate.incomplete,
    lines: estimate.lines.map((l) => ({
      rate: l.rate === null ? null : multiply(l.rate, r),
      amount: l.amount === null ? null : multiply(l.amount, r),
    })),
    source: estimate,
  };
}
