import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isProcessAlive, parseLockOwner, readProcessStartTime } from './lock-owner.js';

describe('parallel-build/lock-owner', () => {
  // lock file text | parsed owner
  const table: readonly [string, ReturnType<typeof parseLockOwner>][] = [
    ['{"format":1,"pid":12,"hostname":"h","startTime":"99","createdAt":5}', { pid: 12, hostname: 'h', startTime: '99', createdAt: 5 }],
    ['{"format":1,"pid":12,"hostname":"h","startTime":null,"createdAt":5}', { pid: 12, hostname: 'h', startTime: null, createdAt: 5 }],
    ['{"format":2,"pid":12,"hostname":"h","createdAt":5}', undefined],
    ['{"format":1,"pid":"12","hostname":"h","createdAt":5}', undefined],
    ['', undefined],
    ['{"format":1,"pid":12', undefined],
  ];
  it.each(table)('parses %j', (text, owner) => {
    expect(parseLockOwner(text)).toEqual(owner);
  });

  it('tells a live process from a dead one', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(spawnSync(process.execPath, ['-e', '']).pid!)).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('reads a stable start time for a process, and none for a dead one', () => {
    const mine = readProcessStartTime(process.pid);
    expect(mine).toMatch(/^\d+$/);
    expect(readProcessStartTime(process.pid)).toBe(mine);
    expect(readProcessStartTime(spawnSync(process.execPath, ['-e', '']).pid!)).toBeNull();
  });
});
