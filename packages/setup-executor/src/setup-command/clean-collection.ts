/**
 * `raco setup --clean` for one collection (`setup-core.rkt:793-926`, racket-notes §7.4).
 *
 * The paths cleaned are the `clean` field's entries (relative to the collection) or, by
 * default, `compiled/` (and `compiled/<mode>/` with `--mode`) plus its `native/` and
 * `native/<system-library-subpath>/` subdirectories. A directory has its *files* deleted (not
 * its subdirectories, not itself); a file is deleted. Deleted `.dep` files are returned so the
 * caller can follow their dependencies (the transitive pass).
 *
 * Safety, stricter than raco: every entry is checked before anything is deleted. An entry that
 * is absolute, climbs out with `..`, or resolves (through a symbolic link) outside the
 * collection makes the whole collection's clean refused, with an error, whether or not the
 * entry exists (raco only checks existing paths). Links inside a cleaned directory are
 * removed as links, never followed.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { readDepFile, type InfoTable } from '@nx-raco/cm-core';

/** A dependency as a `.dep` file records it (cm-core's `DepEntry.path`). */
export type EncodedPath = { readonly kind: 'collects'; readonly elements: readonly string[] } | { readonly kind: 'absolute'; readonly path: string };

export class CleanRefusedError extends Error {
  override name = 'CleanRefusedError';
  readonly code = 'RKT_CLEAN_ESCAPES';
}

export interface CleanCollectionResult {
  /** Absolute paths deleted. */
  readonly deleted: readonly string[];
  /** Deleted `.dep` files (absolute). */
  readonly deletedDeps: readonly string[];
  /** The non-external dependencies recorded in the deleted `.dep` files, read before deleting. */
  readonly recordedDeps: readonly EncodedPath[];
}

/** The default `clean` list for `mode` (`compiled` or e.g. `compiled/errortrace`). */
export function defaultCleanPaths(modeDir: string, librarySubpath = `${process.arch === 'x64' ? 'x86_64' : process.arch}-${process.platform}`): string[] {
  return [modeDir, `${modeDir}/native`, `${modeDir}/native/${librarySubpath}`];
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The non-external deps of a `.dep` file; none when it cannot be read (a corrupt record is no reason to stop cleaning). */
export function readRecordedDeps(depFile: string): EncodedPath[] {
  const result = readDepFile(depFile);
  return result.ok ? result.record.deps.filter((d) => !d.external).map((d) => d.path) : [];
}

/** The entries to clean for `info`, or throws `CleanRefusedError` naming the collection. */
export function resolveCleanPaths(collectionName: string, dir: string, info: InfoTable | undefined, modeDir: string): string[] {
  const value = info?.get('clean');
  let entries: string[];
  if (value === undefined) {
    entries = defaultCleanPaths(modeDir);
  } else {
    const items = value.kind === 'list' ? value.items : undefined;
    const strings = items?.map((item) => (item.kind === 'string' || item.kind === 'path' ? item.value : undefined));
    if (strings === undefined || strings.some((s) => s === undefined)) {
      throw new CleanRefusedError(`${collectionName}: clean: Expected a list of relative path strings, got a ${value.kind}; fix ${join(dir, 'info.rkt')}.`);
    }
    entries = strings as string[];
  }
  const realDir = realpathSync(dir);
  const paths: string[] = [];
  for (const entry of entries) {
    const escapes = (reason: string): CleanRefusedError =>
      new CleanRefusedError(`${collectionName}: clean entry ${JSON.stringify(entry)} ${reason}; nothing was deleted for this collection. Fix the \`clean\` field of ${join(dir, 'info.rkt')}.`);
    if (entry === '' || isAbsolute(entry)) throw escapes('is not a relative path');
    if (normalize(entry).split(/[\\/]/).includes('..')) throw escapes('leaves the collection (`..`)');
    const path = resolve(dir, entry);
    // A symbolic link anywhere along the entry may point out of the collection.
    let probe = path;
    while (!existsSync(probe) && isInside(dir, probe) && probe !== dir) probe = resolve(probe, '..');
    if (existsSync(probe) && !isInside(realDir, realpathSync(probe))) throw escapes('leads outside the collection through a symbolic link');
    paths.push(path);
  }
  return paths;
}

/**
 * Cleans one collection; throws `CleanRefusedError` (before deleting anything) for a bad entry.
 * @example cleanCollection('hello', '/ws/hello', getInfo('/ws/hello'), 'compiled').deleted //=> ['/ws/hello/compiled/main_rkt.dep', …]
 */
export function cleanCollection(collectionName: string, dir: string, info: InfoTable | undefined, modeDir = 'compiled'): CleanCollectionResult {
  const paths = resolveCleanPaths(collectionName, dir, info, modeDir);
  const deleted: string[] = [];
  const recordedDeps: EncodedPath[] = [];
  const remove = (file: string): void => {
    if (file.endsWith('.dep')) recordedDeps.push(...readRecordedDeps(file));
    unlinkSync(file);
    deleted.push(file);
  };
  for (const path of paths) {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!entry.isDirectory()) remove(join(path, entry.name));
      }
    } else {
      remove(path);
    }
  }
  return { deleted, deletedDeps: deleted.filter((p) => p.endsWith('.dep')), recordedDeps };
}
