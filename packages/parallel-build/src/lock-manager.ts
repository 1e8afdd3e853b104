/**
 * The build's lock manager (raco's `lock-manager%`, racket-notes §4.4), on the main thread.
 *
 * Workers ask for a module's lock (keyed by its first-root `.zo` path) before building it:
 *
 * | key state in this build             | answer                                                    |
 * |-------------------------------------|-----------------------------------------------------------|
 * | unknown                             | `locked` (the asker builds), after the cross-process lock |
 * | held by another task, no cycle      | wait; when it is unlocked: `done` (CM logs already-done)  |
 * | held, and the holder waits (through | refuse with `LockCycleError` (raco: `dependency cycle`)   |
 * |   other holders) for the asker      |                                                           |
 * | done                                | `done`                                                    |
 * | its module made Racket exit         | refuse with `CrashedDependencyError` (not loaded again)   |
 *
 * A key unlocked once is done for the whole build. Owners are tasks (one per worker at a time);
 * when a task ends — normally, or because its worker thread died — everything it still holds is
 * released and its waiters get `done` (their own build then fails naturally or proceeds), so a
 * dead worker never leaves others waiting (raco's places hang there, §4.5).
 *
 * Cross-process: the first locker in this build also takes the lock file (`file-lock.ts`). If
 * another live process holds it, the asker keeps the in-build lock (so our other workers queue
 * behind it) and polls every `pollMs`; once the file lock is ours the answer is `recheck`: CM
 * looks at the module again and builds it only if the other process did not.
 *
 * Fragile: a cycle that spans processes (this build waits on a lock file while the other
 * process waits on ours) is not detected; it needs modules that require each other, which Racket
 * rejects anyway, but the two builds then wait for each other.
 */
import type { LockAnswer } from './protocol.js';
import { CrashedDependencyError, LockCycleError } from './errors.js';
import type { FileLocks } from './file-lock.js';

/** How often a lock file held by another process is looked at again. */
export const FOREIGN_LOCK_POLL_MS = 50;

export type LockOwner = number;

interface Waiter {
  readonly owner: LockOwner;
  readonly resolve: (answer: LockAnswer) => void;
}

type KeyState =
  | { readonly kind: 'held'; readonly owner: LockOwner; readonly path: string | undefined; readonly waiters: Waiter[] }
  | { readonly kind: 'done'; readonly path: string | undefined };

export interface LockManagerOptions {
  /** Cross-process locks; `undefined` for in-process locking only. @default undefined */
  readonly fileLocks?: FileLocks;
  /** @default FOREIGN_LOCK_POLL_MS */
  readonly pollMs?: number;
  /** Called when an owner starts waiting for a lock file held by another process. @default none */
  readonly onForeignWait?: (owner: LockOwner, key: string, path: string | undefined) => void;
}

export type LockStatus = 'held' | 'done' | undefined;

export class LockManager {
  readonly #states = new Map<string, KeyState>();
  /** Owner → the key it waits for (in this build). */
  readonly #waitingFor = new Map<LockOwner, string>();
  readonly #keyOfPath = new Map<string, string>();
  readonly #crashed = new Set<string>();
  readonly #polls = new Map<LockOwner, { timer: NodeJS.Timeout | undefined; resolve: (a: LockAnswer) => void }>();
  readonly #fileLocks: FileLocks | undefined;
  readonly #pollMs: number;
  readonly #onForeignWait: LockManagerOptions['onForeignWait'];

  constructor(options: LockManagerOptions = {}) {
    this.#fileLocks = options.fileLocks;
    this.#pollMs = options.pollMs ?? FOREIGN_LOCK_POLL_MS;
    this.#onForeignWait = options.onForeignWait;
  }

  /**
   * `owner` asks for `key` (the module at `path`, when known).
   * @example await manager.lock(1, '/p/compiled/a_rkt.zo', '/p/a.rkt') //=> 'locked'
   */
  lock(owner: LockOwner, key: string, path?: string): Promise<LockAnswer> {
    if (path !== undefined) this.#keyOfPath.set(path, key);
    const state = this.#states.get(key);
    const modulePath = path ?? state?.path;
    if (modulePath !== undefined && this.#crashed.has(modulePath)) return Promise.reject(new CrashedDependencyError(modulePath));
    if (state?.kind === 'done') return Promise.resolve('done');
    if (state?.kind === 'held') {
      const cycle = this.#findCycle(owner, key);
      if (cycle !== undefined) return Promise.reject(new LockCycleError(cycle));
      return new Promise((resolve) => {
        state.waiters.push({ owner, resolve });
        this.#waitingFor.set(owner, key);
      });
    }
    this.#states.set(key, { kind: 'held', owner, path, waiters: [] });
    return this.#takeFileLock(owner, key, path);
  }

  /** `owner` built (or failed to build) `key`; it is done for the rest of the build. */
  unlock(owner: LockOwner, key: string): void {
    const state = this.#states.get(key);
    if (state?.kind !== 'held' || state.owner !== owner) return;
    this.#fileLocks?.release(key);
    this.#states.set(key, { kind: 'done', path: state.path });
    for (const waiter of state.waiters) {
      this.#waitingFor.delete(waiter.owner);
      waiter.resolve('done');
    }
  }

  /** `owner` (a task) ended: release what it holds and forget what it waited for. */
  releaseOwner(owner: LockOwner): void {
    const waited = this.#waitingFor.get(owner);
    if (waited !== undefined) {
      const state = this.#states.get(waited);
      if (state?.kind === 'held') {
        const i = state.waiters.findIndex((w) => w.owner === owner);
        if (i >= 0) state.waiters.splice(i, 1)[0]!.resolve('done');
      }
      this.#waitingFor.delete(owner);
    }
    this.#cancelPoll(owner);
    for (const [key, state] of this.#states) if (state.kind === 'held' && state.owner === owner) this.unlock(owner, key);
  }

  /** The module at `path` made Racket exit: refuse its lock from now on. */
  markCrashed(path: string): void {
    this.#crashed.add(path);
  }

  /** Whether the module at `path` is being built (`held`) or was built (`done`) in this build. */
  statusOf(path: string): LockStatus {
    const key = this.#keyOfPath.get(path);
    return key === undefined ? undefined : this.#states.get(key)?.kind;
  }

  /** Stops polling and releases every lock file (the build is over). */
  dispose(): void {
    for (const owner of [...this.#polls.keys()]) this.#cancelPoll(owner);
    this.#fileLocks?.releaseAll();
  }

  /** The keys from `owner`'s request around the wait-for graph back to `owner`, if it closes a cycle. */
  #findCycle(owner: LockOwner, key: string): string[] | undefined {
    const chain: string[] = [];
    const seen = new Set<LockOwner>();
    let currentKey: string | undefined = key;
    while (currentKey !== undefined) {
      const state = this.#states.get(currentKey);
      if (state?.kind !== 'held') return undefined;
      chain.push(state.path ?? currentKey);
      if (state.owner === owner) return chain;
      if (seen.has(state.owner)) return undefined;
      seen.add(state.owner);
      currentKey = this.#waitingFor.get(state.owner);
    }
    return undefined;
  }

  #takeFileLock(owner: LockOwner, key: string, path: string | undefined): Promise<LockAnswer> {
    const files = this.#fileLocks;
    if (files === undefined) return Promise.resolve('locked');
    const first = files.tryAcquire(key);
    if (first.kind !== 'busy') return Promise.resolve('locked');
    this.#onForeignWait?.(owner, key, path);
    return new Promise((resolve) => {
      const poll = { timer: undefined as NodeJS.Timeout | undefined, resolve };
      const again = (): void => {
        const r = files.tryAcquire(key);
        if (r.kind === 'busy') {
          poll.timer = setTimeout(again, this.#pollMs);
          return;
        }
        this.#polls.delete(owner);
        resolve(r.kind === 'acquired' ? 'recheck' : 'locked');
      };
      poll.timer = setTimeout(again, this.#pollMs);
      this.#polls.set(owner, poll);
    });
  }

  #cancelPoll(owner: LockOwner): void {
    const poll = this.#polls.get(owner);
    if (poll === undefined) return;
    clearTimeout(poll.timer);
    this.#polls.delete(owner);
    // Nobody waits for this answer any more (the task ended); settle it anyway.
    poll.resolve('done');
  }
}
