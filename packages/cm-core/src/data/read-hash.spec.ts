import { describe, expect, it } from 'vitest';
import { HashBuilder, equalKey } from './read-hash.js';
import { readAll } from './reader.js';
import type { ReaderWho } from './read-scanner.js';
import type { RacketValue } from './types.js';

const datum = (text: string): RacketValue => readAll(text)[0]!;

/** Number of entries after adding `key . index` for each key text. */
function sizeOf(equiv: 'equal' | 'eqv' | 'eq', who: ReaderWho, keys: string[]): number {
  const b = new HashBuilder(equiv, who);
  keys.forEach((k, i) => b.add(datum(k), { kind: 'integer', value: BigInt(i) }));
  return b.build({ line: 1, column: 0, position: 1 }).entries.length;
}

describe('data/read-hash', () => {
  it('keeps the last value of a duplicate key at its first position', () => {
    const b = new HashBuilder('equal', 'read-syntax');
    for (const [k, v] of [['a', 1n], ['b', 2n], ['a', 3n]] as const) b.add({ kind: 'symbol', name: k }, { kind: 'integer', value: v });
    expect(b.build({ line: 1, column: 0, position: 1 }).entries).toEqual([
      [{ kind: 'symbol', name: 'a' }, { kind: 'integer', value: 3n }],
      [{ kind: 'symbol', name: 'b' }, { kind: 'integer', value: 2n }],
    ]);
  });

  // columns: equivalence, reader, the same key written twice, entries Racket 8.7 keeps
  const cases: ['equal' | 'eqv' | 'eq', ReaderWho, string, number][] = [
    ['equal', 'read', '(a "b" #(1))', 1],
    ['equal', 'read', '0.0', 1],
    ['equal', 'read', '+nan.0', 1],
    ['equal', 'read', '#&1', 1],
    ['equal', 'read', '#rx"a"', 1],
    ['equal', 'read', '#hash((a . 1))', 1],
    ['eqv', 'read', '1.5', 1],
    ['eqv', 'read', '1/2', 1],
    ['eqv', 'read', '"a"', 2],
    ['eqv', 'read', '(a)', 2],
    ['eq', 'read', '1152921504606846975', 1], // largest fixnum
    ['eq', 'read', '1152921504606846976', 2], // a bignum
    ['eq', 'read', '1.5', 2],
    ['eq', 'read', '+inf.0', 1],
    ['eq', 'read', '1/2', 2],
    ['eq', 'read', '"a"', 2],
    ['eq', 'read', '""', 1],
    ['eq', 'read', '#()', 1],
    ['eq', 'read', '()', 1],
    ['eq', 'read', '#hash()', 1],
    ['eq', 'read', '#\\a', 1],
    ['eq', 'read', '#:k', 1],
    ['eq', 'read', '#&1', 2],
    ['eq', 'read-syntax', '1.5', 1], // read-syntax interns literals
    ['eq', 'read-syntax', '"a"', 1],
    ['eq', 'read-syntax', '#"a"', 1],
    ['eq', 'read-syntax', '#rx"a"', 1],
    ['eq', 'read-syntax', '(a)', 2],
    ['eq', 'read-syntax', '#(1)', 2],
    ['eqv', 'read-syntax', '#&1', 2],
  ];
  it.each(cases)('%s (%s): %s twice', (equiv, who, key, expected) => {
    expect(sizeOf(equiv, who, [key, key])).toBe(expected);
  });

  it('tells 0.0 from -0.0 and 1 from 1.0', () => {
    expect(sizeOf('equal', 'read', ['0.0', '-0.0'])).toBe(2);
    expect(sizeOf('equal', 'read', ['1', '1.0'])).toBe(2);
    expect(sizeOf('eqv', 'read', ['+nan.0', '-nan.0'])).toBe(1);
  });

  describe('equalKey', () => {
    it('is the same exactly for equal? values', () => {
      expect(equalKey(datum('(a . (b "c"))'))).toBe(equalKey(datum('(a b "c")')));
      expect(equalKey(datum('#hash((a . 1) (b . 2))'))).toBe(equalKey(datum('#hash((b . 2) (a . 1))')));
      expect(equalKey(datum('("" "\\"")'))).not.toBe(equalKey(datum('("\\"" "")')));
      expect(equalKey(datum('(a b)'))).not.toBe(equalKey(datum('(a . b)')));
      expect(equalKey(datum('#(a)'))).not.toBe(equalKey(datum('(a)')));
      expect(equalKey(datum('|1|'))).not.toBe(equalKey(datum('1')));
    });

    it('handles deep keys without recursion', () => {
      const deep = '('.repeat(900) + ')'.repeat(900);
      expect(equalKey(readAll(deep)[0]!).length).toBeGreaterThan(1_800);
    });
  });
});
