/**
 * A build stopped by SIGINT or SIGTERM deletes its lock files and still dies of the signal
 * (exit-cleanup.ts), so the next build does not wait for a lock nobody holds.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertBuilt, useTree } from './support/racket-tree.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/hold-lock.mjs', import.meta.url));

describe('parallel-build/exit-cleanup (a process holding a lock file)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('deletes its lock files on %s and dies of it', async (signal) => {
    assertBuilt();
    const tree = useTree({});
    const key = tree.path('compiled/a_rkt.zo');
    const child = spawn(process.execPath, [FIXTURE, key], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    expect(ready).toBe('acquired\n');
    expect(existsSync(`${key}.nxraco-lock`)).toBe(true);
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, sig) => resolve([code, sig])));
    child.kill(signal);
    expect(await exited).toEqual([null, signal]);
    expect(existsSync(`${key}.nxraco-lock`)).toBe(false);
  });
});
