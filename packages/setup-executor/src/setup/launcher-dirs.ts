/**
 * Where a launcher's executable lives, as Racket's `launcher` library finds it: the first of
 * `(find-console-bin-dir)` and `(get-console-bin-extra-search-dirs)` holding `racket`, and the
 * first of `(find-lib-dir)` and `(get-cross-lib-extra-search-dirs)` holding `gracket`
 * (`launcher.rkt` `find-console-bin-dir-for` / `find-lib-dir-for`). On this Debian machine:
 * `/usr/bin` and `/usr/lib/racket`. These come from Racket's configuration (`config.rktd`), not
 * from where the `racket` on PATH is, so Racket is asked, once per executable.
 *
 * Cache file format (`launcher-dirs.json` next to cm-core's `racket-probe.json`, version first):
 *
 *     { "format": 1, "entries": { "<executable>\0<size>\0<mtime>\0<PLTCONFIGDIR>": LauncherDirs } }
 *
 * Fragile: an edited `config.rktd` (bin-dir moved) with the same executable goes unnoticed until
 * the cache file is deleted; package managers change the executable's mtime on upgrade.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { findProbeCacheFile, RacketNotFoundError, readFirst, readJsonCache, writeJsonCache, type RacketValue } from '@nx-raco/cm-core';
import { LauncherDirsError } from './launcher-errors.js';

export interface LauncherDirs {
  /** Directory holding `racket`, for `racket`/`mzscheme` launchers. */
  readonly consoleBinDir: string;
  /** Directory holding `gracket`, for `gracket`/`mred` launchers; `null` when GUI Racket is not installed. */
  readonly guiLibDir: string | null;
}

export interface FindLauncherDirsOptions {
  /** Racket executable (a name looked up on `PATH`, or a path). @default 'racket' */
  readonly racket?: string;
  /** Environment Racket runs in. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where to cache the answer; `undefined` disables caching. @default undefined */
  readonly cacheFile?: string;
}

const CACHE_FORMAT = 1;
const PROBE_TIMEOUT = 60_000;

const PROBE_PROGRAM = `(define (find dirs exe)
  (for/or ([d (in-list dirs)]) (and d (file-or-directory-type (build-path d exe) #f) (path->string d))))
(write (list (find (cons (find-console-bin-dir) (get-console-bin-extra-search-dirs)) "racket")
             (find (cons (find-lib-dir) (get-cross-lib-extra-search-dirs)) "gracket")))`;

function findExecutable(racket: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = racket.includes('/') ? [racket] : (env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, racket));
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return resolve(candidate);
    } catch {
      // not here
    }
  }
  return undefined;
}

function readCache(file: string): Record<string, LauncherDirs> {
  return readJsonCache<LauncherDirs>(file, CACHE_FORMAT);
}

function writeCache(file: string, entries: Record<string, LauncherDirs>): void {
  writeJsonCache(file, CACHE_FORMAT, entries);
}

function toDir(value: RacketValue | undefined): string | null | undefined {
  if (value?.kind === 'string') return value.value;
  return value?.kind === 'boolean' && !value.value ? null : undefined;
}

function askRacket(racket: string, env: NodeJS.ProcessEnv): LauncherDirs {
  const r = spawnSync(racket, ['-l', 'racket/base', '-l', 'setup/dirs', '-e', PROBE_PROGRAM], { env, encoding: 'utf8', timeout: PROBE_TIMEOUT });
  const what = `Could not ask Racket (\`${racket}\`) for its bin directory`;
  if (r.error !== undefined) throw new RacketNotFoundError(racket, r.error.message);
  if (r.status !== 0) throw new LauncherDirsError(`${what}: it exited with status ${String(r.status)}: ${r.stderr.trim()}. Check the Racket installation.`);
  let answer: RacketValue | undefined;
  try {
    answer = readFirst(r.stdout, { source: 'racket launcher-dirs probe', who: 'read' })?.value;
  } catch {
    answer = undefined;
  }
  const [consoleDir, guiDir] = answer?.kind === 'list' ? answer.items.map(toDir) : [];
  if (typeof consoleDir !== 'string' || guiDir === undefined) {
    throw new LauncherDirsError(
      `${what}: no directory holds \`racket\` (answer: ${r.stdout.slice(0, 300)}). Check bin-dir in Racket's config.rktd (raco setup would fail the same way).`,
    );
  }
  return { consoleBinDir: consoleDir, guiLibDir: guiDir };
}

/**
 * The directories launchers exec from, from the cache when possible.
 * @throws RacketNotFoundError (cm-core) when Racket cannot be run
 * @throws LauncherDirsError when Racket fails or has no bin directory
 * @example findLauncherDirs({ racket: 'racket' }) //=> { consoleBinDir: '/usr/bin', guiLibDir: '/usr/lib/racket' }
 */
export function findLauncherDirs(options: FindLauncherDirsOptions = {}): LauncherDirs {
  const racket = options.racket ?? 'racket';
  const env = options.env ?? process.env;
  const executable = findExecutable(racket, env);
  // The same error (and code, RKT_RACKET_NOT_FOUND) as compiling without Racket.
  if (executable === undefined) throw new RacketNotFoundError(racket, racket.includes('/') ? 'no such file' : 'it is not on PATH');
  const stat = statSync(executable);
  const key = [executable, stat.size, stat.mtimeMs, env['PLTCONFIGDIR'] ?? ''].join('\0');
  const entries = options.cacheFile === undefined ? {} : readCache(options.cacheFile);
  const cached = entries[key];
  if (cached !== undefined) return cached;
  const dirs = askRacket(executable, env);
  if (options.cacheFile !== undefined) writeCache(options.cacheFile, { ...entries, [key]: dirs });
  return dirs;
}

/**
 * The conventional cache file for `findLauncherDirs`, next to cm-core's probe cache
 * (`node_modules/.cache/nx-raco/launcher-dirs.json` at or above `cwd`); `undefined` without one.
 */
export function findLauncherDirsCacheFile(cwd: string): string | undefined {
  const probe = findProbeCacheFile(cwd);
  return probe === undefined ? undefined : join(dirname(probe), 'launcher-dirs.json');
}
