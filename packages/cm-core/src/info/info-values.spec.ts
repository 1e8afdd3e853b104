import { describe, expect, it } from 'vitest';
import type { RacketValue } from '../data/types.js';
import { int, makeList, str, sym } from '../data/values.js';
import { writeValue } from '../data/writer.js';
import { normalizeInfoLimits, WorkBudget, LimitFailure } from './info-limits.js';
import { HashBuilder, hashRef, isEqualCharged, isEqv } from './info-values.js';

const budget = (): WorkBudget => new WorkBudget(normalizeInfoLimits());
const flo = (value: number): RacketValue => ({ kind: 'flonum', value });

describe('info/info-values', () => {
  // Columns: a, b, eqv?, equal?.
  const PAIRS: readonly (readonly [RacketValue, RacketValue, boolean, boolean])[] = [
    [int(1), int(1), true, true],
    [flo(0), flo(-0), false, false],
    [flo(NaN), flo(NaN), true, true],
    [str('a'), str('a'), false, true],
    [sym('a'), sym('a'), true, true],
    [makeList([int(1)]), makeList([int(1)]), false, true],
    [makeList([]), makeList([]), true, true],
    [{ kind: 'hash', equiv: 'equal', entries: [[sym('a'), int(1)], [sym('b'), int(2)]] }, { kind: 'hash', equiv: 'equal', entries: [[sym('b'), int(2)], [sym('a'), int(1)]] }, false, true],
    [{ kind: 'hash', equiv: 'equal', entries: [] }, { kind: 'hash', equiv: 'eq', entries: [] }, false, false],
  ];
  it.each(PAIRS.map(([a, b, eqv, equal]) => [`${writeValue(a)} vs ${writeValue(b)}`, a, b, eqv, equal] as const))('%s', (_title, a, b, eqv, equal) => {
    expect(isEqv(a, b)).toBe(eqv);
    expect(isEqualCharged(a, b, budget())).toBe(equal);
  });

  it('builds hashes with equal?, eqv? or eq? keys', () => {
    const equal = new HashBuilder('equal', budget());
    equal.set(str('k'), int(1));
    equal.set(str('k'), int(2));
    equal.set(makeList([int(1)]), int(3));
    equal.set(makeList([int(1)]), int(4));
    expect(writeValue(equal.build())).toBe('#hash(("k" . 2) ((1) . 4))');
    const eq = new HashBuilder('eq', budget());
    eq.set(str('k'), int(1));
    eq.set(str('k'), int(2));
    expect(eq.build().entries).toHaveLength(2);
    equal.remove(str('k'));
    const built = equal.build();
    expect(hashRef(built, makeList([int(1)]), budget())).toEqual(int(4));
    expect(hashRef(built, str('k'), budget())).toBeUndefined();
  });

  it('charges the work budget for comparisons', () => {
    const tiny = new WorkBudget(normalizeInfoLimits({ maxWork: 5 }));
    const long = makeList(Array.from({ length: 10 }, (_, i) => int(i)));
    const copy = makeList(Array.from({ length: 10 }, (_, i) => int(i)));
    expect(() => isEqualCharged(long, copy, tiny)).toThrow(LimitFailure);
  });
});
