/**
 * Money in the engine is a decimal string as Meta prints it (`0.0260`). Bill
 * amounts are count × rate and sums of those, computed exactly in scaled
 * integers below; general decimal arithmetic (differences between months) uses
 * our decimal.js clone in ./decimal.ts, which the widget's first view does not load.
 */

const RATE = /^\d{1,12}(\.\d{1,12})?$/;

/** The longest amount string the engine accepts back (an estimate's total, a fee base): far beyond
 * any real bill, short enough that no input makes the arithmetic slow. */
export const MAX_AMOUNT_LENGTH = 200;
const AMOUNT = /^\d+(\.\d+)?$/;

/** True for a non-negative decimal amount as the engine writes it (any size, no exponent). */
export function isAmountString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_AMOUNT_LENGTH && AMOUNT.test(value);
}

/** True for a decimal string as Meta prints rates (`0.0260`); rejects exponents, signs, NaN. */
export function isRateString(value: unknown): value is string {
  return typeof value === 'string' && RATE.test(value);
}

/**
 * A decimal as an integer of units and a scale (`0.0068` = 68 units at scale 4).
 * Bill amounts are `count × rate`: an integer times a decimal, which scaled
 * integers compute exactly and about fifty times faster than decimal.js
 * objects — the difference between a 20-country estimate in 20 µs or 200 µs.
 * test/unit/money.test.ts checks these against decimal.js.
 */
export type Fixed = {
  readonly units: bigint;
  /** The same units as a JS integer when below 2^53 (NaN otherwise). */
  readonly small: number;
  readonly scale: number;
};

const fixedCache = new Map<string, Fixed>();

/** A validated decimal string (`isRateString`) as units and scale. */
export function toFixedPoint(value: string): Fixed {
  let f = fixedCache.get(value);
  if (f === undefined) {
    const dot = value.indexOf('.');
    const units = dot < 0 ? BigInt(value) : BigInt(value.slice(0, dot) + value.slice(dot + 1));
    const small = Number(units);
    f = {
      units,
      small: Number.isSafeInteger(small) ? small : Number.NaN,
      scale: dot < 0 ? 0 : value.length - dot - 1,
    };
    fixedCache.set(value, f);
  }
  return f;
}

/**
 * `count × rate` in units of the rate's scale. An integer product below 2^53 is
 * exact in a JS number (and an inexact one is never a safe integer), so small
 * products stay numbers and larger ones go to BigInt.
 */
export function times(rate: Fixed, count: number): number | bigint {
  const p = rate.small * count;
  return Number.isSafeInteger(p) ? p : rate.units * BigInt(count);
}

/** An exact running sum of scaled integers, at the largest scale added so far. */
export class FixedSum {
  private small = 0;
  private big = 0n;
  scale = 0;

  add(units: number | bigint, scale: number): void {
    if (scale > this.scale) {
      // The factor is a power of ten as a BigInt: exact at any scale (a double 10 ** n is not
      // past 10^22, and is Infinity past 10^308).
      const up = scale - this.scale;
      const k = 10n ** BigInt(up);
      this.big *= k;
      const s = up <= 15 ? this.small * 10 ** up : Number.NaN;
      if (Number.isSafeInteger(s)) this.small = s;
      else {
        this.big += BigInt(this.small) * k;
        this.small = 0;
      }
      this.scale = scale;
    }
    const k = this.scale - scale;
    if (typeof units === 'number' && k === 0) {
      const s = this.small + units;
      if (Number.isSafeInteger(s)) {
        this.small = s;
        return;
      }
    }
    this.big += rescale(BigInt(units), scale, this.scale);
  }

  toString(): string {
    return formatFixed(this.big + BigInt(this.small), this.scale);
  }
}

/** Units rescaled to a larger scale. */
export function rescale(units: bigint, from: number, to: number): bigint {
  return to === from ? units : units * 10n ** BigInt(to - from);
}

/** A non-negative decimal string with exactly `scale` decimals, no exponent. */
export function formatFixed(units: number | bigint, scale: number): string {
  const text = String(units);
  if (scale === 0) return text;
  const digits = text.length > scale ? text : text.padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
