/**
 * The S-expressions `raco pack` writes with `write`/`~s`, read with cm-core's Racket reader (no
 * evaluation) and narrowed to plain shapes: proper lists, strings, symbols, exact integers,
 * booleans (`'x` reads as `(quote x)`). Reading starts at a byte position and stops right after
 * the datum, like Racket's `read`, because the raw file data in a `.plt` payload follows the
 * datums directly.
 *
 * Fragile on purpose: other data Racket's reader accepts (dotted pairs, keywords, floats,
 * vectors, …) is refused, since `raco pack` never writes it and an archive that holds it is not
 * one we should trust.
 */
import { readFirst, RacketReadError, type RacketValue } from '@nx-raco/cm-core';
import { PltFormatError } from './plt-error.js';

/** A symbol (strings are plain JS strings). */
export interface SexpSymbol {
  readonly symbol: string;
}

/** One datum. Lists are arrays; integers are `bigint` so huge sizes cannot lose precision. */
export type Sexp = string | bigint | boolean | SexpSymbol | readonly Sexp[];

/** A datum and the offset just past it. */
export interface ReadResult {
  readonly value: Sexp;
  readonly end: number;
}


/** `true` for the bytes Racket's reader treats as whitespace in ASCII. */
export function isSexpWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || (byte !== undefined && byte >= 0x09 && byte <= 0x0d);
}

/** A symbol datum. */
export function sym(name: string): SexpSymbol {
  return { symbol: name };
}

/** `true` when `v` is the symbol `name` (any symbol when `name` is omitted). */
export function isSymbol(v: Sexp | undefined, name?: string): v is SexpSymbol {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (name === undefined || (v as SexpSymbol).symbol === name);
}

/** Largest datum window tried first; grown when a datum runs past it. */
const FIRST_WINDOW = 4096;

/** cm-core's reading of one datum, as the plain shapes `raco pack` writes; anything else is refused. */
function toSexp(v: RacketValue, depth: number): Sexp {
  if (depth > 64) throw new PltFormatError('RKT_PLT_INVALID', 'S-expression nested too deeply');
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'symbol':
      return sym(v.name);
    case 'integer':
      return v.value;
    case 'boolean':
      return v.value;
    case 'list':
      if (v.tail !== undefined) throw new PltFormatError('RKT_PLT_INVALID', 'unsupported token `.` (a dotted pair)');
      return v.items.map((item) => toSexp(item, depth + 1));
    default:
      throw new PltFormatError('RKT_PLT_INVALID', `unsupported datum of kind ${v.kind}`);
  }
}

/**
 * Reads one datum from `buf` at `pos` with cm-core's Racket reader (no evaluation), skipping
 * leading whitespace and comments, and converts it to the shapes `raco pack` writes.
 * The raw file data of a `.plt` payload follows datums directly, so only a window after `pos`
 * is handed to the reader (grown when a datum runs past it), keeping large payloads linear.
 * @returns the datum and the byte offset after it, or `undefined` at end of input.
 * @throws PltFormatError `RKT_PLT_INVALID` on malformed or unsupported syntax.
 * @example readSexp(Buffer.from('file\n("a" "b")'), 0) //=> { value: { symbol: 'file' }, end: 4 }
 */
export function readSexp(buf: Uint8Array, pos: number): ReadResult | undefined {
  const rest = buf.length - pos;
  for (let window = FIRST_WINDOW; ; window *= 4) {
    const whole = window >= rest;
    const slice = buf.subarray(pos, whole ? buf.length : pos + window);
    let r: { value: RacketValue; end: number } | undefined;
    try {
      r = readFirst(slice, { source: 'plt archive', who: 'read', maxDepth: 66 });
    } catch (error) {
      if (!whole) continue;
      const why = error instanceof RacketReadError ? error.racketMessage : String(error);
      throw new PltFormatError('RKT_PLT_INVALID', `${why} at payload offset ${pos}`);
    }
    // A datum that ends exactly at the window's edge may be a cut-off symbol or number.
    if (!whole && (r === undefined || r.end >= slice.length)) continue;
    if (r === undefined) return undefined;
    return { value: toSexp(r.value, 0), end: pos + r.end };
  }
}

/** Racket-`write`-like rendering for error messages (truncated to `max` characters). */
export function showSexp(v: Sexp | undefined, max = 120): string {
  const text = render(v);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
  function render(x: Sexp | undefined): string {
    if (x === undefined) return '#<eof>';
    if (typeof x === 'string') return JSON.stringify(x);
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'boolean') return x ? '#t' : '#f';
    if (Array.isArray(x)) return `(${x.map(render).join(' ')})`;
    return (x as SexpSymbol).symbol;
  }
}
