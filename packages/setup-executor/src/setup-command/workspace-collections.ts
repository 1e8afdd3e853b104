/**
 * The workspace `nx-raco setup` works on, and its top-level collections.
 *
 * Workspace root: the nearest directory from `cwd` upwards with `nx.json` or `package.json`,
 * else `cwd`. Top-level collections: each outermost directory with an `info.rkt` (the same
 * walk as `nx-raco env`, skipping dot-directories, `node_modules` and `compiled`) is one
 * collection named after its directory, or, for `(define collection 'multi)`, each of its
 * subdirectories is. These are the collections `PLTCOLLECTS` makes visible
 * (`plugin/workspace-env.ts`).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findProjectRoots } from '../plugin/project-roots.js';
import { readRacketProject } from '../plugin/racket-project.js';

/**
 * The workspace root for `cwd`.
 * @example findSetupWorkspaceRoot('/ws/hello') //=> '/ws' (when /ws/package.json exists)
 */
export function findSetupWorkspaceRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'nx.json')) || existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/**
 * The workspace's top-level collections, sorted by name.
 * @example listWorkspaceCollections('/work/main/examples/workspace')
 * //=> [{ name: 'greeting', dir: '…/greeting' }, { name: 'hello', dir: '…/hello' }]
 */
export function listWorkspaceCollections(workspaceRoot: string): { name: string; dir: string }[] {
  const out: { name: string; dir: string }[] = [];
  for (const root of findProjectRoots(workspaceRoot)) {
    const project = readRacketProject(workspaceRoot, root);
    const dir = join(workspaceRoot, root);
    if (project.kind === 'multi') {
      for (const name of project.collections) out.push({ name, dir: join(dir, name) });
    } else {
      out.push({ name: basename(dir), dir });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
