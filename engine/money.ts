/**
 * Money in the engine is a decimal string as Meta prints it (`0.0260`). Bill
 * amounts are count × rate and sums of those, computed exactly in scaled
 * integers below; general decimal arithmetic (differences between months) uses
 * our decimal.js clone in ./decimal.ts, which the widget's first view does not load.
 */

const RATE = /^\d{1,12}(\.\d{1,12})?$/;

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
export type Fixed = { readonly units: bigint; readonly scale: number };

const fixedCache = new Map<string, Fixed>();

/** A validated decimal string (`isRateString`) as units and scale. */
export function toFixedPoint(value: string): Fixed {
  let f = fixedCache.get(value);
  if (f === undefined) {
    const dot = value.indexOf('.');
    f =
      dot < 0
        ? { units: BigInt(value), scale: 0 }
        : { units: BigInt(value.slice(0, dot) + value.slice(dot + 1)), scale: value.length - dot - 1 };
    fixedCache.set(value, f);
  }
  return f;
}

/** Units rescaled to a larger scale. */
export function rescale(units: bigint, from: number, to: number): bigint {
  return to === from ? units : units * 10n ** BigInt(to - from);
}

/** A non-negative decimal string with exactly `scale` decimals, no exponent. */
export function formatFixed(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
