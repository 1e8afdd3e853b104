import { describe, expect, it } from 'vitest';
import { writeBytes, writeChar, writeString } from './write-string.js';

// Columns: string | Racket 8.7 `write` output (observed)
const STRINGS: [string, string][] = [
  ['', '""'],
  ['a"b\\c', '"a\\"b\\\\c"'],
  ['\x07\b\t\n\v\f\r\x1b', '"\\a\\b\\t\\n\\v\\f\\r\\e"'],
  ['\0\x7f\x9f', '"\\u0000\\u007F\\u009F"'],
  ['λ日本😀', '"λ日本😀"'],
  ['\u00a0\u3000', '"\u00a0\u3000"'], // blanks stay
  ['\u2028\u00ad\ufeff\ue000', '"\\u2028\\u00AD\\uFEFF\\uE000"'],
  ['\u{10ffff}\u{1f6dc}', '"\\U0010FFFF\\U0001F6DC"'], // U+1F6DC is unassigned in Unicode 14
  ['e\u0301', '"e\u0301"'],
  ['a\u200db', '"a\u200db"'], // ZWJ continues the cluster of a graphic char
  ['\u200d', '"\\u200D"'],
  [' \u200d', '" \\u200D"'], // a blank starts no cluster
  ['\u0d4e"a', '"\u0d4e"a"'], // Racket quirk: a Prepend char swallows the quote
];

// Columns: bytes | Racket 8.7 `write` output (observed)
const BYTES: [number[], string][] = [
  [[], '#""'],
  [[0, 49, 1, 50], '#"\\0001\\0012"'],
  [[7, 8, 9, 10, 11, 12, 13, 27], '#"\\a\\b\\t\\n\\v\\f\\r\\e"'],
  [[34, 92], '#"\\"\\\\"'],
  [[1, 56], '#"\\18"'], // 8 is not an octal digit
  [[14, 48], '#"\\0160"'], // an octal digit follows: three digits
  [[63, 64], '#"?@"'],
  [[127, 128, 255], '#"\\177\\200\\377"'], // >= 64: always three digits
  [[0xc3, 0xa9], '#"\\303\\251"'],
  [[31, 32, 126], '#"\\37 ~"'],
];

// Columns: character | Racket 8.7 `write` output (observed)
const CHARS: [string, string][] = [
  ['a', '#\\a'],
  [' ', '#\\space'],
  ['\0', '#\\nul'],
  ['\n', '#\\newline'],
  ['\t', '#\\tab'],
  ['\r', '#\\return'],
  ['\b', '#\\backspace'],
  ['\f', '#\\page'],
  ['\v', '#\\vtab'],
  ['\x7f', '#\\rubout'],
  ['\x07', '#\\u0007'],
  ['\x1b', '#\\u001B'],
  ['λ', '#\\λ'],
  ['\u0300', '#\\\u0300'],
  ['\u00a0', '#\\u00A0'],
  ['\u3000', '#\\u3000'],
  ['\u{10ffff}', '#\\U0010FFFF'],
  ['😀', '#\\😀'],
  ['(', '#\\('],
];

describe('data/write-string', () => {
  it.each(STRINGS)('writeString(%j) is %s', (value, expected) => {
    expect(writeString(value)).toBe(expected);
  });

  it.each(BYTES)('writeBytes(%j) is %s', (value, expected) => {
    expect(writeBytes(Uint8Array.from(value))).toBe(expected);
  });

  it.each(CHARS)('writeChar(%j) is %s', (value, expected) => {
    expect(writeChar(value)).toBe(expected);
  });
});
