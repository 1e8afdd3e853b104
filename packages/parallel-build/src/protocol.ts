/**
 * The main thread ↔ worker protocol of the parallel builder, in one place.
 *
 * A build hands each worker thread (tinypool, `worker.ts`) one `CompileTask` at a time. With
 * the task travels a fresh `MessagePort`; over it the worker sends what happens while it compiles
 * (`WorkerMessage`: it started, lock and unlock requests, compile events) and the main thread
 * answers lock requests (`MainMessage`). How the task ended (`TaskResult`) is both the task's
 * return value and the last message on the port: tinypool's reply travels on another channel
 * and could overtake the task's last events and unlocks. One port per task means the main
 * thread always knows which task (lock owner) a message is from, even after tinypool replaced a
 * dead thread.
 *
 * Every message carries `brand: BRAND`, so stray messages (tinypool's own, a future version's)
 * are recognised and ignored instead of misread. Errors cross the boundary flattened to plain
 * data (`SerializedError`) and are rebuilt on the main thread: structured clone keeps neither
 * the class nor custom fields such as `code` reliably.
 *
 * Fragile: both sides must be built from the same source; there is no version negotiation.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CompileEvent } from '@nx-raco/cm-core';

export const BRAND = 'nx-raco/parallel-build@1' as const;

/** What the worker needs to create its compilation manager; the same for every task of a build. */
export interface WorkerSettings {
  /** Identifies the build; a worker starts a fresh caching compiler when it changes. */
  readonly buildId: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly racket: string;
  /** Send the manager's trace lines back as output (raco make `--vv`). */
  readonly veryVerbose: boolean;
  /** cm-core's `compileMode` (raco setup `--mode`); absent in the normal mode. */
  readonly compileMode?: string;
}

export interface CompileTask {
  readonly brand: typeof BRAND;
  readonly type: 'compile';
  readonly taskId: number;
  /** Absolute source path. */
  readonly path: string;
  readonly settings: WorkerSettings;
  /** The worker's end of this task's channel (transferred). */
  readonly port: MessagePort;
}

/** An `Error` as plain data. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  /** The module the error is about (cm-core errors carry one). */
  readonly path?: string;
  readonly exitCode?: number | null;
}

export type TaskResult =
  | {
      readonly brand: typeof BRAND;
      readonly type: 'task-done';
      readonly taskId: number;
      readonly worker: number;
      readonly stdout: string;
      readonly stderr: string;
    }
  | {
      readonly brand: typeof BRAND;
      readonly type: 'task-failed';
      readonly taskId: number;
      readonly worker: number;
      /** Racket died (a crash, a kill, `exit` in compile-time code): the worker replaced it. */
      readonly fatal: boolean;
      readonly error: SerializedError;
      readonly stdout: string;
      readonly stderr: string;
    };

/** Worker → main, over the task's port. */
export type WorkerMessage =
  | {
      readonly brand: typeof BRAND;
      readonly type: 'started';
      readonly worker: number;
      /** The worker thread's `threadId`, to tell which task a thread that exits was running. */
      readonly threadId: number;
    }
  | {
      readonly brand: typeof BRAND;
      readonly type: 'lock';
      readonly requestId: number;
      /** The lock key: the module's first-root `.zo` path. */
      readonly key: string;
      /** The module's source path, when the worker knows it (from the preceding `locking` event). */
      readonly path: string | undefined;
    }
  | { readonly brand: typeof BRAND; readonly type: 'unlock'; readonly key: string }
  | {
      readonly brand: typeof BRAND;
      readonly type: 'event';
      readonly event: CompileEvent;
      /** High-resolution wall-clock time of the event, in milliseconds since the epoch. */
      readonly at: number;
    };

/** The answers a lock request can get; see `LockClient` in cm-core. */
export type LockAnswer = 'locked' | 'done' | 'recheck';

/** Main → worker, over the task's port. */
export type MainMessage =
  | { readonly brand: typeof BRAND; readonly type: 'lock-granted'; readonly requestId: number; readonly answer: LockAnswer }
  | { readonly brand: typeof BRAND; readonly type: 'lock-refused'; readonly requestId: number; readonly error: SerializedError };

const WORKER_TYPES = new Set<string>(['started', 'lock', 'unlock', 'event']);
const MAIN_TYPES = new Set<string>(['lock-granted', 'lock-refused']);
const RESULT_TYPES = new Set<string>(['task-done', 'task-failed']);

function hasBrand(value: unknown, types: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { brand?: unknown; type?: unknown };
  return v.brand === BRAND && typeof v.type === 'string' && types.has(v.type);
}

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return hasBrand(value, WORKER_TYPES);
}

export function isMainMessage(value: unknown): value is MainMessage {
  return hasBrand(value, MAIN_TYPES);
}

export function isTaskResult(value: unknown): value is TaskResult {
  return hasBrand(value, RESULT_TYPES);
}

export function isCompileTask(value: unknown): value is CompileTask {
  return hasBrand(value, new Set(['compile']));
}

/**
 * Flattens anything thrown into plain data that survives `postMessage`.
 * @example serializeError(Object.assign(new Error('boom'), { code: 'X' })) //=> { name: 'Error', message: 'boom', stack: '…', code: 'X' }
 */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const e = error as Error & { code?: unknown; path?: unknown; exitCode?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(e.stack === undefined ? {} : { stack: e.stack }),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.path === 'string' ? { path: e.path } : {}),
    ...(typeof e.exitCode === 'number' || e.exitCode === null ? { exitCode: e.exitCode } : {}),
  };
}

/** An error rebuilt on the receiving side: same name, message, stack and fields. */
export class RemoteError extends Error {
  readonly code: string | undefined;
  readonly path: string | undefined;
  readonly exitCode: number | null | undefined;
  constructor(data: SerializedError) {
    super(data.message);
    this.name = data.name;
    this.code = data.code;
    this.path = data.path;
    this.exitCode = data.exitCode;
    if (data.stack !== undefined) this.stack = data.stack;
  }
}

/** `serializeError`'s inverse. */
export function deserializeError(data: SerializedError): RemoteError {
  return new RemoteError(data);
}
