/**
 * The installation's `config.rktd` (`/etc/racket/config.rktd` on this machine) and the search
 * lists Racket derives from it at startup: `find-library-collection-paths` and
 * `find-library-collection-links` (racket/src/expander/boot/collection.rkt, 8.7).
 *
 * On-disk format: one `read`-able datum, a hash table such as
 *
 *     #hash((share-dir . "/usr/share/racket") (links-file . "…") (collects-search-dirs . (#f "/x")) …)
 *
 * Keys used here: `installation-name` (default `(version)`), `links-file` (default
 * `<share-dir>/links.rktd`, with `share-dir` defaulting to `../share` relative to the main
 * collects directory), `links-search-files` and `collects-search-dirs` (lists in which `#f`
 * splices in the default). Relative paths are relative to the main collects directory.
 *
 * Racket fails at startup on an unreadable `config.rktd`; here it counts as empty, so that a
 * broken configuration degrades to the defaults instead of breaking every caller.
 */
import { readAll } from '../data/reader.js';
import type { RacketValue } from '../data/types.js';
import { asDirectory, findAddonDir, resolveAgainst, type NormalizedCollectionEnvironment } from './collection-environment.js';
import { buildPath, simplifyPath } from './racket-path.js';

export interface InstallationConfig {
  /** Names the user-specific directory: `<addon-dir>/<installationName>/collects`. */
  readonly installationName: string;
  /** The installation-wide links file (`links-file`). */
  readonly linksFile: string;
  /** `links-search-files`, raw: paths, and `null` for `#f`. `undefined` when absent. */
  readonly linksSearchFiles: readonly (string | null)[] | undefined;
  /** `collects-search-dirs`, raw: paths, and `null` for `#f`. `undefined` when absent. */
  readonly collectsSearchDirs: readonly (string | null)[] | undefined;
}

const decoder = new TextDecoder();

function pathOf(value: RacketValue): string | undefined {
  if (value.kind === 'string' || value.kind === 'path') return value.value === '' ? undefined : value.value;
  if (value.kind === 'bytes') return value.value.length === 0 ? undefined : decoder.decode(value.value);
  return undefined;
}

function readConfigTable(env: NormalizedCollectionEnvironment): Map<string, RacketValue> {
  const table = new Map<string, RacketValue>();
  const data = env.fs.readFile(buildPath(env.configDir, 'config.rktd'));
  if (data === undefined) return table;
  let values: RacketValue[];
  try {
    values = readAll(data, { source: buildPath(env.configDir, 'config.rktd'), who: 'read' });
  } catch {
    return table;
  }
  const first = values[0];
  if (first?.kind !== 'hash') return table;
  for (const [key, value] of first.entries) if (key.kind === 'symbol') table.set(key.name, value);
  return table;
}

function readPathList(value: RacketValue | undefined, collectsDir: string): (string | null)[] | undefined {
  if (value === undefined || value.kind !== 'list' || value.tail !== undefined) return undefined;
  const out: (string | null)[] = [];
  for (const item of value.items) {
    if (item.kind === 'boolean' && !item.value) out.push(null);
    else {
      const path = pathOf(item);
      if (path !== undefined) out.push(resolveAgainst(collectsDir, path));
    }
  }
  return out;
}

/**
 * Reads `<configDir>/config.rktd`.
 * @example readInstallationConfig(normalizeCollectionEnvironment()).linksFile //=> '/usr/share/racket/links.rktd'
 */
export function readInstallationConfig(env: NormalizedCollectionEnvironment): InstallationConfig {
  const table = readConfigTable(env);
  const name = table.get('installation-name');
  const linksFile = table.get('links-file');
  const shareDir = table.get('share-dir');
  const linksPath =
    (linksFile && pathOf(linksFile)) ?? buildPath((shareDir && pathOf(shareDir)) ?? buildPath('..', 'share'), 'links.rktd');
  return {
    installationName: name?.kind === 'string' ? name.value : env.version,
    linksFile: resolveAgainst(env.collectsDir, linksPath),
    linksSearchFiles: readPathList(table.get('links-search-files'), env.collectsDir),
    collectsSearchDirs: readPathList(table.get('collects-search-dirs'), env.collectsDir),
  };
}

function spliceDefaults(configured: readonly (string | null)[] | undefined, defaults: readonly string[]): string[] {
  if (configured === undefined) return [...defaults];
  return configured.flatMap((entry) => (entry === null ? defaults : [entry]));
}

/**
 * `(find-library-collection-paths)`: `PLTCOLLECTS` (`:`-separated; an empty element splices in
 * the defaults), else the defaults: the user collects directory (when user-specific paths are
 * on) and the main collects directory, adjusted by `collects-search-dirs`.
 * @example findLibraryCollectionPaths(env, config) //=> ['/root/.local/share/racket/8.7/collects', '/usr/share/racket/collects/']
 */
export function findLibraryCollectionPaths(env: NormalizedCollectionEnvironment, config: InstallationConfig): string[] {
  const defaults: string[] = [];
  if (env.userSpecific) defaults.push(buildPath(findAddonDir(env), config.installationName, 'collects'));
  defaults.push(simplifyPath(resolveAgainst(env.cwd, env.collectsDir)));
  const withConfig = spliceDefaults(config.collectsSearchDirs, defaults);
  const spec = env.userSpecific ? (env.env['PLTCOLLECTS'] ?? '') : '';
  const out: string[] = [];
  for (const element of spec.split(':')) {
    if (element === '') out.push(...withConfig);
    else out.push(resolveAgainst(env.cwd, element));
  }
  return out;
}

/**
 * `(find-library-collection-links)` without its leading `#f`: the user links file (when
 * user-specific paths are on), then the installation links files.
 * @example findLibraryCollectionLinks(env, config) //=> ['/root/.local/share/racket/8.7/links.rktd', '/usr/share/racket/links.rktd']
 */
export function findLibraryCollectionLinks(env: NormalizedCollectionEnvironment, config: InstallationConfig): string[] {
  const out: string[] = [];
  if (env.userSpecific) out.push(buildPath(asDirectory(findAddonDir(env)), config.installationName, 'links.rktd'));
  out.push(...spliceDefaults(config.linksSearchFiles, [config.linksFile]));
  return out;
}
