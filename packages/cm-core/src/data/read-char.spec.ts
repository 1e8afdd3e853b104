import { describe, expect, it } from 'vitest';
import { CHAR_NAMES, readCharacter } from './read-char.js';
import { RacketReadError } from './read-error.js';
import { Scanner } from './read-scanner.js';

/** Reads `#\…` at the start of `text`; returns the character and the text after it. */
function readChar(text: string): { char: string; rest: string } {
  const sc = Scanner.of(text, 'f.rkt', 'read-syntax');
  sc.i = 2;
  const cp = readCharacter(sc, 0);
  return { char: String.fromCodePoint(cp), rest: sc.text(sc.i, sc.end) };
}

describe('data/read-char', () => {
  // columns: literal, character, text left for the next datum
  const cases: [string, string, string][] = [
    ['#\\a', 'a', ''],
    ['#\\(', '(', ''],
    ['#\\ ', ' ', ''],
    ['#\\\n', '\n', ''],
    ['#\\λ', 'λ', ''],
    ['#\\😀', '😀', ''],
    ['#\\space', ' ', ''],
    ['#\\SPACE', ' ', ''],
    ['#\\NewLine', '\n', ''],
    ['#\\nul', '\0', ''],
    ['#\\null', '\0', ''],
    ['#\\backspace', '\b', ''],
    ['#\\tab', '\t', ''],
    ['#\\linefeed', '\n', ''],
    ['#\\vtab', '\v', ''],
    ['#\\page', '\f', ''],
    ['#\\return', '\r', ''],
    ['#\\rubout', '\x7f', ''],
    ['#\\101', 'A', ''],
    ['#\\377', '\xff', ''],
    ['#\\1', '1', ''],
    ['#\\18', '1', '8'], // not octal: the character 1, then the number 8
    ['#\\u03BB', 'λ', ''],
    ['#\\u12345', '\u1234', '5'], // at most four digits
    ['#\\U0001F600', '😀', ''],
    ['#\\U0010FFFF', '\u{10FFFF}', ''],
    ['#\\u', 'u', ''],
    ['#\\U', 'U', ''],
    ['#\\up', 'u', 'p'], // Racket 8.7: a `u` never starts a name
    ['#\\uab', '\xab', ''],
    ['#\\x41', 'x', '41'], // Racket 8.7 has no #\xHH form
    ['#\\x', 'x', ''],
    ['#\\a(', 'a', '('],
  ];
  it.each(cases)('%j', (literal, char, rest) => {
    expect(readChar(literal)).toEqual({ char, rest });
  });

  // columns: literal, Racket's message (at the `#`)
  const errors: [string, string][] = [
    ['#\\', 'expected a character after `#\\`'],
    ['#\\delete', 'bad character constant `#\\delete`'],
    ['#\\abc', 'bad character constant `#\\abc`'],
    ['#\\ABC', 'bad character constant `#\\abc`'], // reported case-folded
    ['#\\λx', 'bad character constant `#\\λx`'],
    ['#\\xff', 'bad character constant `#\\xff`'],
    ['#\\newlinex', 'bad character constant `#\\newlinex`'],
    ['#\\400', 'bad character constant `#\\400`'],
    ['#\\10', 'bad character constant `#\\10`'],
    ['#\\108', 'bad character constant `#\\108`'],
    ['#\\uD800', 'bad character constant `#\\uD800`'],
    ['#\\U110000', 'bad character constant `#\\u110000`'], // Racket prints a lowercase u
  ];
  it.each(errors)('%j fails', (literal, message) => {
    let error: unknown;
    try {
      readChar(literal);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RacketReadError);
    expect((error as RacketReadError).racketMessage).toBe(`read-syntax: ${message}`);
    expect((error as RacketReadError).column).toBe(0);
  });

  it('names exactly the characters Racket 8.7 names', () => {
    expect([...CHAR_NAMES.keys()].sort()).toEqual(
      ['backspace', 'linefeed', 'newline', 'nul', 'null', 'page', 'return', 'rubout', 'space', 'tab', 'vtab'].sort(),
    );
  });
});
