/**
 * How Racket finds the workspace's collections: `PLTCOLLECTS` listing the directories that
 * contain them, followed by an empty entry that keeps the installation's own collection paths
 * (`PLTCOLLECTS=/ws/libs:/ws/tools:`). Nothing is written to the Racket installation or to the
 * user's Racket directories (no links file, no addon directory).
 *
 * The executor computes the directories from the Nx projects (`metadata.racket`); the CLI
 * (`nx-raco env`, `formatWorkspaceEnv`) walks the workspace for top-level `info.rkt` files with
 * the same rules as `createNodes`.
 *
 * Fragile: `PLTCOLLECTS` maps a collection to a directory by its name, so a collection whose
 * `info.rkt` names it differently from its directory is not found under that name.
 */
import { delimiter, resolve } from 'node:path';
import type { ProjectConfiguration } from '@nx/devkit';
import { getRacketFacts } from './create-dependencies.js';
import { findProjectRoots } from './project-roots.js';
import { readRacketProject } from './racket-project.js';

/** Reserved for workspace-local Racket state (addon directory, links, docs); ignored by git. */
export const WORKSPACE_STATE_DIR = '.nx-raco';

/**
 * The collection directories of the Racket projects among `projects` (absolute, sorted, unique).
 * @example getProjectCollectionDirs('/ws', { greeting: { root: 'libs/greeting', metadata: { racket: … } } }) //=> ['/ws/libs']
 */
export function getProjectCollectionDirs(workspaceRoot: string, projects: Record<string, ProjectConfiguration>): string[] {
  const dirs = new Set<string>();
  for (const project of Object.values(projects)) {
    const facts = getRacketFacts(project);
    if (facts !== undefined) dirs.add(resolve(workspaceRoot, facts.collectionRoot));
  }
  return [...dirs].sort();
}

/**
 * The collection directories of the workspace, found by walking it for top-level `info.rkt`
 * files (skipping dot-directories, `node_modules` and `compiled`).
 * @example findWorkspaceCollectionDirs('/work/main/examples/workspace') //=> ['/work/main/examples/workspace']
 */
export function findWorkspaceCollectionDirs(workspaceRoot: string): string[] {
  return [...new Set(findProjectRoots(workspaceRoot).map((root) => resolve(workspaceRoot, readRacketProject(workspaceRoot, root).collectionRoot)))].sort();
}

/**
 * `PLTCOLLECTS` for `dirs`: the dirs, then `base` (the current value) without those dirs, or an
 * empty entry (the installation's collection paths) when `base` is unset.
 * @example formatCollectsPath(['/ws/libs'], undefined) //=> '/ws/libs:'
 * @example formatCollectsPath(['/ws/libs'], '/ws/libs:/opt/x:') //=> '/ws/libs:/opt/x:'
 */
export function formatCollectsPath(dirs: readonly string[], base: string | undefined): string {
  const rest = base === undefined || base === '' ? [''] : base.split(delimiter).filter((entry) => !dirs.includes(entry));
  if (!rest.includes('')) rest.push('');
  return [...dirs, ...rest].join(delimiter);
}

/**
 * The environment Racket runs in for this workspace: `base` with `PLTCOLLECTS` extended.
 * @example createWorkspaceEnv(['/ws/libs'], { PATH: '/usr/bin' }) //=> { PATH: '/usr/bin', PLTCOLLECTS: '/ws/libs:' }
 */
export function createWorkspaceEnv(dirs: readonly string[], base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return dirs.length === 0 ? { ...base } : { ...base, PLTCOLLECTS: formatCollectsPath(dirs, base['PLTCOLLECTS']) };
}

function quoteShell(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * Shell settings under which plain `racket` and `raco make` see the workspace's collections
 * as the `setup` executor does (for `eval "$(nx-raco env)"`).
 * @example formatWorkspaceEnv('/work/main/examples/workspace') //=> "export PLTCOLLECTS='/work/main/examples/workspace:'\n"
 */
export function formatWorkspaceEnv(workspaceRoot: string, base: NodeJS.ProcessEnv = process.env): string {
  const env = createWorkspaceEnv(findWorkspaceCollectionDirs(resolve(workspaceRoot)), base);
  return env['PLTCOLLECTS'] === undefined ? '' : `export PLTCOLLECTS=${quoteShell(env['PLTCOLLECTS'])}\n`;
}
