/**
 * `createNodes` (Nx ≥ 21; also exported as `createNodesV2` for Nx 19.2–20): one project per
 * top-level `info.rkt`, with `setup` and `clean` targets, without running Racket.
 *
 * Nx passes every matching file at once; nested `info.rkt` files (subcollections, the
 * collections of a `'multi` package) get an empty result, because the enclosing project owns
 * them. A bad `info.rkt` yields a project with its directory name and a description that says
 * what is wrong (and a warning on stderr), never a failed graph.
 *
 * Project names must be unique: when two directories give the same name, the later root (in
 * sorted order) is named by its path instead, with a warning.
 */
import { join } from 'node:path';
import type { CreateNodesContext, CreateNodesResult, CreateNodesResultArray, CreateNodesV2, ProjectConfiguration } from '@nx/devkit';
import { listDeclaredLauncherFiles } from '../setup/index.js';
import { normalizePluginOptions, type NormalizedPluginOptions, type RacketPluginOptions } from './plugin-options.js';
import { selectProjectRoots, toPosixPath } from './project-roots.js';
import { readRacketProject, type RacketProject, type RacketProjectFacts } from './racket-project.js';
import { createNamedInputs, createTargets } from './targets.js';

/** The glob Nx matches against workspace files. */
export const INFO_FILE_GLOB = '**/info.rkt';

function describeProject(project: RacketProject): string {
  const what = project.kind === 'multi' ? `Racket package ${project.packageName} (collections: ${project.collections.join(', ') || 'none'})` : `Racket collection ${project.name}`;
  const parts = [project.description === undefined ? what : `${what}: ${project.description}`];
  if (project.problems.length > 0) parts.push(`Problems: ${project.problems.join(' ')}`);
  return parts.join('. ');
}

function toFacts(project: RacketProject): RacketProjectFacts {
  const { kind, collections, collectionRoot, packageName, deps, buildDeps } = project;
  return { kind, collections, collectionRoot, packageName, deps, buildDeps };
}

function toProjectConfiguration(project: RacketProject, name: string, options: NormalizedPluginOptions, workspaceRoot: string): Partial<ProjectConfiguration> {
  const label = project.kind === 'multi' ? `the collections of ${project.packageName}` : `collection ${project.name}`;
  return {
    root: project.root,
    name,
    namedInputs: createNamedInputs(),
    targets: createTargets(options, label, listDeclaredLauncherFiles(join(workspaceRoot, project.root), project)),
    metadata: {
      technologies: ['racket'],
      description: describeProject(project),
      racket: toFacts(project),
    },
  };
}

/**
 * Infers the projects of the given `info.rkt` files (workspace-relative).
 * @example createRacketNodes(['greeting/info.rkt'], undefined, { workspaceRoot: '/ws', nxJsonConfiguration: {} })
 * //=> [['greeting/info.rkt', { projects: { greeting: { name: 'greeting', targets: { setup, clean }, … } } }]]
 */
export function createRacketNodes(
  infoFiles: readonly string[],
  options: RacketPluginOptions | undefined,
  context: CreateNodesContext,
): CreateNodesResultArray {
  const normalized = normalizePluginOptions(options);
  const roots = new Set(selectProjectRoots(infoFiles));
  const taken = new Set<string>();
  const results = new Map<string, CreateNodesResult>();
  for (const root of [...roots].sort()) {
    const project = readRacketProject(context.workspaceRoot, root);
    let name = project.name;
    if (taken.has(name)) {
      console.warn(`[@nx-raco/setup-executor] ${root}/info.rkt: another project is already named "${name}"; naming this one "${root}".`);
      name = root;
    }
    taken.add(name);
    for (const problem of project.problems) console.warn(`[@nx-raco/setup-executor] ${problem}`);
    results.set(root, { projects: { [root]: toProjectConfiguration(project, name, normalized, context.workspaceRoot) } });
  }
  return infoFiles.map((file) => {
    const dir = toPosixPath(file).replace(/\/?info\.rkt$/, '') || '.';
    return [file, roots.has(dir) ? (results.get(dir) ?? {}) : {}] as const;
  });
}

/** The plugin's `createNodes` tuple. */
export const createNodesV2: CreateNodesV2<RacketPluginOptions> = [INFO_FILE_GLOB, createRacketNodes];
