/**
 * Racket's indentation heuristic for reader errors (`read/indentation.rkt`): while a form is
 * open, remember the first line whose first datum is indented less than the form's contents so
 * far; when the form is never closed, or closed with the wrong bracket, the error adds
 * "possible cause: indentation suggests a missing `)` before line N".
 *
 * Each open list, vector, prefab or hash is an `Indentation` (`read-frames.ts`, which starts
 * `maxIndent` one past the column after the opener, as Racket does); the datum reader calls
 * `trackIndentation` with the position of each datum (and `.`) that starts inside it.
 */
import { openerOf } from './read-char-class.js';

export interface Indentation {
  readonly closer: number;
  readonly startLine: number;
  lastLine: number;
  maxIndent: number;
  multiline: boolean;
  suspiciousLine?: number;
}

/** Racket checks only the first datum on each new line. */
export function trackIndentation(ind: Indentation, line: number, column: number): void {
  if (line <= ind.lastLine) return;
  ind.lastLine = line;
  ind.multiline = true;
  if (column >= ind.maxIndent) ind.maxIndent = column;
  else ind.suspiciousLine ??= line;
}

const quoted = (c: number): string => `\`${String.fromCodePoint(c)}\``;

export function possibleCause(ind: Indentation): string {
  return ind.suspiciousLine === undefined
    ? ''
    : `\n  possible cause: indentation suggests a missing ${quoted(ind.closer)} before line ${ind.suspiciousLine}`;
}

/** The message for closer `c` where none is expected; `open` lists open forms, innermost first. */
export function unexpectedCloserMessage(c: number, open: readonly Indentation[]): string {
  const inner = open[0];
  if (inner === undefined) return `unexpected ${quoted(c)}`;
  if (c === inner.closer) return `unexpected ${quoted(c)}${possibleCause(inner)}`;
  const missing = open.slice(1).some((o) => o.closer === c) ? 'missing' : 'expected';
  const opener = quoted(openerOf(inner.closer));
  const where = inner.multiline ? `${opener} on line ${inner.startLine}` : `preceding ${opener}`;
  return `${missing} ${quoted(inner.closer)} to close ${where}, found instead ${quoted(c)}${possibleCause(inner)}`;
}
