/**
 * Which `info.rkt` files start a project: the top-level ones.
 *
 * A Racket package or collection directory has an `info.rkt`; so do its subdirectories (each
 * collection of a multi-collection package, and any subcollection that sets compile options).
 * Only the outermost one becomes an Nx project; the nested ones are part of it (they are its
 * inputs, and the setup executor honours their `compile-omit-paths`).
 *
 * Paths are workspace-relative with `/` separators, as Nx gives them to `createNodes`; the
 * workspace root itself is `.`.
 */
import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Directory names never searched for projects or modules. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', '.svn', '.hg', '.nx', 'node_modules', 'compiled']);

/** `a\b/info.rkt` → `a/b/info.rkt`. */
export function toPosixPath(path: string): string {
  return path.replaceAll('\\', '/');
}

function isSkipped(dir: string): boolean {
  return dir !== '.' && dir.split('/').some((segment) => SKIPPED_DIRECTORIES.has(segment));
}

function ancestorsOf(dir: string): string[] {
  if (dir === '.') return [];
  const parts = dir.split('/');
  const result = ['.'];
  for (let i = 1; i < parts.length; i += 1) result.push(parts.slice(0, i).join('/'));
  return result;
}

/**
 * The project roots among `infoFiles`: directories of `info.rkt` files that are not inside a
 * skipped directory nor below another such directory. The result is sorted.
 * @example selectProjectRoots(['a/info.rkt', 'a/x/info.rkt', 'b/compiled/info.rkt']) //=> ['a']
 */
export function selectProjectRoots(infoFiles: readonly string[]): string[] {
  const dirs = [...new Set(infoFiles.map((file) => posix.dirname(toPosixPath(file))))]
    .filter((dir) => !isSkipped(dir))
    .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  const roots = new Set<string>();
  for (const dir of dirs) {
    if (!ancestorsOf(dir).some((ancestor) => roots.has(ancestor))) roots.add(dir);
  }
  return [...roots].sort();
}

function depth(dir: string): number {
  return dir === '.' ? 0 : dir.split('/').length;
}

function walkProjectRoots(workspaceRoot: string, dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(join(workspaceRoot, dir), { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((entry) => entry.name === 'info.rkt' && !entry.isDirectory())) {
    out.push(dir);
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
    walkProjectRoots(workspaceRoot, dir === '.' ? entry.name : `${dir}/${entry.name}`, out);
  }
}

/**
 * The project roots of the workspace on disk (what `selectProjectRoots` picks from Nx's file
 * list), for the CLI, which has no Nx: the outermost directories with an `info.rkt`, skipping
 * dot-directories and `SKIPPED_DIRECTORIES`; sorted, workspace-relative, `.` for the root.
 * @example findProjectRoots('/work/main/examples/workspace') //=> ['greeting', 'hello']
 */
export function findProjectRoots(workspaceRoot: string): string[] {
  const roots: string[] = [];
  walkProjectRoots(workspaceRoot, '.', roots);
  return roots.sort();
}
