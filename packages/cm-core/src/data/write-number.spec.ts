import { describe, expect, it } from 'vitest';
import { writeFlonum, writeRational } from './write-number.js';

// Columns: flonum | Racket 8.7 CS `number->string` (observed)
const FLONUMS: [number, string][] = [
  [1, '1.0'],
  [0.1, '0.1'],
  [100, '100.0'],
  [0, '0.0'],
  [-0, '-0.0'],
  [Infinity, '+inf.0'],
  [-Infinity, '-inf.0'],
  [NaN, '+nan.0'],
  [1e-4, '0.0001'], // e = -4: still positional
  [1e-5, '1e-5'],
  [1.5e-7, '1.5e-7'],
  [12345678901234.5, '12345678901234.5'], // e = 13
  [1e13, '10000000000000.0'],
  [1e14, '1e+14'], // e = 14 and e - digits >= 3
  [123456789012345.6, '123456789012345.6'], // e = 14 but enough digits
  [1234567890123000, '1234567890123000.0'], // e - digits = 2
  [1.2345678e14, '1.2345678e+14'],
  [1e21, '1e+21'],
  [1.2345678901234568e20, '1.2345678901234568e+20'],
  [5e-324, '5e-324'],
  [1.7976931348623157e308, '1.7976931348623157e+308'],
  [1 / 3, '0.3333333333333333'],
  [0.30000000000000004, '0.30000000000000004'],
  [9007199254740993, '9007199254740992.0'],
  [105293858634.765625, '105293858634.76563'], // exact tie: Chez rounds up, JS would print …62
  [-2.5, '-2.5'],
];

// Columns: numerator | denominator | printed
const RATIONALS: [bigint, bigint, string][] = [
  [1n, 2n, '1/2'],
  [-3n, 4n, '-3/4'],
  [10n ** 30n, 7n, '1000000000000000000000000000000/7'],
];

describe('data/write-number', () => {
  it.each(FLONUMS)('writeFlonum(%d) is %s', (x, expected) => {
    expect(writeFlonum(x)).toBe(expected);
  });

  it.each(RATIONALS)('writeRational(%s, %s) is %s', (n, d, expected) => {
    expect(writeRational(n, d)).toBe(expected);
  });
});
