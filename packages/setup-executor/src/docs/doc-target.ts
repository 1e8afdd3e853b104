/**
 * The documents of the workspace's collections and where each is written.
 *
 * Destination: `<collection dir>/doc/<name>/`, what raco's `doc-path` gives a document of a
 * collection outside the main installation. The flags that would send a document elsewhere are
 * not followed, so nothing is written outside the workspace: `'main-doc` and `'user-doc` (main
 * installation / user doc dir) and `'main-doc-root` / `'user-doc-root` (the root of those dirs)
 * all build into the collection's `doc/` directory like any other document; the workspace's root
 * page is the generated `<workspaceRoot>/doc/index.html` (`index-page.ts`).
 *
 * Build order: raco's `doc<?` — order hint, then name (`string<?`).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { SetupCollection } from '../setup-command/collection-files.js';
import type { SetupError } from '../setup-command/setup-report.js';
import { parseScribblings, type DocFlag, type ScribblingsEntry } from './scribblings-entry.js';

/** One document to build (raco's `doc` struct). */
export interface DocTarget extends ScribblingsEntry {
  /** Stable identity: the destination relative to the workspace root, `/`-separated. */
  readonly id: string;
  /** The collection path, e.g. `hello/private`. */
  readonly collection: string;
  readonly collectionDir: string;
  /** Absolute source path. */
  readonly srcPath: string;
  /** Absolute destination directory. */
  readonly destDir: string;
}

export const DOC_STEP = 'building docs';

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** raco's `doc<?`. */
export function compareDocTargets(a: DocTarget, b: DocTarget): number {
  return a.orderHint - b.orderHint || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id);
}

export function hasFlag(target: { readonly flags: readonly DocFlag[] }, flag: DocFlag): boolean {
  return target.flags.includes(flag);
}

/**
 * The documents of `ccs`, in build order, and an error for each collection whose `scribblings`
 * is bad or whose documents collide (two documents with one name in one collection).
 * @example listDocTargets([mc], '/ws').targets.map((t) => t.id) //=> ['mc/doc/mc', 'mc/doc/multi-doc']
 */
export function listDocTargets(ccs: readonly SetupCollection[], workspaceRoot: string): { targets: DocTarget[]; errors: SetupError[] } {
  const targets: DocTarget[] = [];
  const errors: SetupError[] = [];
  for (const cc of ccs) {
    if (cc.info === undefined) continue;
    let entries: ScribblingsEntry[];
    try {
      entries = parseScribblings(cc.info);
    } catch (error) {
      errors.push({ collection: cc.dir, during: DOC_STEP, message: (error as Error).message });
      continue;
    }
    const seen = new Map<string, string>();
    for (const entry of entries) {
      const srcPath = resolve(cc.dir, entry.src);
      const previous = seen.get(entry.name);
      if (previous !== undefined) {
        errors.push({
          collection: cc.dir,
          during: DOC_STEP,
          message: `${cc.info.file}: documents ${previous} and ${entry.src} are both named \`${entry.name}\`; give one of them another name (the fourth element of its scribblings entry).`,
        });
        continue;
      }
      seen.set(entry.name, entry.src);
      const destDir = join(cc.dir, 'doc', entry.name);
      targets.push({ ...entry, id: relative(workspaceRoot, destDir).split(sep).join('/'), collection: cc.name, collectionDir: cc.dir, srcPath, destDir });
    }
  }
  return { targets: targets.sort(compareDocTargets), errors };
}

/** Whether `target`'s source file exists (checked before starting Racket for it). */
export function hasSource(target: DocTarget): boolean {
  return existsSync(target.srcPath);
}
