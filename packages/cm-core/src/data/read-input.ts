/**
 * Reader input: decoding to Unicode scalar values, and Racket's line/column/position counting.
 *
 * Design constraints:
 * - Bytes decode exactly as a Racket input port decodes UTF-8: a byte that does not start a
 *   valid, shortest-form, non-surrogate sequence becomes one U+FFFD and decoding resumes at the
 *   next byte (so `E2 82 61` is `\uFFFD\uFFFD` then `a`, unlike `TextDecoder`, which emits one
 *   U+FFFD for the maximal invalid subpart). A lone surrogate in a JS string also becomes U+FFFD.
 * - Positions follow `port-count-lines!`: positions and columns count characters (code points);
 *   CR, LF and CR-LF each end a line, and CR-LF counts as ONE position; a tab moves the column
 *   to the next multiple of 8.
 * - `Locator.at` is called with (almost always) non-decreasing indices, so it walks forward from
 *   the previous answer; going backwards restarts from the beginning. Callers keep the locations
 *   they may need later (openers) instead of asking again.
 */

export const EOF = -1;

/** Decoded text: one code point per element. */
export interface DecodedInput {
  readonly cps: Int32Array;
  /**
   * The input as a JS string when code point indices and UTF-16 indices coincide (all ASCII
   * bytes, or a string without surrogates), so that token text can be sliced out cheaply.
   */
  readonly flat?: string;
  /** The input bytes when they are all ASCII (byte offsets equal code point indices). */
  readonly asciiBytes?: Uint8Array;
  /** For each code point index (and one past the end), the offset in the original input units. */
  offsetOf(index: number): number;
}

const REPLACEMENT = 0xfffd;
const latin1 = new TextDecoder('latin1');

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there is invalid. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function decodeBytes(b: Uint8Array): DecodedInput {
  const out = new Int32Array(b.length);
  let n = 0;
  let i = 0;
  let ascii = true;
  while (i < b.length) {
    const b0 = b[i]!;
    if (b0 < 0x80) {
      out[n++] = b0;
      i++;
      continue;
    }
    ascii = false;
    const len = utf8SequenceLength(b, i);
    if (len === 1) out[n++] = b0;
    else if (len === 2) out[n++] = ((b0 & 0x1f) << 6) | (b[i + 1]! & 0x3f);
    else if (len === 3) out[n++] = ((b0 & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
    else if (len === 4) {
      out[n++] = ((b0 & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
    } else out[n++] = REPLACEMENT;
    i += len === 0 ? 1 : len;
  }
  const cps = out.subarray(0, n);
  const offsetOf = (index: number): number => {
    if (ascii) return index;
    let offset = 0;
    for (let k = 0; k < index; k++) offset += Math.max(1, utf8SequenceLength(b, offset));
    return offset;
  };
  return ascii ? { cps, flat: latin1.decode(b), asciiBytes: b, offsetOf } : { cps, offsetOf };
}

function decodeString(s: string): DecodedInput {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        continue;
      }
    }
    out[n++] = c >= 0xd800 && c <= 0xdfff ? REPLACEMENT : c;
  }
  const cps = out.subarray(0, n);
  const flat = n === s.length && !cps.includes(REPLACEMENT) ? s : undefined;
  return {
    cps,
    ...(flat === undefined ? {} : { flat }),
    offsetOf(index: number): number {
      let offset = 0;
      for (let k = 0; k < index; k++) offset += cps[k]! > 0xffff ? 2 : 1;
      return offset;
    },
  };
}

/** Decodes reader input to code points. */
export function decodeInput(input: string | Uint8Array): DecodedInput {
  return typeof input === 'string' ? decodeString(input) : decodeBytes(input);
}

/** A location as `port-next-location` reports it. */
export interface Place {
  readonly line: number;
  readonly column: number;
  readonly position: number;
}

/** Maps code point indices to Racket line/column/position, walking forward incrementally. */
export class Locator {
  private index = 0;
  private line = 1;
  private column = 0;
  private position = 1;

  constructor(private readonly cps: Int32Array) {}

  at(target: number): Place {
    this.advance(target);
    return { line: this.line, column: this.column, position: this.position };
  }

  /** Line of `target` (no allocation). */
  lineAt(target: number): number {
    this.advance(target);
    return this.line;
  }

  /** Column of `target`; call right after `lineAt` with the same target (no allocation). */
  columnAt(target: number): number {
    this.advance(target);
    return this.column;
  }

  /** Just the position of `target` (no allocation: called once per datum). */
  positionAt(target: number): number {
    this.advance(target);
    return this.position;
  }

  private advance(target: number): void {
    if (target < this.index) {
      this.index = 0;
      this.line = 1;
      this.column = 0;
      this.position = 1;
    }
    const cps = this.cps;
    const stop = Math.min(target, cps.length);
    while (this.index < stop) {
      const c = cps[this.index]!;
      if (c === 0x0a) {
        if (this.index === 0 || cps[this.index - 1] !== 0x0d) {
          this.line++;
          this.position++;
        }
        this.column = 0;
      } else if (c === 0x0d) {
        this.line++;
        this.column = 0;
        this.position++;
      } else {
        this.column = c === 0x09 ? this.column - (this.column % 8) + 8 : this.column + 1;
        this.position++;
      }
      this.index++;
    }
  }
}
