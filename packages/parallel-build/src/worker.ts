/**
 * The worker-thread entry of the parallel builder (a separate build entry, loaded by tinypool
 * from `new URL('./worker.js', import.meta.url)`).
 *
 * A worker owns one compilation manager — hence one long-lived Racket compile server — for its
 * lifetime, and one caching compiler per build (raco's `make-caching-managed-compile-zo` per
 * worker: a module checked once is not checked again by this worker). A task is "make this file
 * up to date"; everything it needs from the rest of the build goes over the task's port
 * (protocol.ts): lock requests wait for the main thread's answer, events are forwarded as they
 * happen, and what compile-time code prints is collected and returned with the result.
 *
 * If Racket dies (a crash, a kill, `exit` in compile-time code) or stops following the
 * protocol, the manager is dead for good: the task reports `fatal` naming the module Racket was
 * compiling, and the next task gets a fresh manager. The worker itself never waits for anything
 * but Racket and lock answers, and a closed port rejects pending lock requests, so it cannot hang
 * on a main thread that went away.
 *
 * Fragile: one task at a time per worker (`concurrentTasksPerWorker: 1`); the manager's
 * callbacks go to the current task's session, so two tasks at once would mix their messages.
 */
import { performance } from 'node:perf_hooks';
import { threadId, type MessagePort } from 'node:worker_threads';
import { createCompilationManager, type CompilationManager, type CompileEvent } from '@nx-raco/cm-core';
import {
  BRAND,
  isCompileTask,
  isMainMessage,
  serializeError,
  type MainMessage,
  type TaskResult,
  type WorkerMessage,
  type WorkerSettings,
} from './protocol.js';

type Answer = boolean | 'recheck';

/** One task's link to the main thread. */
class TaskSession {
  readonly #port: MessagePort;
  readonly #pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  #nextRequest = 1;
  #closed = false;
  /** The path of the latest `locking` event: CM emits it just before asking for that lock. */
  #lockingPath: string | undefined;
  stdout = '';
  stderr = '';

  constructor(port: MessagePort) {
    this.#port = port;
    port.on('message', (message: unknown) => this.#onMessage(message));
    port.on('close', () => this.close());
  }

  post(message: WorkerMessage | TaskResult): void {
    if (!this.#closed) this.#port.postMessage(message);
  }

  /** Sends the result over the channel (after everything else sent on it) and stops listening. */
  finish(result: TaskResult): TaskResult {
    this.post(result);
    this.close();
    return result;
  }

  onEvent(event: CompileEvent): void {
    if (event.type === 'locking') this.#lockingPath = event.path;
    this.post({ brand: BRAND, type: 'event', event, at: performance.timeOrigin + performance.now() });
  }

  lock(key: string): Promise<Answer> {
    if (this.#closed) return Promise.reject(new Error('[@nx-raco/parallel-build] the build ended while this module waited for a lock.'));
    const requestId = this.#nextRequest++;
    const path = this.#lockingPath;
    this.#lockingPath = undefined;
    return new Promise((resolve, reject) => {
      this.#pending.set(requestId, { resolve, reject });
      this.post({ brand: BRAND, type: 'lock', requestId, key, path });
    });
  }

  unlock(key: string): void {
    this.post({ brand: BRAND, type: 'unlock', key });
  }

  /**
   * Stops using the channel. The main thread closes it once it has the result; closing it here
   * could drop the messages still on their way.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const error = new Error('[@nx-raco/parallel-build] the build ended while this module waited for a lock.');
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
    this.#port.removeAllListeners('message');
    this.#port.unref();
  }

  #onMessage(message: unknown): void {
    if (!isMainMessage(message)) return;
    const pending = this.#pending.get(message.requestId);
    if (pending === undefined) return;
    this.#pending.delete(message.requestId);
    answer(pending, message);
  }
}

function answer(pending: { resolve: (a: Answer) => void; reject: (e: Error) => void }, message: MainMessage): void {
  switch (message.type) {
    case 'lock-granted':
      pending.resolve(message.answer === 'locked' ? true : message.answer === 'done' ? false : 'recheck');
      return;
    case 'lock-refused': {
      const error = Object.assign(new Error(message.error.message), { code: message.error.code });
      error.name = message.error.name;
      pending.reject(error);
      return;
    }
    default:
      message satisfies never;
  }
}

type ManagerSlot = { readonly settings: WorkerSettings; readonly cm: CompilationManager; readonly compile: (file: string) => Promise<void> };

/** The task being run, and this worker's manager (replaced when its Racket died). */
let session: TaskSession | undefined;
let current: ManagerSlot | undefined;

/** tinypool numbers its workers from 1; raco's are numbered from 0. */
function workerIndex(): number {
  const state = (process as { __tinypool_state__?: { workerId?: number } }).__tinypool_state__;
  return (state?.workerId ?? 1) - 1;
}

function sameSettings(a: WorkerSettings, b: WorkerSettings): boolean {
  return (
    a.cwd === b.cwd &&
    a.racket === b.racket &&
    a.veryVerbose === b.veryVerbose &&
    a.compileMode === b.compileMode &&
    JSON.stringify(a.env) === JSON.stringify(b.env)
  );
}

function createManager(settings: WorkerSettings, worker: number): ManagerSlot {
  const cm = createCompilationManager({
    cwd: settings.cwd,
    env: settings.env,
    racket: settings.racket,
    ...(settings.compileMode === undefined ? {} : { compileMode: settings.compileMode }),
    worker,
    onEvent: (event) => session?.onEvent(event),
    onOutput: (_path, stdout, stderr) => {
      if (session === undefined) return;
      session.stdout += stdout;
      session.stderr += stderr;
    },
    ...(settings.veryVerbose
      ? {
          onTrace: (line: string) => {
            if (session !== undefined) session.stdout += `  ${line}\n`;
          },
        }
      : {}),
    lockClient: {
      lock: (key) => session?.lock(key) ?? Promise.resolve(true),
      unlock: (key) => session?.unlock(key),
    },
  });
  return { settings, cm, compile: cm.makeCachingManagedCompileZo() };
}

async function managerFor(settings: WorkerSettings, worker: number): Promise<ManagerSlot> {
  if (current !== undefined && current.settings.buildId === settings.buildId) return current;
  if (current !== undefined && sameSettings(current.settings, settings)) {
    current = { settings, cm: current.cm, compile: current.cm.makeCachingManagedCompileZo() };
    return current;
  }
  const old = current;
  current = undefined;
  await old?.cm.close();
  current = createManager(settings, worker);
  return current;
}

/** Errors after which the manager's Racket is gone (`RKT_SERVER_*` from cm-core). */
function isFatal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('RKT_SERVER_');
}

/** The tinypool task: make one file up to date. */
export default async function compileTask(task: unknown): Promise<TaskResult> {
  if (!isCompileTask(task)) throw new TypeError(`[@nx-raco/parallel-build] worker: expected a compile task, got ${typeof task}`);
  const worker = workerIndex();
  const own = new TaskSession(task.port);
  session = own;
  own.post({ brand: BRAND, type: 'started', worker, threadId });
  try {
    const m = await managerFor(task.settings, worker);
    await m.compile(task.path);
    return own.finish({ brand: BRAND, type: 'task-done', taskId: task.taskId, worker, stdout: own.stdout, stderr: own.stderr });
  } catch (error) {
    const fatal = isFatal(error);
    if (fatal) {
      const dead = current;
      current = undefined;
      await dead?.cm.close().catch(() => {});
    }
    return own.finish({
      brand: BRAND,
      type: 'task-failed',
      taskId: task.taskId,
      worker,
      fatal,
      error: serializeError(error),
      stdout: own.stdout,
      stderr: own.stderr,
    });
  } finally {
    own.close();
    if (session === own) session = undefined;
  }
}

/** tinypool's `teardown`: stop Racket before the thread is terminated. */
export async function teardown(): Promise<void> {
  const m = current;
  current = undefined;
  await m?.cm.close();
}
