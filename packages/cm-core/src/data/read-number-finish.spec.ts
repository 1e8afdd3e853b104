import { describe, expect, it } from 'vitest';
import { finish, finishImaginary } from './read-number-finish.js';
import { initState, type Exactness, type State } from './read-number-state.js';
import { exactOf, type Lazy } from './read-number-value.js';

const state = (exactness: Exactness, mode: 'read' | 'must-read' = 'read', fst: State['fst'] = undefined): State => initState(exactness, mode, fst);
const one = exactOf(1n, 10);
const zero = exactOf(0n, 10);

describe('data/read-number-finish', () => {
  // columns: exactness, value, expected
  const reals: [Exactness, Lazy, unknown][] = [
    ['decimal-as-inexact', exactOf(15n, 10, -1n), { t: 'real', v: [15n, 10n] }],
    ['approx', exactOf(15n, 10, -1n), { t: 'real', v: 1.5 }],
    ['double', zero, { t: 'real', v: 0 }],
    ['exact', { t: 'flo', v: Infinity }, { t: 'fail' }],
    ['extended', one, { t: 'ext' }],
    ['inexact', { t: 'dbz', exact: false }, { t: 'real', v: Infinity }],
    ['inexact', { t: 'dbz', exact: true }, { t: 'fail', message: 'division by zero in `s`' }],
    ['exact', exactOf(1n, 10, 200_000n), { t: 'huge' }],
  ];
  it.each(reals)('%s, case %#', (exactness, value, expected) => {
    expect(finish(1, value, 's', state(exactness))).toEqual(expected);
  });

  it('keeps the sign of an inexact zero', () => {
    const r = finish(-1, zero, '-0.0', state('approx'));
    expect(r.t === 'real' && Object.is(r.v, -0)).toBe(true);
  });

  it('reports why an exact infinity is impossible after #e', () => {
    expect(finish(1, { t: 'flo', v: -Infinity }, '#e-inf.0', state('exact', 'must-read'))).toEqual({
      t: 'fail',
      message: 'no exact representation for -inf.0',
    });
  });

  it('turns an exact-zero imaginary part into the real part, and flags real complex numbers', () => {
    const rect = (n: Lazy): State => state('decimal-as-inexact', 'read', { polar: false, sgn: 1, n });
    expect(finishImaginary(1, zero, '1+0i', 4, rect(one))).toEqual({ t: 'real', v: [1n, 1n] });
    expect(finishImaginary(1, one, '1+1i', 4, rect(one))).toEqual({ t: 'complex' });
    expect(finishImaginary(1, one, '+i', 2, state('decimal-as-inexact', 'read', '+/-'))).toEqual({ t: 'complex' });
    expect(finishImaginary(1, one, '1i2', 2, state('decimal-as-inexact'))).toEqual({ t: 'fail' });
  });

  it('gives the magnitude for an exact-zero angle', () => {
    const polar = state('decimal-as-inexact', 'read', { polar: true, sgn: 1, n: exactOf(3n, 10) });
    expect(finish(1, zero, '3@0', polar)).toEqual({ t: 'real', v: [3n, 1n] });
    expect(finish(1, one, '3@1', polar)).toEqual({ t: 'complex' });
  });
});
