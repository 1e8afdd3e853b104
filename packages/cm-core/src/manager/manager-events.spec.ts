import { describe, expect, it } from 'vitest';
import { formatTraceValue, indentString } from './manager-events.js';

describe('cm-core/manager/manager-events', () => {
  // indent | get-indent-string (printed by racket 8.7:
  //   (require compiler/private/cm-log) (parameterize ([indent n]) (write (get-indent-string))))
  it.each([
    [0, ''],
    [1, ' '],
    [2, '  '],
    [3, '   '],
    [4, '  | '],
    [5, '  |  '],
    [6, '  |   '],
    [7, '  |  | '],
    [8, '  |  |  '],
    [9, '  |  |   '],
    [10, '  |  |  | '],
    [11, '  |  |  |  '],
    [12, '  |  |  |   '],
  ])('indentString(%i) = %j', (indent, expected) => {
    expect(indentString(indent)).toBe(expected);
  });

  // value | ~a as it appears in trace lines
  it.each([
    [undefined, '#f'],
    [null, '#f'],
    [Number.POSITIVE_INFINITY, '+inf.0'],
    [Number.NEGATIVE_INFINITY, '-inf.0'],
    [1_700_000_000, '1700000000'],
    [0, '0'],
    ['ta6le', 'ta6le'],
  ])('formatTraceValue(%s) = %s', (value, expected) => {
    expect(formatTraceValue(value)).toBe(expected);
  });
});
