/**
 * Cross-process module locks: a lock file next to the module's first-root `.zo`, so that two
 * `nx-raco` processes (two terminals, two Nx tasks) building overlapping trees never compile the
 * same module at once.
 *
 * On-disk format: `<zo>.nxraco-lock`, one JSON object
 *
 *     { "format": 1, "pid": 1234, "hostname": "box", "startTime": "98765", "createdAt": 1700000000000 }
 *
 * `startTime` is the owner's start time as the kernel reports it (`/proc/<pid>/stat` field 22 on
 * Linux, `null` elsewhere); with the pid it tells a live owner from a dead one whose pid was
 * reused. A lock is created atomically *with* its contents (written to a private temporary file,
 * then hard-linked to the lock name, which fails if it exists), so nobody ever sees an empty lock.
 *
 * A lock is stale when its owner is on this host and dead (`kill(pid, 0)` → ESRCH) or is another
 * process with the same pid. A stale lock is taken over by renaming it aside (atomic: of several
 * processes racing, one wins the rename), checking that what was renamed is still the stale lock,
 * and deleting it. A lock from another host is never judged (we cannot see its processes).
 *
 * Fragile: if a process renamed a *fresh* lock aside (it replaced the stale one between our read
 * and our rename) we link it back; another process creating a lock in that instant would then
 * also believe it holds the lock. File systems without hard links fall back to `O_EXCL` creation
 * (a crash between create and write leaves an empty lock, judged stale after
 * `UNREADABLE_LOCK_STALE_MS`). We only ever delete our own lock and temporary files.
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { dirname } from 'node:path';
import { installExitCleanup } from './exit-cleanup.js';
import { isProcessAlive, parseLockOwner, readProcessStartTime, type LockFileOwner } from './lock-owner.js';

export type { LockFileOwner };

export const LOCK_SUFFIX = '.nxraco-lock';
/** A lock file that cannot be read this long after it was written is treated as stale. */
export const UNREADABLE_LOCK_STALE_MS = 10_000;

export type TryLockResult =
  | { readonly kind: 'acquired'; readonly tookOverFrom: LockFileOwner | undefined }
  | { readonly kind: 'busy'; readonly owner: LockFileOwner | undefined }
  /** No lock file can be made there (read-only directory, …); build without one. */
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface FileLockOptions {
  /** Our pid. @default process.pid */
  readonly pid?: number;
  /** @default os.hostname() */
  readonly hostname?: string;
  /** Whether a pid on this host is alive. @default kill(pid, 0) */
  readonly isAlive?: (pid: number) => boolean;
  /** A process's start time, `null` when unknown. @default /proc/<pid>/stat on Linux */
  readonly startTimeOf?: (pid: number) => string | null;
  /** @default Date.now */
  readonly now?: () => number;
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

let tempCounter = 0;

/**
 * Locks held by any `FileLocks` of this process, as `pid\0key` (two builds may run in one
 * process; a lock file with our pid is a leftover only if no build of ours holds it).
 */
const heldInProcess = new Set<string>();

/** The lock files one build holds. */
export class FileLocks {
  readonly #pid: number;
  readonly #hostname: string;
  readonly #isAlive: (pid: number) => boolean;
  readonly #startTimeOf: (pid: number) => string | null;
  readonly #now: () => number;
  readonly #myStartTime: string | null;
  readonly #held = new Set<string>();
  #uninstall: (() => void) | undefined;

  constructor(options: FileLockOptions = {}) {
    this.#pid = options.pid ?? process.pid;
    this.#hostname = options.hostname ?? osHostname();
    this.#isAlive = options.isAlive ?? isProcessAlive;
    this.#startTimeOf = options.startTimeOf ?? readProcessStartTime;
    this.#now = options.now ?? Date.now;
    this.#myStartTime = this.#startTimeOf(this.#pid);
    this.#uninstall = installExitCleanup(() => this.releaseAll());
  }

  /** Keys whose lock files we hold. */
  get held(): ReadonlySet<string> {
    return this.#held;
  }

  static lockPathFor(key: string): string {
    return `${key}${LOCK_SUFFIX}`;
  }

  /** Takes the lock for `key` if nobody (alive) holds it. Never waits. */
  tryAcquire(key: string): TryLockResult {
    const lockPath = FileLocks.lockPathFor(key);
    let tookOverFrom: LockFileOwner | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const created = this.#create(lockPath);
      if (created === 'created') {
        this.#held.add(key);
        heldInProcess.add(`${this.#pid}\0${key}`);
        return { kind: 'acquired', tookOverFrom };
      }
      if (created !== 'exists') return { kind: 'unavailable', reason: created.reason };
      const existing = this.#readLock(lockPath);
      if (existing === 'gone') continue;
      if (!this.#isStale(existing, key)) return { kind: 'busy', owner: existing.owner };
      if (!this.#removeStale(lockPath, existing.text)) return { kind: 'busy', owner: existing.owner };
      tookOverFrom = existing.owner;
    }
    return { kind: 'busy', owner: undefined };
  }

  /** Whether the lock on `key` is (still) held by someone else who is alive. */
  isBusy(key: string): boolean {
    const existing = this.#readLock(FileLocks.lockPathFor(key));
    return existing !== 'gone' && !this.#isStale(existing, key);
  }

  /** Deletes our lock file for `key`. */
  release(key: string): void {
    if (!this.#held.delete(key)) return;
    heldInProcess.delete(`${this.#pid}\0${key}`);
    const lockPath = FileLocks.lockPathFor(key);
    // Only delete it if it is still ours (someone may have judged us dead and taken over).
    const existing = this.#readLock(lockPath);
    if (existing !== 'gone' && existing.owner?.pid === this.#pid && existing.owner.hostname === this.#hostname) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Already gone: nothing to do.
      }
    }
  }

  /** Deletes every lock file we hold (also called at exit and on SIGINT/SIGTERM). */
  releaseAll(): void {
    for (const key of [...this.#held]) this.release(key);
  }

  /** Releases everything and stops watching for exit signals. */
  dispose(): void {
    this.releaseAll();
    this.#uninstall?.();
    this.#uninstall = undefined;
  }

  #content(): string {
    return `${JSON.stringify({ format: 1, pid: this.#pid, hostname: this.#hostname, startTime: this.#myStartTime, createdAt: this.#now() })}\n`;
  }

  #create(lockPath: string): 'created' | 'exists' | { reason: string } {
    const content = this.#content();
    const tmp = `${lockPath}.${this.#pid}-${(tempCounter += 1)}.tmp`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        writeFileSync(tmp, content, { flag: 'wx' });
        try {
          linkSync(tmp, lockPath);
          return 'created';
        } catch (error) {
          if (errno(error) === 'EEXIST') return 'exists';
          if (errno(error) === 'EPERM' || errno(error) === 'ENOTSUP' || errno(error) === 'EOPNOTSUPP') return this.#createExclusive(lockPath, content);
          throw error;
        } finally {
          try {
            unlinkSync(tmp);
          } catch {
            // Our temporary file vanished: harmless.
          }
        }
      } catch (error) {
        if (errno(error) === 'ENOENT' && attempt === 0) {
          try {
            mkdirSync(dirname(lockPath), { recursive: true });
            continue;
          } catch (mkdirError) {
            return { reason: (mkdirError as Error).message };
          }
        }
        return { reason: (error as Error).message };
      }
    }
    return { reason: `cannot create ${lockPath}` };
  }

  /** For file systems without hard links. */
  #createExclusive(lockPath: string, content: string): 'created' | 'exists' | { reason: string } {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      return 'created';
    } catch (error) {
      return errno(error) === 'EEXIST' ? 'exists' : { reason: (error as Error).message };
    }
  }

  #readLock(lockPath: string): 'gone' | { text: string; owner: LockFileOwner | undefined; mtimeMs: number } {
    try {
      const mtimeMs = statSync(lockPath).mtimeMs;
      const text = readFileSync(lockPath, 'utf8');
      return { text, owner: parseLockOwner(text), mtimeMs };
    } catch (error) {
      if (errno(error) === 'ENOENT') return 'gone';
      return { text: '', owner: undefined, mtimeMs: this.#now() };
    }
  }

  #isStale(lock: { owner: LockFileOwner | undefined; mtimeMs: number }, key: string): boolean {
    const { owner } = lock;
    if (owner === undefined) return this.#now() - lock.mtimeMs > UNREADABLE_LOCK_STALE_MS;
    if (owner.hostname !== this.#hostname) return false;
    // Our own pid, but no build of ours holds it: left by an earlier process that had our pid.
    if (owner.pid === this.#pid) return !heldInProcess.has(`${this.#pid}\0${key}`);
    if (!this.#isAlive(owner.pid)) return true;
    const now = this.#startTimeOf(owner.pid);
    return owner.startTime !== null && now !== null && now !== owner.startTime;
  }

  /** Renames the stale lock aside, checks it was the one we judged, deletes it. */
  #removeStale(lockPath: string, staleText: string): boolean {
    const aside = `${lockPath}.stale-${this.#pid}-${(tempCounter += 1)}`;
    try {
      renameSync(lockPath, aside);
    } catch {
      return false; // Someone else took it over first.
    }
    let text = '';
    try {
      text = readFileSync(aside, 'utf8');
    } catch {
      // Unreadable: treat as a different lock below.
    }
    if (text !== staleText) {
      // We moved a fresh lock: put it back, unless a new one appeared meanwhile.
      try {
        linkSync(aside, lockPath);
      } catch {
        // A new lock exists already; see the module comment.
      }
      try {
        unlinkSync(aside);
      } catch {
        // Vanished: harmless.
      }
      return false;
    }
    try {
      unlinkSync(aside);
    } catch {
      // Vanished: harmless.
    }
    return true;
  }
}
