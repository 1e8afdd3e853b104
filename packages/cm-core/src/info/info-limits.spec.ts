import { describe, expect, it } from 'vitest';
import type { RacketValue } from '../data/types.js';
import { int, makeList } from '../data/values.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_VALUE_SIZE, DEFAULT_MAX_WORK, LimitFailure, normalizeInfoLimits, WorkBudget } from './info-limits.js';

describe('info/info-limits', () => {
  it('fills in the defaults and rejects unknown limits', () => {
    expect(normalizeInfoLimits()).toEqual({
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      maxDepth: DEFAULT_MAX_DEPTH,
      maxWork: DEFAULT_MAX_WORK,
      maxValueSize: DEFAULT_MAX_VALUE_SIZE,
    });
    expect(() => normalizeInfoLimits({ steps: 1 } as never)).toThrow(/unknown limit `steps`/);
  });

  it('counts work', () => {
    const budget = new WorkBudget(normalizeInfoLimits({ maxWork: 10 }));
    budget.charge(10);
    expect(() => budget.charge(1)).toThrow(/more than 10 units of work/);
  });

  it('bounds nesting', () => {
    const budget = new WorkBudget(normalizeInfoLimits({ maxDepth: 3 }));
    budget.checkDepth(3);
    expect(() => budget.checkDepth(4)).toThrow(LimitFailure);
  });

  it('measures shared structure by its written size, in linear time', () => {
    let value: RacketValue = int(1);
    for (let i = 0; i < 40; i++) value = makeList([value, value]);
    const budget = new WorkBudget(normalizeInfoLimits({ maxValueSize: 1_000 }));
    expect(() => budget.checkValueSize(value, 'x')).toThrow(/the value of `x` has more than 1000 parts/);
    let small: RacketValue = int(1);
    for (let i = 0; i < 5; i++) small = makeList([small, small]);
    budget.checkValueSize(small, 'y');
  });
});
