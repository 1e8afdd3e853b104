/**
 * Errors the compile-server client rejects with. Each has a stable `code`; messages say what
 * happened, to which server, and what to do. Compile errors in user code are NOT errors here:
 * they come back as data (`CompileFailure`), because the server survives them.
 */

const PKG = '[@nx-raco/cm-core]';

/** Last part of the server's stderr, for messages. */
function formatStderrTail(stderrTail: string): string {
  const tail = stderrTail.trim();
  return tail === '' ? '' : ` Its stderr ended with:\n${tail}`;
}

export abstract class CompileServerError extends Error {
  abstract readonly code: string;
  override name = 'CompileServerError';
}

/** The Racket process exited (crash, kill, `(exit n)` in compile-time code) while work was pending. */
export class CompileServerExitedError extends CompileServerError {
  readonly code = 'RKT_SERVER_EXITED';
  override name = 'CompileServerExitedError';
  constructor(
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderrTail: string,
    detail = '',
  ) {
    const how = signal !== null ? `was killed by ${signal}` : `exited with code ${String(exitCode)}`;
    super(
      `${PKG} The Racket compile server ${how} before answering.${detail}${formatStderrTail(stderrTail)}\n` +
        'If a module was being compiled, its compile-time code may have called `exit`; try `raco make` on it to see.',
    );
  }
}

/** The server worked this long without sending anything; it has been killed. */
export class CompileServerTimeoutError extends CompileServerError {
  readonly code = 'RKT_SERVER_TIMEOUT';
  override name = 'CompileServerTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(
      `${PKG} The Racket compile server sent nothing for ${timeoutMs} ms while working on a request, so it was killed. ` +
        'Raise `silenceTimeoutMs` if a module legitimately takes that long to compile.',
    );
  }
}

/** The server sent something that breaks the protocol, or rejected a request as malformed. */
export class CompileServerProtocolError extends CompileServerError {
  readonly code = 'RKT_SERVER_PROTOCOL';
  override name = 'CompileServerProtocolError';
  constructor(message: string, options?: ErrorOptions) {
    super(
      `${PKG} Compile-server protocol error: ${message}\nThis is a bug in @nx-raco/cm-core; please report it.`,
      options,
    );
  }
}

/** `racket` could not be started. */
export class CompileServerSpawnError extends CompileServerError {
  readonly code = 'RKT_SERVER_SPAWN';
  override name = 'CompileServerSpawnError';
  constructor(racket: string, cause: unknown) {
    super(
      `${PKG} Could not start the Racket compile server with \`${racket}\`. ` +
        'Install Racket 8.7 or later, or pass the executable as the `racket` option.',
      { cause },
    );
  }
}

/** The client was closed before the request could be answered. */
export class CompileServerClosedError extends CompileServerError {
  readonly code = 'RKT_SERVER_CLOSED';
  override name = 'CompileServerClosedError';
  constructor() {
    super(`${PKG} The compile-server client is closed; create a new one to compile again.`);
  }
}
