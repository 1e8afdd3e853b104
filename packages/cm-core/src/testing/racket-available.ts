/**
 * Test-only: is a `racket` executable available to compare against, and which one?
 *
 * Parity specs run the installed Racket and skip themselves when there is none, so every spec
 * must agree on what "there is one" means: an executable file named `racket` in a `PATH`
 * directory, the same lookup `spawnSync('racket', …)` does. Looking at `PATH` starts no
 * process (Racket takes ~150 ms just to print its version); the answer is memoised per module
 * instance (Vitest re-imports this once per spec file).
 *
 * Not built into `dist` (`tsconfig.json` excludes `src/testing/**`); typechecked at the root.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const EXECUTABLE_NAMES = process.platform === 'win32' ? ['racket.exe', 'racket'] : ['racket'];

let racketPath: string | null | undefined;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Absolute path of the `racket` that `PATH` resolves to, or `undefined` when there is none.
 * @example findRacket() //=> '/usr/bin/racket'
 */
export function findRacket(): string | undefined {
  if (racketPath === undefined) {
    racketPath = null;
    search: for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
      if (dir === '') continue;
      for (const name of EXECUTABLE_NAMES) {
        const candidate = join(dir, name);
        if (isExecutableFile(candidate)) {
          racketPath = candidate;
          break search;
        }
      }
    }
  }
  return racketPath ?? undefined;
}

/**
 * Whether specs can run Racket, for `describe.skipIf(!hasRacket())`.
 * @example hasRacket() //=> true
 */
export function hasRacket(): boolean {
  return findRacket() !== undefined;
}
