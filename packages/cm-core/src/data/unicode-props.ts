/**
 * Unicode character properties exactly as Racket 8.7 CS sees them, for the printer.
 *
 * Racket's `write` decides per character with `char-graphic?`, `char-blank?`,
 * `char-whitespace?` and grapheme clusters (`string-grapheme-span`), and the pretty printer's
 * column counting clusters characters too. Those answers depend on the Unicode version of the
 * Racket build (8.7 = Chez Scheme's Unicode 14.0 tables), not on the one in Node's ICU, so the
 * table is generated from Racket itself (`unicode-props.data.ts`, see `unicode-props.spec.ts`)
 * instead of using `\p{…}` regexps.
 *
 * Packing of one property byte: bits 0–1 print class (`PRINT_*`), bits 2–5 grapheme-break
 * property (`GB.*`; Hangul syllables are stored as `LV` and split into LV/LVT arithmetically),
 * bit 6 Extended_Pictographic, bit 7 `char-whitespace?`.
 *
 * Fragile: a newer Racket has newer tables; regenerate with `UPDATE_UNICODE_PROPS=1`.
 */
import { UNICODE_CLASSES, UNICODE_RANGES } from './unicode-props.data.js';

/** Neither graphic nor blank: `write` escapes it in strings. */
export const PRINT_OTHER = 0;
/** `char-graphic?`: letters, marks, numbers, punctuation, symbols. */
export const PRINT_GRAPHIC = 1;
/** `char-blank?` but not graphic: space separators and tab. */
export const PRINT_BLANK = 2;

/** Grapheme_Cluster_Break values as numbered in the generated table. */
export const GB = {
  Other: 0,
  CR: 1,
  LF: 2,
  Control: 3,
  Extend: 4,
  ZWJ: 5,
  RegionalIndicator: 6,
  Prepend: 7,
  SpacingMark: 8,
  L: 9,
  V: 10,
  T: 11,
  LV: 12,
  LVT: 13,
} as const;

const EXT_PICT_BIT = 64;
const WHITESPACE_BIT = 128;

const starts: number[] = [];
const classes: number[] = [];

function decodeTable(): void {
  let start = 0;
  for (const m of UNICODE_RANGES.matchAll(/([A-Z])([0-9a-z]+)/g)) {
    starts.push(start);
    classes.push(UNICODE_CLASSES[m[1]!.charCodeAt(0) - 65]!);
    start += parseInt(m[2]!, 36);
  }
  if (start !== 0x110000) {
    throw new Error(`unicode-props: the generated table covers ${start} code points, expected 1114112. This is a bug in @nx-raco/cm-core.`);
  }
}
decodeTable();

const ASCII = Uint8Array.from({ length: 128 }, (_, cp) => lookup(cp));

function lookup(cp: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= cp) lo = mid;
    else hi = mid - 1;
  }
  return classes[lo]!;
}

function props(cp: number): number {
  return cp < 128 ? ASCII[cp]! : lookup(cp);
}

/** `PRINT_GRAPHIC`, `PRINT_BLANK` or `PRINT_OTHER` for a code point. */
export function printClass(cp: number): number {
  return props(cp) & 3;
}

/** Racket's `char-whitespace?`. */
export function isWhitespace(cp: number): boolean {
  return (props(cp) & WHITESPACE_BIT) !== 0;
}

/** Chez Scheme's `char-extended-pictographic?`. */
export function isExtendedPictographic(cp: number): boolean {
  return (props(cp) & EXT_PICT_BIT) !== 0;
}

/** Chez Scheme's `char-grapheme-break-property`, as a `GB` number. */
export function graphemeBreakProperty(cp: number): number {
  const gb = (props(cp) >> 2) & 15;
  if (gb === GB.LV && (cp - 0xac00) % 28 !== 0) return GB.LVT;
  return gb;
}
