/**
 * The one error type of the `info.rkt` evaluator.
 *
 * Every failure (unreadable file, read error, illegal `#lang`, bad module shape, syntax error,
 * run-time error, resource limit) becomes an `InfoFileError` carrying Racket's own wording in
 * `racketMessage` (what `get-info/full` would put in `exn-message`, minus the `path:line:col: `
 * prefix Racket adds to syntax errors) and a one-paragraph `message` that ends in what to do.
 *
 * Locations: Racket reports a location only for read and syntax errors; we also attach the
 * location of the failing expression to run-time errors, because it costs nothing and helps.
 */
import type { SrcLoc } from '../data/types.js';

/** What went wrong, in the order Racket would detect it. */
export type InfoErrorKind =
  /** The file could not be read from disk. */
  | 'io'
  /** Racket's reader rejected the text. */
  | 'read'
  /** `#lang`/`#reader` names something other than the info language. */
  | 'illegal-reader'
  /** More than one top-level datum in a file without `#lang`. */
  | 'multiple-expressions'
  /** The datum is not `(module info <info-language> …)`. */
  | 'bad-shape'
  /** Expansion failed: a form outside the info language, an unbound identifier, … */
  | 'syntax'
  /** Evaluation failed: `(car 5)`, a reference before definition, … */
  | 'runtime'
  /** The file or its evaluation exceeded nx-raco's resource bounds (Racket has none). */
  | 'limit'
  /** An unexpected failure inside nx-raco. */
  | 'internal';

const ADVICE: Readonly<Record<InfoErrorKind, string>> = {
  io: 'Check that the file exists and is readable.',
  read: 'Fix the syntax of the file at that position; it is read with Racket’s reader.',
  'illegal-reader': 'Start the file with `#lang info` (or `#lang setup/infotab`); no other language is allowed.',
  'multiple-expressions':
    'Use `#lang info` followed by definitions, or put every definition inside the one `(module info setup/infotab …)` form.',
  'bad-shape': 'An info file must be `#lang info` followed by definitions, or a single `(module info setup/infotab …)` form.',
  syntax:
    'An info file may contain only `(define name expr)` forms whose expressions use quote, quasiquote, if, the list, hash, string and path operations of the info language, and earlier definitions; fix the form at that position.',
  runtime: 'Fix the expression at that position so that it evaluates without an error.',
  limit: 'Simplify the info file; info files are expected to hold small literal data.',
  internal: 'This is a bug in @nx-raco/cm-core; please report it together with the info file.',
};

export interface InfoFileErrorInit {
  readonly kind: InfoErrorKind;
  readonly file: string;
  /** Racket's message, possibly several lines (`\n  at: …\n  in: …`). */
  readonly racketMessage: string;
  readonly loc?: SrcLoc | undefined;
  readonly cause?: unknown;
}

/**
 * A bad or unreadable `info.rkt`. `code` is always `RKT_INFO_ERROR`.
 * @example
 * try { readInfoFile('/x/info.rkt') } catch (e) { if (e instanceof InfoFileError) console.error(e.message) }
 */
export class InfoFileError extends Error {
  override readonly name = 'InfoFileError';
  readonly code = 'RKT_INFO_ERROR' as const;
  readonly kind: InfoErrorKind;
  /** The info file, as given by the caller. */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line: number | undefined;
  /** 0-based column, when known. */
  readonly column: number | undefined;
  /** 1-based character position, when known. */
  readonly position: number | undefined;
  /** Racket's wording, exactly as `get-info/full` reports it (without the source-location prefix). */
  readonly racketMessage: string;

  constructor(init: InfoFileErrorInit) {
    super(formatInfoErrorMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.file = init.file;
    this.line = init.loc?.line;
    this.column = init.loc?.column;
    this.position = init.loc?.position;
    this.racketMessage = init.racketMessage;
  }
}

/** Joins Racket's multi-line message into one line: `car: contract violation; expected: pair?; given: 5`. */
export function flattenRacketMessage(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, i, all) => (i < all.length - 1 ? line.replace(/;$/, '') : line))
    .join('; ');
}

function formatInfoErrorMessage(init: InfoFileErrorInit): string {
  const where = init.loc === undefined ? init.file : `${init.file}:${init.loc.line}:${init.loc.column}`;
  const text = flattenRacketMessage(init.racketMessage);
  const sentence = /[.?!]$/.test(text) ? text : `${text}.`;
  return `${where}: ${sentence} ${ADVICE[init.kind]}`;
}
