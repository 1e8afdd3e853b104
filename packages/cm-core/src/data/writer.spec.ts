import { describe, expect, it } from 'vitest';
import type { RacketValue } from './types.js';
import { displayValue, writeValue } from './writer.js';
import { bytes, EMPTY_LIST, int, makeList, rational, str, sym } from './values.js';

const L = (...items: RacketValue[]): RacketValue => makeList(items);
const T: RacketValue = { kind: 'boolean', value: true };
const F: RacketValue = { kind: 'boolean', value: false };

// Columns: title | value | Racket 8.7 `write` | Racket 8.7 `display` (observed)
const CASES: [string, RacketValue, string, string][] = [
  [
    'a .dep record',
    L(str('8.7'), sym('ta6le'), makeList([str('e540')], str('9401')), L(sym('collects'), bytes('racket'), bytes('base.rkt'))),
    '("8.7" ta6le ("e540" . "9401") (collects #"racket" #"base.rkt"))',
    '(8.7 ta6le (e540 . 9401) (collects racket base.rkt))',
  ],
  ['the empty list', EMPTY_LIST, '()', '()'],
  ['quote is not abbreviated', L(sym('quote'), sym('a')), '(quote a)', '(quote a)'],
  ['dotted pairs', makeList([int(1), int(2)], int(3)), '(1 2 . 3)', '(1 2 . 3)'],
  ['a dotted unquote stays a list', L(sym('a'), sym('unquote'), sym('b')), '(a unquote b)', '(a unquote b)'],
  ['booleans', L(T, F), '(#t #f)', '(#t #f)'],
  ['numbers', L(int(-5), rational(-3n, 4n), { kind: 'flonum', value: 1e21 }), '(-5 -3/4 1e+21)', '(-5 -3/4 1e+21)'],
  ['vectors', { kind: 'vector', items: [int(1), str('a')] }, '#(1 "a")', '#(1 a)'],
  ['boxes', { kind: 'box', value: str('x') }, '#&"x"', '#&x'],
  [
    'hashes sort symbol keys',
    { kind: 'hash', equiv: 'equal', entries: [[sym('b'), int(1)], [sym('a'), L(int(1), int(2))]] },
    '#hash((a . (1 2)) (b . 1))',
    '#hash((a . (1 2)) (b . 1))',
  ],
  ['hasheq', { kind: 'hash', equiv: 'eq', entries: [] }, '#hasheq()', '#hasheq()'],
  ['hasheqv', { kind: 'hash', equiv: 'eqv', entries: [[int(2), int(1)], [int(1), int(2)]] }, '#hasheqv((1 . 2) (2 . 1))', '#hasheqv((1 . 2) (2 . 1))'],
  ['prefabs', { kind: 'prefab', key: L(sym('point'), int(2)), fields: [str('x'), { kind: 'char', value: 'y' }] }, '#s(point "x" #\\y)', '#s(point x y)'],
  ['regexps', { kind: 'regexp', pregexp: true, source: bytes('a\\d') }, '#px#"a\\\\d"', '#px#"a\\\\d"'],
  ['paths', { kind: 'path', value: '/x y' }, '#<path:/x y>', '/x y'],
  ['void', { kind: 'void' }, '#<void>', '#<void>'],
  ['procedures', { kind: 'procedure', name: 'car' }, '#<procedure:car>', '#<procedure:car>'],
  ['keywords', { kind: 'keyword', name: 'a b' }, '#:|a b|', '#:a b'],
  ['symbols and strings', L(sym('a b'), str('c\nd')), '(|a b| "c\\nd")', '(a b c\nd)'],
];

describe('data/writer', () => {
  it.each(CASES)('%s', (_title, value, written, displayed) => {
    expect(writeValue(value)).toBe(written);
    expect(displayValue(value)).toBe(displayed);
  });

  it('displays byte strings as UTF-8 text, invalid bytes as U+FFFD', () => {
    expect(displayValue(bytes(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61, 0xff)))).toBe('\ufeffa\ufffd');
  });
});
