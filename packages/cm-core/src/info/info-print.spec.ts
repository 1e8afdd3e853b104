import { describe, expect, it } from 'vitest';
import type { RacketValue } from '../data/types.js';
import { EMPTY_LIST, int, makeList, str, sym } from '../data/values.js';
import { errorForm, errorValue, printValue, truncateForError } from './info-print.js';

const list = (...items: RacketValue[]): RacketValue => makeList(items);
const path: RacketValue = { kind: 'path', value: 'a' };

describe('info/info-print', () => {
  // Columns: value, Racket's `print` (as in `given: …`). Observed as `(string-append <v>)` errors in Racket 8.7.
  const PRINT: readonly (readonly [RacketValue, string])[] = [
    [int(5), '5'],
    [str('s\n'), '"s\\n"'],
    [sym('a'), "'a"],
    [sym('a b'), "'|a b|"],
    [EMPTY_LIST, "'()"],
    [list(int(1), path), "'(1 #<path:a>)"],
    [makeList([int(1)], path), "'(1 . #<path:a>)"],
    [{ kind: 'vector', items: [int(1), path] }, "'#(1 #<path:a>)"],
    [{ kind: 'box', value: path }, "'#&#<path:a>"],
    [{ kind: 'keyword', name: 'x' }, "'#:x"],
    [list(sym('quote'), sym('x')), "''x"],
    [list(sym('quasiquote'), list(sym('a'), list(sym('unquote'), sym('b')), list(sym('unquote-splicing'), sym('c')))), "'`(a ,b ,@c)"],
    [list(sym('quote'), sym('x'), sym('y')), "'(quote x y)"],
    [{ kind: 'procedure', name: 'car' }, '#<procedure:car>'],
    [{ kind: 'void' }, '#<void>'],
    [path, '#<path:a>'],
    [{ kind: 'boolean', value: true }, '#t'],
  ];
  it.each(PRINT.map(([value, expected]) => [expected, value] as const))('prints %s', (expected, value) => {
    expect(printValue(value)).toBe(expected);
  });

  it('writes forms without abbreviations', () => {
    expect(errorForm(list(sym('define'), sym('a'), list(sym('quote'), sym('x'))))).toBe('(define a (quote x))');
  });

  it('cuts text longer than 256 characters to 253 plus "..."', () => {
    expect(truncateForError('a'.repeat(256))).toBe('a'.repeat(256));
    expect(truncateForError('a'.repeat(257))).toBe(`${'a'.repeat(253)}...`);
    expect(errorValue(str('a'.repeat(255)))).toBe(`"${'a'.repeat(252)}...`);
  });
});
