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
 * kept as strings and converted with one `BigInt()` call, so a 1 MB numeral is linear. The
 * parser state lives in `read-number-state.ts`, the final conversions in `read-number-finish.ts`.
 */
import { finish, finishImaginary } from './read-number-finish.js';
import {
  EOF_C,
  EXPONENT_MARKERS,
  at,
  badDigit,
  digitsValue,
  fail,
  hasFirstHalf,
  initState,
  maybe,
  misplaced,
  mixed,
  noDigits,
  scanDigits,
  setExactness,
  setExactnessByChar,
  setFirstHalf,
  type Exactness,
  type Fail,
  type Final,
  type Mode,
  type State,
} from './read-number-state.js';
import { divide, exactOf, scale, type Exact, type Lazy } from './read-number-value.js';
import { gcd } from './values.js';

export type NumberParse =
  | { readonly t: 'exact'; readonly num: bigint; readonly den: bigint }
  | { readonly t: 'flonum'; readonly value: number }
  | { readonly t: 'error'; readonly message: string }
  | { readonly t: 'unsupported'; readonly what: 'complex number' | 'extflonum' | 'huge exact number' };

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
