/**
 * Test-only views of a tree's compiled files: snapshots (`.dep` text, `.zo` SHA-1 and mtimes),
 * the `.dep` format (racket-notes §1.1) and the IMPORTS hash recomputed independently (§2.4).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { mtimeSeconds, setMtime } from './file-times.js';
import { listFiles } from './temp-tree.js';

/** Whether a path relative to a tree lies in a `compiled` directory. */
export const isCompiledFile = (rel: string): boolean => rel.split('/').includes('compiled');

/**
 * Sets every source file under `dir` (anything outside `compiled/` directories) to `sources`
 * and every compiled file to `compiled` seconds.
 */
export function setTreeMtimes(dir: string, times: { readonly sources: number; readonly compiled: number }): void {
  for (const rel of listFiles(dir)) setMtime(join(dir, rel), isCompiledFile(rel) ? times.compiled : times.sources);
}

export interface CompiledFileState {
  readonly sha1: string;
  readonly mtime: number;
  /** The text, for `.dep` files only. */
  readonly text?: string;
  /**
   * For `.zo` files: the bytes contain the snapshotted directory's path (or its last two
   * components: Racket abbreviates long source locations, `...XXXX/raco/s04/b.rkt:3:23`). Such
   * code (e.g. lambdas named after their source location) differs between two copies of a tree
   * (racket-notes §12.1).
   */
  readonly embedsPath?: boolean;
}

export function sha1Hex(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * Every `compiled/*.dep` and `compiled/*.zo` under `dir`: relative path → SHA-1, mtime (seconds)
 * and, for `.dep`, its text.
 */
export function snapshotCompiled(dir: string): Record<string, CompiledFileState> {
  const out: Record<string, CompiledFileState> = {};
  const dirTail = `${basename(dirname(dir))}/${basename(dir)}/`;
  for (const rel of listFiles(dir)) {
    if (!isCompiledFile(rel) || !/\.(dep|zo)$/.test(rel)) continue;
    const path = join(dir, rel);
    const data = readFileSync(path);
    out[rel] = {
      sha1: sha1Hex(data),
      mtime: mtimeSeconds(path),
      ...(rel.endsWith('.dep') ? { text: data.toString('latin1') } : { embedsPath: data.includes(dir) || data.includes(dirTail) }),
    };
  }
  return out;
}

/** `compiled/NAME_rkt.dep` and `.zo` of a module `DIR/NAME.rkt` (default `same` root). */
export function compiledFilesOf(moduleRel: string): { readonly dep: string; readonly zo: string } {
  const slash = moduleRel.lastIndexOf('/');
  const dir = slash < 0 ? '' : moduleRel.slice(0, slash + 1);
  const base = moduleRel.slice(slash + 1).replace(/\.([^.]*)$/, '_$1');
  return { dep: `${dir}compiled/${base}.dep`, zo: `${dir}compiled/${base}.zo` };
}

/** The parts of a `.dep` text: `("8.7" ta6le ("SRC" . "IMPORTS") DEPS...)` or with `(SRC IMPORTS . ASSUME)`. */
export interface DepParts {
  readonly version: string;
  readonly machine: string;
  readonly src: string;
  readonly imports: string;
  readonly assume: string | undefined;
  /** The printed dependencies, as one string. */
  readonly deps: string;
}

export function parseDepText(text: string): DepParts {
  const m = /^\("([^"]*)" (\S+) \("([0-9a-f]{40})" (?:\. "([0-9a-f]{40})"|"([0-9a-f]{40})" \. "([0-9a-f]{40})")\) ?(.*)\)\n$/s.exec(text);
  if (m === null) throw new Error(`Expected a .dep text, got ${JSON.stringify(text)}`);
  return { version: m[1]!, machine: m[2]!, src: m[3]!, imports: (m[4] ?? m[5])!, assume: m[6], deps: m[7]! };
}

/**
 * The IMPORTS hash CM computes for the `.dep` at `depRel` under `dir` (racket-notes §2.4), or
 * `undefined` when a dependency is a collection module (whose hash depends on CM's memo state),
 * lies outside `dir`, or has no compiled files.
 * Module deps hash as `(ASSUME or SHA-1 of .zo) ++ IMPORTS`; ext deps as the file's SHA-1.
 */
export function computeImportsHash(dir: string, depRel: string): string | undefined {
  const { deps } = parseDepText(readFileSync(join(dir, depRel), 'latin1'));
  const entries: { printed: string; hash: string }[] = [];
  for (const m of deps.matchAll(/\(ext \. #"([^"\\]*)"\)|#"([^"\\]*)"|\(/g)) {
    if (m[0] === '(') return undefined; // (collects …), (indirect …), escaped bytes: not computed here
    const ext = m[1];
    if (ext !== undefined) {
      entries.push({ printed: `ext . #"${ext}"`, hash: sha1Hex(readFileSync(ext)) });
      continue;
    }
    const source = m[2]!;
    if (!source.startsWith(`${dir}/`)) return undefined;
    const files = compiledFilesOf(relative(dir, source));
    if (!existsSync(join(dir, files.dep)) || !existsSync(join(dir, files.zo))) return undefined;
    const dep = parseDepText(readFileSync(join(dir, files.dep), 'latin1'));
    const code = dep.assume ?? sha1Hex(readFileSync(join(dir, files.zo)));
    entries.push({ printed: `. #"${source}"`, hash: code + dep.imports });
  }
  // CM conses while folding (reverse order), then sorts stably by hash with string<?.
  const pairs = entries.reverse().sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
  return sha1Hex(Buffer.from(`(${pairs.map((p) => `("${p.hash}" ${p.printed})`).join(' ')})`, 'utf8'));
}
