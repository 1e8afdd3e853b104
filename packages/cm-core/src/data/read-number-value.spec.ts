import { describe, expect, it } from 'vitest';
import { MAX_EXACT_EXPONENT, divide, exactOf, forceExact, formatReal, rationalToDouble, scale, toDouble } from './read-number-value.js';

describe('data/read-number-value', () => {
  describe('rationalToDouble', () => {
    // columns: numerator, denominator, expected double
    const cases: [bigint, bigint, number][] = [
      [1n, 2n, 0.5],
      [1n, 3n, 1 / 3],
      [-2n, 3n, -2 / 3],
      [2n ** 53n + 1n, 1n, 2 ** 53], // tie: rounds to even
      [2n ** 53n + 3n, 1n, 2 ** 53 + 4], // tie: rounds to even (up)
      [1n, 10n ** 400n, 0], // below the smallest subnormal
      [1n, 2n ** 1074n, 5e-324], // smallest subnormal
      [3n, 2n ** 1075n, 1e-323], // 1.5 units: tie rounds to even (2 units)
      [1n, 2n ** 1075n, 0], // half a unit: tie rounds to even (0)
      [10n ** 309n, 1n, Infinity],
      [2n ** 1024n - 2n ** 970n, 1n, Infinity], // rounds up past the largest double
      [2n ** 1024n - 2n ** 971n, 1n, Number.MAX_VALUE],
    ];
    it.each(cases)('%s/%s', (num, den, expected) => {
      expect(rationalToDouble(num, den)).toBe(expected);
    });

    it('agrees with the correctly rounded Number() on random decimals', () => {
      let seed = 42;
      const next = (): number => {
        seed = (seed * 48271) % 2147483647;
        return seed;
      };
      for (let k = 0; k < 2_000; k++) {
        const digits = String(next()) + String(next());
        const exp = (next() % 700) - 350;
        const [num, den] = exp >= 0 ? [BigInt(digits) * 10n ** BigInt(exp), 1n] : [BigInt(digits), 10n ** BigInt(-exp)];
        expect(rationalToDouble(num, den)).toBe(Number(`${digits}e${exp}`));
      }
    });
  });

  describe('toDouble', () => {
    it('keeps the sign of zero and saturates huge exponents without bignums', () => {
      expect(Object.is(toDouble(exactOf(0n, 10), true), -0)).toBe(true);
      expect(toDouble(exactOf(1n, 10, 10n ** 12n), false)).toBe(Infinity);
      expect(toDouble(exactOf(-1n, 10, 10n ** 12n), false)).toBe(-Infinity);
      expect(Object.is(toDouble(exactOf(-1n, 10, -(10n ** 12n)), true), -0)).toBe(true);
    });
  });

  describe('forceExact', () => {
    it('applies the exponent and refuses beyond MAX_EXACT_EXPONENT', () => {
      expect(forceExact(exactOf(15n, 10, -1n))).toEqual([15n, 10n]);
      expect(forceExact(scale(exactOf(3n, 16), 2n) as never)).toEqual([768n, 1n]);
      expect(forceExact(exactOf(1n, 10, MAX_EXACT_EXPONENT + 1n))).toBeUndefined();
      expect(forceExact(exactOf(0n, 10, MAX_EXACT_EXPONENT + 1n))).toEqual([0n, 1n]);
    });
  });

  describe('divide', () => {
    it('marks division by an exact or inexact zero', () => {
      expect(divide(exactOf(1n, 10), exactOf(0n, 10), true)).toEqual({ t: 'dbz', exact: true });
      expect(divide(exactOf(1n, 10), exactOf(0n, 10), false)).toEqual({ t: 'dbz', exact: false });
      expect(forceExact(divide(exactOf(1n, 10), exactOf(4n, 10, 1n), true) as never)).toEqual([1n, 40n]);
    });
  });

  describe('formatReal', () => {
    // columns: value, Racket's `number->string`
    const cases: [number | readonly [bigint, bigint], string][] = [
      [[3n, 1n], '3'],
      [[-1n, 2n], '-1/2'],
      [1.5, '1.5'],
      [100, '100.0'],
      [Infinity, '+inf.0'],
      [-Infinity, '-inf.0'],
      [NaN, '+nan.0'],
    ];
    it.each(cases)('%s', (value, expected) => {
      expect(formatReal(value)).toBe(expected);
    });
  });
});
