/**
 * From a `.dep` entry to a file: `collects-relative*->path` (cm-path.rkt) with Racket's
 * `collection-file-path` for `(collects #"coll" … #"file.rkt")` entries.
 *
 * `collection-file-path` looks for the *file*, not just the directory: a collection can be split
 * over several places (the `data` collection lives in several packages), and the first place
 * whose directory holds the file (or its `.ss` twin) wins. When no place has it, Racket's
 * `collects-relative->path` falls back to the first collection directory in the search path.
 * Results are cached per resolver, like CM's `collection-cache`.
 *
 * "Only its compiled form" is looked for in `compiledDirs` (relative to the file's directory,
 * same root only): `compiled`, or in a compile mode `compiled/M` then `compiled` — where a
 * workspace module's and an installation module's code live then (compile-mode.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CollectionResolver } from '../collects/find-collection.js';
import { buildPath } from '../collects/racket-path.js';
import type { DepEntry } from '../dep/dep-record.js';
import { rktToSs } from './file-stamps.js';
import { pathAddExtension } from '../paths/compilation-path.js';

export type DepPathResolver = (entry: DepEntry) => string;

const DEFAULT_COMPILED_DIRS: readonly string[] = ['compiled'];

/**
 * `(collection-file-path file coll ...)` over `resolver`'s search path.
 * @example collectionFilePath(resolver, ['racket'], 'base.rkt') //=> '/usr/share/racket/collects/racket/base.rkt'
 */
export function collectionFilePath(
  resolver: CollectionResolver,
  collection: readonly string[],
  file: string,
  compiledDirs: readonly string[] = DEFAULT_COMPILED_DIRS,
): string {
  const [name = '', ...rest] = collection;
  for (const target of resolver.candidates(name)) {
    const dir = target.isCollectionDir ? target.dir : buildPath(target.dir, name);
    const path = buildPath(dir, ...rest, file);
    // As `collection-file-path` with `#:check-compiled?`: the source, its .ss twin, or only its compiled form.
    if (
      existsSync(path) ||
      (path.endsWith('.rkt') && existsSync(rktToSs(path))) ||
      compiledDirs.some((c) => existsSync(buildPath(dir, ...rest, ...c.split('/'), pathAddExtension(file, '.zo'))))
    ) {
      return resolve(path);
    }
  }
  const dir = resolver.find(collection);
  if (dir !== undefined) return resolve(buildPath(dir, file));
  const first = resolver.searchPath.collectionPaths[0] ?? process.cwd();
  return resolve(buildPath(first, ...collection, file));
}

/** A cached `collects-relative*->path` for dep entries. */
export function createDepPathResolver(resolver: CollectionResolver, compiledDirs: readonly string[] = DEFAULT_COMPILED_DIRS): DepPathResolver {
  const cache = new Map<string, string>();
  // Parsed .dep records are cached per build, so the same entry objects come back thousands of
  // times in a no-op build: remember the answer per object too.
  const byEntry = new WeakMap<DepEntry, string>();
  return (entry) => {
    const known = byEntry.get(entry);
    if (known !== undefined) return known;
    const p = entry.path;
    let path: string;
    if (p.kind === 'absolute') {
      path = p.path;
    } else {
      const key = p.elements.join('\0');
      path = cache.get(key) ?? collectionFilePath(resolver, p.elements.slice(0, -1), p.elements.at(-1) ?? '', compiledDirs);
      cache.set(key, path);
    }
    byEntry.set(entry, path);
    return path;
  };
}
