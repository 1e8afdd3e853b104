/**
 * What a project directory holds, read from its `info.rkt` with cm-core's evaluator (no Racket):
 * the collections it provides, the packages it depends on, its description.
 *
 * `collection` is read as `raco pkg` reads it (`pkg/lib` `pkg-single-collection`): a string names
 * the one collection; `'multi` makes every subdirectory a collection; `'use-pkg-name` or no field
 * means the collection is named after the package, i.e. the directory.
 *
 * A bad `info.rkt` never throws here: the project keeps its directory name, gets no fields, and
 * `problems` carries the evaluator's message (file:line:column, Racket's wording, what to do).
 *
 * Fragile: workspace collections are found through `PLTCOLLECTS` (`workspace-env.ts`), which
 * only knows directory names; a `collection` string that differs from the directory name is
 * reported as a problem, because Racket will not find the collection under that name.
 */
import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readInfoFile, type InfoTable, type RacketValue } from '@nx-raco/cm-core';
import { SKIPPED_DIRECTORIES } from './project-roots.js';

/** The facts the plugin keeps about a Racket project (stored in `metadata.racket`). */
export interface RacketProjectFacts {
  /** `single`: the directory is one collection; `multi`: each subdirectory is one. */
  readonly kind: 'single' | 'multi';
  /** Collection names the project provides (for `require` resolution). */
  readonly collections: readonly string[];
  /** Workspace-relative directory to list in `PLTCOLLECTS` so that Racket finds the collections. */
  readonly collectionRoot: string;
  /** The package name `raco pkg` would give the directory (its name). */
  readonly packageName: string;
  /** Package names from `deps`. */
  readonly deps: readonly string[];
  /** Package names from `build-deps`. */
  readonly buildDeps: readonly string[];
}

export interface RacketProject extends RacketProjectFacts {
  /** Workspace-relative root, `/`-separated; `.` for the workspace root. */
  readonly root: string;
  /** The proposed Nx project name: the collection name, or the package name for `'multi`. */
  readonly name: string;
  /** `pkg-desc`, when it is a string. */
  readonly description: string | undefined;
  /** `version`, when it is a string. */
  readonly version: string | undefined;
  /** Warnings about the project (bad `info.rkt`, unusable `collection`), one line each. */
  readonly problems: readonly string[];
}

/** Racket's collection-name characters (`module-path?` path elements). */
const COLLECTION_NAME = /^[a-zA-Z0-9_+\-.%]+$/;

/** Whether `name` can name a collection. */
export function isCollectionName(name: string): boolean {
  return COLLECTION_NAME.test(name) && name !== '.' && name !== '..';
}

function stringItems(value: RacketValue | undefined): string[] {
  if (value?.kind !== 'list') return [];
  const names: string[] = [];
  for (const item of value.items) {
    // A dependency is "pkg" or ("pkg" #:version "1.0" …).
    const head = item.kind === 'list' ? item.items[0] : item;
    if (head?.kind === 'string') names.push(head.value);
  }
  return names;
}

function stringField(info: InfoTable | undefined, name: string): string | undefined {
  const value = info?.get(name);
  return value?.kind === 'string' ? value.value : undefined;
}

function listSubcollections(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name) && isCollectionName(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Reads the project rooted at `root` (workspace-relative) under `workspaceRoot`.
 * @example readRacketProject('/ws', 'greeting').collections //=> ['greeting']
 */
export function readRacketProject(workspaceRoot: string, root: string): RacketProject {
  const dir = join(workspaceRoot, root);
  const dirName = root === '.' ? posix.basename(toPosix(workspaceRoot)) : posix.basename(root);
  // The workspace root as a project is found through its parent directory, outside the workspace.
  const parent = root === '.' ? '..' : posix.dirname(root);
  const problems: string[] = [];
  let info: InfoTable | undefined;
  const infoFile = posix.join(root, 'info.rkt');
  try {
    info = readInfoFile(join(dir, 'info.rkt'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(`${infoFile} could not be read, so its fields are ignored: ${message.replaceAll(dir, root)}`);
  }
  const collection = info?.get('collection');
  let kind: 'single' | 'multi' = 'single';
  let name = dirName;
  if (collection?.kind === 'string') {
    name = collection.value;
    if (collection.value !== dirName) {
      problems.push(
        `${infoFile}: collection "${collection.value}" differs from the directory name "${dirName}"; Racket finds this collection as "${dirName}" through PLTCOLLECTS. Rename the directory or the collection.`,
      );
    }
  } else if (collection?.kind === 'symbol' && collection.name === 'multi') {
    kind = 'multi';
  } else if (collection !== undefined && !(collection.kind === 'symbol' && collection.name === 'use-pkg-name')) {
    problems.push(`${infoFile}: Expected \`collection\` to be a string, 'multi or 'use-pkg-name, got a ${collection.kind}; using "${dirName}".`);
  }
  const collections = kind === 'multi' ? listSubcollections(dir) : [...new Set([dirName, name])];
  return {
    root,
    name,
    kind,
    collections,
    collectionRoot: kind === 'multi' ? root : parent,
    packageName: dirName,
    deps: stringItems(info?.get('deps')),
    buildDeps: stringItems(info?.get('build-deps')),
    description: stringField(info, 'pkg-desc'),
    version: stringField(info, 'version'),
    problems,
  };
}

function toPosix(path: string): string {
  return path.replaceAll('\\', '/');
}
