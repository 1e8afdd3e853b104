/**
 * The one error the reader throws: `RacketReadError`, carrying Racket's own wording.
 *
 * `racketMessage` is what Racket 8.7 prints after the source location, e.g.
 * ``read-syntax: expected a `)` to close `(` `` — found by running `read-syntax` on the same
 * text, so tools that grep Racket's output keep working. `message` is one paragraph for humans:
 * `FILE:LINE:COLUMN: <racketMessage>` (Racket's multi-line "possible cause" folded into the
 * sentence), then what to do about it.
 *
 * Fragile: Racket rewords reader errors between versions; the parity spec
 * (`reader.parity.spec.ts`) catches drift against the installed Racket.
 */

/** Where a reader error happened, as Racket reports it (the start of the offending datum). */
export interface ReadErrorLocation {
  readonly source?: string;
  /** 1-based. */
  readonly line: number;
  /** 0-based, tabs advance to the next multiple of 8 (Racket's port line counting). */
  readonly column: number;
  /** 1-based character position (a CR-LF pair counts once). */
  readonly position: number;
}

/** Messages quote the offending text, which can be huge (a 1 MB token); `message` shows this much. */
const MAX_SHOWN = 400;
const DEFAULT_HINT = 'The text is not a datum that Racket `read` accepts; fix the syntax at that position.';

export class RacketReadError extends Error {
  override readonly name = 'RacketReadError';
  readonly code = 'RKT_READ_ERROR' as const;
  readonly source?: string;
  readonly line: number;
  readonly column: number;
  readonly position: number;
  /** Racket's own wording, e.g. "read-syntax: expected a `)` to close `(`". */
  readonly racketMessage: string;

  constructor(racketMessage: string, where: ReadErrorLocation, hint: string = DEFAULT_HINT) {
    const file = where.source ?? '<string>';
    // Racket continues a message on lines indented by two spaces; other control characters
    // (e.g. a newline quoted in "found `\n`") are escaped to keep one line.
    const oneParagraph = racketMessage
      .replace(/\n {2}/g, '; ')
      .replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
    const shown = oneParagraph.length > MAX_SHOWN ? `${oneParagraph.slice(0, MAX_SHOWN)}…` : oneParagraph;
    super(`${file}:${where.line}:${where.column}: ${shown}. ${hint}`);
    if (where.source !== undefined) this.source = where.source;
    this.line = where.line;
    this.column = where.column;
    this.position = where.position;
    this.racketMessage = racketMessage;
  }
}
