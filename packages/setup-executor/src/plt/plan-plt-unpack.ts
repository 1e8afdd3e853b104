/**
 * Turns checked entries into a write plan (racket-notes §8.2 "Target", `unpack.rkt`
 * `shuffle-path`/`unmztar`), refusing unsafe paths and clashes with the disk before anything is
 * written. Racket itself would follow `..` and symbolic links; we do not.
 *
 * Fragile: the plan is checked against the disk with `lstat` and written later, so a process
 * that changes the target in between can still race us; the target is assumed to be ours.
 */
import { lstatSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PltFormatError } from './plt-error.js';
import type { PltEntry } from './read-plt-entries.js';

/** Target directories, all absolute. */
export interface PltTargets {
  readonly targetDir: string;
  readonly collectsDir: string;
  readonly docDir: string;
  readonly libDir: string;
  readonly includeDir: string;
}

/** One step of the plan; `base` is created (with parents) if missing. */
export type PltWrite =
  | { readonly op: 'mkdir'; readonly base: string; readonly path: string }
  | { readonly op: 'write'; readonly base: string; readonly path: string; readonly data: Uint8Array; readonly replace: boolean }
  | { readonly op: 'skip'; readonly base: string; readonly path: string };

/**
 * Refuses a path element that is empty, `.`, `..`, absolute, or holds a separator or NUL.
 * @example assertSafeElement('a.txt', 'x') //=> undefined (no throw)
 */
export function assertSafeElement(el: string, shown: string): void {
  const bad =
    el === '' || el === '.' || el === '..' || el.includes('/') || el.includes('\\') || el.includes('\0') ||
    isAbsolute(el) || (process.platform === 'win32' && el.includes(':'));
  if (bad) {
    throw new PltFormatError('RKT_PLT_UNSAFE_PATH', `it has the unsafe path \`${shown}\` (element ${JSON.stringify(el)}; Expected relative names without \`..\` or separators)`);
  }
}

/** Where an entry path goes: `shuffle-path` for `plt-relative?` archives, else `targetDir`. */
function placePath(path: readonly string[], pltRelative: boolean, t: PltTargets): { base: string; rel: readonly string[] } | undefined {
  if (!pltRelative) return { base: t.targetDir, rel: path };
  if (path.length === 0) return undefined;
  const dirs: Readonly<Record<string, string>> = { collects: t.collectsDir, doc: t.docDir, lib: t.libDir, include: t.includeDir };
  const first = path[0] ?? '';
  const base = Object.hasOwn(dirs, first) ? dirs[first] : undefined;
  return base === undefined ? { base: t.targetDir, rel: path } : { base, rel: path.slice(1) };
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The write plan for `entries`, after checking every path element and every existing path
 * component (no symbolic links, no file where a directory is needed, no directory where a file
 * is). `file` entries whose file exists become `skip` (as in raco); `file-replace` replaces.
 * @throws PltFormatError `RKT_PLT_UNSAFE_PATH` or `RKT_PLT_CONFLICT`.
 */
export function planPltUnpack(entries: readonly PltEntry[], pltRelative: boolean, targets: PltTargets): PltWrite[] {
  const kinds = new Map<string, 'dir' | 'file'>();
  const plan: PltWrite[] = [];
  for (const entry of entries) {
    const shown = JSON.stringify(entry.path);
    for (const el of entry.path) assertSafeElement(el, shown);
    const placed = placePath(entry.path, pltRelative, targets);
    if (placed === undefined) {
      if (entry.kind === 'dir') continue;
      throw new PltFormatError('RKT_PLT_UNSAFE_PATH', `it has a ${entry.kind} entry with the empty path ${shown}`);
    }
    const { base, rel } = placed;
    if (entry.kind !== 'dir' && rel.length === 0) {
      throw new PltFormatError('RKT_PLT_CONFLICT', `its file entry ${shown} names a target directory itself`);
    }
    const parts = entry.kind === 'dir' ? rel : rel.slice(0, -1);
    let dir = base;
    for (const el of [undefined, ...parts]) {
      if (el !== undefined) dir = join(dir, el);
      if (!ensureKind(dir, 'dir', shown, kinds, el === undefined)) plan.push({ op: 'mkdir', base, path: dir });
    }
    if (entry.kind === 'dir') continue;
    const file = join(base, ...rel);
    const existed = ensureKind(file, 'file', shown, kinds);
    if (existed && entry.kind === 'file') plan.push({ op: 'skip', base, path: file });
    else plan.push({ op: 'write', base, path: file, data: entry.data, replace: existed });
  }
  return plan.filter((w) => w.op !== 'mkdir' || w.path !== w.base);
}

/**
 * Records `path` as `kind`; returns whether it already existed (on disk or earlier in the plan).
 * A target's own base directory may be a symbolic link (the workspace chose it); below it no
 * component may be one.
 */
function ensureKind(path: string, kind: 'dir' | 'file', shown: string, kinds: Map<string, 'dir' | 'file'>, isBase = false): boolean {
  const planned = kinds.get(path);
  if (planned !== undefined) {
    if (planned !== kind) throw clash(path, planned, kind, shown);
    return true;
  }
  const st = isBase ? statOrUndefined(path) : lstatOrUndefined(path);
  if (st === undefined) {
    kinds.set(path, kind);
    return false;
  }
  if (st.isSymbolicLink()) {
    throw new PltFormatError('RKT_PLT_UNSAFE_PATH', `its path ${shown} goes through the symbolic link ${path}`);
  }
  const actual = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  if (actual !== kind) throw clash(path, actual, kind, shown);
  kinds.set(path, kind);
  return true;
}

function clash(path: string, actual: 'dir' | 'file' | undefined, wanted: 'dir' | 'file', shown: string): PltFormatError {
  const what = (k: 'dir' | 'file' | undefined): string => (k === 'dir' ? 'a directory' : k === 'file' ? 'a file' : 'a special file');
  return new PltFormatError('RKT_PLT_CONFLICT', `its entry ${shown} needs ${what(wanted)} at ${path}, but there is ${what(actual)}`);
}
