/**
 * `nx g @nx-raco/setup-executor:collection NAME`: a new Racket collection that Nx infers as a
 * project (no `project.json`): `info.rkt` (collection, deps, build-deps, version, pkg-desc,
 * scribblings, optionally a launcher), `main.rkt`, `tests/main-test.rkt` (rackunit, requiring
 * the collection by name) and `scribblings/NAME.scrbl`. Registers the plugin first if needed.
 *
 * The directory's last segment must equal the collection name, because the workspace finds
 * collections through `PLTCOLLECTS`, which maps names to directories.
 *
 * Templates live in `src/generators/collection/files` (shipped in the package, next to the
 * schema) and use `<%- … %>` (no HTML escaping): values are escaped for Racket or Scribble by
 * the helpers passed in.
 */
import { fileURLToPath } from 'node:url';
import { formatFiles, generateFiles, joinPathFragments, type Tree } from '@nx/devkit';
import { isCollectionName } from '../../plugin/racket-project.js';
import { initGenerator } from '../init/generator.js';
import type { CollectionGeneratorOptions } from './schema.js';

const TEMPLATES = fileURLToPath(new URL('../../../src/generators/collection/files', import.meta.url));

export interface NormalizedCollectionOptions {
  readonly name: string;
  readonly directory: string;
  readonly description: string;
  readonly version: string;
  readonly launcher: boolean;
  readonly skipFormat: boolean;
}

/** A user error in the generator's options; `code` is `RKT_GENERATOR_OPTIONS`. */
export class CollectionOptionsError extends Error {
  readonly code = 'RKT_GENERATOR_OPTIONS';
  override name = 'CollectionOptionsError';
}

function describe(value: unknown): string {
  return `\`${JSON.stringify(value) ?? String(value)}\` (${typeof value})`;
}

const OPTION_KEYS = new Set(['name', 'directory', 'description', 'version', 'launcher', 'skipFormat']);

/**
 * Fills defaults and checks the options against the tree.
 * @example normalizeOptions(tree, { name: 'mylib' }).directory //=> 'mylib'
 */
export function normalizeOptions(tree: Tree, options: CollectionGeneratorOptions): NormalizedCollectionOptions {
  const unknown = Object.keys(options).filter((key) => !OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    throw new CollectionOptionsError(`collection generator: unknown option ${unknown.map((k) => `\`${k}\``).join(', ')}. Expected one of ${[...OPTION_KEYS].join(', ')}.`);
  }
  const { name } = options;
  if (typeof name !== 'string' || !isCollectionName(name)) {
    throw new CollectionOptionsError(`collection generator: option \`name\`: Expected a collection name (letters, digits, _ + - . %), got ${describe(name)}.`);
  }
  const directory = joinPathFragments(options.directory ?? name).replace(/\/$/, '');
  const last = directory.split('/').pop();
  if (last !== name) {
    throw new CollectionOptionsError(
      `collection generator: option \`directory\`: Expected a directory whose last segment is the collection name "${name}", got ${describe(options.directory)}. Racket finds workspace collections by directory name; use --directory=${directory === '.' ? '' : `${directory}/`}${name}.`,
    );
  }
  if (directory.startsWith('..') || tree.exists(joinPathFragments(directory, 'info.rkt'))) {
    throw new CollectionOptionsError(`collection generator: option \`directory\`: Expected a new directory inside the workspace, got ${describe(directory)}. Pick another name or directory.`);
  }
  return {
    name,
    directory,
    description: options.description ?? `The ${name} collection`,
    version: options.version ?? '0.1',
    launcher: options.launcher ?? true,
    skipFormat: options.skipFormat ?? false,
  };
}

/** A Racket string literal. */
function racketString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Text that Scribble's @-reader takes literally. */
function scribbleText(text: string): string {
  return text.replace(/[@{}|\\]/g, (c) => `@${racketString(c)}`);
}

/** One line of comment text. */
function commentText(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Writes the collection's files. */
export async function collectionGenerator(tree: Tree, options: CollectionGeneratorOptions): Promise<void> {
  const normalized = normalizeOptions(tree, options);
  await initGenerator(tree, { skipFormat: true });
  generateFiles(tree, TEMPLATES, normalized.directory, { ...normalized, racketString, scribbleText, commentText, tmpl: '' });
  if (!normalized.skipFormat) await formatFiles(tree);
}

export default collectionGenerator;
