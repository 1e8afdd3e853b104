/**
 * Character literals after `#\`: a single character (`#\a`, `#\(`, `#\ `), a name (`#\space`,
 * case-insensitive), three octal digits (`#\101`, ≤ 255), or `#\uH…`/`#\UH…` (1–4 / 1–8 hex
 * digits). Port of Racket's `read/char.rkt`.
 *
 * Racket 8.7 quirks kept on purpose: there is no `#\xHH` form, so `#\x41` is `#\x` followed by
 * the number 41, while `#\xff` is an unknown name; `#\delete` is not a name (only `rubout`);
 * `#\up` is `#\u` followed by the symbol `p`; out-of-range `#\U…` errors print `#\u…`.
 */
import { EOF, codePointsToString, type Scanner } from './read-scanner.js';
import { charText, digitValue, foldCase, isAlphabetic } from './read-char-class.js';

/** Character names `read` accepts (after `string-foldcase`). */
export const CHAR_NAMES: ReadonlyMap<string, number> = new Map([
  ['nul', 0x00],
  ['null', 0x00],
  ['backspace', 0x08],
  ['tab', 0x09],
  ['newline', 0x0a],
  ['linefeed', 0x0a],
  ['vtab', 0x0b],
  ['page', 0x0c],
  ['return', 0x0d],
  ['space', 0x20],
  ['rubout', 0x7f],
]);

const isOctal = (c: number): boolean => c >= 0x30 && c <= 0x37;

/** Reads a character literal; the cursor is after `#\`, `at` is the `#`. Returns the code point. */
export function readCharacter(sc: Scanner, at: number): number {
  const bad = (text: string): never => sc.fail(`bad character constant \`#\\${text}\``, at, 'Use a single character, a name such as `#\\space`, or `#\\uXXXX`.');
  const c = sc.next();
  if (c === EOF) sc.fail('expected a character after `#\\`', at);
  if (isOctal(c)) {
    const c2 = sc.peek();
    if (!isOctal(c2)) return c;
    sc.next();
    const c3 = sc.next();
    const v = isOctal(c3) ? (c - 0x30) * 64 + (c2 - 0x30) * 8 + (c3 - 0x30) : undefined;
    if (v === undefined || v > 255) return bad(charText(c) + charText(c2) + charText(c3));
    return v;
  }
  if (c === 0x75 || c === 0x55) {
    const digits: number[] = [];
    let v = 0;
    const max = c === 0x75 ? 4 : 8;
    while (digits.length < max && digitValue(sc.peek(), 16) >= 0) {
      const d = sc.next();
      digits.push(d);
      v = v * 16 + digitValue(d, 16);
    }
    if (digits.length === 0) return c;
    if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) bad(`u${codePointsToString(digits)}`);
    return v;
  }
  if (isAlphabetic(c) && isAlphabetic(sc.peek())) {
    const name = [c];
    while (isAlphabetic(sc.peek())) name.push(sc.next());
    const folded = foldCase(codePointsToString(name));
    const v = CHAR_NAMES.get(folded);
    if (v === undefined) return bad(folded);
    return v;
  }
  return c;
}
