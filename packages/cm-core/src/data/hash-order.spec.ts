import { describe, expect, it } from 'vitest';
import { orderEntriesForPrettyWrite, orderEntriesForWrite } from './hash-order.js';
import type { RacketValue } from './types.js';
import { bytes, EMPTY_LIST, int, rational, str, sym } from './values.js';
import { writeValue } from './writer.js';

const fl = (value: number): RacketValue => ({ kind: 'flonum', value });
const ch = (value: string): RacketValue => ({ kind: 'char', value });
const bool = (value: boolean): RacketValue => ({ kind: 'boolean', value });
const keysOf = (entries: readonly (readonly [RacketValue, RacketValue])[]): string => entries.map(([k]) => writeValue(k)).join(' ');

// Columns: keys in our entry order | key order we print with `write` | with `pretty-write`.
// Where Racket sorts, that is its order; where it does not (mixed keys, characters under
// `write`, ties such as 0 and -0.0), Racket uses its internal order and we keep ours.
const CASES: [RacketValue[], string, string][] = [
  [[sym('b'), sym('a'), sym('B'), sym('λ')], 'B a b λ', 'B a b λ'],
  [[str('\u{10000}'), str('\uffff')], '"\\uFFFF" "\u{10000}"', '"\\uFFFF" "\u{10000}"'], // code points, not UTF-16
  [[int(3), fl(1.5), rational(1n, 2n), fl(-Infinity), fl(Infinity)], '-inf.0 1/2 1.5 3 +inf.0', '-inf.0 1/2 1.5 3 +inf.0'],
  [[int(0), fl(-0)], '0 -0.0', '0 -0.0'], // equal under <: stable
  [[bytes('b'), bytes('a'), bytes('')], '#"" #"a" #"b"', '#"" #"a" #"b"'],
  [[ch('z'), ch('a')], '#\\z #\\a', '#\\a #\\z'], // write does not sort characters
  [[bool(true), bool(false)], '#t #f', '#f #t'],
  [[str('b'), sym('a'), int(3)], '"b" a 3', '3 a "b"'], // mixed: our order for write
  [[EMPTY_LIST, { kind: 'void' }, bytes('x'), str('y')], '() #<void> #"x" "y"', '"y" #"x" () #<void>'],
  [[{ kind: 'vector', items: [] }, sym('a')], '#() a', '#() a'], // a vector is not orderable
];

describe('data/hash-order', () => {
  it.each(CASES.map(([keys, w, p]) => [keys.map((k) => writeValue(k)).join(' '), keys, w, p] as const))('%s', (_title, keys, forWrite, forPretty) => {
    const entries = keys.map((k) => [k, int(0)] as const);
    expect(keysOf(orderEntriesForWrite(entries))).toBe(forWrite);
    expect(keysOf(orderEntriesForPrettyWrite(entries))).toBe(forPretty);
  });
});
