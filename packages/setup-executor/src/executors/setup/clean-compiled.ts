/**
 * `raco setup --clean` for one project: delete the files in the project's `compiled/`
 * directories, and nothing else.
 *
 * Safety rules: the walk starts at the project's real path and never follows a symbolic link;
 * a `compiled` entry that is itself a link is refused (reported, left alone), and links found
 * inside `compiled/` are removed as links, never followed. Emptied `compiled/` directories are
 * removed too.
 */
import { lstatSync, readdirSync, realpathSync, rmdirSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { SKIPPED_DIRECTORIES } from '../../plugin/project-roots.js';

export interface CleanResult {
  /** Files (and links) deleted. */
  readonly deleted: readonly string[];
  /** `compiled` links left alone, with the reason. */
  readonly refused: readonly string[];
}

function emptyDirectory(dir: string, deleted: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      emptyDirectory(path, deleted);
      rmdirSync(path);
    } else {
      unlinkSync(path);
      deleted.push(path);
    }
  }
}

function walk(dir: string, deleted: string[], refused: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name === 'compiled') {
      if (entry.isSymbolicLink()) {
        refused.push(`${path} is a symbolic link; delete it by hand if its target may go`);
      } else if (entry.isDirectory()) {
        emptyDirectory(path, deleted);
        rmdirSync(path);
      }
    } else if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) {
      walk(path, deleted, refused);
    }
  }
}

/**
 * Deletes the compiled files of the project at `projectRoot`, which must lie inside
 * `workspaceRoot` (both absolute).
 * @example cleanCompiledFiles('/ws', '/ws/hello').deleted //=> ['/ws/hello/compiled/main_rkt.zo', …]
 */
export function cleanCompiledFiles(workspaceRoot: string, projectRoot: string): CleanResult {
  const realWorkspace = realpathSync(workspaceRoot);
  const realProject = realpathSync(projectRoot);
  const inside = relative(realWorkspace, realProject);
  if (inside.startsWith('..') || isAbsolute(inside) || lstatSync(projectRoot).isSymbolicLink()) {
    return { deleted: [], refused: [`${projectRoot} is not a directory inside the workspace ${workspaceRoot}; nothing was deleted`] };
  }
  const deleted: string[] = [];
  const refused: string[] = [];
  walk(realProject, deleted, refused);
  return { deleted, refused };
}
