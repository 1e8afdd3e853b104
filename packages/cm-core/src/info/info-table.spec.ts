import { describe, expect, it } from 'vitest';
import { int, makeList, str, sym } from '../data/values.js';
import { createInfoTable, formatInfoField } from './info-table.js';

describe('info/info-table', () => {
  it('keeps definition order and looks fields up by name', () => {
    const table = createInfoTable('info.rkt', [
      { name: 'b', value: int(1) },
      { name: 'a', value: str('x') },
    ]);
    expect(table.names).toEqual(['b', 'a']);
    expect(table.get('a')).toEqual(str('x'));
    expect(table.has('c')).toBe(false);
    expect(table.get('c')).toBeUndefined();
  });

  // Columns: value, the field as `(write (cons 'f value))` prints it.
  const FORMATS = [
    [str('1.0'), '(f . "1.0")'],
    [makeList([str('base')]), '(f "base")'],
    [makeList([sym('a')], sym('b')), '(f a . b)'],
    [makeList([]), '(f)'],
  ] as const;
  it.each(FORMATS.map(([value, expected]) => [expected, value] as const))('%s', (expected, value) => {
    expect(formatInfoField({ name: 'f', value })).toBe(expected);
  });
});
