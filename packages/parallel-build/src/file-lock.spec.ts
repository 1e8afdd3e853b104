import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it, onTestFinished } from 'vitest';
import { countExitCleanups } from './exit-cleanup.js';
import { FileLocks, LOCK_SUFFIX, UNREADABLE_LOCK_STALE_MS } from './file-lock.js';
import { readProcessStartTime } from './lock-owner.js';
import { useTempDir } from './testing/fixtures/temp-dir.js';

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

/** A live child process, killed when the test ends. */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  return child.pid!;
}

function writeLock(key: string, owner: Record<string, unknown>): void {
  writeFileSync(`${key}${LOCK_SUFFIX}`, `${JSON.stringify({ format: 1, hostname: hostname(), createdAt: Date.now(), startTime: null, ...owner })}\n`);
}

const using = (locks: FileLocks): FileLocks => {
  onTestFinished(() => locks.dispose());
  return locks;
};

describe('parallel-build/file-lock', () => {
  it('creates the lock file with our pid, host and start time, and deletes it on release', () => {
    const dir = useTempDir();
    const key = dir.path('compiled/a_rkt.zo');
    const locks = using(new FileLocks());
    expect(locks.tryAcquire(key)).toEqual({ kind: 'acquired', tookOverFrom: undefined });
    const owner = JSON.parse(readFileSync(`${key}${LOCK_SUFFIX}`, 'utf8')) as Record<string, unknown>;
    expect(owner).toMatchObject({ format: 1, pid: process.pid, hostname: hostname(), startTime: readProcessStartTime(process.pid) });
    locks.release(key);
    expect(existsSync(`${key}${LOCK_SUFFIX}`)).toBe(false);
    // Nothing else is left in the directory (no temporary or aside files).
    expect(readdirSync(dir.path('compiled'))).toEqual([]);
  });

  it('is busy while another live process holds the lock', () => {
    const dir = useTempDir();
    const key = dir.path('a_rkt.zo');
    const pid = livePid();
    writeLock(key, { pid, startTime: readProcessStartTime(pid) });
    const locks = using(new FileLocks());
    expect(locks.tryAcquire(key)).toMatchObject({ kind: 'busy', owner: { pid } });
    expect(locks.isBusy(key)).toBe(true);
    locks.release(key); // not ours: must not delete it
    expect(existsSync(`${key}${LOCK_SUFFIX}`)).toBe(true);
  });

  it('takes over a lock whose owner is dead', () => {
    const dir = useTempDir();
    const key = dir.path('a_rkt.zo');
    const pid = deadPid();
    writeLock(key, { pid });
    const locks = using(new FileLocks());
    expect(locks.tryAcquire(key)).toMatchObject({ kind: 'acquired', tookOverFrom: { pid } });
    expect(JSON.parse(readFileSync(`${key}${LOCK_SUFFIX}`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(readdirSync(dir.root).sort()).toEqual([`a_rkt.zo${LOCK_SUFFIX}`]);
  });

  it('takes over a lock whose pid now belongs to another process (start time differs)', () => {
    const dir = useTempDir();
    const key = dir.path('a_rkt.zo');
    const pid = livePid();
    writeLock(key, { pid, startTime: 'not-its-start-time' });
    const locks = using(new FileLocks());
    expect(locks.tryAcquire(key).kind).toBe('acquired');
  });

  it('never judges a lock from another host', () => {
    const dir = useTempDir();
    const key = dir.path('a_rkt.zo');
    writeLock(key, { pid: deadPid(), hostname: `not-${hostname()}` });
    const locks = using(new FileLocks());
    expect(locks.tryAcquire(key).kind).toBe('busy');
  });

  it('treats an unreadable lock as busy at first and as stale after a while', () => {
    const dir = useTempDir();
    const key = dir.path('a_rkt.zo');
    writeFileSync(`${key}${LOCK_SUFFIX}`, '');
    let now = Date.now();
    const locks = using(new FileLocks({ now: () => now }));
    expect(locks.tryAcquire(key).kind).toBe('busy');
    now += UNREADABLE_LOCK_STALE_MS + 1_000;
    const past = new Date(Date.now() - 1_000);
    utimesSync(`${key}${LOCK_SUFFIX}`, past, past);
    expect(locks.tryAcquire(key).kind).toBe('acquired');
  });

  it('takes over a leftover lock with our own pid, but not one another build of this process holds', () => {
    const dir = useTempDir();
    const leftover = dir.path('left_rkt.zo');
    writeLock(leftover, { pid: process.pid });
    const first = using(new FileLocks());
    expect(first.tryAcquire(leftover).kind).toBe('acquired');
    const second = using(new FileLocks());
    expect(second.tryAcquire(leftover).kind).toBe('busy');
    first.release(leftover);
    expect(second.tryAcquire(leftover).kind).toBe('acquired');
  });

  it('removes its lock files with releaseAll and leaves no exit listeners after dispose', () => {
    // Every earlier test's FileLocks was disposed when it finished.
    expect(countExitCleanups()).toBe(0);
    const dir = useTempDir();
    const locks = new FileLocks();
    expect(countExitCleanups()).toBe(1);
    const before = process.listenerCount('SIGINT');
    for (const name of ['a', 'b', 'c']) locks.tryAcquire(dir.path(`compiled/${name}_rkt.zo`));
    expect(readdirSync(dir.path('compiled'))).toHaveLength(3);
    locks.dispose();
    expect(readdirSync(dir.path('compiled'))).toEqual([]);
    expect(process.listenerCount('SIGINT')).toBe(before - 1);
    expect(countExitCleanups()).toBe(0);
  });
});
