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

// Texts with no special character, so only number syntax decides the bars (the grammar itself is
// `read-number.ts`; these pin down how the writer uses it).
// Columns: text | does Racket 8.7's `(string->number text 10 'read)` return a true value?
const NUMBER_CASES: [string, boolean][] = [
  ['0', true],
  ['-5', true],
  ['1.', true],
  ['.5', true],
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
  ['1+2i', true], // complex: the reader cannot hold it, but it is still a number
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
];

describe('data/write-symbol', () => {
  it.each(CASES)('%j', (name, symbol, keyword) => {
    expect(writeSymbol(name)).toBe(symbol);
    expect(writeKeyword(name)).toBe(keyword);
  });

  it.each(NUMBER_CASES)('bars %j only if it reads as a number (%s)', (text, readsAsNumber) => {
    expect(writeSymbol(text)).toBe(readsAsNumber ? `|${text}|` : text);
    expect(writeKeyword(text)).toBe(`#:${text}`);
  });
});
