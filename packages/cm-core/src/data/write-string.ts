/**
 * String, byte-string and character literals as Racket 8.7 CS's `write` prints them
 * (racket/src/io/print/{string,bytes,char}.rkt, confirmed by experiment).
 *
 * Strings: `\"` `\\` and the letter escapes `\a \b \t \n \v \f \r \e`; a graphic character is
 * printed as is together with the rest of its grapheme cluster; a blank (space separators) as
 * is; anything else as `\uXXXX` or `\UXXXXXXXX` (uppercase hex, zero-padded).
 * Byte strings: printable ASCII (0x20–0x7E) as is except `"` `\`; the same letter escapes;
 * other bytes in octal, as short as possible unless the byte is ≥ 64 or the next byte is an
 * octal digit `0`–`7`, then three digits: `(bytes 0 49 1 50)` → `#"\0001\0012"`.
 * Characters: `#\nul #\backspace #\tab #\newline #\vtab #\page #\return #\space #\rubout`,
 * graphic characters as is (`#\λ`), others `#\uXXXX` / `#\UXXXXXXXX`.
 *
 * Fragile: "graphic", "blank" and clusters follow Racket's Unicode tables (`unicode-props.ts`).
 * The cluster rule reproduces a Racket quirk: a `"` or `\` right after a graphic Prepend
 * character (e.g. U+0D4E) is printed unescaped, exactly as Racket 8.7 does.
 */
import { graphemeSpan } from './grapheme.js';
import { PRINT_BLANK, PRINT_GRAPHIC, printClass } from './unicode-props.js';

const STRING_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x22, '\\"'],
  [0x5c, '\\\\'],
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x1b, '\\e'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
]);

function hexEscape(prefix: string, cp: number): string {
  const hex = cp.toString(16).toUpperCase();
  return cp <= 0xffff ? `${prefix}u${hex.padStart(4, '0')}` : `${prefix}U${hex.padStart(8, '0')}`;
}

/**
 * Racket's `write` of a string, quotes included.
 * @example writeString('a"b\n') //=> '"a\\"b\\n"'
 */
export function writeString(value: string): string {
  const cps = Array.from(value, (ch) => ch.codePointAt(0)!);
  let out = '"';
  let i = 0;
  while (i < cps.length) {
    const cp = cps[i]!;
    const escaped = STRING_ESCAPES.get(cp);
    if (escaped !== undefined) {
      out += escaped;
      i++;
      continue;
    }
    const kind = printClass(cp);
    if (kind === PRINT_GRAPHIC) {
      const span = graphemeSpan(cps, i);
      out += String.fromCodePoint(...cps.slice(i, i + span));
      i += span;
    } else {
      out += kind === PRINT_BLANK ? String.fromCodePoint(cp) : hexEscape('\\', cp);
      i++;
    }
  }
  return `${out}"`;
}

const BYTE_ESCAPES: ReadonlyMap<number, string> = new Map([...STRING_ESCAPES].filter(([b]) => b < 0x80));

/**
 * Racket's `write` of a byte string, `#"` and `"` included.
 * @example writeBytes(Uint8Array.of(0, 49, 1, 50)) //=> '#"\\0001\\0012"'
 */
export function writeBytes(value: Uint8Array): string {
  let out = '#"';
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    const escaped = BYTE_ESCAPES.get(b);
    if (escaped !== undefined) out += escaped;
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else {
      const next = value[i + 1];
      const octal = b.toString(8);
      const nextIsOctalDigit = next !== undefined && next >= 0x30 && next <= 0x37;
      out += `\\${b >= 64 || nextIsOctalDigit ? octal.padStart(3, '0') : octal}`;
    }
  }
  return `${out}"`;
}

const CHAR_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'nul'],
  [0x08, 'backspace'],
  [0x09, 'tab'],
  [0x0c, 'page'],
  [0x0a, 'newline'],
  [0x0d, 'return'],
  [0x0b, 'vtab'],
  [0x20, 'space'],
  [0x7f, 'rubout'],
]);

/**
 * Racket's `write` of a character (one code point).
 * @example writeChar(' ') //=> '#\\space'
 */
export function writeChar(value: string): string {
  const cp = value.codePointAt(0)!;
  const name = CHAR_NAMES.get(cp);
  if (name !== undefined) return `#\\${name}`;
  return printClass(cp) === PRINT_GRAPHIC ? `#\\${value}` : hexEscape('#\\', cp);
}
