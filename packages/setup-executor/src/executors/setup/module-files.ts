/**
 * The module files `raco setup` compiles in a collection directory (setup's
 * `compile-directory-zos`): every `.rkt`, `.ss` and `.scm` file, and `.scrbl` files unless
 * documentation is off, recursively, except `compiled/` directories, `info.rkt`/`info.ss`,
 * and whatever each directory's `info.rkt` lists in `compile-omit-paths` (or the older
 * `compile-omit-files`); `(define compile-omit-paths 'all)` omits the whole directory.
 *
 * A bad nested `info.rkt` is ignored here (createNodes reports it); dot-directories and
 * `node_modules` are never searched.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getInfo, type InfoTable } from '@nx-raco/cm-core';
import { SKIPPED_DIRECTORIES } from '../../plugin/project-roots.js';

const MODULE_FILE = /\.(rkt|ss|scm)$/;
const DOC_FILE = /\.scrbl$/;
const INFO_FILES = new Set(['info.rkt', 'info.ss']);

function readInfoSafely(dir: string): InfoTable | undefined {
  try {
    return getInfo(dir);
  } catch {
    return undefined;
  }
}

/** The absolute paths a directory's info omits, or `'all'`. */
function omittedPaths(dir: string): Set<string> | 'all' {
  const info = readInfoSafely(dir);
  const omitted = new Set<string>();
  for (const field of ['compile-omit-paths', 'compile-omit-files']) {
    const value = info?.get(field);
    if (value?.kind === 'symbol' && value.name === 'all') return 'all';
    if (value?.kind !== 'list') continue;
    for (const item of value.items) {
      if (item.kind === 'string' || item.kind === 'path') omitted.add(resolve(dir, item.value));
    }
  }
  return omitted;
}

function collect(dir: string, noDocs: boolean, inherited: ReadonlySet<string>, out: string[]): void {
  const own = omittedPaths(dir);
  if (own === 'all') return;
  const omitted = new Set([...inherited, ...own]);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (omitted.has(path)) continue;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) collect(path, noDocs, omitted, out);
    } else if (entry.isFile() && !INFO_FILES.has(entry.name) && (MODULE_FILE.test(entry.name) || (!noDocs && DOC_FILE.test(entry.name)))) {
      out.push(path);
    }
  }
}

/**
 * The module files to compile under `root` (absolute paths, sorted by directory walk).
 * @example listModuleFiles('/ws/hello', { noDocs: false }) //=> ['/ws/hello/main.rkt', '/ws/hello/private/banner.rkt']
 */
export function listModuleFiles(root: string, options: { readonly noDocs: boolean }): string[] {
  const out: string[] = [];
  collect(resolve(root), options.noDocs, new Set(), out);
  return out;
}
