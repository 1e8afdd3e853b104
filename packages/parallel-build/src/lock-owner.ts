/**
 * Who holds a lock file, and whether that process is still alive (see `file-lock.ts` for the
 * format). Liveness is judged only on this host: `kill(pid, 0)` (ESRCH = dead, EPERM = alive but
 * not ours), plus the kernel's start time of the pid so a reused pid is not taken for the owner.
 */
import { readFileSync } from 'node:fs';

export interface LockFileOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startTime: string | null;
  readonly createdAt: number;
}

/** `/proc/<pid>/stat` field 22 (start time in clock ticks since boot), or `null`. */
export function readProcessStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is parenthesised and may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** `kill(pid, 0)`: ESRCH means dead; EPERM means alive but not ours. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file's contents, or `undefined` when they are not a lock we understand. */
export function parseLockOwner(text: string): LockFileOwner | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockFileOwner> & { format?: unknown };
    if (v.format !== 1 || typeof v.pid !== 'number' || typeof v.hostname !== 'string' || typeof v.createdAt !== 'number') return undefined;
    return { pid: v.pid, hostname: v.hostname, startTime: typeof v.startTime === 'string' ? v.startTime : null, createdAt: v.createdAt };
  } catch {
    return undefined;
  }
}

