/**
 * The main thread's side of the workers: a tinypool of worker threads running `worker.ts`, and
 * one `MessageChannel` per task (protocol.ts).
 *
 * The caller decides what runs when (the scheduler): it never has more tasks in flight than
 * there are workers, so tinypool always has an idle thread for a new task and never queues.
 * Threads are started together when the pool is created and kept for the whole build
 * (`minThreads = maxThreads`), so each keeps its Racket warm. `useAtomics` is off: an idle
 * worker then sleeps in its event loop instead of in `Atomics.wait`, so it still notices its
 * Racket exiting. `teardown` stops each worker's Racket before its thread is terminated.
 *
 * A worker thread that dies (not its Racket, the thread) must not hang the build. tinypool
 * rejects the task when the thread throws, but not when it merely exits (`process.exit` in the
 * thread): then it keeps waiting for an answer that never comes. So we watch every thread's
 * `exit` event ourselves, find its task from the `threadId` in the task's `started` message, and
 * abort that task, which makes tinypool drop the dead thread and start a replacement. Either way
 * `run` resolves with a `worker-died` outcome.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { BRAND, isTaskResult, isWorkerMessage, type CompileTask, type MainMessage, type TaskResult, type WorkerMessage, type WorkerSettings } from './protocol.js';

export type TaskOutcome = TaskResult | { readonly type: 'worker-died'; readonly taskId: number; readonly error: Error };

export interface WorkerPoolOptions {
  readonly workerCount: number;
  /** Receives every message a task's worker sends; `reply` answers over the same task's channel. */
  readonly onMessage: (taskId: number, message: WorkerMessage, reply: (message: MainMessage) => void) => void;
  /** The worker entry, for tests. @default the built `worker.js` next to this module */
  readonly workerUrl?: URL;
}

/** How long `destroy` lets a worker stop its Racket before the thread is killed. */
const TERMINATE_TIMEOUT = 10_000;
/** How long after tinypool's reply the same result may take to arrive on the task's channel. */
const CHANNEL_RESULT_GRACE_MS = 2_000;

export class WorkerPool {
  readonly #pool: Tinypool;
  readonly #onMessage: WorkerPoolOptions['onMessage'];
  readonly #ports = new Map<number, MessagePort>();
  readonly #aborts = new Map<number, AbortController>();
  /** Task → the thread running it (from its `started` message). */
  readonly #threadOf = new Map<number, number>();
  readonly #watched = new WeakSet<object>();
  #destroying = false;

  constructor(options: WorkerPoolOptions) {
    this.#onMessage = options.onMessage;
    this.#pool = new Tinypool({
      filename: (options.workerUrl ?? new URL('./worker.js', import.meta.url)).href,
      minThreads: options.workerCount,
      maxThreads: options.workerCount,
      concurrentTasksPerWorker: 1,
      isolateWorkers: false,
      useAtomics: false,
      teardown: 'teardown',
      terminateTimeout: TERMINATE_TIMEOUT,
      // Preload flags (test runners, loaders) must not recurse into the workers.
      execArgv: [],
    });
    this.#watchThreads();
  }

  /** Subscribes to the `exit` of threads not watched yet (tinypool replaces dead ones). */
  #watchThreads(): void {
    for (const thread of this.#pool.threads) {
      if (this.#watched.has(thread)) continue;
      this.#watched.add(thread);
      const id = thread.threadId;
      thread.on('exit', () => this.#onThreadExit(id));
    }
  }

  #onThreadExit(threadId: number): void {
    if (this.#destroying) return;
    let matched = false;
    for (const [taskId, t] of this.#threadOf) {
      if (t !== threadId) continue;
      matched = true;
      this.#aborts.get(taskId)?.abort(new Error(`worker thread ${threadId} exited`));
    }
    if (matched) return;
    // The thread died before its task said it started: that task is one without a thread yet.
    for (const [taskId, controller] of this.#aborts) if (!this.#threadOf.has(taskId)) controller.abort(new Error(`worker thread ${threadId} exited`));
  }

  /** Runs one compile task; resolves (never rejects) when it ended, however it ended. */
  async run(taskId: number, path: string, settings: WorkerSettings): Promise<TaskOutcome> {
    const { port1, port2 } = new MessageChannel();
    this.#ports.set(taskId, port1);
    const reply = (message: MainMessage): void => port1.postMessage(message);
    // The worker posts its result on the task's channel too, after every event and unlock it
    // sent: tinypool's own reply travels on another channel and may overtake them.
    let fromChannel: (result: TaskResult) => void = () => {};
    const resultOnChannel = new Promise<TaskResult>((resolve) => {
      fromChannel = resolve;
    });
    port1.on('message', (message: unknown) => {
      if (isTaskResult(message)) {
        fromChannel(message);
        return;
      }
      if (!isWorkerMessage(message)) return;
      if (message.type === 'started') this.#threadOf.set(taskId, message.threadId);
      this.#onMessage(taskId, message, reply);
    });
    const task: CompileTask = { brand: BRAND, type: 'compile', taskId, path, settings, port: port2 };
    const abort = new AbortController();
    this.#aborts.set(taskId, abort);
    this.#watchThreads();
    try {
      const result: unknown = await this.#pool.run(task, { transferList: [port2], signal: abort.signal });
      if (!isTaskResult(result)) return { type: 'worker-died', taskId, error: new Error(`unexpected task result ${JSON.stringify(result)}`) };
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<TaskResult>((resolve) => {
        timer = setTimeout(() => resolve(result), CHANNEL_RESULT_GRACE_MS);
      });
      try {
        return await Promise.race([resultOnChannel, late]);
      } finally {
        clearTimeout(timer);
      }
    } catch (error) {
      const why: unknown = abort.signal.aborted ? abort.signal.reason : error;
      return { type: 'worker-died', taskId, error: why instanceof Error ? why : new Error(String(why)) };
    } finally {
      port1.close();
      this.#ports.delete(taskId);
      this.#aborts.delete(taskId);
      this.#threadOf.delete(taskId);
    }
  }

  async destroy(): Promise<void> {
    this.#destroying = true;
    for (const port of this.#ports.values()) port.close();
    await this.#pool.destroy();
  }
}
