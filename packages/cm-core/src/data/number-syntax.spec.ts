import { describe, expect, it } from 'vitest';
import { readsAsNumber } from './number-syntax.js';

// Columns: text | does Racket 8.7's `(string->number text 10 'read)` return a true value?
const CASES: [string, boolean][] = [
  ['0', true],
  ['-5', true],
  ['1.', true],
  ['.5', true],
  ['.', false],
  ['+', false],
  ['1e2', true],
  ['1E+2', true],
  ['1e', false],
  ['1e+', false],
  ['1/2', true],
  ['1/0', true], // division by zero is an error string, which is true
  ['1/2.5', false],
  ['1/2e3', true],
  ['1#', true],
  ['1#.#', true],
  ['1#1', false],
  ['+i', true],
  ['+I', true],
  ['i', false],
  ['1i', false],
  ['1+2i', true],
  ['1+6I', true], // 8.7 accepts an uppercase I
  ['1+2', false],
  ['1@2', true],
  ['1@', false],
  ['+inf.0', true],
  ['-nan.f', true],
  ['+inf.T', true],
  ['+INF.0', true],
  ['inf.0', false],
  ['1t2', true],
  ['1t2+3i', false], // extflonums cannot be complex parts
  ['+inf.t+1i', false],
  ['1x2', false],
  ['#e1', false], // `#` prefixes are the caller's business
  ['', false],
];

describe('data/number-syntax', () => {
  it.each(CASES)('readsAsNumber(%j) is %s', (text, expected) => {
    expect(readsAsNumber(text)).toBe(expected);
  });
});
