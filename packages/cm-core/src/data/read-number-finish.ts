/**
 * The end of a numeral (Racket's `finish` and `finish-imaginary`): forcing the lazily built
 * value to an exact rational or a flonum as the exactness says, and combining the halves of a
 * complex number — which the data model cannot hold, so only exact-zero imaginary parts and
 * angles (`1+0i`, `1@0`) give a value; other complex numbers are reported as such.
 */
import { forceExact, formatReal, toDouble, type Lazy } from './read-number-value.js';
import { DBZ_MODE, fail, initState, maybe, misplaced, type Fail, type Final, type State } from './read-number-state.js';

const isExactZero = (f: Final): boolean => f.t === 'real' && typeof f.v !== 'number' && f.v[0] === 0n;

/** Racket's `finish`: forces one real (or, with a polar first half, a complex). */
export function finish(sgnz: number, n: Lazy, s: string, st: State): Final {
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
export function finishImaginary(sgnz: number, n: Lazy, s: string, start: number, st: State): Final {
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
