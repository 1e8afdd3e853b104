/**
 * Does a symbol's text read as a number? The printer asks this to decide whether a symbol
 * needs `|…|` (Racket 8.7: `(not (not (string->number str 10 'read)))`, with `#%…` never a
 * number).
 *
 * This is a recogniser, not a converter: a port of the decimal part of the expander's
 * read/number.rkt state machine that only tracks what decides the answer. In `'read` mode the
 * answer is "truthy" for every complete number, including ones that fail later with an error
 * message instead of `#f` (`1/0`, division by an exact zero) and extflonums (`1t2`,
 * `+inf.t`), and "falsy" for incomplete syntax, a real part without `i` (`1+2`), and an
 * extflonum inside a complex number (`1t2+3i`).
 *
 * Racket 8.7 differs from later sources: the final `i` of a complex number and the `f`/`t`
 * of `+inf.f`/`+nan.t` may be uppercase (observed: `1+6I`, `+inf.T` read as numbers).
 *
 * Constraint: callers handle texts starting with `#` themselves (the printer quotes those for
 * another reason); here they answer false.
 */

interface State {
  /** `null`: no sign seen; `sign`: leading `+`/`-`; `rect`/`polar`: first half of a complex. */
  first: null | 'sign' | 'rect' | 'polar';
  /** The current half has an extflonum exponent marker (`t`). */
  ext: boolean;
  /** The first half of a complex number was an extflonum. */
  firstExt: boolean;
}

const EXPONENT_MARKERS = 'eEdDlLfFsStT';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isExponent = (c: string | undefined): boolean => c !== undefined && EXPONENT_MARKERS.includes(c);

/**
 * True when Racket's reader would not read `text` as a symbol because it is number syntax.
 * @example readsAsNumber('1e2') //=> true
 * @example readsAsNumber('1e') //=> false
 */
export function readsAsNumber(text: string): boolean {
  const s = text;
  const end = s.length;

  const finish = (st: State): boolean => {
    if (st.first === 'rect') return false; // missing `i`
    if (st.first === 'polar') return !st.firstExt && !st.ext;
    return true;
  };
  const finishImaginary = (st: State, i: number): boolean => {
    if (i !== end) return false;
    if (st.first === 'sign') return !st.ext;
    if (st.first === 'rect') return !st.firstExt && !st.ext;
    return false;
  };
  const withExponent = (st: State, c: string): State => ({ ...st, ext: c === 't' || c === 'T' });
  const secondHalf = (st: State, kind: 'rect' | 'polar'): State => ({ first: kind, ext: false, firstExt: st.ext });
  const hasFirstHalf = (st: State): boolean => st.first === 'rect' || st.first === 'polar';

  // After a complete real: `+`/`-` starts an imaginary part, `@` an angle, `i` ends.
  const afterReal = (c: string, i: number, st: State): boolean | undefined => {
    if (c === '+' || c === '-') return hasFirstHalf(st) || st.ext ? false : signed(i + 1, secondHalf(st, 'rect'));
    if (c === '@') return hasFirstHalf(st) || st.ext ? false : polar(i + 1, secondHalf(st, 'polar'));
    if (c === 'i' || c === 'I') return finishImaginary(st, i + 1);
    return undefined;
  };

  function signed(i: number, st: State): boolean {
    const c = s[i];
    if (c === undefined) return false;
    if (isDigit(c)) return integer(i + 1, st);
    if (c === '.') return decimal(i + 1, false, st);
    if (c === 'i' || c === 'I') {
      const c2 = s[i + 1];
      if (c2 === undefined) return finishImaginary(st, i + 1);
      return c2 === 'n' || c2 === 'N' ? special(i + 2, ['fF', '.'], st) : false;
    }
    if (c === 'n' || c === 'N') return special(i + 1, ['aA', 'nN', '.'], st);
    return false;
  }

  // `+inf.0`/`+nan.0` and friends: fixed letters, then `0`, `f` or `t` (any case in 8.7).
  function special(i: number, letters: readonly string[], st: State): boolean {
    for (const allowed of letters) {
      if (!allowed.includes(s[i] ?? '\0')) return false;
      i++;
    }
    const kind = s[i];
    if (kind === undefined || !'0fFtT'.includes(kind)) return false;
    const next: State = { ...st, ext: kind === 't' || kind === 'T' };
    const c = s[i + 1];
    if (c === undefined) return finish(next);
    return afterReal(c, i + 1, next) ?? false;
  }

  function integer(i: number, st: State): boolean {
    for (;;) {
      const c = s[i];
      if (c === undefined) return finish(st);
      if (isDigit(c)) i++;
      else if (c === '.') return decimal(i + 1, true, st);
      else if (isExponent(c)) return exponent(i + 1, withExponent(st, c));
      else if (c === '/') return rational(i + 1, false, st);
      else if (c === '#') return approx(i + 1, false, st);
      else return afterReal(c, i, st) ?? false;
    }
  }

  function decimal(i: number, hasDigits: boolean, st: State): boolean {
    for (;;) {
      const c = s[i];
      if (c === undefined) return hasDigits && finish(st);
      if (isDigit(c)) {
        hasDigits = true;
        i++;
      } else if (!hasDigits) return false;
      else if (isExponent(c)) return exponent(i + 1, withExponent(st, c));
      else if (c === '#') return approx(i + 1, true, st);
      else return afterReal(c, i, st) ?? false;
    }
  }

  function approx(i: number, sawDot: boolean, st: State): boolean {
    for (;;) {
      const c = s[i];
      if (c === undefined) return finish(st);
      if (c === '#') i++;
      else if (c === '.' && !sawDot) {
        sawDot = true;
        i++;
      } else if (isExponent(c)) return exponent(i + 1, withExponent(st, c));
      else if (c === '/' && !sawDot) return rational(i + 1, false, st);
      else return afterReal(c, i, st) ?? false;
    }
  }

  function rational(i: number, hasDigits: boolean, st: State): boolean {
    for (;;) {
      const c = s[i];
      if (c === undefined) return hasDigits && finish(st);
      if (isDigit(c)) {
        hasDigits = true;
        i++;
      } else if (!hasDigits) return false;
      else if (c === '#') return denominatorApprox(i + 1, st);
      else if (isExponent(c)) return exponent(i + 1, withExponent(st, c));
      else return afterReal(c, i, st) ?? false;
    }
  }

  function denominatorApprox(i: number, st: State): boolean {
    for (;;) {
      const c = s[i];
      if (c === undefined) return finish(st);
      if (c === '#') i++;
      else if (isExponent(c)) return exponent(i + 1, withExponent(st, c));
      else return afterReal(c, i, st) ?? false;
    }
  }

  function exponent(i: number, st: State): boolean {
    let hasDigits = false;
    if (s[i] === '+' || s[i] === '-') i++;
    for (;;) {
      const c = s[i];
      if (c === undefined) return hasDigits && finish(st);
      if (isDigit(c)) {
        hasDigits = true;
        i++;
      } else if (!hasDigits) return false;
      else return afterReal(c, i, st) ?? false;
    }
  }

  function polar(i: number, st: State): boolean {
    const c = s[i];
    if (c === '+' || c === '-') return signed(i + 1, st);
    return isDigit(c) ? integer(i + 1, st) : false;
  }

  const c0 = s[0];
  if (c0 === undefined || c0 === '#') return false;
  if (isDigit(c0)) return integer(1, { first: null, ext: false, firstExt: false });
  if (c0 === '+' || c0 === '-') return signed(1, { first: 'sign', ext: false, firstExt: false });
  if (c0 === '.') return decimal(1, false, { first: null, ext: false, firstExt: false });
  return false;
}
