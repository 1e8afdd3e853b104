import { describe, expect, it } from 'vitest';
import { Locator, decodeInput } from './read-input.js';

const cpsOf = (input: string | Uint8Array): number[] => [...decodeInput(input).cps];

describe('data/read-input', () => {
  describe('decodeInput (bytes)', () => {
    // columns: bytes, code points — each invalid byte becomes one U+FFFD (observed in Racket 8.7)
    const cases: [string, number[], number[]][] = [
      ['ASCII', [0x61, 0x62], [0x61, 0x62]],
      ['2-byte', [0xc3, 0xa9], [0xe9]],
      ['3-byte', [0xe2, 0x82, 0xac], [0x20ac]],
      ['4-byte', [0xf0, 0x9f, 0x98, 0x80], [0x1f600]],
      ['truncated 3-byte then ASCII', [0xe2, 0x82, 0x61], [0xfffd, 0xfffd, 0x61]],
      ['lone 0xFF', [0xff, 0x61], [0xfffd, 0x61]],
      ['overlong C0 80', [0xc0, 0x80, 0x61], [0xfffd, 0xfffd, 0x61]],
      ['UTF-8 surrogate ED A0 80', [0xed, 0xa0, 0x80, 0x61], [0xfffd, 0xfffd, 0xfffd, 0x61]],
      ['truncated 4-byte at end', [0xf0, 0x9f, 0x98], [0xfffd, 0xfffd, 0xfffd]],
      ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80, 0x61], [0xfffd, 0xfffd, 0xfffd, 0xfffd, 0x61]],
      ['lead then ASCII', [0xe2, 0x61], [0xfffd, 0x61]],
      ['byte-order mark', [0xef, 0xbb, 0xbf, 0x61], [0xfeff, 0x61]],
    ];
    it.each(cases)('%s', (_name, bytes, expected) => {
      expect(cpsOf(Uint8Array.from(bytes))).toEqual(expected);
    });

    it('maps code point indices back to byte offsets', () => {
      const d = decodeInput(Uint8Array.from([0x61, 0xc3, 0xa9, 0xff, 0x62]));
      expect([0, 1, 2, 3, 4].map((k) => d.offsetOf(k))).toEqual([0, 1, 3, 4, 5]);
    });
  });

  describe('decodeInput (strings)', () => {
    it('combines surrogate pairs and replaces lone surrogates', () => {
      expect(cpsOf('a\u{1F600}b')).toEqual([0x61, 0x1f600, 0x62]);
      expect(cpsOf('\uD800x\uDC00')).toEqual([0xfffd, 0x78, 0xfffd]);
    });

    it('maps code point indices back to UTF-16 offsets', () => {
      const d = decodeInput('a\u{1F600}b');
      expect([0, 1, 2, 3].map((k) => d.offsetOf(k))).toEqual([0, 1, 3, 4]);
    });
  });

  describe('Locator', () => {
    // columns: text, index, [line, column, position] — Racket's port-count-lines! rules
    const cases: [string, number, [number, number, number]][] = [
      ['abc', 0, [1, 0, 1]],
      ['abc', 2, [1, 2, 3]],
      ['a\nb', 2, [2, 0, 3]],
      ['a\r\nb', 3, [2, 0, 3]], // CR-LF is one line break and one position
      ['a\rb\nc', 4, [3, 0, 5]],
      ['a\n\rb', 3, [3, 0, 4]], // LF then CR: two line breaks
      ['\ta', 1, [1, 8, 2]], // tab to the next multiple of 8
      ['\t\ta\tb', 4, [1, 24, 5]],
      ['x\u2028y', 2, [1, 2, 3]], // U+2028 does not end a line
    ];
    it.each(cases)('%j at %i', (text, index, [line, column, position]) => {
      expect(new Locator(decodeInput(text).cps).at(index)).toEqual({ line, column, position });
    });

    it('restarts when asked for an earlier index', () => {
      const loc = new Locator(decodeInput('a\nb\nc').cps);
      expect(loc.at(4)).toEqual({ line: 3, column: 0, position: 5 });
      expect(loc.at(2)).toEqual({ line: 2, column: 0, position: 3 });
      expect(loc.positionAt(3)).toBe(4);
    });
  });
});
