/**
 * `createDependencies`: project-graph edges between Racket projects, without running Racket.
 *
 * - `static` edges (with `sourceFile`) from the `require` forms and `#lang` lines of the module
 *   files in `context.filesToProcess` that name a workspace collection or, by a relative path,
 *   a file of another project; `dynamic` ones from `lazy-require`/`dynamic-require` (both found
 *   by cm-core's `scanRequires`). Nx keeps the edges of unchanged files from its cache, so only
 *   changed files are read.
 * - `implicit` edges from `deps`/`build-deps` in `info.rkt` that name a workspace package,
 *   recomputed on every call from the facts `createNodes` stored in `metadata.racket`.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { resolveModuleReference, scanRequires, type ModuleReference } from '@nx-raco/cm-core';
import type { CreateDependencies, CreateDependenciesContext, DependencyType, ProjectConfiguration, RawProjectGraphDependency } from '@nx/devkit';
import { normalizePluginOptions, type RacketPluginOptions } from './plugin-options.js';
import type { RacketProjectFacts } from './racket-project.js';

const MODULE_SOURCE = /\.(rkt|ss|scm|scrbl)$/;
const INFO_FILE = /(^|\/)info\.(rkt|ss)$/;

/** The `metadata.racket` facts of a project inferred by this plugin, if it is one. */
export function getRacketFacts(project: ProjectConfiguration | undefined): RacketProjectFacts | undefined {
  const facts = (project?.metadata as { racket?: RacketProjectFacts } | undefined)?.racket;
  return facts !== undefined && Array.isArray(facts.collections) ? facts : undefined;
}

interface WorkspaceIndex {
  readonly byCollection: ReadonlyMap<string, string>;
  readonly byPackage: ReadonlyMap<string, string>;
  readonly byRoot: ReadonlyMap<string, string>;
}

function indexProjects(projects: Record<string, ProjectConfiguration>): WorkspaceIndex {
  const byCollection = new Map<string, string>();
  const byPackage = new Map<string, string>();
  const byRoot = new Map<string, string>();
  for (const name of Object.keys(projects).sort()) {
    const project = projects[name]!;
    const facts = getRacketFacts(project);
    if (facts === undefined) continue;
    byRoot.set(project.root, name);
    if (!byPackage.has(facts.packageName)) byPackage.set(facts.packageName, name);
    for (const collection of facts.collections) if (!byCollection.has(collection)) byCollection.set(collection, name);
  }
  return { byCollection, byPackage, byRoot };
}

function projectOfPath(path: string, byRoot: ReadonlyMap<string, string>): string | undefined {
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    const project = byRoot.get(dir);
    if (project !== undefined) return project;
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

/** The project `ref` (found in workspace file `file`) reaches: by collection name, or by the file a path names. */
function findTargetProject(ref: ModuleReference, file: string, workspaceRoot: string, index: WorkspaceIndex): string | undefined {
  if (ref.kind === 'collection') return index.byCollection.get(ref.collection[0]!);
  const absolute = resolveModuleReference(ref, join(workspaceRoot, posix.dirname(file)));
  if (absolute === undefined) return undefined;
  const path = relative(workspaceRoot, absolute).replaceAll(sep, '/');
  if (path.startsWith('..') || isAbsolute(path)) return undefined;
  return projectOfPath(path, index.byRoot);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The edges of the Racket projects in `context`.
 * @example createRacketDependencies(undefined, context) //=> [{ source: 'hello', target: 'greeting', sourceFile: 'hello/main.rkt', type: 'static' }, …]
 */
export function createRacketDependencies(options: RacketPluginOptions | undefined, context: CreateDependenciesContext): RawProjectGraphDependency[] {
  normalizePluginOptions(options);
  const index = indexProjects(context.projects);
  const edges: RawProjectGraphDependency[] = [];
  const seen = new Set<string>();
  const add = (edge: RawProjectGraphDependency): void => {
    const key = `${edge.source}\0${edge.target}\0${edge.type}\0${'sourceFile' in edge ? (edge.sourceFile ?? '') : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(edge);
  };
  for (const [source, files] of Object.entries(context.filesToProcess.projectFileMap)) {
    if (getRacketFacts(context.projects[source]) === undefined) continue;
    for (const { file } of files) {
      if (!MODULE_SOURCE.test(file) || INFO_FILE.test(file) || file.split('/').includes('compiled')) continue;
      const text = readText(join(context.workspaceRoot, file));
      if (text === undefined) continue;
      for (const ref of scanRequires(text)) {
        const target = findTargetProject(ref, file, context.workspaceRoot, index);
        if (target === undefined || target === source) continue;
        add(
          ref.dynamic
            ? { source, target, sourceFile: file, type: 'dynamic' as DependencyType.dynamic }
            : { source, target, sourceFile: file, type: 'static' as DependencyType.static },
        );
      }
    }
  }
  for (const [source, project] of Object.entries(context.projects)) {
    const facts = getRacketFacts(project);
    if (facts === undefined) continue;
    for (const pkg of [...facts.deps, ...facts.buildDeps]) {
      const target = index.byPackage.get(pkg);
      if (target !== undefined && target !== source) add({ source, target, type: 'implicit' as DependencyType.implicit });
    }
  }
  return edges;
}

/** The plugin's `createDependencies`. */
export const createDependencies: CreateDependencies<RacketPluginOptions> = createRacketDependencies;
