/**
 * The reader's cursor over decoded input, plus location and error helpers shared by the token
 * readers (`read-string.ts`, `read-symbol.ts`, …) and the datum parser (`read-datum.ts`).
 *
 * Errors are raised with `scanner.fail(message, index)`, where `index` is where Racket reports
 * the error (usually the first character of the datum being read, e.g. the `#` of `#\abc`).
 */
import { RacketReadError } from './read-error.js';
import { EOF, Locator, decodeInput, type DecodedInput, type Place } from './read-input.js';
import type { SrcLoc } from './types.js';

/** `String.fromCodePoint` in chunks: spreading a huge array would overflow the call stack. */
export function codePointsToString(cps: Int32Array | readonly number[]): string {
  const CHUNK = 4096;
  if (cps.length <= CHUNK) return String.fromCodePoint.apply(null, cps as number[]);
  let out = '';
  for (let k = 0; k < cps.length; k += CHUNK) {
    out += String.fromCodePoint.apply(null, cps.slice(k, k + CHUNK) as number[]);
  }
  return out;
}

export type ReaderWho = 'read' | 'read-syntax';

export class Scanner {
  readonly cps: Int32Array;
  readonly end: number;
  /** Index of the next unread code point. */
  i = 0;
  private readonly locator: Locator;
  private pool: Uint8Array | undefined;

  constructor(
    private readonly decoded: DecodedInput,
    readonly source: string | undefined,
    readonly who: ReaderWho,
  ) {
    this.cps = decoded.cps;
    this.end = decoded.cps.length;
    this.locator = new Locator(decoded.cps);
  }

  static of(input: string | Uint8Array, source: string | undefined, who: ReaderWho): Scanner {
    return new Scanner(decodeInput(input), source, who);
  }

  /** The code point `k` after the cursor, or `EOF`. */
  peek(k = 0): number {
    const j = this.i + k;
    return j < this.end ? this.cps[j]! : EOF;
  }

  /** Consumes and returns one code point, or returns `EOF` without moving. */
  next(): number {
    return this.i < this.end ? this.cps[this.i++]! : EOF;
  }

  text(from: number, to: number): string {
    const flat = this.decoded.flat;
    if (flat !== undefined) return flat.slice(from, to);
    return codePointsToString(this.cps.subarray(from, Math.min(to, this.end)));
  }

  /**
   * Code points `from`..`to` as bytes; all must be ≤ 255. For ASCII input the result is a view
   * into one private copy of the input, so that a file with many byte strings allocates one
   * buffer, not one per literal (measurably less GC when thousands of `.dep` files are kept).
   */
  bytes(from: number, to: number): Uint8Array {
    const ascii = this.decoded.asciiBytes;
    if (ascii === undefined) return new Uint8Array(this.cps.subarray(from, to));
    this.pool ??= ascii.slice();
    return this.pool.subarray(from, to);
  }

  place(index: number): Place {
    return this.locator.at(index);
  }

  /** Line and column of `index` without allocating (for indentation tracking). */
  lineAt(index: number): number {
    return this.locator.lineAt(index);
  }

  columnAt(index: number): number {
    return this.locator.columnAt(index);
  }

  /** A datum's `loc` from its start place to the current cursor. */
  locFrom(start: Place): SrcLoc {
    return this.loc(start.line, start.column, start.position);
  }

  /** A datum's `loc` from a start given as numbers (no intermediate `Place`) to the cursor. */
  loc(line: number, column: number, position: number): SrcLoc {
    const span = this.locator.positionAt(this.i) - position;
    return { source: this.source, line, column, position, span };
  }

  positionAt(index: number): number {
    return this.locator.positionAt(index);
  }

  /** Offset in the caller's input units (bytes or UTF-16 code units) of a code point index. */
  inputOffset(index: number): number {
    return this.decoded.offsetOf(index);
  }

  /** Throws a `RacketReadError` reported at code point `index`; `message` omits the `read-syntax: ` prefix. */
  fail(message: string, index: number, hint?: string): never {
    this.failAt(message, this.place(index), hint);
  }

  failAt(message: string, where: Place, hint?: string): never {
    throw new RacketReadError(`${this.who}: ${message}`, { source: this.source, ...where }, hint);
  }
}

export { EOF };
