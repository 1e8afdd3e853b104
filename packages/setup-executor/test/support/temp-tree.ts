/**
 * Test-only temp trees: a unique temp root filled from an object literal. Relative paths that
 * escape the root are refused; the tree is removed when the test ends (`useTempTree`) or by
 * `dispose()` (trees shared by a whole suite), unless NX_RACO_KEEP_TMP is set. Never writes into
 * the repository.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { onTestFinished } from 'vitest';
import { setMtime } from './file-times.js';

/** Set (to anything) to keep temp trees for debugging. */
export const KEEP_TMP_ENV = 'NX_RACO_KEEP_TMP';

/** Relative path → file contents. */
export type FileTree = Readonly<Record<string, string | Uint8Array>>;

export interface TempTree {
  /** Canonical absolute root (symlinks resolved, so it matches the paths the tools print). */
  readonly root: string;
  /** `rel` resolved inside the root; throws if it escapes. */
  path(rel: string): string;
  /** Writes `contents` (creating directories); sets the mtime when `mtimeSeconds` is given. */
  write(rel: string, contents: string | Uint8Array, mtimeSeconds?: number): void;
  read(rel: string): string;
  exists(rel: string): boolean;
  remove(rel: string): void;
  /** Removes the whole tree, unless NX_RACO_KEEP_TMP is set. */
  dispose(): void;
}

/** `rel` resolved under `root`; refuses absolute paths and `..` escapes. */
export function resolveInside(root: string, rel: string): string {
  if (rel === '' || isAbsolute(rel)) throw new Error(`Expected a relative path inside the temp root, got \`${rel}\` (${typeof rel})`);
  const path = resolve(root, rel);
  if (!path.startsWith(`${root}${sep}`)) throw new Error(`Expected a path inside ${root}, got \`${rel}\`, which escapes it`);
  return path;
}

/**
 * A fresh temp tree holding `files`; the caller disposes of it (use `useTempTree` inside a test).
 * @example createTempTree({ 'a.rkt': "(module a '#%kernel)" }).root //=> '/tmp/nx-raco-make-AbC123'
 */
export function createTempTree(files: FileTree, prefix = 'nx-raco-make-'): TempTree {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const tree: TempTree = {
    root,
    path: (rel) => resolveInside(root, rel),
    write(rel, contents, mtimeSeconds) {
      const path = resolveInside(root, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, contents);
      if (mtimeSeconds !== undefined) setMtime(path, mtimeSeconds);
    },
    read: (rel) => readFileSync(resolveInside(root, rel), 'utf8'),
    exists: (rel) => existsSync(resolveInside(root, rel)),
    remove: (rel) => rmSync(resolveInside(root, rel), { recursive: true }),
    dispose() {
      if (process.env[KEEP_TMP_ENV] === undefined) rmSync(root, { recursive: true, force: true });
      else console.log(`[make-harness] kept ${root}`);
    },
  };
  for (const [rel, contents] of Object.entries(files)) tree.write(rel, contents);
  return tree;
}

/** `createTempTree`, removed when the current test finishes. */
export function useTempTree(files: FileTree, prefix?: string): TempTree {
  const tree = createTempTree(files, prefix);
  onTestFinished(() => tree.dispose());
  return tree;
}

/** Every file under `dir`, relative to it, sorted; `compiled` directories included. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}
