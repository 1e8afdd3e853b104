/**
 * The documentation step's failures, each with a stable `code`. They are recorded per
 * collection (a `SetupError`) and the step goes on with the other documents.
 */

/** A collection's `scribblings` field does not match the grammar; none of its documents is built. */
export class ScribblingsError extends Error {
  override name = 'ScribblingsError';
  readonly code = 'RKT_BAD_SCRIBBLINGS';
  constructor(
    /** The `info.rkt` that defines the field. */
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: bad \`scribblings\`: ${detail}. Fix the field; none of this collection's documents is built until then.`);
  }
}

/** The Racket documentation worker died or could not start. */
export class DocWorkerExitedError extends Error {
  override name = 'DocWorkerExitedError';
  readonly code = 'RKT_DOC_WORKER_EXITED';
  constructor(what: string, exit: { readonly exitCode: number | null; readonly signal: string | null; readonly spawnError?: Error }, stderrTail: string) {
    const how =
      exit.spawnError !== undefined
        ? `could not be started (${exit.spawnError.message})`
        : `exited (${exit.signal === null ? `code ${String(exit.exitCode)}` : `signal ${exit.signal}`})`;
    const tail = stderrTail.trim() === '' ? '' : `\n${stderrTail.trim()}`;
    super(`racket ${how} while ${what}; check that \`racket\` 8.x with scribble is installed, then run the step again.${tail}`, exit.spawnError === undefined ? undefined : { cause: exit.spawnError });
  }
}
