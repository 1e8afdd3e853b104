/**
 * The wire protocol between the TypeScript compilation manager and the Racket compile server
 * (`packages/cm-core/racket/compile-server.rkt`, whose header comment is the other copy of this
 * description — change both together and bump {@link PROTOCOL_VERSION}).
 *
 * Transport: JSON lines over the server's stdin/stdout, one object per line, UTF-8. Every message
 * is discriminated by `type`. Requests carry an `id` the server echoes in its reply; `need`
 * messages carry a server-chosen `needId` that the answer (`ready`/`failed`) must echo.
 *
 * Nesting: while the server compiles a module it may send `need {path}` and block until the
 * client answers. Meanwhile the client may send further requests (typically a nested `compile` of
 * `path`); the server runs them recursively inside the waiting compilation, like raco make's
 * compilation manager does. Answers must therefore come innermost-first; answering any need but
 * the innermost outstanding one is a fatal protocol error (the server exits with status 70).
 *
 * Fragile: paths travel as JSON strings, so source paths whose bytes are not valid UTF-8 cannot
 * round-trip; the `encoded` forms are exact (Racket `~s` escapes every byte).
 */

/**
 * Bumped whenever a message changes shape or a request appears or goes; reported by `pong`.
 * 4: the prototype `dep-record` request is gone (TypeScript writes `.dep` files, dep/dep-record.ts).
 */
export const PROTOCOL_VERSION = 4;

/** Exit status of the server after a fatal protocol error. */
export const EXIT_PROTOCOL_ERROR = 70;

/** Request ids are chosen by the client; the server echoes them unchanged. */
export type RequestId = number;

// ---------------------------------------------------------------------------------------------
// client → server: requests

/** Compile one module from source, exactly as raco make's `compile-zo*` would. */
export interface CompileRequest {
  readonly type: 'compile';
  readonly id: RequestId;
  /** Absolute source path. A missing `x.rkt` falls back to `x.ss`, as in CM. */
  readonly path: string;
  /** Absolute path of the file to (over)write with the `.zo` bytes; its directory must exist. */
  readonly zoTmp: string;
}

/** Recompile machine-independent code (`from`, a `.zo` whose `.dep` machine is `#f`) for this machine. */
export interface RecompileRequest {
  readonly type: 'recompile';
  readonly id: RequestId;
  /** Absolute source path (need not exist). */
  readonly path: string;
  /** The machine-independent `.zo`. */
  readonly from: string;
  readonly zoTmp: string;
}

/** raco make `--no-deps`: compile each file alone with `compile-zos` (no `.dep`, no dependencies). */
export interface CompileZosRequest {
  readonly type: 'compile-zos';
  readonly id: RequestId;
  readonly files: readonly string[];
  /** Files `load`ed into the elaboration namespace first (`-p`). */
  readonly prefixes: readonly string[];
  /** `--no-prim`: do not assume `scheme` bindings at the top level. */
  readonly noPrim: boolean;
  readonly verbose: boolean;
}

export interface CompileZosResult {
  readonly type: 'compile-zos-result';
  readonly id: RequestId;
  readonly ok: boolean;
  /** The error as Racket prints it when `ok` is false. */
  readonly message: string;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PingRequest {
  readonly type: 'ping';
  readonly id: RequestId;
}

/** Replace the compilation namespace; send at the start of every build on a reused server. */
export interface ResetRequest {
  readonly type: 'reset';
  readonly id: RequestId;
}

/**
 * raco setup `--mode M`: load `(lib "zo-compile.rkt" M)`'s `zo-compile`; every later `compile`
 * and `recompile` then runs with it as `current-compile` and with `use-compiled-file-paths` =
 * `(compiled/M compiled)` (errortrace's own runtime order, so installation modules load from their
 * normal `.zo`). `null` returns to the normal mode. Starts a fresh namespace; top level only.
 * `compile-zos` is not affected. Added in protocol 3.
 */
export interface SetCompileModeRequest {
  readonly type: 'set-compile-mode';
  readonly id: RequestId;
  /** A collection path such as `"errortrace"`, or `null`. */
  readonly mode: string | null;
}

export interface ShutdownRequest {
  readonly type: 'shutdown';
  readonly id: RequestId;
}

export type ServerRequest =
  | CompileRequest
  | RecompileRequest
  | CompileZosRequest
  | PingRequest
  | ResetRequest
  | SetCompileModeRequest
  | ShutdownRequest;

// ---------------------------------------------------------------------------------------------
// client → server: answers to `need`

export interface ReadyAnswer {
  readonly type: 'ready';
  readonly needId: number;
  readonly path: string;
}

export interface FailedAnswer {
  readonly type: 'failed';
  readonly needId: number;
  readonly path: string;
  /** Becomes the dependent's error message, verbatim (kind `dependency-failed`). */
  readonly message: string;
}

export type NeedAnswer = ReadyAnswer | FailedAnswer;

export type ClientMessage = ServerRequest | NeedAnswer;

// ---------------------------------------------------------------------------------------------
// server → client

/** Expansion is about to load the module file `path`; CM would run `compile-root` on it here. */
export interface NeedMessage {
  readonly type: 'need';
  readonly needId: number;
  readonly path: string;
  /** The file does not exist (CM only traces this, and may delete a stale `.zo`). */
  readonly missing?: true;
}

/** How a dependency is recorded: a module, an indirect module, or a non-module file. */
export type DepKind = 'module' | 'indirect' | 'ext';

export interface DepEntry {
  /** Absolute path of the dependency as Racket resolved it. */
  readonly path: string;
  readonly kind: DepKind;
  /**
   * Racket `~s` text of the form CM writes into the `.dep`, e.g. `(collects #"racket" #"base.rkt")`,
   * `#"/abs/b.rkt"`, `(ext . #"/abs/data.rktd")`, `(indirect . #"/abs/m.rkt")`.
   */
  readonly encoded: string;
  /**
   * Set on an `ext` dep registered with `#:indirect? #t`: Racket 8.7 encodes it as
   * `(ext indirect . …)` and raco make then fails while hashing (racket-notes §1.2).
   */
  readonly indirect?: true;
}

export interface CompileSuccess {
  readonly type: 'compile-result';
  readonly id: RequestId;
  readonly ok: true;
  /** The source actually compiled (simplified; `.ss` if that fallback was taken). */
  readonly path: string;
  /** SHA-1 (hex) of the source bytes, the `SRC` hash CM records. */
  readonly sourceSha1: string;
  /** SHA-1 (hex) of the `.zo` bytes written to `zoTmp`. */
  readonly zoSha1: string;
  /** De-duplicated and sorted exactly as CM writes them (by `encoded`, `string<?`). */
  readonly deps: readonly DepEntry[];
  /** What the module's compile-time code printed. */
  readonly stdout: string;
  readonly stderr: string;
}

export type CompileFailureKind = 'compile-error' | 'dependency-failed' | 'write-error' | 'bad-request';

export interface CompileFailure {
  readonly type: 'compile-result';
  readonly id: RequestId;
  readonly ok: false;
  readonly path: string;
  readonly kind: CompileFailureKind;
  /**
   * The error as raco make prints it (including `compilation context...:` and `location...:`),
   * without the `context...:` stack trace and without the final newline. For
   * `dependency-failed`, the `failed` answer's message verbatim.
   */
  readonly message: string;
  /** The bare exception message. */
  readonly exnMessage: string;
  /** The compilation context, innermost module first. */
  readonly context: readonly string[];
  /** Racket raised `exn:get-module-code` (e.g. the file is not a module); CM deletes the old `.zo` then. */
  readonly getModuleCode?: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export type CompileResult = CompileSuccess | CompileFailure;

export interface RecompileSuccess {
  readonly type: 'recompile-result';
  readonly id: RequestId;
  readonly ok: true;
  readonly path: string;
  readonly zoSha1: string;
}

export type RecompileResult = RecompileSuccess | (Omit<CompileFailure, 'type'> & { readonly type: 'recompile-result' });

export interface Pong {
  readonly type: 'pong';
  readonly id: RequestId;
  readonly protocol: number;
  readonly pid: number;
  readonly racketVersion: string;
  readonly vm: string;
  /** `(current-compile-target-machine)`; `null` for machine-independent compilation. */
  readonly targetMachine: string | null;
  readonly useCompiledFilePaths: readonly string[];
  /** `same` or a directory, as in `(current-compiled-file-roots)`. */
  readonly compiledFileRoots: readonly string[];
  readonly collectsDir: string;
}

export interface ResetDone {
  readonly type: 'reset-done';
  readonly id: RequestId;
}

export type SetCompileModeResult =
  | { readonly type: 'set-compile-mode-result'; readonly id: RequestId; readonly ok: true }
  | {
      readonly type: 'set-compile-mode-result';
      readonly id: RequestId;
      readonly ok: false;
      /** raco's text, e.g. `error loading compiler for mode "x": collection not found …`. */
      readonly message: string;
    };

export interface Bye {
  readonly type: 'bye';
  readonly id: RequestId;
}

export interface ProtocolErrorMessage {
  readonly type: 'protocol-error';
  readonly id: RequestId | null;
  readonly message: string;
}

export type ServerReply = CompileResult | RecompileResult | CompileZosResult | Pong | ResetDone | SetCompileModeResult | Bye;

export type ServerMessage = ServerReply | NeedMessage | ProtocolErrorMessage;

/** The reply type for each request type. */
export interface ReplyFor {
  readonly compile: CompileResult;
  readonly recompile: RecompileResult;
  readonly 'compile-zos': CompileZosResult;
  readonly ping: Pong;
  readonly reset: ResetDone;
  readonly 'set-compile-mode': SetCompileModeResult;
  readonly shutdown: Bye;
}

/** The `type` each request's reply must have. */
export const REPLY_TYPE: { readonly [K in ServerRequest['type']]: ReplyFor[K]['type'] } = {
  compile: 'compile-result',
  recompile: 'recompile-result',
  'compile-zos': 'compile-zos-result',
  ping: 'pong',
  reset: 'reset-done',
  'set-compile-mode': 'set-compile-mode-result',
  shutdown: 'bye',
};

const SERVER_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'compile-result',
  'recompile-result',
  'compile-zos-result',
  'pong',
  'reset-done',
  'set-compile-mode-result',
  'bye',
  'need',
  'protocol-error',
]);

/**
 * Parse one line from the server. Only the envelope is checked (an object with a known `type`);
 * the server is trusted for the rest.
 * @example parseServerMessage('{"type":"bye","id":3}') //=> { type: 'bye', id: 3 }
 */
export function parseServerMessage(line: string): ServerMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new TypeError(`Expected a JSON line from the compile server, got \`${line.slice(0, 200)}\``);
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !SERVER_MESSAGE_TYPES.has(String((value as { type?: unknown }).type))
  ) {
    throw new TypeError(`Expected a compile-server message with a known "type", got \`${line.slice(0, 200)}\``);
  }
  return value as ServerMessage;
}
