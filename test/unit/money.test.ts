import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedSum, formatFixed, isRateString, times, toFixedPoint } from '../../engine/money.ts';

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
    expect(toFixedPoint(text)).toMatchObject({ units, scale });
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
    it('count × rate and sums equal decimal.js exactly, below and beyond 2^53', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(arbRate, fc.integer({ min: 0, max: 1e12 })), { maxLength: 20 }),
          (items) => {
            const total = new FixedSum();
            let reference = new Reference(0);
            let scale = 0;
            for (const [rate, count] of items) {
              const f = toFixedPoint(rate);
              const units = times(f, count);
              expect(formatFixed(units, f.scale)).toBe(new Reference(rate).mul(count).toFixed(f.scale));
              total.add(units, f.scale);
              scale = Math.max(scale, f.scale);
              reference = reference.add(new Reference(rate).mul(count));
            }
            expect(total.toString()).toBe(reference.toFixed(scale));
          },
        ),
        { numRuns: 500 },
      );
    });

    it('sums exactly across any jump in scale (no double power of ten)', () => {
      // 76.1 then a figure with 25 more decimals: a double 10 ** 25 is not exact.
      const sum = new FixedSum();
      sum.add(761, 1);
      sum.add(2, 26);
      expect(sum.toString()).toBe(`76.1${'0'.repeat(24)}2`);
      // Beyond 10^308 a double factor is Infinity: BigInt keeps going.
      const deep = new FixedSum();
      deep.add(5, 0);
      deep.add(1, 400);
      expect(deep.toString()).toBe(`5.${'0'.repeat(399)}1`);
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 60 })), {
            maxLength: 12,
          }),
          (items) => {
            const s = new FixedSum();
            let reference = new Reference(0);
            let scale = 0;
            for (const [units, sc] of items) {
              s.add(units <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(units) : units, sc);
              scale = Math.max(scale, sc);
              reference = reference.add(new Reference(units.toString()).div(new Reference(10).pow(sc)));
            }
            expect(s.toString()).toBe(reference.toFixed(scale));
          },
        ),
        { numRuns: 300 },
      );
    });

    it('leaves JS integers for BigInt before 2^53', () => {
      const rate = toFixedPoint('78.4917');
      expect(typeof times(rate, 1000)).toBe('number');
      expect(times(rate, 1e12)).toBe(784917n * 1000000000000n);
      const sum = new FixedSum();
      sum.add(2 ** 53 - 1, 0);
      sum.add(2, 0);
      expect(sum.toString()).toBe('9007199254740993');
      // A larger scale after the small part overflowed rescales each part once.
      const scaled = new FixedSum();
      scaled.add(9007199255, 0);
      scaled.add(0, 6);
      expect(scaled.toString()).toBe('9007199255.000000');
    });
  });
});
