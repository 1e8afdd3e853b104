/**
 * Arithmetic behind the number parser (`read-number.ts`): exact values kept as
 * `num/den * radix^exp` until the end, then forced to an exact rational or a flonum.
 *
 * Design constraints:
 * - Racket's reader computes a decimal like `1.5e-7` exactly and converts once with
 *   `exact->inexact`, which rounds correctly (ties to even, gradual underflow). `toDouble` does the
 *   same with bigints, so results are bit-identical to Racket CS, never off by one ulp as
 *   `parseFloat` on a rewritten string could be for non-decimal radixes.
 * - The exponent stays symbolic (Racket's `lazy-expt`), so `1e1000000000` becomes `+inf.0`
 *   without building a billion-digit bignum. Exact results (`#e1e1000000000`) would need that
 *   bignum: above `MAX_EXACT_EXPONENT` the reader refuses instead of hanging (a deviation; Racket
 *   tries and runs out of memory).
 */

/** `num/den * radix^exp`; `den > 0`, not necessarily reduced. */
export interface Exact {
  readonly t: 'exact';
  readonly num: bigint;
  readonly den: bigint;
  readonly exp: bigint;
  readonly radix: number;
}

/** An infinity or NaN written literally (`+inf.0`, `+nan.0`). */
interface Flo {
  readonly t: 'flo';
  readonly v: number;
}

/** Division by an exact zero (`dbz!`, an error when forced) or an inexact one (`dbz`, ±inf.0). */
interface DivByZero {
  readonly t: 'dbz';
  readonly exact: boolean;
}

export type Lazy = Exact | Flo | DivByZero;

export const MAX_EXACT_EXPONENT = 100_000n;
const SAFE = 2n ** 53n;

export function exactOf(num: bigint, radix: number, exp = 0n): Exact {
  return { t: 'exact', num, den: 1n, exp, radix };
}

/** Racket's `lazy-number`: multiplies by `radix^exp`. */
export function scale(v: Lazy, exp: bigint): Lazy {
  return v.t === 'exact' && exp !== 0n ? { ...v, exp: v.exp + exp } : v;
}

/** Racket's `lazy-divide`: `n / d` where `d` is exact digits (maybe scaled by `#`s). */
export function divide(n: Lazy, d: Exact, exactDivisor: boolean): Lazy {
  if (d.num === 0n) return { t: 'dbz', exact: exactDivisor };
  if (n.t !== 'exact') return n;
  return { t: 'exact', num: n.num * d.den, den: n.den * d.num, exp: n.exp - d.exp, radix: n.radix };
}

/** Exact rational `[num, den]`, or `undefined` when the exponent is beyond `MAX_EXACT_EXPONENT`. */
export function forceExact(v: Exact): readonly [bigint, bigint] | undefined {
  const e = v.exp < 0n ? -v.exp : v.exp;
  if (e > MAX_EXACT_EXPONENT && v.num !== 0n) return undefined;
  const p = BigInt(v.radix) ** e;
  return v.exp < 0n ? [v.num, v.den * p] : [v.num * p, v.den];
}

/** Exact number of bits in `|n|`, linear in its size. */
function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = (n < 0n ? -n : n).toString(16);
  return hex.length * 4 - (Math.clz32(parseInt(hex[0]!, 16)) - 28);
}

/** Correctly rounded (ties to even) conversion of `num/den` (`den > 0`) to a double. */
export function rationalToDouble(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const negative = num < 0n;
  let n = negative ? -num : num;
  let d = den;
  // Scale so that the integer quotient has about 60 bits, then round once: q keeps the top bits,
  // r != 0 records that more (non-zero) bits follow.
  let e = bitLength(n) - bitLength(d) - 60;
  if (e > 0) d <<= BigInt(e);
  else n <<= BigInt(-e);
  let q = n / d;
  const r = n % d;
  // Keep 53 significant bits, or fewer where the result is subnormal (unit 2^-1074).
  const drop = BigInt(Math.max(bitLength(q) - 53, -1074 - e));
  const low = q & ((1n << drop) - 1n);
  const half = 1n << (drop - 1n);
  q >>= drop;
  e += Number(drop);
  if (low > half || (low === half && (r !== 0n || (q & 1n) === 1n))) q += 1n;
  // Scale in two steps so that no intermediate product is rounded or overflows early.
  const e1 = Math.trunc(e / 2);
  const result = Number(q) * 2 ** e1 * 2 ** (e - e1);
  return negative ? -result : result;
}

/**
 * Racket's `exact->inexact` of a lazy exact value; `negativeZero` gives the sign of a zero result.
 * `undefined` only for absurd inputs (a numeral of 100,000+ digits with a matching exponent).
 */
export function toDouble(v: Exact, negativeZero: boolean): number | undefined {
  if (v.num === 0n) return negativeZero ? -0 : 0;
  const estimate = bitLength(v.num) - bitLength(v.den) + Number(v.exp) * Math.log2(v.radix);
  if (estimate > 1100) return v.num < 0n ? -Infinity : Infinity;
  if (estimate < -1150) return v.num < 0n || negativeZero ? -0 : 0;
  // Fast path: when both sides of num/den are exact doubles, IEEE division rounds correctly.
  if (v.exp > -23n && v.exp < 23n) {
    const p = BigInt(v.radix) ** (v.exp < 0n ? -v.exp : v.exp);
    const [num, den] = v.exp < 0n ? [v.num, v.den * p] : [v.num * p, v.den];
    if (num <= SAFE && num >= -SAFE && den <= SAFE) return Number(num) / Number(den);
  }
  const exact = forceExact(v);
  return exact === undefined ? undefined : rationalToDouble(exact[0], exact[1]);
}

/** `number->string` for the few messages that print a number. */
export function formatReal(v: number | readonly [bigint, bigint]): string {
  if (typeof v !== 'number') return v[1] === 1n ? v[0].toString() : `${v[0]}/${v[1]}`;
  if (Number.isNaN(v)) return '+nan.0';
  if (!Number.isFinite(v)) return v > 0 ? '+inf.0' : '-inf.0';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
