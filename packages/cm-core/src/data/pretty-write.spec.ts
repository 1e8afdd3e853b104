import { describe, expect, it } from 'vitest';
import { prettyWriteValue } from './pretty-write.js';
import type { RacketValue } from './types.js';
import { bytes, makeList, str, sym } from './values.js';

const L = (...items: RacketValue[]): RacketValue => makeList(items);

// Columns: title | value | width | expected output of Racket 8.7 `pretty-write` (with its newline)
const CASES: [string, RacketValue, number, string][] = [
  ['a short list stays flat', L(sym('root'), L(bytes('pkgs'), bytes('base'))), 79, '(root (#"pkgs" #"base"))\n'],
  [
    'a links file breaks after each entry',
    L(
      L(sym('root'), L(bytes('pkgs'), bytes('base'))),
      L(str('ds-store'), L(bytes('pkgs'), bytes('ds-store-lib'))),
      L(sym('root'), L(sym('up'), bytes('packtest'))),
      L(str('mycoll'), L(bytes('colls'), bytes('mycoll')), { kind: 'regexp', pregexp: false, source: str('^8[.]7$') }),
    ),
    79,
    '((root (#"pkgs" #"base"))\n (\"ds-store\" (#"pkgs" #"ds-store-lib"))\n (root (up #"packtest"))\n (\"mycoll\" (#"colls" #"mycoll") #rx"^8[.]7$"))\n',
  ],
  ['a line of exactly the width fits', L(str('a'.repeat(73)), sym('b')), 79, `("${'a'.repeat(73)}" b)\n`],
  ['one column more does not', L(str('a'.repeat(74)), sym('b')), 79, `("${'a'.repeat(74)}"\n b)\n`],
  ['an improper tail gets its own dot line', makeList([sym('aaaa'), sym('bbbb'), sym('cccc')], sym('dddd')), 10, '(aaaa\n bbbb\n cccc\n .\n dddd)\n'],
  ['vectors align after #(', { kind: 'vector', items: [sym('aaaa'), sym('bbbb'), sym('cccc')] }, 10, '#(aaaa\n  bbbb\n  cccc)\n'],
  ['boxes lay out their content', { kind: 'box', value: L(sym('aaaa'), sym('bbbb'), sym('cccc')) }, 10, '#&(aaaa\n   bbbb\n   cccc)\n'],
  ['prefabs align after #s(', { kind: 'prefab', key: sym('point'), fields: [sym('aaaa'), sym('bbbb')] }, 10, '#s(point\n   aaaa\n   bbbb)\n'],
  [
    'hash entries keep their dot',
    { kind: 'hash', equiv: 'equal', entries: [[sym('b'), { kind: 'integer', value: 2n }], [sym('aaaa'), L(...[1n, 2n, 3n].map((value): RacketValue => ({ kind: 'integer', value })))]] },
    10,
    '#hash((aaaa\n       .\n       (1\n        2\n        3))\n      (b\n       .\n       2))\n',
  ],
  ['quote is abbreviated', L(sym('quote'), L(sym('aaaa'), sym('bbbb'), sym('cccc'))), 10, "'(aaaa\n  bbbb\n  cccc)\n"],
  ['quote with two arguments is not', L(sym('quote'), sym('a'), sym('b')), 79, '(quote a b)\n'],
  ['a trailing unquote prints as a dotted unquote', L(sym('a'), sym('unquote'), sym('b')), 79, '(a . ,b)\n'],
  ['unquote of an @ symbol gets a space', L(sym('unquote'), sym('@a')), 79, ', @a\n'],
  ['Infinity never breaks', L(str('a'.repeat(100)), sym('b')), Infinity, `("${'a'.repeat(100)}" b)\n`],
];

describe('data/pretty-write', () => {
  it.each(CASES)('%s', (_title, value, width, expected) => {
    expect(prettyWriteValue(value, { width })).toBe(expected);
  });

  it('defaults to 79 columns', () => {
    const value = L(str('a'.repeat(74)), sym('b'));
    expect(prettyWriteValue(value)).toBe(prettyWriteValue(value, { width: 79 }));
  });

  it('rejects unknown options and bad widths', () => {
    expect(() => prettyWriteValue(sym('a'), { colums: 80 } as never)).toThrow(/unknown option\(s\) `colums`/);
    expect(() => prettyWriteValue(sym('a'), { width: 7.5 })).toThrow('Expected `width` to be an integer or Infinity, got `7.5` (number).');
  });
});
