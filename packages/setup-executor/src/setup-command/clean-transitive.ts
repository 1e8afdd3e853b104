/**
 * raco setup's transitive clean (`setup-core.rkt:874-926`, racket-notes §7.4), run only when no
 * collections were named: for each dependency recorded in a deleted `.dep`, if its
 * `compiled/<name>_<ext>.zo` **and** `.dep` both exist, both are deleted (`deleting: <zo>`)
 * and that `.dep`'s dependencies are followed in turn, until nothing changes.
 *
 * Deliberate difference: only modules inside the workspace are ever deleted. A `(collects …)`
 * dependency is resolved against the workspace's top-level collections only, and an absolute
 * one must lie inside the workspace root; the Racket installation is never touched.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { pathAddExtension } from '@nx-raco/cm-core';
import { readRecordedDeps, type EncodedPath } from './clean-collection.js';

/**
 * `<modeDir>/<name>_<ext>.zo` for `source` (Racket's `path-add-extension`), and its `.dep`.
 * @example getCompiledPaths('/ws/a/main.rkt', 'compiled') //=> { zo: '/ws/a/compiled/main_rkt.zo', dep: '/ws/a/compiled/main_rkt.dep' }
 */
export function getCompiledPaths(source: string, modeDir: string): { zo: string; dep: string } {
  const dir = join(dirname(source), modeDir);
  const name = basename(source);
  return { zo: join(dir, pathAddExtension(name, '.zo')), dep: join(dir, pathAddExtension(name, '.dep')) };
}

function resolveDep(dep: EncodedPath, workspaceRoot: string, collections: ReadonlyMap<string, string>): string | undefined {
  if (dep.kind === 'collects') {
    const [first, ...rest] = dep.elements;
    const dir = first === undefined ? undefined : collections.get(first);
    return dir === undefined || rest.length === 0 ? undefined : join(dir, ...rest);
  }
  const rel = relative(workspaceRoot, dep.path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : dep.path;
}

/**
 * Deletes, transitively, the compiled files of the workspace modules `deps` name; returns the
 * `.zo` files deleted (in order).
 * @example cleanTransitively(deps, '/ws', new Map([['hello', '/ws/hello']]), 'compiled') //=> ['/ws/greeting/compiled/main_rkt.zo']
 */
export function cleanTransitively(deps: readonly EncodedPath[], workspaceRoot: string, collections: ReadonlyMap<string, string>, modeDir = 'compiled'): string[] {
  const deleted: string[] = [];
  const seen = new Set<string>();
  const queue = [...deps];
  while (queue.length > 0) {
    const source = resolveDep(queue.shift()!, workspaceRoot, collections);
    if (source === undefined || seen.has(source)) continue;
    seen.add(source);
    const { zo, dep } = getCompiledPaths(source, modeDir);
    if (!existsSync(zo) || !existsSync(dep)) continue;
    queue.push(...readRecordedDeps(dep));
    unlinkSync(zo);
    unlinkSync(dep);
    deleted.push(zo);
  }
  return deleted;
}
