/**
 * Meta's fixed volume-tier steps: band k's rate is the list rate less a fixed percentage, rounded
 * half-up to the card's precision. Exact in scaled integers (no decimal.js, so the widget's first
 * view stays small). Checked against Meta's April-2026 tier file: 434 of its 438 bands.
 */
import { isRateString, toFixedPoint } from '../money.ts';

/** Meta's fixed tier steps: discount of bands 2…6 against the list rate, in percent. */
export function discountSteps(market: string): readonly number[] {
  return market === 'India' ? [6, 12, 18, 24, 30] : [5, 10, 15, 20, 25];
}

/** `units / 10^scale` rounded half-up to `places` decimals, as a decimal string. */
function roundHalfUp(units: bigint, scale: number, places: number): string {
  let u = units;
  if (scale > places) {
    const div = 10n ** BigInt(scale - places);
    u = (units + div / 2n) / div;
  } else if (scale < places) u = units * 10n ** BigInt(places - scale);
  const text = u.toString().padStart(places + 1, '0');
  return places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
}

/**
 * Band rates from a list rate and Meta's steps: `[list, list × 0.95, … list × 0.75]` (India
 * `× 0.94 … × 0.70`), each rounded half-up to `places` decimals.
 */
export function stepRates(list: string, market: string, places = 4): string[] {
  if (!isRateString(list)) throw new Error(`stepRates: not a rate: ${list}`);
  const f = toFixedPoint(list);
  return [
    roundHalfUp(f.units, f.scale, places),
    ...discountSteps(market).map((d) => roundHalfUp(f.units * BigInt(100 - d), f.scale + 2, places)),
  ];
}
