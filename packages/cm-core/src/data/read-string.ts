/**
 * String and byte-string literals (`"…"`, `#"…"`) with every escape Racket 8.7 accepts, and
 * here strings (`#<<END` … `END`). Port of Racket's `read/string.rkt`.
 *
 * Escapes: `\a \b \t \n \v \f \r \e \" \' \\`; octal `\N`, `\NN`, `\NNN` (≤ 255); `\xH`, `\xHH`;
 * `\uH…` (1–4 hex digits; a high surrogate must be followed by `\u` and a low surrogate, and the
 * pair is combined, as Racket does); `\UH…` (1–8 hex digits, ≤ 10FFFF, not a surrogate); and a
 * backslash before a line break (LF, CR or CR-LF) which drops both. `\u`/`\U` are errors in byte
 * strings, as is any character above 255.
 *
 * All errors are reported at the opening quote (or `#`), as Racket does; messages quote the
 * escape text consumed so far, so the cursor movement below mirrors Racket's character by
 * character (e.g. the surrogate error includes the character after `\uD83D`).
 */
import { EOF, codePointsToString, type Scanner } from './read-scanner.js';
import { charText, digitValue } from './read-char-class.js';

type Mode = 'string' | 'byte string';

const SIMPLE_ESCAPES = new Map<number, number>([
  [0x61, 0x07], // \a
  [0x62, 0x08], // \b
  [0x74, 0x09], // \t
  [0x6e, 0x0a], // \n
  [0x76, 0x0b], // \v
  [0x66, 0x0c], // \f
  [0x72, 0x0d], // \r
  [0x65, 0x1b], // \e
  [0x22, 0x22], // \"
  [0x27, 0x27], // \'
  [0x5c, 0x5c], // \\
]);

/** Racket's `read-digits`: up to `max` digits of `base`; `undefined` when there is none. */
function readDigits(sc: Scanner, base: number, max: number, consumed: number[]): number | undefined {
  let v: number | undefined;
  for (let k = 0; k < max; k++) {
    const d = digitValue(sc.peek(), base);
    if (d < 0) break;
    consumed.push(sc.next());
    v = (v ?? 0) * base + d;
  }
  return v;
}

const HINT = 'Fix the escape sequence or close the string with `"`.';

/**
 * Reads the rest of a string after its opening `"`; `at` is where errors are reported.
 * @returns the code points of the string (bytes for `'byte string'`).
 */
function readStringBody(sc: Scanner, mode: Mode, at: number): number[] {
  const out: number[] = [];
  const fail = (message: string): never => sc.fail(message, at, HINT);
  const badEnd = (): never => fail('expected a closing `"`');
  for (;;) {
    const c = sc.next();
    if (c === EOF) badEnd();
    if (c === 0x22) return out;
    if (c !== 0x5c) {
      if (mode === 'byte string' && c > 255) fail(`character \`${charText(c)}\` is out of range in byte string`);
      out.push(c);
      continue;
    }
    const e = sc.next();
    if (e === EOF) badEnd();
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      out.push(simple);
    } else if (e === 0x0a) {
      // line continuation: nothing
    } else if (e === 0x0d) {
      if (sc.peek() === 0x0a) sc.next();
    } else if (e >= 0x30 && e <= 0x37) {
      const consumed = [e];
      const v = readDigits(sc, 8, 2, consumed) ?? 0;
      const value = (e - 0x30) * 8 ** (consumed.length - 1) + v;
      if (value > 255) fail(`escape sequence \`\\${codePointsToString(consumed)}\` is out of range in ${mode}`);
      out.push(value);
    } else if (e === 0x78) {
      const v = readDigits(sc, 16, 2, []);
      if (v === undefined) return fail('no hex digit following `\\x`');
      out.push(v);
    } else if ((e === 0x75 || e === 0x55) && mode === 'string') {
      out.push(readUnicodeEscape(sc, e === 0x75, fail));
    } else {
      fail(`unknown escape sequence \`\\${charText(e)}\` in ${mode}`);
    }
  }
}

/** `\u…` (with surrogate pairs) or `\U…`, after the `u`/`U`. */
function readUnicodeEscape(sc: Scanner, short: boolean, fail: (m: string) => never): number {
  const letter = short ? 'u' : 'U';
  const consumed: number[] = [];
  const v = readDigits(sc, 16, short ? 4 : 8, consumed);
  if (v === undefined) fail(`no hex digit following \`\\${letter}\``);
  const shown = (): string => codePointsToString(consumed);
  if (!short) {
    if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) fail(`escape sequence \`\\U${shown()}\` is out of range in string`);
    return v;
  }
  if (v < 0xd800 || v > 0xdfff) return v;
  // A surrogate: only valid as the first half of `\uD8xx\uDCxx`.
  let low: number | undefined;
  const c1 = sc.next();
  if (c1 !== EOF) consumed.push(c1);
  if (c1 === 0x5c) {
    const c2 = sc.next();
    if (c2 !== EOF) consumed.push(c2);
    if (c2 === 0x75) {
      const v2 = readDigits(sc, 16, 4, consumed);
      if (v2 !== undefined && v2 >= 0xdc00 && v2 <= 0xdfff) low = v2;
    }
  }
  if (low === undefined) fail(`bad or incomplete surrogate-style encoding at \`\\u${shown()}\``);
  const combined = ((v - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  if (combined > 0x10ffff) fail(`escape sequence \`\\u${shown()}\` is out of range in string`);
  return combined;
}

/** Index of the closing `"` when the literal has no escapes (and, for bytes, no char > 255), else -1. */
function plainEnd(sc: Scanner, max: number): number {
  const cps = sc.cps;
  for (let j = sc.i; j < sc.end; j++) {
    const c = cps[j]!;
    if (c === 0x22) return j;
    if (c === 0x5c || c > max) return -1;
  }
  return -1;
}

/** Reads a string literal after its `"`. */
export function readString(sc: Scanner, at: number): string {
  const end = plainEnd(sc, 0x10ffff);
  if (end < 0) return codePointsToString(readStringBody(sc, 'string', at));
  const text = sc.text(sc.i, end);
  sc.i = end + 1;
  return text;
}

/** Reads a byte-string literal after its `#"`. */
export function readByteString(sc: Scanner, at: number): Uint8Array {
  const end = plainEnd(sc, 0xff);
  if (end < 0) return Uint8Array.from(readStringBody(sc, 'byte string', at));
  const bytes = sc.bytes(sc.i, end);
  sc.i = end + 1;
  return bytes;
}

/**
 * Reads a here string after `#<<`: the terminator is the rest of that line; the content is the
 * following lines (split at LF only) up to a line equal to the terminator, or to a last
 * unterminated line equal to it.
 */
export function readHereString(sc: Scanner, at: number): string {
  const readLine = (): { text: string; ended: boolean } => {
    const line: number[] = [];
    for (;;) {
      const c = sc.next();
      if (c === EOF) return { text: codePointsToString(line), ended: false };
      if (c === 0x0a) return { text: codePointsToString(line), ended: true };
      line.push(c);
    }
  };
  const header = readLine();
  if (!header.ended) sc.fail('found end-of-file after `#<<` and before a newline', at);
  const lines: string[] = [];
  for (;;) {
    const line = readLine();
    if (line.text === header.text) return lines.join('\n');
    if (!line.ended) sc.fail(`found end-of-file before terminating \`${header.text}\``, at);
    lines.push(line.text);
  }
}
