import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CrashedDependencyError, LockCycleError } from './errors.js';
import { FileLocks, LOCK_SUFFIX } from './file-lock.js';
import { LockManager } from './lock-manager.js';
import { readProcessStartTime } from './lock-owner.js';
import type { LockAnswer } from './protocol.js';
import { useTempDir } from './testing/fixtures/temp-dir.js';

/** Settles `promise` into an inspectable box (so a test can assert "still waiting"). */
function track<T>(promise: Promise<T>): { state: 'pending' | 'fulfilled' | 'rejected'; value?: T; error?: unknown } {
  const box: { state: 'pending' | 'fulfilled' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(box, { state: 'fulfilled', value }),
    (error: unknown) => Object.assign(box, { state: 'rejected', error }),
  );
  return box;
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

function writeForeignLock(key: string, pid: number): void {
  writeFileSync(`${key}${LOCK_SUFFIX}`, JSON.stringify({ format: 1, pid, hostname: hostname(), startTime: readProcessStartTime(pid), createdAt: Date.now() }));
}

function withFileLocks(): { manager: LockManager; files: FileLocks } {
  const files = new FileLocks();
  const manager = new LockManager({ fileLocks: files, pollMs: 10 });
  onTestFinished(() => {
    manager.dispose();
    files.dispose();
  });
  return { manager, files };
}

describe('parallel-build/lock-manager', () => {
  describe('within one build', () => {
    it('lets the first locker build; a second waits and then hears "done"; later ones hear "done" at once', async () => {
      const m = new LockManager();
      expect(await m.lock(1, 'a.zo', '/p/a.rkt')).toBe('locked');
      expect(m.statusOf('/p/a.rkt')).toBe('held');
      const second = track(m.lock(2, 'a.zo', '/p/a.rkt'));
      await tick();
      expect(second.state).toBe('pending');
      m.unlock(1, 'a.zo');
      await tick();
      expect(second).toMatchObject({ state: 'fulfilled', value: 'done' });
      expect(m.statusOf('/p/a.rkt')).toBe('done');
      expect(await m.lock(3, 'a.zo')).toBe('done');
    });

    it('ignores an unlock from a task that does not hold the key', async () => {
      const m = new LockManager();
      await m.lock(1, 'a.zo');
      const waiter = track(m.lock(2, 'a.zo'));
      m.unlock(2, 'a.zo');
      await tick();
      expect(waiter.state).toBe('pending');
      m.unlock(1, 'a.zo');
      await tick();
      expect(waiter.value).toBe('done');
    });

    it('releases the locks of a task that ended (a dead worker): its waiters hear "done"', async () => {
      const m = new LockManager();
      await m.lock(1, 'a.zo');
      await m.lock(1, 'b.zo');
      const onA = track(m.lock(2, 'a.zo'));
      const onB = track(m.lock(3, 'b.zo'));
      await tick();
      expect([onA.state, onB.state]).toEqual(['pending', 'pending']);
      m.releaseOwner(1);
      await tick();
      expect([onA.value, onB.value]).toEqual<LockAnswer[]>(['done', 'done']);
    });

    it('forgets the wait of a task that ended while waiting', async () => {
      const m = new LockManager();
      await m.lock(1, 'a.zo');
      const gone = track(m.lock(2, 'a.zo'));
      m.releaseOwner(2);
      await tick();
      expect(gone.value).toBe('done');
      // Task 2 no longer waits for anything, so task 1 asking for what 2 holds is no cycle.
      await m.lock(2, 'b.zo');
      m.releaseOwner(2);
      expect(await m.lock(1, 'b.zo')).toBe('done');
    });

    it('refuses the lock that would close a wait-for cycle, naming the modules', async () => {
      const m = new LockManager();
      await m.lock(1, 'x.zo', '/p/x.rkt');
      await m.lock(2, 'y.zo', '/p/y.rkt');
      const first = track(m.lock(1, 'y.zo', '/p/y.rkt')); // 1 holds x, waits for y
      await expect(m.lock(2, 'x.zo', '/p/x.rkt')).rejects.toSatisfy(
        (e: unknown) => e instanceof LockCycleError && e.code === 'RKT_LOCK_CYCLE' && e.modules.join(' ') === '/p/x.rkt /p/y.rkt',
      );
      // The refused task fails and ends; the other one then proceeds: nobody hangs.
      m.releaseOwner(2);
      await tick();
      expect(first.value).toBe('done');
    });

    it('finds cycles through several tasks, and refuses a task its own lock', async () => {
      const m = new LockManager();
      await m.lock(1, 'a.zo');
      await m.lock(2, 'b.zo');
      await m.lock(3, 'c.zo');
      void m.lock(1, 'b.zo');
      void m.lock(2, 'c.zo');
      await expect(m.lock(3, 'a.zo')).rejects.toBeInstanceOf(LockCycleError);
      await expect(m.lock(3, 'c.zo')).rejects.toBeInstanceOf(LockCycleError);
    });

    it('refuses the lock of a module that made Racket exit', async () => {
      const m = new LockManager();
      await m.lock(1, 'die.zo', '/p/die.rkt');
      m.unlock(1, 'die.zo');
      m.markCrashed('/p/die.rkt');
      await expect(m.lock(2, 'die.zo', '/p/die.rkt')).rejects.toBeInstanceOf(CrashedDependencyError);
      await expect(m.lock(2, 'die.zo')).rejects.toBeInstanceOf(CrashedDependencyError);
    });
  });

  describe('across processes', () => {
    it('takes a lock file on lock and removes it on unlock', async () => {
      const dir = useTempDir();
      const key = dir.path('compiled/a_rkt.zo');
      const { manager } = withFileLocks();
      expect(await manager.lock(1, key)).toBe('locked');
      expect(JSON.parse(readFileSync(`${key}${LOCK_SUFFIX}`, 'utf8'))).toMatchObject({ pid: process.pid });
      manager.unlock(1, key);
      expect(existsSync(`${key}${LOCK_SUFFIX}`)).toBe(false);
    });

    it('takes over a lock file left by a dead process and builds at once', async () => {
      const dir = useTempDir();
      const key = dir.path('a_rkt.zo');
      writeForeignLock(key, spawnSync(process.execPath, ['-e', '']).pid!);
      const { manager } = withFileLocks();
      expect(await manager.lock(1, key)).toBe('locked');
      expect(JSON.parse(readFileSync(`${key}${LOCK_SUFFIX}`, 'utf8'))).toMatchObject({ pid: process.pid });
    });

    it('waits for a live process holding the lock file, then answers "recheck"; our other tasks hear "done"', async () => {
      const dir = useTempDir();
      const key = dir.path('a_rkt.zo');
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      onTestFinished(() => {
        child.kill('SIGKILL');
      });
      writeForeignLock(key, child.pid!);
      const waits: number[] = [];
      const files = new FileLocks();
      const manager = new LockManager({ fileLocks: files, pollMs: 10, onForeignWait: (owner) => waits.push(owner) });
      onTestFinished(() => files.dispose());
      const first = track(manager.lock(1, key, '/p/a.rkt'));
      const second = track(manager.lock(2, key, '/p/a.rkt'));
      await tick(100);
      expect([first.state, second.state]).toEqual(['pending', 'pending']);
      expect(waits).toEqual([1]);
      rmSync(`${key}${LOCK_SUFFIX}`); // the other process finished
      await tick(100);
      expect(first).toMatchObject({ state: 'fulfilled', value: 'recheck' });
      expect(second.state).toBe('pending');
      manager.unlock(1, key);
      await tick();
      expect(second.value).toBe('done');
    });

    it('stops waiting when the foreign owner dies, and answers "recheck"', async () => {
      const dir = useTempDir();
      const key = dir.path('a_rkt.zo');
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      writeForeignLock(key, child.pid!);
      const { manager } = withFileLocks();
      const waiter = track(manager.lock(1, key));
      await tick(50);
      expect(waiter.state).toBe('pending');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await tick(100);
      expect(waiter).toMatchObject({ state: 'fulfilled', value: 'recheck' });
    });

    it('leaves no lock files behind after dispose', async () => {
      const dir = useTempDir();
      const { manager } = withFileLocks();
      await manager.lock(1, dir.path('a.zo'));
      await manager.lock(2, dir.path('b.zo'));
      manager.dispose();
      expect(existsSync(`${dir.path('a.zo')}${LOCK_SUFFIX}`)).toBe(false);
      expect(existsSync(`${dir.path('b.zo')}${LOCK_SUFFIX}`)).toBe(false);
    });
  });
});
