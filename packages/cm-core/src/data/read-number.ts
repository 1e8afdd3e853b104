/**
 * Racket's number syntax: decides whether a token such as `1.5e3`, `#x1F`, `1/2`, `1#.#`,
 * `+inf.0` or `1+` is a number, and which one.
 *
 * This is a port of the state machine in Racket's `racket/src/expander/read/number.rkt`
 * (`do-string->number` and its helpers, one function per state), adjusted to what Racket 8.7 CS
 * does when tested (`reader.parity.spec.ts`): `f`/`s` exponents and `+inf.f` give doubles (no
 * single-flonums on CS); `t`/`T` make extflonums; `#` after `#` prefixes is not a digit.
 *
 * Outcomes: a number; `undefined` (not a number: the reader makes a symbol, e.g. `1+`, `...`);
 * an error (only where Racket's reader raises one: after a `#e`/`#x`/… prefix, or division by
 * zero); or "unsupported" for complex numbers and extflonums, which the data model cannot hold
 * (a documented deviation: the reader rejects them with a clear error).
 *
 * Design constraints: no recursion per character (each state loops over its digits), digits are
 * kept as strings and converted with one `BigInt()` call, so a 1 MB numeral is linear.
 */
import { gcd } from './values.js';
import { divide, exactOf, forceExact, formatReal, scale, toDouble, type Exact, type Lazy } from './read-number-value.js';

export type NumberParse =
  | { readonly t: 'exact'; readonly num: bigint; readonly den: bigint }
  | { readonly t: 'flonum'; readonly value: number }
  | { readonly t: 'error'; readonly message: string }
  | { readonly t: 'unsupported'; readonly what: 'complex number' | 'extflonum' | 'huge exact number' };

type Exactness =
  | 'exact'
  | 'inexact'
  | 'decimal-as-inexact'
  | 'approx'
  | 'double'
  | 'extended'
  | 'extflonum->inexact'
  | 'extflonum->exact';
type Mode = 'read' | 'must-read';
type Half = { readonly polar: boolean; readonly sgn: number; readonly n: Lazy };

interface State {
  readonly exactness: Exactness;
  readonly mode: Mode;
  /** `undefined`, `'+/-'` when the text started with a sign, or the finished first half of a complex. */
  readonly fst: undefined | '+/-' | Half;
  readonly other: Exactness;
  /** Where the current half starts (only used to print an extflonum in an error message). */
  readonly from: number;
}

/** Parse failure: `message` only when Racket reports one, else "not a number". */
type Fail = { readonly t: 'fail'; readonly message?: string };
type Real = { readonly t: 'real'; readonly v: number | readonly [bigint, bigint] };
type Final = Real | { readonly t: 'complex' } | { readonly t: 'ext' } | { readonly t: 'huge' } | Fail;

const NOT_A_NUMBER: Fail = { t: 'fail' };
const EXPONENT_MARKERS = 'eEdDlLfFsStT';
const EOF_C = -1;

/** Character at `i` as Racket's `parse-case` sees it: a digit value (0–15), `EOF_C`, or the char. */
function at(s: string, i: number, radix: number): number | string {
  if (i >= s.length) return EOF_C;
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return String.fromCodePoint(s.codePointAt(i)!);
  const ch = s[i]!;
  let v = -1;
  if (c >= 48 && c <= 57) v = c - 48;
  else if (radix > 10 && c >= 65 && c <= 70) v = c - 55;
  else if (radix > 10 && c >= 97 && c <= 102) v = c - 87;
  return v >= 0 && v < radix ? v : ch;
}

function fail(state: State | Mode, message: string): Fail {
  const mode = typeof state === 'string' ? state : state.mode;
  return mode === 'must-read' ? { t: 'fail', message } : NOT_A_NUMBER;
}

/** Racket reports division by zero even where other failures just mean "a symbol". */
const DBZ_MODE: Mode = 'must-read';

function badDigit(c: number | string, s: string, state: State | Mode): Fail {
  if (c === '\0') return fail(state, `nul character in \`${s}\``);
  return fail(state, `bad digit \`${c}\``);
}

/** Index after the run of radix digits starting at `i`. */
function scanDigits(s: string, i: number, radix: number): number {
  for (;;) {
    const c = at(s, i, radix);
    if (typeof c !== 'number' || c === EOF_C) return i;
    i++;
  }
}

const misplaced = (what: string, s: string, st: State): Fail => fail(st, `misplaced \`${what}\` in \`${s}\``);
const noDigits = (after: string, s: string, st: State): Fail => fail(st, `missing digits after \`${after}\` in \`${s}\``);
const mixed = (s: string, st: State): Fail => fail(st, `decimal points and fractions cannot be mixed in \`${s}\``);

function initState(exactness: Exactness, mode: Mode, fst: State['fst'], from = 0): State {
  return { exactness, mode, fst, other: exactness, from };
}

function hasFirstHalf(st: State): boolean {
  return st.fst !== undefined && st.fst !== '+/-';
}

function setExactness(st: State, next: 'double' | 'approx' | 'extended'): State {
  const cur = st.exactness;
  let result: Exactness;
  if (next === 'double') result = cur === 'exact' ? 'exact' : next;
  else if (next === 'approx') result = cur === 'exact' || cur === 'inexact' ? cur : next;
  else result = cur === 'inexact' ? 'extflonum->inexact' : cur === 'exact' ? 'extflonum->exact' : 'extended';
  return result === cur ? st : { ...st, exactness: result };
}

/** Racket also has an "override" flag here; it only matters for 'decimal-as-exact, which `read` never uses. */
function setExactnessByChar(st: State, c: string): State {
  return setExactness(st, c === 't' || c === 'T' ? 'extended' : 'double');
}

function digitsValue(digits: string, radix: number): bigint {
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  return BigInt(prefix + digits);
}

function reduced(num: bigint, den: bigint): NumberParse {
  const g = gcd(num, den);
  return g > 1n ? { t: 'exact', num: num / g, den: den / g } : { t: 'exact', num, den };
}

/**
 * Racket's `string->number` in `'read` mode (decimal-as-inexact, radix 10), as the reader uses
 * it: `undefined` means "a symbol". Exact results are reduced, with a positive denominator.
 * @example parseNumber('#e1.5') //=> { t: 'exact', num: 3n, den: 2n }
 */
export function parseNumber(text: string): NumberParse | undefined {
  const r = parseFrom(text, 0, 10, false, 'decimal-as-inexact', 'read');
  switch (r.t) {
    case 'real':
      if (typeof r.v === 'number') return { t: 'flonum', value: r.v };
      return reduced(r.v[0], r.v[1]);
    case 'fail':
      return r.message === undefined ? undefined : { t: 'error', message: r.message };
    case 'complex':
      return { t: 'unsupported', what: 'complex number' };
    case 'ext':
      return { t: 'unsupported', what: 'extflonum' };
    case 'huge':
      return { t: 'unsupported', what: 'huge exact number' };
    default:
      return r satisfies never;
  }
}

function parseFrom(s: string, start: number, radix: number, radixSet: boolean, exactness: Exactness, mode: Mode): Final {
  const c = at(s, start, radix);
  if (c === EOF_C) return fail(mode, 'no digits');
  if (typeof c === 'number') return readInteger(1, s[start]!, s, start + 1, radix, initState(exactness, mode, undefined, start));
  if (c === '#') {
    const i = s[start + 1];
    const must: Mode = mode === 'read' ? 'must-read' : mode;
    if (i === undefined) return fail(mode, `no character after \`#\` indicator in \`${s}\``);
    if ('eEiI'.includes(i)) {
      if (exactness === 'exact' || exactness === 'inexact') {
        return fail(mode, `misplaced exactness specification at \`${s.slice(start)}\``);
      }
      return parseFrom(s, start + 2, radix, radixSet, i === 'e' || i === 'E' ? 'exact' : 'inexact', must);
    }
    if ('bBoOdDxX'.includes(i)) {
      if (radixSet) return fail(mode, `misplaced radix specification at \`${s.slice(start)}\``);
      const r = 'bB'.includes(i) ? 2 : 'oO'.includes(i) ? 8 : 'dD'.includes(i) ? 10 : 16;
      return parseFrom(s, start + 2, r, true, exactness, must);
    }
    return fail(must, `bad \`#\` indicator \`${i}\` at \`${s.slice(start)}\``);
  }
  if (c === '+' || c === '-') return readSigned(c === '+' ? 1 : -1, s, start + 1, radix, initState(exactness, mode, '+/-', start));
  if (c === '.') return readDecimal(1, null, s, start + 1, radix, setExactness(initState(exactness, mode, undefined, start), 'approx'));
  return badDigit(c, s, mode);
}

function readSigned(sgn: number, s: string, start: number, radix: number, st: State): Final {
  const c = at(s, start, radix);
  if (c === EOF_C) return fail(st, `no digits in \`${s}\``);
  if (typeof c === 'number') return readInteger(sgn, s[start]!, s, start + 1, radix, st);
  if (c === '.') return readDecimal(sgn, null, s, start + 1, radix, setExactness(st, 'approx'));
  if (c === 'i' || c === 'I') {
    const c2 = at(s, start + 1, radix);
    if (c2 === EOF_C) return finishImaginary(sgn, exactOf(BigInt(sgn), radix), s, start + 1, st);
    if (c2 === 'n' || c2 === 'N') return readSpecial(sgn, Infinity, 'fF', s, start + 2, radix, st, c);
    return badDigit(c, s, st);
  }
  if (c === 'n' || c === 'N') return readSpecial(1, NaN, 'aA', s, start + 1, radix, st, c, 'nN');
  return badDigit(c, s, st);
}

/** `[+-]inf.0` (after `in`) and `+nan.0` (after `n`), with `.f`/`.t` variants. */
function readSpecial(sgn: number, v: number, first: string, s: string, start: number, radix: number, st: State, c: string, second?: string): Final {
  const pattern = [first, ...(second === undefined ? [] : [second]), '.', '0fFtT'];
  for (let k = 0; k < pattern.length; k++) {
    const ch = s[start + k];
    if (ch === undefined || !pattern[k]!.includes(ch)) return badDigit(c, s, st);
  }
  const next = start + pattern.length;
  const n: Lazy = { t: 'flo', v: sgn * v };
  const st2 = setExactnessByChar(st, s[next - 1]!);
  const c2 = at(s, next, radix);
  if (c2 === EOF_C) return finish(sgn, n, s, st2);
  if (c2 === '+' || c2 === '-') return readImag(c2, sgn, n, c2 === '+' ? 1 : -1, s, next + 1, radix, st2);
  if (c2 === '@') return readPolar(sgn, n, s, next + 1, radix, st2);
  if (c2 === 'i' || c2 === 'I') return finishImaginary(sgn, n, s, next + 1, st2);
  return badDigit(c, s, st);
}

function readInteger(sgn: number, first: string, s: string, start: number, radix: number, st: State): Final {
  const i = scanDigits(s, start, radix);
  const digits = first + s.slice(start, i);
  const n = (): Exact => exactOf(BigInt(sgn) * digitsValue(digits, radix), radix);
  const c = at(s, i, radix);
  if (c === EOF_C) return finish(sgn, n(), s, st);
  if (c === '.') return readDecimal(sgn, digits, s, i + 1, radix, setExactness(st, 'approx'));
  if (typeof c === 'string' && EXPONENT_MARKERS.includes(c)) return readExponent(sgn, n(), 0n, s, i + 1, radix, setExactnessByChar(st, c));
  if (c === '/') return readRational(sgn, n(), s, i + 1, radix, st);
  if (c === '#') return readApprox(sgn, digits, 1, false, s, i + 1, radix, setExactness(st, 'approx'));
  if (c === '+' || c === '-') return readImag(c, sgn, n(), c === '+' ? 1 : -1, s, i + 1, radix, st);
  if (c === '@') return readPolar(sgn, n(), s, i + 1, radix, st);
  if (c === 'i' || c === 'I') return finishImaginary(sgn, n(), s, i + 1, st);
  return badDigit(c, s, st);
}

function readDecimal(sgn: number, intDigits: string | null, s: string, start: number, radix: number, st: State): Final {
  const i = scanDigits(s, start, radix);
  const frac = s.slice(start, i);
  const digits = intDigits === null && frac === '' ? null : (intDigits ?? '') + frac;
  const exp = -frac.length;
  const n = (): Lazy | Fail =>
    digits === null ? noDigits('.', s, st) : exactOf(BigInt(sgn) * digitsValue(digits, radix), radix, BigInt(exp));
  const c = at(s, i, radix);
  if (c === EOF_C) return maybe(n(), (v) => finish(sgn, v, s, st));
  if (c === '.') return misplaced('.', s, st);
  if (typeof c === 'string' && EXPONENT_MARKERS.includes(c)) {
    return digits === null ? noDigits('.', s, st) : readExponent(sgn, n() as Lazy, 0n, s, i + 1, radix, setExactnessByChar(st, c));
  }
  if (c === '/') return mixed(s, st);
  if (c === '#') return digits === null ? misplaced('#', s, st) : readApprox(sgn, digits, exp, true, s, i + 1, radix, st);
  if (c === '+' || c === '-') {
    return digits === null ? noDigits('.', s, st) : readImag(c, sgn, n() as Lazy, c === '+' ? 1 : -1, s, i + 1, radix, st);
  }
  if (c === '@') return maybe(n(), (v) => readPolar(sgn, v, s, i + 1, radix, st));
  if (c === 'i' || c === 'I') return maybe(n(), (v) => finishImaginary(sgn, v, s, i + 1, st));
  return badDigit(c, s, st);
}

function readApprox(sgn: number, digits: string, exp0: number, sawDot0: boolean, s: string, start: number, radix: number, st: State): Final {
  let exp = exp0;
  let sawDot = sawDot0;
  let i = start;
  for (;;) {
    const c = at(s, i, radix);
    const n = (): Exact => exactOf(BigInt(sgn) * digitsValue(digits, radix), radix, BigInt(exp));
    if (c === EOF_C) return finish(sgn, n(), s, st);
    if (typeof c === 'number') return misplaced('#', s, st);
    if (c === '.') {
      if (sawDot) return misplaced('.', s, st);
      sawDot = true;
    } else if (c === '#') {
      if (!sawDot) exp++;
    } else if (EXPONENT_MARKERS.includes(c)) {
      return readExponent(sgn, n(), 0n, s, i + 1, radix, setExactnessByChar(st, c));
    } else if (c === '/') {
      return sawDot ? mixed(s, st) : readRational(sgn, n(), s, i + 1, radix, st);
    } else if (c === '+' || c === '-') {
      return readImag(c, sgn, n(), c === '+' ? 1 : -1, s, i + 1, radix, st);
    } else if (c === '@') {
      return readPolar(sgn, n(), s, i + 1, radix, st);
    } else if (c === 'i' || c === 'I') {
      return finishImaginary(sgn, n(), s, i + 1, st);
    } else {
      return badDigit(c, s, st);
    }
    i++;
  }
}

function readExponent(sgn: number, sgnN: Lazy, exp: bigint, s: string, start: number, radix: number, st: State): Final {
  const c = at(s, start, radix);
  if (c === EOF_C || c === '@') return fail(st, `empty exponent \`${s}\``);
  if (typeof c === 'number') return readSignedExponent(sgn, sgnN, exp, 1, start, s, start, radix, st);
  if (c === '+' || c === '-') return readSignedExponent(sgn, sgnN, exp, c === '+' ? 1 : -1, start + 1, s, start + 1, radix, st);
  if ('.#/'.includes(c) || EXPONENT_MARKERS.includes(c)) return misplaced(c, s, st);
  if (c === 'i' || c === 'I') return hasFirstHalf(st) ? fail(st, `empty exponent \`${s}\``) : misplaced('i', s, st);
  return badDigit(c, s, st);
}

function readSignedExponent(sgn: number, sgnN: Lazy, exp: bigint, sgn2: number, digitStart: number, s: string, start: number, radix: number, st: State): Final {
  const i = scanDigits(s, start, radix);
  const digits = s.slice(digitStart, i);
  const n = (): Lazy | Fail =>
    digits === '' ? fail(st, `empty exponent \`${s}\``) : scale(sgnN, exp + BigInt(sgn2) * digitsValue(digits, radix));
  const c = at(s, i, radix);
  if (c === EOF_C) return maybe(n(), (v) => finish(sgn, v, s, st));
  if (c === '+' || c === '-') return maybe(n(), (v) => readImag(c, sgn, v, c === '+' ? 1 : -1, s, i + 1, radix, st));
  if (typeof c === 'string' && ('.#/'.includes(c) || EXPONENT_MARKERS.includes(c))) return misplaced(c, s, st);
  if (c === '@') return maybe(n(), (v) => readPolar(sgn, v, s, i + 1, radix, st));
  if (c === 'i' || c === 'I') return maybe(n(), (v) => finishImaginary(sgn, v, s, i + 1, st));
  return badDigit(c, s, st);
}

function readRational(sgn: number, sgnN: Lazy, s: string, start: number, radix: number, st: State): Final {
  const i = scanDigits(s, start, radix);
  const d = s.slice(start, i);
  const n = (): Lazy | Fail => (d === '' ? noDigits('/', s, st) : divide(sgnN, exactOf(digitsValue(d, radix), radix), true));
  const c = at(s, i, radix);
  if (c === EOF_C) return maybe(n(), (v) => finish(sgn, v, s, st));
  if (c === '.') return mixed(s, st);
  if (c === '#') return d === '' ? misplaced('#', s, st) : readDenomApprox(sgn, sgnN, d, s, i + 1, radix, setExactness(st, 'approx'));
  if (typeof c === 'string' && EXPONENT_MARKERS.includes(c)) {
    return maybe(n(), (v) => readExponent(sgn, v, 0n, s, i + 1, radix, setExactnessByChar(st, c)));
  }
  if (c === '/') return misplaced('/', s, st);
  if (c === '+' || c === '-') return maybe(n(), (v) => readImag(c, sgn, v, c === '+' ? 1 : -1, s, i + 1, radix, st));
  if (c === '@') return maybe(n(), (v) => readPolar(sgn, v, s, i + 1, radix, st));
  if (c === 'i' || c === 'I') return maybe(n(), (v) => finishImaginary(sgn, v, s, i + 1, st));
  return badDigit(c, s, st);
}

function readDenomApprox(sgn: number, sgnN: Lazy, d: string, s: string, start: number, radix: number, st: State): Final {
  let exp = 1;
  let i = start;
  for (;; i++) {
    const c = at(s, i, radix);
    const n = (): Lazy => divide(sgnN, exactOf(digitsValue(d, radix), radix, BigInt(exp)), false);
    if (c === '#') {
      exp++;
      continue;
    }
    if (c === EOF_C) return finish(sgn, n(), s, st);
    if (typeof c === 'number') return misplaced('#', s, st);
    if (c === '.' || c === '/') return misplaced(c, s, st);
    if (EXPONENT_MARKERS.includes(c)) return readExponent(sgn, n(), 0n, s, i + 1, radix, setExactnessByChar(st, c));
    if (c === '+' || c === '-') return readImag(c, sgn, n(), c === '+' ? 1 : -1, s, i + 1, radix, st);
    if (c === '@') return readPolar(sgn, n(), s, i + 1, radix, st);
    if (c === 'i' || c === 'I') return finishImaginary(sgn, n(), s, i + 1, st);
    return badDigit(c, s, st);
  }
}

function setFirstHalf(st: State, half: Half, from: number): State {
  return { ...st, fst: half, exactness: st.other, other: st.exactness, from };
}

function readImag(c: string, realSgn: number, real: Lazy, sgn: number, s: string, start: number, radix: number, st: State): Final {
  if (hasFirstHalf(st) || st.exactness === 'extended') return misplaced(c, s, st);
  return readSigned(sgn, s, start, radix, setFirstHalf(st, { polar: false, sgn: realSgn, n: real }, start - 1));
}

function readPolar(realSgn: number, real: Lazy, s: string, start: number, radix: number, st: State): Final {
  if (hasFirstHalf(st) || st.exactness === 'extended') return misplaced('@', s, st);
  const c = at(s, start, radix);
  const st2 = setFirstHalf(st, { polar: true, sgn: realSgn, n: real }, start);
  if (c === EOF_C) return misplaced('@', s, st);
  if (c === '+' || c === '-') return readSigned(c === '+' ? 1 : -1, s, start + 1, radix, st2);
  if (typeof c === 'number') return readInteger(1, s[start]!, s, start + 1, radix, st2);
  return badDigit(c, s, st);
}

function maybe<T>(v: T | Fail, k: (v: T) => Final): Final {
  return typeof v === 'object' && v !== null && (v as { t?: string }).t === 'fail' ? (v as Fail) : k(v as T);
}

const isExactZero = (f: Final): boolean => f.t === 'real' && typeof f.v !== 'number' && f.v[0] === 0n;

/** Racket's `finish`: forces one real (or, with a polar first half, a complex). */
function finish(sgnz: number, n: Lazy, s: string, st: State): Final {
  const fst = st.fst;
  if (fst === undefined || fst === '+/-') return finishReal(sgnz, n, s, st);
  if (!fst.polar) return fail(st, `missing \`i\` for complex number in \`${s}\``);
  const m = finish(fst.sgn, fst.n, s, initState(st.other, st.mode, undefined));
  const a = finish(sgnz, n, s, initState(st.exactness, st.mode, undefined));
  if (m.t === 'ext' || a.t === 'ext') return extInComplex(s.slice(st.from), st);
  if (m.t === 'fail' || m.t === 'huge') return m;
  if (a.t === 'fail' || a.t === 'huge') return a;
  // make-polar: an exact zero angle gives the magnitude, an exact zero magnitude gives 0.
  if (isExactZero(a)) return m;
  if (isExactZero(m)) return m;
  return { t: 'complex' };
}

function finishReal(sgnz: number, n: Lazy, s: string, st: State): Final {
  switch (st.exactness) {
    case 'double':
    case 'inexact':
    case 'approx':
      if (n.t === 'dbz') {
        return n.exact ? fail(DBZ_MODE, `division by zero in \`${s}\``) : { t: 'real', v: sgnz < 0 ? -Infinity : Infinity };
      }
      if (n.t === 'flo') return { t: 'real', v: n.v };
      return toReal(toDouble(n, sgnz < 0));
    case 'exact':
      if (n.t === 'flo') return fail(st, `no exact representation for ${formatReal(n.v)}`);
      return forceExactReal(n, s);
    case 'extended':
      return { t: 'ext' };
    case 'extflonum->inexact':
      return fail(st, `cannot convert extflonum to inexact in \`${s}\``);
    case 'extflonum->exact':
      return fail(st, `cannot convert extflonum to exact in \`${s}\``);
    case 'decimal-as-inexact':
      return forceExactReal(n, s);
    default:
      return st.exactness satisfies never;
  }
}

function forceExactReal(n: Lazy, s: string): Final {
  if (n.t === 'dbz') return fail(DBZ_MODE, `division by zero in \`${s}\``);
  if (n.t === 'flo') return { t: 'real', v: n.v };
  const q = forceExact(n);
  return q === undefined ? { t: 'huge' } : { t: 'real', v: q };
}

/** Racket's `finish-imaginary`, at an `i` that may end the text. */
function finishImaginary(sgnz: number, n: Lazy, s: string, start: number, st: State): Final {
  const fst = st.fst;
  const atEnd = start === s.length;
  if (fst === '+/-' && atEnd) {
    return maybe(finish(sgnz, n, s, st), (i) => {
      if (i.t === 'ext') return extInComplex(s.slice(st.from, -1), st);
      if (i.t !== 'real') return i;
      // make-rectangular with an exact zero imaginary part is the real part alone.
      return isExactZero(i) ? { t: 'real', v: st.other === 'inexact' ? 0 : [0n, 1n] } : { t: 'complex' };
    });
  }
  if (fst !== undefined && fst !== '+/-' && !fst.polar && atEnd) {
    const r = finish(fst.sgn, fst.n, s, initState(st.other, st.mode, undefined));
    const i = finish(sgnz, n, s, initState(st.exactness, st.mode, undefined));
    // Racket 8.7 prints the real part here even when the imaginary part is the extflonum.
    if (r.t === 'ext' || i.t === 'ext') return extInComplex(r.t === 'real' ? formatReal(r.v) : s, st);
    if (r.t === 'fail' || r.t === 'huge') return r;
    if (i.t === 'fail' || i.t === 'huge') return i;
    return isExactZero(i) ? r : { t: 'complex' };
  }
  return misplaced('i', s, st);
}

/** On Racket CS an extflonum prints as the text it was read from (here: its half of the token). */
function extInComplex(shown: string, st: State): Fail {
  return fail(st, `cannot combine extflonum \`${shown}\` into a complex number`);
}

function toReal(v: number | undefined): Final {
  return v === undefined ? { t: 'huge' } : { t: 'real', v };
}
