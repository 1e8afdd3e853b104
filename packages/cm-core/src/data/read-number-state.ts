/**
 * The state of the number parser (`read-number.ts`): exactness, the "must this be a number?"
 * mode, the first half of a complex number, and the small helpers every parser state uses.
 * Port of the helpers at the top of Racket's `read/number.rkt`.
 *
 * Failures are values, not exceptions: `fail` returns Racket's message only in 'must-read' mode
 * (after a `#e`/`#x`/… prefix); otherwise the token is simply not a number (a symbol).
 */
import type { Lazy } from './read-number-value.js';

export type Exactness =
  | 'exact'
  | 'inexact'
  | 'decimal-as-inexact'
  | 'approx'
  | 'double'
  | 'extended'
  | 'extflonum->inexact'
  | 'extflonum->exact';
export type Mode = 'read' | 'must-read';
type Half = { readonly polar: boolean; readonly sgn: number; readonly n: Lazy };

export interface State {
  readonly exactness: Exactness;
  readonly mode: Mode;
  /** `undefined`, `'+/-'` when the text started with a sign, or the finished first half of a complex. */
  readonly fst: undefined | '+/-' | Half;
  readonly other: Exactness;
  /** Where the current half starts (only used to print an extflonum in an error message). */
  readonly from: number;
}

/** Parse failure: `message` only when Racket reports one, else "not a number". */
export type Fail = { readonly t: 'fail'; readonly message?: string };
export type Real = { readonly t: 'real'; readonly v: number | readonly [bigint, bigint] };
export type Final = Real | { readonly t: 'complex' } | { readonly t: 'ext' } | { readonly t: 'huge' } | Fail;

const NOT_A_NUMBER: Fail = { t: 'fail' };
export const EXPONENT_MARKERS = 'eEdDlLfFsStT';
export const EOF_C = -1;

/** Character at `i` as Racket's `parse-case` sees it: a digit value (0–15), `EOF_C`, or the char. */
export function at(s: string, i: number, radix: number): number | string {
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

export function fail(state: State | Mode, message: string): Fail {
  const mode = typeof state === 'string' ? state : state.mode;
  return mode === 'must-read' ? { t: 'fail', message } : NOT_A_NUMBER;
}

/** Racket reports division by zero even where other failures just mean "a symbol". */
export const DBZ_MODE: Mode = 'must-read';

export function badDigit(c: number | string, s: string, state: State | Mode): Fail {
  if (c === '\0') return fail(state, `nul character in \`${s}\``);
  return fail(state, `bad digit \`${c}\``);
}

/** Index after the run of radix digits starting at `i`. */
export function scanDigits(s: string, i: number, radix: number): number {
  for (;;) {
    const c = at(s, i, radix);
    if (typeof c !== 'number' || c === EOF_C) return i;
    i++;
  }
}

export const misplaced = (what: string, s: string, st: State): Fail => fail(st, `misplaced \`${what}\` in \`${s}\``);
export const noDigits = (after: string, s: string, st: State): Fail => fail(st, `missing digits after \`${after}\` in \`${s}\``);
export const mixed = (s: string, st: State): Fail => fail(st, `decimal points and fractions cannot be mixed in \`${s}\``);

export function initState(exactness: Exactness, mode: Mode, fst: State['fst'], from = 0): State {
  return { exactness, mode, fst, other: exactness, from };
}

export function hasFirstHalf(st: State): boolean {
  return st.fst !== undefined && st.fst !== '+/-';
}

export function setExactness(st: State, next: 'double' | 'approx' | 'extended'): State {
  const cur = st.exactness;
  let result: Exactness;
  if (next === 'double') result = cur === 'exact' ? 'exact' : next;
  else if (next === 'approx') result = cur === 'exact' || cur === 'inexact' ? cur : next;
  else result = cur === 'inexact' ? 'extflonum->inexact' : cur === 'exact' ? 'extflonum->exact' : 'extended';
  return result === cur ? st : { ...st, exactness: result };
}

/** Racket also has an "override" flag here; it only matters for 'decimal-as-exact, which `read` never uses. */
export function setExactnessByChar(st: State, c: string): State {
  return setExactness(st, c === 't' || c === 'T' ? 'extended' : 'double');
}

export function digitsValue(digits: string, radix: number): bigint {
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  return BigInt(prefix + digits);
}

export function setFirstHalf(st: State, half: Half, from: number): State {
  return { ...st, fst: half, exactness: st.other, other: st.exactness, from };
}

export function maybe<T>(v: T | Fail, k: (v: T) => Final): Final {
  return typeof v === 'object' && v !== null && (v as { t?: string }).t === 'fail' ? (v as Fail) : k(v as T);
}
