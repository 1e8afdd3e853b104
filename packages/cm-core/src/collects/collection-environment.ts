/**
 * Where Racket looks for collections, as options: the installation (config directory, main
 * collects directory, version), the environment variables Racket consults, and file-system
 * access. Everything is injectable so that tests control it; the defaults describe this
 * machine's Debian Racket 8.7.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';

/** The file-system operations collection resolution needs. */
export interface CollectionFileSystem {
  /** True when `path` is an existing directory (following symbolic links). */
  isDirectory(path: string): boolean;
  /** The file's bytes, or `undefined` when it does not exist or cannot be read. */
  readFile(path: string): Uint8Array | undefined;
  /** Entry names of a directory; `[]` when it cannot be listed. */
  listDirectory(path: string): string[];
}

export interface CollectionEnvironmentOptions {
  /**
   * Environment variables. Consulted: `PLTCOLLECTS`, `PLTADDONDIR`, `PLTUSERHOME`,
   * `XDG_DATA_HOME`, `HOME`.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Racket's configuration directory, holding `config.rktd` (`(find-system-path 'config-dir)`).
   * @default '/etc/racket'
   */
  readonly configDir?: string;
  /**
   * The main collects directory (`(find-system-path 'collects-dir)`).
   * @default '/usr/share/racket/collects/'
   */
  readonly collectsDir?: string;
  /**
   * `(version)`: names the user-specific directory when `config.rktd` has no `installation-name`.
   * @default '8.7'
   */
  readonly version?: string;
  /**
   * `(use-user-specific-search-paths)`: whether the addon directory's collects and links file
   * are searched (`racket -U` turns this off).
   * @default true
   */
  readonly userSpecific?: boolean;
  /**
   * Directory against which relative `PLTADDONDIR`, `PLTUSERHOME` and `PLTCOLLECTS` entries are
   * resolved (Racket itself rejects relative `PLTCOLLECTS` entries at startup).
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * File-system access.
   * @default node:fs
   */
  readonly fs?: CollectionFileSystem;
}

export interface NormalizedCollectionEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly configDir: string;
  readonly collectsDir: string;
  readonly version: string;
  readonly userSpecific: boolean;
  readonly cwd: string;
  readonly fs: CollectionFileSystem;
}

/** The real file system. */
export const nodeCollectionFileSystem: CollectionFileSystem = {
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readFile(path) {
    try {
      return existsSync(path) ? readFileSync(path) : undefined;
    } catch {
      return undefined;
    }
  },
  listDirectory(path) {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
};

const OPTION_KEYS = new Set(['env', 'configDir', 'collectsDir', 'version', 'userSpecific', 'cwd', 'fs']);

/**
 * Fills in defaults; rejects unknown keys.
 * @example normalizeCollectionEnvironment({ env: {} }).collectsDir //=> '/usr/share/racket/collects/'
 */
export function normalizeCollectionEnvironment(
  options: CollectionEnvironmentOptions = {},
  caller = 'normalizeCollectionEnvironment',
): NormalizedCollectionEnvironment {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new TypeError(
        `${caller}: unknown option \`${key}\`. Expected one of ${[...OPTION_KEYS].join(', ')}.`,
      );
    }
  }
  return {
    env: options.env ?? process.env,
    configDir: options.configDir ?? '/etc/racket',
    collectsDir: options.collectsDir ?? '/usr/share/racket/collects/',
    version: options.version ?? '8.7',
    userSpecific: options.userSpecific ?? true,
    cwd: options.cwd ?? process.cwd(),
    fs: options.fs ?? nodeCollectionFileSystem,
  };
}

/** The user's home directory as Racket sees it: `PLTUSERHOME`, else `HOME`, else the account's. */
export function findUserHome(env: NormalizedCollectionEnvironment): string {
  const pltUserHome = nonEmpty(env.env['PLTUSERHOME']);
  if (pltUserHome !== undefined) return pltUserHome;
  return nonEmpty(env.env['HOME']) ?? homedir();
}

/**
 * `(find-system-path 'addon-dir)`, as a directory path ending in `/`: `PLTADDONDIR`, else
 * `$XDG_DATA_HOME/racket/` (absolute `XDG_DATA_HOME` only, ignored under `PLTUSERHOME`), else
 * `<home>/.local/share/racket/`.
 * @example findAddonDir(normalizeCollectionEnvironment({ env: { HOME: '/h' } })) //=> '/h/.local/share/racket/'
 */
export function findAddonDir(env: NormalizedCollectionEnvironment): string {
  const explicit = nonEmpty(env.env['PLTADDONDIR']);
  if (explicit !== undefined) return asDirectory(resolveAgainst(env.cwd, explicit));
  const xdg = nonEmpty(env.env['XDG_DATA_HOME']);
  if (xdg !== undefined && xdg.startsWith('/') && nonEmpty(env.env['PLTUSERHOME']) === undefined) {
    return `${asDirectory(xdg)}racket/`;
  }
  return `${asDirectory(resolveAgainst(env.cwd, findUserHome(env)))}.local/share/racket/`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** `(path->complete-path p base)` for POSIX paths (no simplification). */
export function resolveAgainst(base: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${asDirectory(base)}${path}`;
}

/** Adds a trailing `/` unless present. */
export function asDirectory(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
