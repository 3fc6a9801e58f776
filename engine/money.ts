import DecimalBase from 'decimal.js';

/**
 * Our own Decimal constructor: never `Decimal.set`, which would leak into a host
 * page that also uses decimal.js. Precision is far above anything a bill needs
 * (rates have ≤ 6 decimals, counts ≤ 10^12), so every product and sum is exact.
 */
export const Decimal = DecimalBase.clone({ precision: 60, rounding: DecimalBase.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

const RATE = /^\d{1,12}(\.\d{1,12})?$/;

/** True for a decimal string as Meta prints rates (`0.0260`); rejects exponents, signs, NaN. */
export function isRateString(value: unknown): value is string {
  return typeof value === 'string' && RATE.test(value);
}

const cache = new Map<string, Decimal>();

/** A cached Decimal for a rate string (rates repeat millions of times). */
export function dec(value: string): Decimal {
  let d = cache.get(value);
  if (d === undefined) {
    d = new Decimal(value);
    cache.set(value, d);
  }
  return d;
}

/** Exact decimal string without exponent and without trailing zeros noise beyond the inputs. */
export function toMoneyString(d: Decimal): string {
  return d.toFixed();
}
