/**
 * Character classes the reader needs: whitespace, delimiters, digits, alphabetic, case folding.
 *
 * Whitespace is exactly the set for which Racket 8.7's `char-whitespace?` is true (listed from
 * Racket itself). U+FEFF (byte-order mark) is not `char-whitespace?`, but Racket 8.7's reader
 * skips it like whitespace and ends symbols at it, so it is a separate case here.
 *
 * Fragile: `char-alphabetic?` uses Chez Scheme's Unicode 14 tables while `\p{Alphabetic}` uses
 * Node's ICU; they differ only for characters added after Unicode 14, which matters only for
 * `#\` character names. `foldCase` approximates Racket's `string-foldcase` (full case folding)
 * by upper- then lower-casing; it is used only under `#ci`.
 */
import { EOF } from './read-input.js';

const WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export const BOM = 0xfeff;

/** Racket's `char-whitespace?`. */
export function isWhitespace(c: number): boolean {
  return c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : c >= 0x85 && WHITESPACE.has(c);
}

/** Characters the reader skips between data: whitespace and the byte-order mark. */
export function isSkippable(c: number): boolean {
  return isWhitespace(c) || c === BOM;
}

/** Ends a symbol, number or `#t`-like constant (EOF too). */
export function isDelimiter(c: number): boolean {
  switch (c) {
    case EOF:
    case 0x28: // (
    case 0x29: // )
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x27: // '
    case 0x60: // `
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x22: // "
      return true;
    default:
      return isSkippable(c);
  }
}

export function isCloser(c: number): boolean {
  return c === 0x29 || c === 0x5d || c === 0x7d;
}

/** The closer matching an opener `(`, `[` or `{`, else -1. */
export function closerOf(c: number): number {
  return c === 0x28 ? 0x29 : c === 0x5b ? 0x5d : c === 0x7b ? 0x7d : -1;
}

export function openerOf(closer: number): number {
  return closer === 0x29 ? 0x28 : closer === 0x5d ? 0x5b : 0x7b;
}

/** Value of `c` as a digit in base 8, 10 or 16, or -1. */
export function digitValue(c: number, base: number): number {
  let v = -1;
  if (c >= 0x30 && c <= 0x39) v = c - 0x30;
  else if (c >= 0x41 && c <= 0x46) v = c - 0x41 + 10;
  else if (c >= 0x61 && c <= 0x66) v = c - 0x61 + 10;
  return v >= 0 && v < base ? v : -1;
}

const ALPHABETIC = /^\p{Alphabetic}$/u;

/** Racket's `char-alphabetic?` (see the module comment for the Unicode-version caveat). */
export function isAlphabetic(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return c !== EOF && ALPHABETIC.test(String.fromCodePoint(c));
}

/** Approximates `string-foldcase` (full Unicode case folding); keeps Turkish dotless i as Racket does. */
export function foldCase(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '\u0131' ? ch : ch.toUpperCase().toLowerCase();
  return out;
}

/** The text of one code point (U+FFFD for EOF, which only appears in messages). */
export function charText(c: number): string {
  return c < 0 ? '' : String.fromCodePoint(c);
}
