/**
 * Symbols and keywords as Racket 8.7 CS's `write` prints them
 * (racket/src/io/print/symbol.rkt with the default `read-accept-bar-quote` and
 * case-sensitivity, confirmed by experiment).
 *
 * A character is "special" when it is one of `( ) [ ] { } " , ' \` ; |`, a BOM, whitespace
 * (`char-whitespace?`), a `#` at the start (unless the text starts `#%`), or the `.` of the
 * one-character symbol `.`. Then:
 * - no special character: printed as is, unless the text is empty or reads as a number
 *   (`1`, `1e2`, `+inf.0`, `1/0`) — then `|…|`;
 * - special characters and a `|` somewhere: each special character gets a backslash
 *   (`a\|b`, `a\ \|b`);
 * - special characters, no `|`: `|…|` (`|a b|`, `|#a|`, `|.|`, `|a\b|`).
 * Keywords print `#:` plus the same, except that number-like or empty text needs no bars
 * (`#:1`, `#:`). Any other character, control characters included, is printed as is.
 *
 * "Reads as a number" is Racket 8.7's `(string->number text 10 'read)` being a true value: a
 * number, but also an error string (`1/0`) or syntax the data model cannot hold (`1t2`, `1+2i`).
 * That is exactly where our reader's `parseNumber` does not answer `undefined` ("a symbol"), so
 * the writer asks the reader: one grammar, and a symbol always reads back as itself.
 *
 * Fragile: `char-whitespace?` follows Racket's Unicode tables (`unicode-props.ts`); the number
 * test is only as right as the reader's port of Racket's number grammar (`read-number.ts`).
 */
import { parseNumber } from './read-number.js';
import { isWhitespace } from './unicode-props.js';

const DELIMITERS = new Set(['(', ')', '[', ']', '{', '}', '"', ',', "'", '`', ';', '\\', '|', '\uFEFF']);

/**
 * Text starting with `#` is quoted as special before this is asked (and `#%…` is never a number,
 * although `parseNumber` would report a bad `#` prefix for it).
 */
function readsAsNumber(text: string): boolean {
  return text !== '' && text[0] !== '#' && parseNumber(text) !== undefined;
}

function isSpecial(ch: string, index: number, text: string): boolean {
  if (DELIMITERS.has(ch) || isWhitespace(ch.codePointAt(0)!)) return true;
  if (ch === '#' && index === 0) return text.length < 2 || text[1] !== '%';
  return ch === '.' && index === 0 && text.length === 1;
}

function quote(text: string, forKeyword: boolean): string {
  const chars = Array.from(text);
  if (chars.every((ch, i) => !isSpecial(ch, i, text))) {
    if (forKeyword || (text !== '' && !readsAsNumber(text))) return text;
    return `|${text}|`;
  }
  if (!text.includes('|')) return `|${text}|`;
  return chars.map((ch, i) => (isSpecial(ch, i, text) ? `\\${ch}` : ch)).join('');
}

/**
 * Racket's `write` of a symbol.
 * @example writeSymbol('a b') //=> '|a b|'
 * @example writeSymbol('1') //=> '|1|'
 */
export function writeSymbol(name: string): string {
  return quote(name, false);
}

/**
 * Racket's `write` of a keyword; `name` excludes the `#:`.
 * @example writeKeyword('1') //=> '#:1'
 */
export function writeKeyword(name: string): string {
  return `#:${quote(name, true)}`;
}
