import DecimalBase from 'decimal.js';

/**
 * Our own Decimal constructor: never `Decimal.set`, which would leak into a host
 * page that also uses decimal.js. Precision is far above anything a bill needs
 * (rates have ≤ 6 decimals, counts ≤ 10^12), so every result is exact. Marked
 * pure so bundles that never do general decimal arithmetic leave decimal.js out.
 */
export const Decimal = /* @__PURE__ */ make();
export type Decimal = InstanceType<typeof Decimal>;

function make() {
  return DecimalBase.clone({
    precision: 60,
    rounding: DecimalBase.ROUND_HALF_EVEN,
    toExpNeg: -60,
    toExpPos: 60,
  });
}
