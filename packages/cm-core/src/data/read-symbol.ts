/**
 * Symbols, keywords and numbers: everything up to a delimiter, with `|…|` and `\x` quoting.
 * Port of Racket's `read/symbol-or-number.rkt`.
 *
 * A token that uses no quoting is first tried as a number (`read-number.ts`); `1+`, `...`, `->`
 * and `+inf` are symbols because the number parser rejects them. After a `#e`/`#x`/… prefix the
 * token must be a number (`bad number: …` otherwise). A lone unquoted `.` is an error here; the
 * `.` of a pair is recognised by the list reader before it gets here.
 *
 * Under `#ci` unquoted parts are case-folded; quoted parts never are.
 */
import { EOF, codePointsToString, type Scanner } from './read-scanner.js';
import { foldCase, isDelimiter } from './read-char-class.js';
import { parseNumber } from './read-number.js';
import { rational } from './values.js';
import type { RacketValue } from './types.js';

/** `'symbol-or-number'`, `'symbol'` (after `|` or `#%`), `'keyword'` (after `#:`) or a number prefix such as `'#e'`. */
export type TokenMode = 'symbol-or-number' | 'symbol' | 'keyword' | `#${string}`;

export interface TokenOptions {
  /** Where errors are reported: the token start, or the `#` of `#:`, `#%`, `#e`…. */
  readonly at: number;
  readonly mode: TokenMode;
  /** Fold case outside quotes (`#ci`). */
  readonly fold: boolean;
  /** Text that belongs to the symbol but was consumed by the dispatcher (the `#` of `#%`). */
  readonly extraPrefix?: string;
}

const UNSUPPORTED_HINT =
  'Racket reads this, but the nx-raco data model has no complex numbers or extflonums, and .dep, .rktd and info.rkt files never contain them.';

/** Reads one token from the cursor and returns the symbol, keyword or number it denotes. */
export function readSymbolOrNumber(sc: Scanner, opts: TokenOptions): RacketValue {
  const plain = readPlainToken(sc, opts);
  if (plain !== undefined) return plain;
  const { mode, at } = opts;
  const what = mode === 'keyword' ? 'keyword' : mode.startsWith('#') ? 'number' : 'symbol';
  const out: number[] = [];
  if (opts.extraPrefix !== undefined) for (const ch of opts.extraPrefix) out.push(ch.codePointAt(0)!);
  let quotedEver = false;
  let pipe = -1;
  const pushUnquoted = (c: number): void => {
    if (!opts.fold) out.push(c);
    else for (const ch of foldCase(String.fromCodePoint(c))) out.push(ch.codePointAt(0)!);
  };
  for (;;) {
    const c = sc.peek();
    if (pipe >= 0) {
      if (c === EOF) sc.fail(`end-of-file following \`${String.fromCodePoint(pipe)}\` in ${what}`, at);
      sc.next();
      if (c === pipe) pipe = -1;
      else out.push(c);
      continue;
    }
    if (isDelimiter(c)) break;
    sc.next();
    if (c === 0x7c) {
      quotedEver = true;
      pipe = c;
    } else if (c === 0x5c) {
      const escaped = sc.next();
      if (escaped === EOF) sc.fail(`end-of-file following \`\\\` in ${what}`, at);
      out.push(escaped);
      quotedEver = true;
    } else {
      pushUnquoted(c);
    }
  }
  const text = codePointsToString(out);
  if (text === '.' && !quotedEver) sc.fail('illegal use of `.`', at, 'A `.` is only allowed between the last two elements of a list, as in `(a . b)`.');
  const prefix = mode.startsWith('#') ? mode : mode === 'symbol-or-number' ? '' : undefined;
  if (prefix !== undefined && !quotedEver) {
    const n = parseNumber(prefix + text);
    if (n !== undefined) {
      switch (n.t) {
        case 'exact':
          return rational(n.num, n.den);
        case 'flonum':
          return { kind: 'flonum', value: n.value };
        case 'error':
          sc.fail(n.message, at);
          break;
        case 'unsupported':
          sc.fail(`${n.what} \`${prefix + text}\` is not supported`, at, UNSUPPORTED_HINT);
          break;
        default:
          n satisfies never;
      }
    }
  }
  if (prefix !== undefined && prefix !== '') sc.fail(`bad number: \`${prefix + text}\``, at);
  return mode === 'keyword' ? { kind: 'keyword', name: text } : { kind: 'symbol', name: text };
}

/** Fast path for the common token: no quoting, no folding, no prefix; `undefined` otherwise. */
function readPlainToken(sc: Scanner, opts: TokenOptions): RacketValue | undefined {
  if (opts.fold || opts.extraPrefix !== undefined || opts.mode.startsWith('#')) return undefined;
  const cps = sc.cps;
  let j = sc.i;
  for (; j < sc.end; j++) {
    const c = cps[j]!;
    if (c === 0x7c || c === 0x5c) return undefined;
    if (isDelimiter(c)) break;
  }
  const first = cps[sc.i];
  // A lone `.` is an error (reported by the slow path), even as a keyword.
  if (first === 0x2e && j === sc.i + 1) return undefined;
  // Only these can start a number.
  const maybeNumber = first !== undefined && ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e);
  if (opts.mode === 'symbol-or-number' && maybeNumber) return undefined;
  const text = sc.text(sc.i, j);
  sc.i = j;
  return opts.mode === 'keyword' ? { kind: 'keyword', name: text } : { kind: 'symbol', name: text };
}
