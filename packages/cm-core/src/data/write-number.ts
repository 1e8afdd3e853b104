/**
 * Numbers as Racket 8.7 CS's `number->string` prints them (`write`, `display` and the pretty
 * printer all use it).
 *
 * Exact integers and rationals are plain decimal (`-3/4`). Flonums follow Chez Scheme's
 * `wrflonum` (s/print.ss): the shortest digits that read back to the same double, then
 * - positional when the decimal exponent `e` of the first digit is in [-4, 14), or when
 *   `e >= 14` and `e - digitCount < 3`: `0.0001`, `1e-5`, `12345678901234.5`,
 *   `123456789012345.67`, `1e+14`; integral values get `.0`;
 * - otherwise `d[.ddd]e±N` with a `+` for positive exponents and no padding: `1e+21`, `1e-7`,
 *   `1.2345678901234568e+20`, `5e-324`;
 * - `+inf.0`, `-inf.0`, `+nan.0` (also for negative NaNs), `-0.0`.
 *
 * Fragile: the shortest digits come from `Number.prototype.toExponential()`, which ECMAScript
 * specifies as shortest-round-trip, picking the closest candidate. When two candidates are
 * exactly equally close ECMAScript takes the even one while Chez's Dragon4 rounds the last digit
 * up (observed: 105293858634.765625 prints as `105293858634.76563`, JS gives `…62`), so
 * `shortestDigits` detects that exact tie with bigint arithmetic. The Racket parity spec checks
 * random doubles across the whole range.
 */

/**
 * Racket's printed form of a flonum.
 * @example writeFlonum(1e21) //=> '1e+21'
 * @example writeFlonum(100) //=> '100.0'
 */
export function writeFlonum(x: number): string {
  if (Number.isNaN(x)) return '+nan.0';
  if (x === Infinity) return '+inf.0';
  if (x === -Infinity) return '-inf.0';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  const { digits, e } = shortestDigits(Math.abs(x));
  const positional = e >= -4 && (e < 14 || e - digits.length < 3);
  if (!positional) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${e > 0 ? '+' : ''}${e}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.length > e + 1 ? digits.slice(0, e + 1) : digits.padEnd(e + 1, '0');
  const fraction = digits.length > e + 1 ? digits.slice(e + 1) : '0';
  return `${sign}${whole}.${fraction}`;
}

/** Shortest round-trip digits of a positive finite double and the exponent of the first one. */
function shortestDigits(x: number): { digits: string; e: number } {
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const e = Number(exponent);
  if (!isTieBelow(x, BigInt(digits), e - digits.length + 1)) return { digits, e };
  const up = (BigInt(digits) + 1n).toString();
  // 99…9 + 1 gains a digit: the exponent grows and the trailing zeros go.
  return { digits: up.replace(/0+$/, ''), e: e + up.length - digits.length };
}

/** True when `x` is exactly halfway between `d * 10^p` and `(d + 1) * 10^p`. */
function isTieBelow(x: number, d: bigint, p: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mant = biased === 0 ? fraction : fraction | 0x10000000000000n;
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  // x = a / b and the midpoint = c / d2, compared as a * d2 === c * b.
  const a = exp2 >= 0 ? mant << BigInt(exp2) : mant;
  const b = exp2 >= 0 ? 1n : 1n << BigInt(-exp2);
  const c = p >= 0 ? (2n * d + 1n) * 10n ** BigInt(p) : 2n * d + 1n;
  const d2 = p >= 0 ? 2n : 2n * 10n ** BigInt(-p);
  return a * d2 === c * b;
}

/**
 * An exact rational `num/den` (already normalised, `den > 1`).
 * @example writeRational(-3n, 4n) //=> '-3/4'
 */
export function writeRational(numerator: bigint, denominator: bigint): string {
  return `${numerator}/${denominator}`;
}
