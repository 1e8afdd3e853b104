import { describe, expect, it } from 'vitest';
import { EOF_C, at, badDigit, digitsValue, fail, initState, maybe, scanDigits, setExactness, setExactnessByChar, setFirstHalf, type Exactness } from './read-number-state.js';
import { exactOf } from './read-number-value.js';

describe('data/read-number-state', () => {
  it('classifies characters as parse-case does', () => {
    expect([at('7', 0, 10), at('a', 0, 10), at('a', 0, 16), at('F', 0, 16), at('8', 0, 8), at('', 0, 10)]).toEqual([7, 'a', 10, 15, '8', EOF_C]);
    expect(at('😀', 0, 10)).toBe('😀');
    expect(scanDigits('12ab3', 0, 10)).toBe(2);
    expect(scanDigits('12ab3', 0, 16)).toBe(5);
    expect(scanDigits('12ag3', 0, 16)).toBe(3);
  });

  it('reports failures only when a number is required', () => {
    const must = initState('exact', 'must-read', undefined);
    expect(fail(must, 'x')).toEqual({ t: 'fail', message: 'x' });
    expect(fail(initState('decimal-as-inexact', 'read', undefined), 'x')).toEqual({ t: 'fail' });
    expect(badDigit('q', 's', 'must-read')).toEqual({ t: 'fail', message: 'bad digit `q`' });
    expect(badDigit('\0', 's', 'must-read')).toEqual({ t: 'fail', message: 'nul character in `s`' });
  });

  // columns: current exactness, what was found, resulting exactness
  const transitions: [Exactness, 'double' | 'approx' | 'extended', Exactness][] = [
    ['decimal-as-inexact', 'approx', 'approx'],
    ['decimal-as-inexact', 'double', 'double'],
    ['exact', 'approx', 'exact'],
    ['exact', 'double', 'exact'],
    ['inexact', 'approx', 'inexact'],
    ['inexact', 'double', 'double'],
    ['decimal-as-inexact', 'extended', 'extended'],
    ['exact', 'extended', 'extflonum->exact'],
    ['inexact', 'extended', 'extflonum->inexact'],
  ];
  it.each(transitions)('%s + %s = %s', (from, found, to) => {
    expect(setExactness(initState(from, 'read', undefined), found).exactness).toBe(to);
  });

  it('maps exponent letters: t/T extended, the rest double', () => {
    const st = initState('decimal-as-inexact', 'read', undefined);
    expect(['e', 'd', 'f', 's', 'l', 't', 'T'].map((c) => setExactnessByChar(st, c).exactness)).toEqual([
      'double', 'double', 'double', 'double', 'double', 'extended', 'extended',
    ]);
  });

  it('swaps exactness when the first half of a complex number is done', () => {
    const st = setFirstHalf({ ...initState('decimal-as-inexact', 'read', '+/-'), exactness: 'approx' }, { polar: false, sgn: 1, n: exactOf(1n, 10) }, 3);
    expect([st.exactness, st.other, st.from]).toEqual(['decimal-as-inexact', 'approx', 3]);
  });

  it('converts digit strings in any radix, and chains maybe-failures', () => {
    expect([digitsValue('ff', 16), digitsValue('17', 8), digitsValue('101', 2), digitsValue('99', 10)]).toEqual([255n, 15n, 5n, 99n]);
    expect(maybe<number>({ t: 'fail' }, () => ({ t: 'complex' }))).toEqual({ t: 'fail' });
    expect(maybe<number>(1, () => ({ t: 'complex' }))).toEqual({ t: 'complex' });
  });
});
