/**
 * One parallel build, as a small state machine on the main thread (raco's `parallel-do` event
 * loop, racket-notes §4.1, with a scheduler in place of its job queue).
 *
 * `running`: while a worker is free and the scheduler has a ready module that no worker is
 * building right now, hand it out; every message and result goes through `onMessage` /
 * `#onOutcome`, which update the lock manager, the scheduler and the caller, then look for
 * more work. `draining`: a callback threw, so nothing new starts; the tasks in flight finish.
 * `finished`: every task ended; the pool, locks and Racket are shut down by the caller.
 *
 * Modules first seen in a lock request (dependencies only expansion revealed) join the graph
 * with what they reach, so their own dependencies become tasks for idle workers.
 *
 * Failure handling: a failed module is finished (its dependents still run and fail naturally
 * or pass); a module that made Racket exit is refused to everyone after (`markCrashed`); a dead
 * worker thread's locks are released with its task. None of these stop the build.
 */
import { performance } from 'node:perf_hooks';
import type { TraceRecorder } from './chrome-trace.js';
import { ParallelBuildBug, WorkerExitedError } from './errors.js';
import type { LockManager } from './lock-manager.js';
import type { ModuleGraph } from './module-graph.js';
import type { NormalizedOptions } from './normalize-options.js';
import { BRAND, deserializeError, serializeError, type MainMessage, type WorkerMessage, type WorkerSettings } from './protocol.js';
import type { BuildProgress, HandlerType } from './public-types.js';
import type { Scheduler } from './scheduler.js';
import type { TaskOutcome, WorkerPool } from './worker-pool.js';

export type BuildState = 'running' | 'draining' | 'finished';

interface Task {
  readonly id: number;
  readonly path: string;
  readonly display: string;
  worker: number | undefined;
}

export interface BuildRunParts {
  readonly options: NormalizedOptions;
  readonly settings: WorkerSettings;
  readonly graph: ModuleGraph;
  readonly scheduler: Scheduler;
  readonly locks: LockManager;
  readonly pool: WorkerPool;
  readonly trace: TraceRecorder | undefined;
  /** How each path given by the caller is shown (as given). */
  readonly displayNames: ReadonlyMap<string, string>;
}

export class BuildRun {
  #state: BuildState = 'running';
  #nextTaskId = 1;
  #failed = 0;
  #callbackError: unknown;
  readonly #tasks = new Map<number, Task>();
  readonly #parts: BuildRunParts;
  #settle: (ok: boolean) => void = () => {};

  constructor(parts: BuildRunParts) {
    this.#parts = parts;
  }

  get state(): BuildState {
    return this.#state;
  }

  /** Runs the build; resolves to whether every module succeeded. Rethrows a callback's error. */
  async run(): Promise<boolean> {
    const done = new Promise<boolean>((resolve) => {
      this.#settle = resolve;
    });
    this.#pump();
    const ok = await done;
    if (this.#callbackError !== undefined) throw this.#callbackError;
    return ok;
  }

  /** Calls back into user code; an exception stops new work and is rethrown at the end. */
  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#callbackError ??= error;
      if (this.#state === 'running') this.#state = 'draining';
    }
  }

  #handle(worker: number, type: HandlerType, path: string, message: string, stdout: string, stderr: string): void {
    this.#call(() => this.#parts.options.handler(worker, type, path, message, stdout, stderr));
  }

  #progress(): void {
    const onProgress = this.#parts.options.onProgress;
    if (onProgress === undefined) return;
    const s = this.#parts.scheduler;
    const active: { worker: number; path: string }[] = [];
    for (const t of this.#tasks.values()) if (t.worker !== undefined) active.push({ worker: t.worker, path: t.display });
    const progress: BuildProgress = { total: s.total, finished: s.finished, failed: this.#failed, active };
    this.#call(() => onProgress(progress));
  }

  #pump(): void {
    const { scheduler, locks, options } = this.#parts;
    while (this.#state === 'running' && this.#tasks.size < options.workerCount) {
      // A module some worker is building now would only wait for it: leave it for later.
      const next = scheduler.next((p) => locks.statusOf(p) === 'held') ?? (this.#tasks.size === 0 ? scheduler.next() : undefined);
      if (next === undefined) break;
      this.#dispatch(next);
    }
    if (this.#state === 'running' && this.#tasks.size === 0 && scheduler.hasPending) {
      this.#callbackError ??= new ParallelBuildBug('modules are left but none is ready');
      this.#state = 'draining';
    }
    if (this.#tasks.size === 0 && (this.#state !== 'running' || !scheduler.hasPending)) {
      this.#state = 'finished';
      this.#settle(this.#failed === 0);
    }
  }

  #dispatch(path: string): void {
    const { scheduler, pool, settings, displayNames } = this.#parts;
    scheduler.start(path);
    const task: Task = { id: this.#nextTaskId++, path, display: displayNames.get(path) ?? path, worker: undefined };
    this.#tasks.set(task.id, task);
    void pool.run(task.id, path, settings).then((outcome) => this.#onOutcome(task, outcome));
  }

  /** Messages from a task's worker, in the order it sent them. */
  onMessage(taskId: number, message: WorkerMessage, reply: (message: MainMessage) => void): void {
    const task = this.#tasks.get(taskId);
    if (task === undefined) return;
    const { locks, options, trace } = this.#parts;
    switch (message.type) {
      case 'started':
        task.worker = message.worker;
        this.#handle(message.worker, 'start', task.display, '', '', '');
        this.#progress();
        return;
      case 'lock':
        if (message.path !== undefined) this.#discover(message.path);
        locks.lock(taskId, message.key, message.path).then(
          (answer) => reply({ brand: BRAND, type: 'lock-granted', requestId: message.requestId, answer }),
          (error: unknown) => reply({ brand: BRAND, type: 'lock-refused', requestId: message.requestId, error: serializeError(error) }),
        );
        return;
      case 'unlock':
        locks.unlock(taskId, message.key);
        this.#pump();
        return;
      case 'event': {
        const worker = message.event.worker ?? task.worker ?? -1;
        trace?.record(worker, message.event, message.at);
        const onEvent = options.onEvent;
        if (onEvent !== undefined) this.#call(() => onEvent({ worker, event: message.event }));
        return;
      }
      default:
        message satisfies never;
    }
  }

  /** A module first seen in a lock request joins the graph (and the tasks), with what it reaches. */
  #discover(path: string): void {
    const { graph, scheduler } = this.#parts;
    if (scheduler.isTracked(path)) return;
    const added = graph.add(path);
    if (added.length === 0) return; // not a module we build (e.g. its source is gone)
    scheduler.track(added);
    this.#progress();
  }

  #onOutcome(task: Task, outcome: TaskOutcome): void {
    const { locks, scheduler, trace } = this.#parts;
    this.#tasks.delete(task.id);
    locks.releaseOwner(task.id);
    scheduler.finish(task.path);
    const worker = task.worker ?? (outcome.type === 'worker-died' ? -1 : outcome.worker);
    trace?.closeWorker(worker, performance.timeOrigin + performance.now());
    switch (outcome.type) {
      case 'task-done':
        if (outcome.stdout !== '' || outcome.stderr !== '') this.#handle(worker, 'output', task.display, '', outcome.stdout, outcome.stderr);
        else this.#handle(worker, 'done', task.display, '', '', '');
        break;
      case 'task-failed': {
        this.#failed += 1;
        const error = deserializeError(outcome.error);
        if (outcome.fatal) {
          locks.markCrashed(error.path ?? task.path);
          this.#handle(worker, 'fatal-error', task.display, error.message, outcome.stdout, outcome.stderr);
        } else {
          this.#handle(worker, 'error', task.display, error.message, outcome.stdout, outcome.stderr);
        }
        break;
      }
      case 'worker-died':
        this.#failed += 1;
        this.#handle(worker, 'fatal-error', task.display, new WorkerExitedError(task.path, { cause: outcome.error }).message, '', '');
        break;
      default:
        outcome satisfies never;
    }
    this.#progress();
    this.#pump();
  }
}
