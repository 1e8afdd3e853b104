/**
 * What the installed Racket is, without starting it on every build: version, VM, target machine,
 * compiled-file search settings, and its main directories.
 *
 * The compilation manager needs these facts for every decision (a `.dep` whose version or
 * machine differs means "rebuild"), yet `nx-raco make` must not start Racket when nothing needs
 * compiling. So the answer of one `racket` run is cached in a JSON file, keyed by everything that
 * can change it: the executable (path, size, mtime) and the environment variables Racket reads
 * for these settings at startup.
 *
 * Cache file format (`racket-probe.json`, version field first so a future format is ignored):
 *
 *     { "format": 1, "entries": { "<key>": RacketProbe, ... } }
 *
 * Fragile: a Racket upgrade that keeps the executable's path, size and mtime would go unnoticed;
 * package managers always change the mtime. Settings passed as `racket` command-line flags are
 * not seen (we never pass any).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { readFirst } from '../data/reader.js';
import { readJsonCache, writeJsonCache } from './json-cache.js';
import type { RacketValue } from '../data/types.js';

export interface RacketProbe {
  /** `(version)`, e.g. `"8.7"`. */
  readonly version: string;
  /** `(system-type 'vm)`, e.g. `"chez-scheme"`. */
  readonly vm: string;
  /** `(current-compile-target-machine)`, e.g. `"ta6le"`; `null` when compiling machine-independent code. */
  readonly targetMachine: string | null;
  /** `(use-compiled-file-paths)`, e.g. `["compiled"]`. */
  readonly modes: readonly string[];
  /** `(current-compiled-file-roots)`: `"same"` or a path. */
  readonly roots: readonly string[];
  /** `(use-compiled-file-check)`. */
  readonly fileCheck: 'modify-seconds' | 'exists';
  /** `(find-collects-dir)`, the main collects directory, with a trailing `/`. */
  readonly collectsDir: string;
  /** `(find-pkgs-dir)`, the installation's package directory, with a trailing `/`. */
  readonly pkgsDir: string;
  /** `(find-system-path 'config-dir)`, with a trailing `/`. */
  readonly configDir: string;
  /** `(system-library-subpath #f)`, e.g. `"x86_64-linux"`. */
  readonly librarySubpath: string;
}

/** Environment variables that change the probe's answer. */
const PROBE_ENV = [
  'PLT_ZO_PATH',
  'PLTCOMPILEDROOTS',
  'PLT_COMPILED_FILE_CHECK',
  'PLT_COMPILE_ANY',
  'PLT_CS_COMPILE_LIMIT',
  'PLTCONFIGDIR',
] as const;

const PROBE_PROGRAM = `(let ([p (lambda (x) (if (path? x) (path->string x) (format "~a" x)))])
  (write (list (version) (symbol->string (system-type 'vm))
               (let ([m (current-compile-target-machine)]) (if m (symbol->string m) ""))
               (map p (use-compiled-file-paths)) (map p (current-compiled-file-roots))
               (symbol->string (use-compiled-file-check))
               (p (find-system-path 'collects-dir))
               (p (find-system-path 'config-dir))
               (p (system-library-subpath #f))
               (p ((dynamic-require 'setup/dirs 'find-pkgs-dir))))))`;

const CACHE_FORMAT = 1;
const PROBE_TIMEOUT = 60_000;

export class RacketNotFoundError extends Error {
  readonly code = 'RKT_RACKET_NOT_FOUND';
  override name = 'RacketNotFoundError';
  constructor(racket: string, detail: string) {
    super(
      `[@nx-raco/cm-core] Could not run Racket (\`${racket}\`): ${detail}. ` +
        'Install Racket 8.x (on Debian: `apt-get install -y racket`), or point the `racket` option ' +
        '(CLI: the NX_RACO_RACKET environment variable) at the racket executable.',
    );
  }
}

export interface ProbeOptions {
  /** Racket executable (a name looked up on `PATH`, or a path). @default 'racket' */
  readonly racket?: string;
  /** Environment Racket runs in. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where to cache the answer; `undefined` disables caching. */
  readonly cacheFile?: string;
}

function findExecutable(racket: string, env: NodeJS.ProcessEnv): string | undefined {
  if (racket.includes('/')) {
    try {
      return statSync(racket).isFile() ? racket : undefined;
    } catch {
      return undefined;
    }
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, racket);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function asDirectory(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

function cacheKey(executable: string, env: NodeJS.ProcessEnv): string {
  const stat = statSync(executable);
  const vars = PROBE_ENV.map((name) => `${name}=${env[name] ?? ''}`).join('\0');
  return `${executable}\0${stat.size}\0${stat.mtimeMs}\0${vars}`;
}

function readCache(file: string): Record<string, RacketProbe> {
  return readJsonCache<RacketProbe>(file, CACHE_FORMAT);
}

function writeCache(file: string, entries: Record<string, RacketProbe>): void {
  writeJsonCache(file, CACHE_FORMAT, entries);
}

/** Strings and lists of strings, as plain JS values. */
function toPlain(value: RacketValue | undefined): unknown[] {
  if (value?.kind !== 'list') throw new TypeError('expected a list');
  return value.items.map((item) => (item.kind === 'string' ? item.value : toPlain(item)));
}

function runProbe(racket: string, env: NodeJS.ProcessEnv): RacketProbe {
  const r = spawnSync(racket, ['-l', 'racket/base', '-e', PROBE_PROGRAM], { env, encoding: 'utf8', timeout: PROBE_TIMEOUT });
  if (r.error !== undefined) throw new RacketNotFoundError(racket, r.error.message);
  if (r.status !== 0) throw new RacketNotFoundError(racket, `it exited with status ${String(r.status)}: ${r.stderr.trim()}`);
  let parts: unknown[];
  try {
    parts = toPlain(readFirst(r.stdout, { source: 'racket probe', who: 'read' })?.value);
  } catch {
    throw new RacketNotFoundError(racket, `its answer could not be understood: ${r.stdout.slice(0, 300)}`);
  }
  const [version, vm, machine, modes, roots, check, collects, config, subpath, pkgs] = parts as [
    string, string, string, string[], string[], string, string, string, string, string,
  ];
  return {
    version,
    vm,
    targetMachine: machine === '' ? null : machine,
    modes,
    roots,
    fileCheck: check === 'modify-seconds' ? 'modify-seconds' : 'exists',
    collectsDir: asDirectory(collects),
    pkgsDir: asDirectory(pkgs),
    configDir: asDirectory(config),
    librarySubpath: subpath,
  };
}

/**
 * The facts about `racket` the compilation manager needs, from the cache when possible.
 * @example probeRacket({ cacheFile: '/ws/node_modules/.cache/nx-raco/racket-probe.json' }).version //=> '8.7'
 */
export function probeRacket(options: ProbeOptions = {}): RacketProbe {
  const racket = options.racket ?? 'racket';
  const env = options.env ?? process.env;
  const executable = findExecutable(racket, env);
  if (executable === undefined) throw new RacketNotFoundError(racket, racket.includes('/') ? 'no such file' : 'it is not on PATH');
  const file = options.cacheFile;
  const key = cacheKey(isAbsolute(executable) ? executable : join(process.cwd(), executable), env);
  const entries = file === undefined ? {} : readCache(file);
  const cached = entries[key];
  if (cached !== undefined) return cached;
  const probe = runProbe(executable, env);
  if (file !== undefined) writeCache(file, { ...entries, [key]: probe });
  return probe;
}

/**
 * The conventional cache location: `node_modules/.cache/nx-raco/` in the nearest directory at or
 * above `cwd` that has a `node_modules` directory; `undefined` when there is none.
 */
export function findProbeCacheFile(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    try {
      if (statSync(join(dir, 'node_modules')).isDirectory()) return join(dir, 'node_modules', '.cache', 'nx-raco', 'racket-probe.json');
    } catch {
      // keep looking
    }
    if (dirname(dir) === dir) return undefined;
  }
}
