import { describe, expect, it } from 'vitest';
import { writeKeyword, writeSymbol } from './write-symbol.js';

// Columns: symbol text | `write` of the symbol | `write` of the keyword (Racket 8.7, observed)
const CASES: [string, string, string][] = [
  ['abc', 'abc', '#:abc'],
  ['A', 'A', '#:A'],
  ['λ', 'λ', '#:λ'],
  ['', '||', '#:'],
  ['1', '|1|', '#:1'],
  ['1e2', '|1e2|', '#:1e2'],
  ['1/0', '|1/0|', '#:1/0'], // an error in `read` mode still counts as a number
  ['1t2', '|1t2|', '#:1t2'], // extflonum syntax
  ['+inf.0', '|+inf.0|', '#:+inf.0'],
  ['1e', '1e', '#:1e'],
  ['1/2.5', '1/2.5', '#:1/2.5'],
  ['.', '|.|', '#:|.|'],
  ['..', '..', '#:..'],
  ['#', '|#|', '#:|#|'],
  ['#a', '|#a|', '#:|#a|'],
  ['a#', 'a#', '#:a#'],
  ['#%app', '#%app', '#:#%app'],
  ['a b', '|a b|', '#:|a b|'],
  ['a\\b', '|a\\b|', '#:|a\\b|'],
  ['a|b', 'a\\|b', '#:a\\|b'],
  ['a |b', 'a\\ \\|b', '#:a\\ \\|b'],
  ['(', '|(|', '#:|(|'],
  ["a'b", "|a'b|", "#:|a'b|"],
  ['\ufeff', '|\ufeff|', '#:|\ufeff|'],
  ['a\u0085b', '|a\u0085b|', '#:|a\u0085b|'], // NEL is whitespace
  ['a\0b', 'a\0b', '#:a\0b'], // control characters need no quoting
  ['@a', '@a', '#:@a'],
];

describe('data/write-symbol', () => {
  it.each(CASES)('%j', (name, symbol, keyword) => {
    expect(writeSymbol(name)).toBe(symbol);
    expect(writeKeyword(name)).toBe(keyword);
  });
});
