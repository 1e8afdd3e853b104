/**
 * Compile events and trace lines (Racket's `cm-log.rkt`).
 *
 * Events are what `compiler/cm` logs at level `info` (`#s(compile-event ms path action)`), plus
 * the reason for the decision, machine-readable, so that callers and tests can tell *why* a
 * module was compiled, touched or left alone. Trace lines are `manager-trace-handler` text with
 * Racket's indentation (2 columns per nesting level, every third column a `|`), so `--vv` output
 * reads like raco's.
 */

/** The actions `compiler/cm` logs. */
export type CompileEventType =
  | 'locking'
  | 'start-compile'
  | 'finish-compile'
  | 'start-touch'
  | 'finish-touch'
  | 'start-recompile'
  | 'finish-recompile'
  | 'already-done';

/**
 * Why `compile-root` looked closer at a module (its first matching rule, racket-notes §2.2), or
 * why `maybe-compile-zo` decided what it did (§2.3).
 */
export type DecisionReason =
  | 'old-version'
  | 'different-machine'
  | 'newer-source'
  | 'different-source-hash'
  | 'newer-dependency'
  | 'no-source-hash'
  | 'source-hash-changed'
  | 'wrong-machine'
  | 'different-dependency-hash'
  | 'hash-equivalent'
  | 'machine-independent'
  | 'trusted'
  | 'source-missing';

export interface CompileEvent {
  readonly type: CompileEventType;
  /** Absolute source path. */
  readonly path: string;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** The parallel worker that produced the event, `null` in a sequential build. */
  readonly worker: number | null;
  /** The decision behind the event: `compile-root`'s trigger, then `maybe-compile-zo`'s verdict. */
  readonly reason: string;
}

/** Racket's `get-indent-string`. */
export function indentString(indent: number): string {
  let out = '';
  for (let x = 0; x < indent; x += 1) out += x % 3 === 2 && x !== indent - 1 ? '|' : ' ';
  return out;
}

/** Racket's `~a` for the numbers and `#f`s that appear in trace lines. */
export function formatTraceValue(value: number | string | undefined | null): string {
  if (value === undefined || value === null) return '#f';
  if (value === Number.POSITIVE_INFINITY) return '+inf.0';
  if (value === Number.NEGATIVE_INFINITY) return '-inf.0';
  return String(value);
}
