/**
 * The workspace documentation index file, `<workspaceRoot>/doc/index.html` (layout in
 * `index-page.ts`), rebuilt from the stamps of every workspace document: a document is listed
 * once it has been built, with the title its last render reported. The file is replaced
 * atomically and only when its text changes.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readDocStamp } from './doc-stamp.js';
import type { DocTarget } from './doc-target.js';
import { formatDocIndexPage, toHref, type IndexEntry } from './index-page.js';

/**
 * The workspace index page.
 * @example getDocIndexPath('/ws') //=> '/ws/doc/index.html'
 */
export function getDocIndexPath(workspaceRoot: string): string {
  return join(workspaceRoot, 'doc', 'index.html');
}

function writeIfChanged(path: string, text: string): boolean {
  try {
    if (readFileSync(path, 'utf8') === text) return false;
  } catch {
    // missing: write it
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return true;
}

/**
 * Rewrites the index page from the stamps of `targets` (every workspace document); whether it changed.
 * @example updateIndexPage('/ws', targets) //=> true
 */
export function updateIndexPage(workspaceRoot: string, targets: readonly Pick<DocTarget, 'id' | 'destDir' | 'category' | 'sortNumber'>[]): boolean {
  const page = getDocIndexPath(workspaceRoot);
  const entries: IndexEntry[] = [];
  for (const target of targets) {
    const stamp = readDocStamp(target);
    if (stamp === undefined) continue;
    entries.push({ id: target.id, title: stamp.title, category: target.category, sortNumber: target.sortNumber, href: toHref(dirname(page), join(target.destDir, 'index.html')) });
  }
  return writeIfChanged(page, formatDocIndexPage(entries));
}
