/**
 * Collection resolution without running Racket: `collection-path` (racket/src/expander/boot/
 * collection.rkt `find-col-file`, 8.7) over the search path Racket builds at startup.
 *
 * Search order for top-level collection `c`: each directory of
 * `(current-library-collection-paths)` (`<dir>/c`), then for each links file (user, then
 * installation) its named entries for `c` followed by its roots (`<root>/c`). The first place
 * that exists and contains the requested sub-collection wins. Named entries are not checked for
 * existence (as in Racket).
 *
 * Links files are read once per resolver; create a new resolver after changing them.
 */
import { str } from '../data/values.js';
import { writeValue } from '../data/writer.js';
import {
  normalizeCollectionEnvironment,
  type CollectionEnvironmentOptions,
  type NormalizedCollectionEnvironment,
} from './collection-environment.js';
import { findLibraryCollectionLinks, findLibraryCollectionPaths, readInstallationConfig } from './installation.js';
import { readLinksFile, type LinksTable, type LinkTarget } from './links-file.js';
import { buildPath } from './racket-path.js';

export interface CollectionSearchPath {
  /** `(current-library-collection-paths)`: directories that contain collections. */
  readonly collectionPaths: readonly string[];
  /** `(current-library-collection-links)` after its leading `#f`: links files, in search order. */
  readonly linksFiles: readonly string[];
}

export interface CollectionResolver {
  readonly searchPath: CollectionSearchPath;
  /**
   * The directory of a collection, as `(apply collection-path collection)`; `undefined` when not found.
   * Each element may contain `/`: `['racket/private']` and `['racket', 'private']` are the same.
   * @example resolver.find(['racket', 'private']) //=> '/usr/share/racket/collects/racket/private'
   */
  find(collection: readonly string[]): string | undefined;
  /** The text Racket passes to `collection-path`'s `#:fail` procedure when `find` fails. */
  describeNotFound(collection: readonly string[]): string;
  /** Every place searched for top-level collection `name`, in order (Racket's `all-paths`). */
  candidates(name: string): readonly LinkTarget[];
}

/**
 * `current-library-collection-paths` and `current-library-collection-links` as Racket computes
 * them at startup.
 * @example collectionSearchPath().collectionPaths //=> ['/root/.local/share/racket/8.7/collects', '/usr/share/racket/collects/']
 */
export function collectionSearchPath(options?: CollectionEnvironmentOptions): CollectionSearchPath {
  return searchPathOf(normalizeCollectionEnvironment(options, 'collectionSearchPath'));
}

function searchPathOf(env: NormalizedCollectionEnvironment): CollectionSearchPath {
  const config = readInstallationConfig(env);
  return {
    collectionPaths: findLibraryCollectionPaths(env, config),
    linksFiles: findLibraryCollectionLinks(env, config),
  };
}

/**
 * Racket's `normalize-collection-reference`: the first element is split at its first run of
 * `/` so that the top-level collection name stands alone.
 */
function normalizeReference(collection: readonly string[]): { name: string; rest: string[] } {
  const [first = '', ...rest] = collection;
  const match = /\/+/.exec(first);
  if (match === null) return { name: first, rest };
  if (match.index === first.length - 1) return { name: first.slice(0, match.index), rest };
  return { name: first.slice(0, match.index), rest: [first.slice(match.index + match[0].length), ...rest] };
}

/**
 * Creates a resolver that caches links files.
 * @example createCollectionResolver({ env: { PLTCOLLECTS: '/ws/colls:' } }).find(['mycoll'])
 */
export function createCollectionResolver(options?: CollectionEnvironmentOptions): CollectionResolver {
  const env = normalizeCollectionEnvironment(options, 'createCollectionResolver');
  const searchPath = searchPathOf(env);
  const tables = new Map<string, LinksTable>();
  const tableOf = (file: string): LinksTable => {
    let table = tables.get(file);
    if (table === undefined) {
      table = readLinksFile(file, env);
      tables.set(file, table);
    }
    return table;
  };

  const candidates = (name: string): LinkTarget[] => {
    const out: LinkTarget[] = searchPath.collectionPaths.map((dir) => ({ dir, isCollectionDir: false }));
    for (const file of searchPath.linksFiles) {
      const table = tableOf(file);
      out.push(...(table.byName.get(name) ?? []), ...table.roots);
    }
    return out;
  };

  const find = (collection: readonly string[]): string | undefined => {
    const { name, rest } = normalizeReference(collection);
    for (const target of candidates(name)) {
      const dir = target.isCollectionDir ? target.dir : buildPath(target.dir, name);
      if (!target.isCollectionDir && !env.fs.isDirectory(dir)) continue;
      const path = rest.length === 0 ? dir : buildPath(dir, ...rest);
      if (rest.length === 0 || env.fs.isDirectory(path)) return path;
    }
    return undefined;
  };

  const describeNotFound = (collection: readonly string[]): string => {
    const { name, rest } = normalizeReference(collection);
    const all = candidates(name);
    const restText = rest.join('/');
    const shown = (target: LinkTarget): string => (target.isCollectionDir ? `#&${target.dir}` : target.dir);
    const extra = all.length - searchPath.collectionPaths.length;
    const listed =
      extra < 5
        ? all.map(shown)
        : [...searchPath.collectionPaths, `... [${extra} additional linked and package directories]`];
    const boxes = all.filter((target) => target.isCollectionDir);
    const sub =
      boxes.length === 0
        ? ''
        : `\n   sub-collection: ${writeValue(str(restText))}\n  in parent directories:${boxes.map((b) => `\n   ${b.dir}`).join('')}`;
    const shownName = rest.length === 0 ? name : `${name}/${restText}`;
    return `collection not found\n  collection: ${writeValue(str(shownName))}\n  in collection directories:${listed
      .map((dir) => `\n   ${dir}`)
      .join('')}${sub}`;
  };

  return { searchPath, find, describeNotFound, candidates };
}

/**
 * `(apply collection-path collection)` without running Racket; `undefined` when not found.
 * @param collection the collection and sub-collection names, e.g. `['racket', 'private']`
 * @param options the installation and environment (defaults: this machine's Racket 8.7 and `process.env`)
 * @example findCollectionDir(['racket']) //=> '/usr/share/racket/collects/racket'
 * @example findCollectionDir(['2d']) //=> '/usr/share/racket/pkgs/2d-lib'
 */
export function findCollectionDir(collection: readonly string[], options?: CollectionEnvironmentOptions): string | undefined {
  return createCollectionResolver(options).find(collection);
}
