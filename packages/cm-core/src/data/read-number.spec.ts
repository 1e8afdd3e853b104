import { describe, expect, it } from 'vitest';
import { parseNumber } from './read-number.js';

/** `exact n/d`, `flonum x` (x as JS prints it, `-0` kept), `symbol`, `error …` or `unsupported …`. */
function outcome(token: string): string {
  const r = parseNumber(token);
  if (r === undefined) return 'symbol';
  switch (r.t) {
    case 'exact':
      return r.den === 1n ? `exact ${r.num}` : `exact ${r.num}/${r.den}`;
    case 'flonum':
      return `flonum ${Object.is(r.value, -0) ? '-0' : String(r.value)}`;
    case 'error':
      return `error ${r.message}`;
    case 'unsupported':
      return `unsupported ${r.what}`;
    default:
      return r satisfies never;
  }
}

describe('data/read-number', () => {
  // columns: token as the reader passes it (prefixes included), expected outcome — all checked
  // against Racket 8.7 (`reader.parity.spec.ts` and a 140,000-token fuzz during development)
  const cases: [string, string][] = [
    // integers and rationals, any size
    ['0', 'exact 0'],
    ['-17', 'exact -17'],
    ['+5', 'exact 5'],
    ['123456789012345678901234567890', 'exact 123456789012345678901234567890'],
    ['1/2', 'exact 1/2'],
    ['-4/6', 'exact -2/3'],
    ['6/3', 'exact 2'],
    ['-0/5', 'exact 0'],
    // decimals and exponents
    ['1.5', 'flonum 1.5'],
    ['.5', 'flonum 0.5'],
    ['1.', 'flonum 1'],
    ['-0.0', 'flonum -0'],
    ['1e10', 'flonum 10000000000'],
    ['1E-3', 'flonum 0.001'],
    ['1.5e+2', 'flonum 150'],
    ['1d2', 'flonum 100'],
    ['1f2', 'flonum 100'], // no single-flonums on Racket CS
    ['1s2', 'flonum 100'],
    ['1l2', 'flonum 100'],
    ['1/2e2', 'flonum 50'],
    ['0.1', 'flonum 0.1'],
    ['9007199254740993.0', 'flonum 9007199254740992'], // ties to even
    ['4.9e-324', 'flonum 5e-324'],
    ['1e-310', 'flonum 1e-310'],
    ['1e400', 'flonum Infinity'],
    ['-1e400', 'flonum -Infinity'],
    ['-1e-400', 'flonum -0'],
    ['1e1000000000', 'flonum Infinity'],
    // `#` digits
    ['1#', 'flonum 10'],
    ['1#.#e2', 'flonum 1000'],
    ['1/2#', 'flonum 0.05'],
    ['1/0#', 'flonum Infinity'],
    ['-1/0#', 'flonum -Infinity'],
    // prefixes
    ['#e1.5', 'exact 3/2'],
    ['#e1.5e-3', 'exact 3/2000'],
    ['#e1#', 'exact 10'],
    ['#i1/2', 'flonum 0.5'],
    ['#i5', 'flonum 5'],
    ['#i-0', 'flonum -0'],
    ['#x1F', 'exact 31'],
    ['#X1f', 'exact 31'],
    ['#x1e2', 'exact 482'], // e is a hex digit
    ['#x1s2', 'flonum 256'],
    ['#x1.8', 'flonum 1.5'],
    ['#b101', 'exact 5'],
    ['#b1e10', 'flonum 4'], // exponent in binary
    ['#o17', 'exact 15'],
    ['#d10', 'exact 10'],
    ['#e#x10', 'exact 16'],
    ['#x#e10', 'exact 16'],
    ['#xAB/2', 'exact 171/2'],
    // special flonums
    ['+inf.0', 'flonum Infinity'],
    ['-inf.0', 'flonum -Infinity'],
    ['+nan.0', 'flonum NaN'],
    ['-nan.0', 'flonum NaN'],
    ['+inf.f', 'flonum Infinity'],
    ['-inf.f', 'flonum -Infinity'],
    ['+nan.f', 'flonum NaN'],
    ['+INF.0', 'flonum Infinity'],
    ['+inF.F', 'flonum Infinity'],
    ['#i+inf.0', 'flonum Infinity'],
    // exact zero imaginary / angle parts make reals
    ['1+0i', 'exact 1'],
    ['1.0+0i', 'flonum 1'],
    ['1@0', 'exact 1'],
    ['0@1', 'exact 0'],
    ['1.5@0', 'flonum 1.5'],
    // symbols: not numbers
    ['1+', 'symbol'],
    ['...', 'symbol'],
    ['->', 'symbol'],
    ['-', 'symbol'],
    ['+', 'symbol'],
    ['1.2.3', 'symbol'],
    ['1/2/3', 'symbol'],
    ['1e', 'symbol'],
    ['1e+', 'symbol'],
    ['+inf', 'symbol'],
    ['+inf.0x', 'symbol'],
    ['+inf.0e1', 'symbol'],
    ['i', 'symbol'],
    ['1i', 'symbol'],
    ['.e1', 'symbol'],
    ['1##.1', 'symbol'],
    ['2+1', 'symbol'],
    ['-0.0/1', 'symbol'],
    ['1e2t', 'symbol'],
    ['1t2+1i', 'symbol'],
    ['a', 'symbol'],
    // errors Racket reports even without a prefix
    ['1/0', 'error division by zero in `1/0`'],
    ['0/0', 'error division by zero in `0/0`'],
    ['-1#/0', 'error division by zero in `-1#/0`'],
    // errors after a prefix
    ['#e+inf.0', 'error no exact representation for +inf.0'],
    ['#e+nan.0', 'error no exact representation for +nan.0'],
    ['#i1/0', 'error division by zero in `#i1/0`'],
    ['#e#e1', 'error misplaced exactness specification at `#e1`'],
    ['#x#x1', 'error misplaced radix specification at `#x1`'],
    ['#x', 'error no digits'],
    ['#e', 'error no digits'],
    ['#b102', 'error bad digit `2`'],
    ['#ex', 'error bad digit `x`'],
    ['#e.#', 'error misplaced `#` in `#e.#`'],
    ['#e1..', 'error misplaced `.` in `#e1..`'],
    ['#e1.5/2', 'error decimal points and fractions cannot be mixed in `#e1.5/2`'],
    ['#e1/', 'error missing digits after `/` in `#e1/`'],
    ['#e.', 'error missing digits after `.` in `#e.`'],
    ['#e1e', 'error empty exponent `#e1e`'],
    ['#e1+2', 'error missing `i` for complex number in `#e1+2`'],
    ['#e0I', 'error misplaced `i` in `#e0I`'],
    ['#e#q1', 'error bad `#` indicator `q` at `#q1`'],
    ['#e\u00001', 'error nul character in `#e\u00001`'],
    ['#e1t2', 'error cannot convert extflonum to exact in `#e1t2`'],
    ['#i1t2', 'error cannot convert extflonum to inexact in `#i1t2`'],
    ['#x1+2t0i', 'error cannot combine extflonum `1` into a complex number'],
    ['#x+1t0i', 'error cannot combine extflonum `+1t0` into a complex number'],
    ['#x1@-2t0', 'error cannot combine extflonum `-2t0` into a complex number'],
    // unsupported by the data model
    ['1+2i', 'unsupported complex number'],
    ['+i', 'unsupported complex number'],
    ['-I', 'unsupported complex number'],
    ['1@2', 'unsupported complex number'],
    ['1+0.0i', 'unsupported complex number'],
    ['1.0t0', 'unsupported extflonum'],
    ['1T2', 'unsupported extflonum'],
    ['+inf.t', 'unsupported extflonum'],
    ['#e1e200000', 'unsupported huge exact number'],
  ];
  it.each(cases)('%j is %s', (token, expected) => {
    expect(outcome(token)).toBe(expected);
  });

  it('parses a 200,000-digit numeral in linear time', () => {
    const digits = '7'.repeat(200_000);
    const started = performance.now();
    expect(outcome(digits)).toBe(`exact ${digits}`);
    expect(outcome(`${digits}.5`)).toBe('flonum Infinity');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
