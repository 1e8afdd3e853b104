/**
 * The Racket data reader: Racket 8.7's `read`/`read-syntax` for the data found in `.dep`,
 * `.rktd`, links files and `info.rkt`, producing `RacketValue`s (`types.ts`) with source
 * locations.
 *
 * Layout: `read-input.ts` (UTF-8 decoding, line counting) → `read-scanner.ts` (cursor, errors,
 * `read-error.ts`) → `read-datum.ts` (the main loop, with an explicit stack of `read-frames.ts`;
 * `read-sequence.ts` for the inside of lists and hashes; `read-atmosphere.ts` for comments;
 * `read-indentation.ts` for error hints) → `read-dispatch.ts` (what a datum starts with) →
 * tokens: `read-string.ts`, `read-char.ts`, `read-symbol.ts` with `read-number*.ts`; compound
 * literals: `read-hash.ts`, `read-prefab.ts`; and `read-lang.ts` for `#lang`.
 *
 * Design constraints: everything thrown while reading is a `RacketReadError` (an internal bug is
 * wrapped into one too); time is linear in the input; nesting is limited by `maxDepth`, not by the
 * call stack.
 *
 * Known deviations from Racket (all rejected with a clear `RacketReadError`): complex numbers,
 * extflonums, graph labels `#0=`, `#fx`/`#fl` vectors, `#hashalw`, `#reader`, nesting deeper than
 * `maxDepth` (default 1000), exact numbers with exponents beyond 100,000, and vectors declared
 * longer than 2^24 (`#99999999(…)`). Smaller ones: regexp literals are not compiled, so an
 * invalid pattern such as `#rx"("` is accepted; a `#;` with nothing after it at top level is
 * reported at the `#;` (Racket gives no position); `#hasheq` under `read` merges a `1e400` key
 * with `+inf.0` (see `read-hash.ts`). `reader.parity.spec.ts` lists them against Racket.
 */
import { RacketReadError } from './read-error.js';
import { DEFAULT_MAX_DEPTH, DatumReader } from './read-datum.js';
import { readLangLine, type LangLine } from './read-lang.js';
import { skipAtmosphere } from './read-atmosphere.js';
import { Scanner } from './read-scanner.js';
import type { RacketValue } from './types.js';

export { RacketReadError };

export interface ReadOptions {
  /** File name for srclocs and error messages. @default undefined (messages say `<string>`) */
  source?: string;
  /**
   * Whose wording and rules to follow: `read-syntax` (as `raco make` reports source errors) or
   * `read` (as the compilation manager reads `.dep` files). They differ in the error prefix, in
   * mutable prefab structs and graph labels (`read-syntax` rejects them with Racket's message),
   * and in which `#hasheq`/`#hasheqv` keys are duplicates (`read-syntax` interns literals).
   * @default 'read-syntax'
   */
  who?: 'read' | 'read-syntax';
  /** Deepest nesting accepted (lists, vectors, quotes, …). @default 1000 */
  maxDepth?: number;
}

const OPTION_KEYS = new Set(['source', 'who', 'maxDepth']);

function normalizeOptions(caller: string, options: ReadOptions | undefined): Required<Omit<ReadOptions, 'source'>> & ReadOptions {
  for (const key of Object.keys(options ?? {})) {
    if (!OPTION_KEYS.has(key)) throw new TypeError(`${caller}: unknown option \`${key}\`; expected one of source, who, maxDepth.`);
  }
  const who = options?.who ?? 'read-syntax';
  if (who !== 'read' && who !== 'read-syntax') throw new TypeError(`${caller}: expected \`who\` to be 'read' or 'read-syntax', got \`${String(who)}\`.`);
  const maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) throw new TypeError(`${caller}: expected \`maxDepth\` to be a positive integer, got \`${String(maxDepth)}\`.`);
  return { ...options, who, maxDepth };
}

/** Runs `body`, turning any non-reader error (a bug) into a `RacketReadError` at the cursor. */
function guarded<T>(sc: Scanner, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof RacketReadError) throw error;
    const where = { source: sc.source, ...sc.place(sc.i) };
    const wrapped = new RacketReadError(
      `${sc.who}: internal reader error (${error instanceof Error ? error.message : String(error)})`,
      where,
      'This is a bug in @nx-raco/cm-core; please report it with the input that caused it.',
    );
    wrapped.cause = error;
    throw wrapped;
  }
}

/**
 * Reads every datum in `input`, as repeated Racket `read` calls would.
 * @param input text, or bytes decoded as UTF-8 the way Racket ports do
 * @example readAll('(a . 1) #t') //=> [the values of '(a . 1) and #t]
 */
export function readAll(input: string | Uint8Array, options?: ReadOptions): RacketValue[] {
  const opts = normalizeOptions('readAll', options);
  const sc = Scanner.of(input, opts.source, opts.who);
  const reader = new DatumReader(sc, opts.maxDepth);
  return guarded(sc, () => {
    const out: RacketValue[] = [];
    for (let v = reader.read(); v !== undefined; v = reader.read()) out.push(v);
    return out;
  });
}

/**
 * First datum and the offset after it, or undefined at EOF (Racket `read` semantics: trailing
 * text is not read). `end` counts in the input's units: bytes for a `Uint8Array`, UTF-16 code
 * units for a string.
 * @example readFirst('(a) junk)') //=> { value: the value of '(a), end: 3 }
 */
export function readFirst(input: string | Uint8Array, options?: ReadOptions): { value: RacketValue; end: number } | undefined {
  const opts = normalizeOptions('readFirst', options);
  const sc = Scanner.of(input, opts.source, opts.who);
  return guarded(sc, () => {
    const value = new DatumReader(sc, opts.maxDepth).read();
    return value === undefined ? undefined : { value, end: sc.inputOffset(sc.i) };
  });
}

/**
 * Reads a module file: an optional leading `#lang NAME` (or `#!NAME`), after whitespace and
 * comments, then the remaining data. A `#lang` anywhere else is an error, as in Racket.
 * `#reader` is rejected (see `read-lang.ts`).
 * @example readLangFile('#lang info\n(define x 1)') //=> { lang: { name: 'info', loc }, forms: [(define x 1)] }
 */
export function readLangFile(input: string | Uint8Array, options?: ReadOptions): { lang?: LangLine; forms: RacketValue[] } {
  const opts = normalizeOptions('readLangFile', options);
  const sc = Scanner.of(input, opts.source, opts.who);
  return guarded(sc, () => {
    skipAtmosphere(sc);
    const lang = readLangLine(sc);
    const reader = new DatumReader(sc, opts.maxDepth);
    const forms: RacketValue[] = [];
    for (let v = reader.read(); v !== undefined; v = reader.read()) forms.push(v);
    return lang === undefined ? { forms } : { lang, forms };
  });
}
