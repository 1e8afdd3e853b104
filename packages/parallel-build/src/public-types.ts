/**
 * The public types of @nx-raco/parallel-build. Adding to this file is a maintenance commitment:
 * every name here is part of the package's API (see the seeds `parallel-build-api*.txt`).
 */
import type { CompileEvent } from '@nx-raco/cm-core';

/**
 * What `handler` is told (raco's handler types, seed parallel-build-api.txt):
 * - `start`: a worker started on the file;
 * - `done`: the file is up to date, nothing was printed;
 * - `output`: the file is up to date, and compiling printed something (in `stdout`/`stderr`);
 * - `error`: compiling failed (`message` is raco's text);
 * - `fatal-error`: Racket died compiling it (a crash, a kill, `exit` in compile-time code) or
 *   the worker thread died; `message` names the module.
 */
export type HandlerType = 'start' | 'done' | 'output' | 'error' | 'fatal-error';

/**
 * `(handler worker-id handler-type path msg out err)`. `path` is the file as given for the
 * files passed in, the absolute path for modules the scheduler added.
 */
export type ParallelCompileHandler = (
  workerId: number,
  type: HandlerType,
  path: string,
  message: string,
  stdout: string,
  stderr: string,
) => void;

/** `(struct parallel-compile-event (worker event) #:prefab)`: a compile event and its worker. */
export interface ParallelCompileEvent {
  readonly worker: number;
  readonly event: CompileEvent;
}

/** Where a build is, for progress displays. */
export interface BuildProgress {
  /** Modules the build will look at (grows as modules are discovered). */
  readonly total: number;
  /** Modules finished, successfully or not. */
  readonly finished: number;
  readonly failed: number;
  /** What each busy worker is doing, by worker id. */
  readonly active: readonly { readonly worker: number; readonly path: string }[];
}

export interface ParallelCompileFilesOptions {
  /** Number of worker threads (each with its own Racket). @default os.availableParallelism() */
  readonly workerCount?: number;
  /** Called for each status update (see `HandlerType`). @default does nothing */
  readonly handler?: ParallelCompileHandler;
  /** Relative file names, and Racket's error locations, are relative to it. @default process.cwd() */
  readonly cwd?: string;
  /** Environment for Racket and for collection lookup. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Racket executable. @default 'racket' */
  readonly racket?: string;
  /** Every compile event of every worker (`parallel-compile-event`). @default none */
  readonly onEvent?: (event: ParallelCompileEvent) => void;
  /** Called whenever the progress changes. @default none */
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Write a Chrome trace-event JSON file here (one track per worker; opens in Perfetto). @default none */
  readonly traceFile?: string;
  /** Include the compilation manager's trace lines in each file's output (raco make `--vv`). @default false */
  readonly veryVerbose?: boolean;
  /**
   * Also lock modules against other processes (lock files next to the `.zo`), so concurrent
   * builds of overlapping trees compile each module once. @default true
   */
  readonly crossProcessLocks?: boolean;
  /**
   * raco setup `--mode M`: compile with `(lib "zo-compile.rkt" M)` (e.g. `'errortrace'`) into
   * `compiled/M/`; installation modules are not compiled in the mode (cm-core's `compileMode`).
   * A mode whose compiler cannot be loaded fails each module with cm-core's `CompileModeError` text.
   * @default none (the normal mode)
   * @experimental
   */
  readonly compileMode?: string;
}

/** A collection to compile (raco setup's `cc` struct, reduced to what the parallel build uses). */
export interface CollectionInfo {
  /** Printed in progress lines, e.g. `srfi/1`. */
  readonly name: string;
  /** The collection's directory. */
  readonly path: string;
}

/** One node of `collectsTree`: a collection, its source files (relative to `cc.path`), its sub-collections. */
export interface CollectsTreeNode {
  readonly cc: CollectionInfo;
  readonly sources: readonly string[];
  readonly children: readonly CollectsTreeNode[];
}

/** `setup-fprintf`: `(port task format arg ...)`; `task` is e.g. `"1 making"`, or `null`. */
export type SetupFprintf = (port: NodeJS.WritableStream, task: string | null, format: string, ...args: unknown[]) => void;

/**
 * `append-error`: `(cc prefix exn out err message)`; `error` is `[long, short]` (the message
 * with and without context), or `null`.
 */
export type AppendError = (
  cc: CollectionInfo,
  prefix: string,
  error: readonly [long: string, short: string] | null,
  stdout: string,
  stderr: string,
  message: string,
) => void;
