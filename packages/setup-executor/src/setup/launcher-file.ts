/**
 * Writing one launcher file: atomically (a temp file in the same directory, then `rename`, so a
 * launcher being run or restored concurrently is never seen half-written), mode 0o755, and only
 * when its text differs from what is there (so a no-change setup touches nothing, unlike raco,
 * whose `racket-launcher-up-to-date?` always answers no).
 *
 * Racket gets an executable file by copying its `starter-sh` template first and then adds u+rwx;
 * with the Debian template that is 0755, which is what is written here regardless of umask.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LauncherWriteError } from './launcher-errors.js';

/** The mode of a launcher file. */
export const LAUNCHER_MODE = 0o755;

/** What `writeLauncherFile` did. */
export type LauncherWriteResult = 'created' | 'updated' | 'unchanged';

function readExisting(path: string): { text: string; mode: number } | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    return { text: readFileSync(path, 'utf8'), mode: stat.mode & 0o7777 };
  } catch {
    return undefined;
  }
}

/**
 * Writes `text` to `path` (creating its directory) unless it already holds exactly that text
 * with mode 0o755.
 * @throws LauncherWriteError with the fs error as `cause`
 * @example writeLauncherFile('/ws/bin/hello', text) //=> 'created'
 */
export function writeLauncherFile(path: string, text: string): LauncherWriteResult {
  const existing = readExisting(path);
  if (existing?.text === text && existing.mode === LAUNCHER_MODE) return 'unchanged';
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.launcher.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text, { mode: LAUNCHER_MODE });
    // writeFileSync's mode is filtered by the umask.
    chmodSync(tmp, LAUNCHER_MODE);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new LauncherWriteError(`[@nx-raco/setup-executor] Could not write the launcher ${path}: ${(error as Error).message}. Check that the directory is writable.`, {
      cause: error,
    });
  }
  return existing === undefined ? 'created' : 'updated';
}
