import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, isRateString, rescale, toFixedPoint } from '../../engine/money.ts';

// decimal.js with enough precision that nothing rounds: the reference.
const Reference = Decimal.clone({ precision: 100 });

const arbRate = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => formatFixed(BigInt(units), scale));

describe('fixed-point money', () => {
  it.each([
    ['0.0068', 68n, 4],
    ['78.4917', 784917n, 4],
    ['2', 2n, 0],
    ['0.0000', 0n, 4],
  ])('reads %s as %s units at scale %s', (text, units, scale) => {
    expect(toFixedPoint(text)).toEqual({ units, scale });
  });

  it.each([
    [68n, 4, '0.0068'],
    [0n, 4, '0.0000'],
    [123456789n, 4, '12345.6789'],
    [5n, 0, '5'],
  ])('writes %s units at scale %s as %s', (units, scale, text) => {
    expect(formatFixed(units, scale)).toBe(text);
  });

  it('rejects what is not a plain decimal rate', () => {
    for (const bad of ['1e3', '-0.1', 'NaN', 'Infinity', '0x10', '.5', '1.', ' 1', '1,5', '']) {
      expect(isRateString(bad)).toBe(false);
    }
    expect(isRateString(0.5)).toBe(false);
  });

  describe('properties', () => {
    it('count × rate and sums equal decimal.js exactly', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(arbRate, fc.integer({ min: 0, max: 1e12 })), { maxLength: 20 }),
          (items) => {
            let total = 0n;
            let scale = 0;
            let reference = new Reference(0);
            for (const [rate, count] of items) {
              const f = toFixedPoint(rate);
              const units = f.units * BigInt(count);
              expect(formatFixed(units, f.scale)).toBe(new Reference(rate).mul(count).toFixed(f.scale));
              if (f.scale > scale) {
                total = rescale(total, scale, f.scale);
                scale = f.scale;
              }
              total += rescale(units, f.scale, scale);
              reference = reference.add(new Reference(rate).mul(count));
            }
            expect(formatFixed(total, scale)).toBe(reference.toFixed(scale));
          },
        ),
      );
    });
  });
});
