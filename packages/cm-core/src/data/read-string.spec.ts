import { describe, expect, it } from 'vitest';
import { RacketReadError } from './read-error.js';
import { Scanner } from './read-scanner.js';
import { readByteString, readHereString, readString } from './read-string.js';

/** Reads the literal at the start of `text` (after its `"`, `#"` or `#<<`), and what follows it. */
function read<T>(text: string, skip: number, reader: (sc: Scanner, at: number) => T): { value: T; rest: string } {
  const sc = Scanner.of(text, 'f.rkt', 'read-syntax');
  sc.i = skip;
  const value = reader(sc, 0);
  return { value, rest: sc.text(sc.i, sc.end) };
}

function errorOf(fn: () => unknown): RacketReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RacketReadError) return e;
    throw e;
  }
  throw new Error('expected a RacketReadError');
}

describe('data/read-string', () => {
  describe('readString', () => {
    // columns: literal (Racket syntax), string value
    const cases: [string, string][] = [
      ['"abc"', 'abc'],
      ['""', ''],
      ['"\\a\\b\\t\\n\\v\\f\\r\\e"', '\x07\b\t\n\v\f\r\x1b'],
      ['"\\"\\\'\\\\"', '"\'\\'],
      ['"\\101\\12x\\0"', 'A\nx\0'],
      ['"\\1012"', 'A2'], // at most three octal digits
      ['"\\08"', '\u00008'],
      ['"\\x41\\x4"', 'A\x04'],
      ['"\\x414"', 'A4'], // at most two hex digits
      ['"\\u03bb\\u3BB"', 'λλ'],
      ['"\\u12345"', '\u12345'], // at most four
      ['"\\U1F600"', '\u{1F600}'],
      ['"\\U0000000041"', '\u000041'], // at most eight
      ['"\\uD83D\\uDE00"', '\u{1F600}'], // surrogate pair combined
      ['"a\\\nb"', 'ab'], // line continuation
      ['"a\\\r\nb"', 'ab'],
      ['"a\\\rb"', 'ab'],
      ['"line\r\nbreak"', 'line\r\nbreak'], // kept verbatim
      ['"λ😀"', 'λ😀'],
    ];
    it.each(cases)('%s', (literal, expected) => {
      expect(read(literal, 1, readString)).toEqual({ value: expected, rest: '' });
    });

    it('stops after the closing quote', () => {
      expect(read('"a"b', 1, readString)).toEqual({ value: 'a', rest: 'b' });
    });

    // columns: literal, Racket's message (all reported at the opening quote, 1:0)
    const errors: [string, string][] = [
      ['"abc', 'expected a closing `"`'],
      ['"abc\\', 'expected a closing `"`'],
      ['"\\q"', 'unknown escape sequence `\\q` in string'],
      ['"\\ \n"', 'unknown escape sequence `\\ ` in string'],
      ['"\\400"', 'escape sequence `\\400` is out of range in string'],
      ['"\\x"', 'no hex digit following `\\x`'],
      ['"\\xg"', 'no hex digit following `\\x`'],
      ['"\\u"', 'no hex digit following `\\u`'],
      ['"\\U"', 'no hex digit following `\\U`'],
      ['"\\U110000"', 'escape sequence `\\U110000` is out of range in string'],
      ['"\\UD800"', 'escape sequence `\\UD800` is out of range in string'],
      ['"\\uD83Dx"', 'bad or incomplete surrogate-style encoding at `\\uD83Dx`'],
      ['"\\uD83D"', 'bad or incomplete surrogate-style encoding at `\\uD83D"`'],
      ['"\\uD83D\\u0041"', 'bad or incomplete surrogate-style encoding at `\\uD83D\\u0041`'],
      ['"\\uD83D\\', 'bad or incomplete surrogate-style encoding at `\\uD83D\\`'],
      ['"\\uDE00\\uDC00"', 'escape sequence `\\uDE00\\uDC00` is out of range in string'],
    ];
    it.each(errors)('%s fails', (literal, message) => {
      const e = errorOf(() => read(literal, 1, readString));
      expect(e.racketMessage).toBe(`read-syntax: ${message}`);
      expect([e.line, e.column, e.position]).toEqual([1, 0, 1]);
    });
  });

  describe('readByteString', () => {
    // columns: literal, bytes
    const cases: [string, number[]][] = [
      ['#"abc"', [0x61, 0x62, 0x63]],
      ['#"\\377\\0"', [0xff, 0]],
      ['#"\\xff\\n"', [0xff, 0x0a]],
      ['#"é"', [0xe9]], // a character ≤ 255 is one byte
    ];
    it.each(cases)('%s', (literal, expected) => {
      expect([...read(literal, 2, readByteString).value]).toEqual(expected);
    });

    // columns: literal, Racket's message
    const errors: [string, string][] = [
      ['#"λ"', 'character `λ` is out of range in byte string'],
      ['#"\\u0041"', 'unknown escape sequence `\\u` in byte string'],
      ['#"\\U41"', 'unknown escape sequence `\\U` in byte string'],
      ['#"\\400"', 'escape sequence `\\400` is out of range in byte string'],
      ['#"ab', 'expected a closing `"`'],
    ];
    it.each(errors)('%s fails', (literal, message) => {
      expect(errorOf(() => read(literal, 2, readByteString)).racketMessage).toBe(`read-syntax: ${message}`);
    });
  });

  describe('readHereString', () => {
    // columns: text, string value, rest
    const cases: [string, string, string][] = [
      ['#<<EOF\nabc\nEOF', 'abc', ''],
      ['#<<EOF\nEOF', '', ''],
      ['#<<EOF\n\nEOF', '', ''],
      ['#<<EOF\nEO\nEOF\n', 'EO', ''],
      ['#<<EOF\nabc\nEOFx\nEOF\n(after)', 'abc\nEOFx', '(after)'],
      ['#<<EOF\nxEOF\nEOF', 'xEOF', ''],
      ['#<<\nabc\n\n', 'abc', ''],
    ];
    it.each(cases)('%j', (text, expected, rest) => {
      expect(read(text, 3, readHereString)).toEqual({ value: expected, rest });
    });

    // columns: text, Racket's message
    const errors: [string, string][] = [
      ['#<<', 'found end-of-file after `#<<` and before a newline'],
      ['#<<EOF', 'found end-of-file after `#<<` and before a newline'],
      ['#<<EOF\nabc', 'found end-of-file before terminating `EOF`'],
      ['#<<EOF\r\nEOF', 'found end-of-file before terminating `EOF\r`'],
    ];
    it.each(errors)('%j fails', (text, message) => {
      expect(errorOf(() => read(text, 3, readHereString)).racketMessage).toBe(`read-syntax: ${message}`);
    });
  });
});
