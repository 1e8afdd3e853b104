/**
 * The hash that stands for a module's compiled form in its dependents' IMPORTS hash
 * (`get-compiled-sha1` / `try-file-sha1`, cm-minimal.rkt:1028-1085; racket-notes §2.4):
 * the `.zo`'s SHA-1 — or the ASSUME hash its `.dep` records after a machine-independent
 * recompile — followed by the IMPORTS hash of its `.dep` when that `.dep` has the current version
 * and an acceptable machine. Normally 80 hex digits; `""` when there is no `.zo`.
 *
 * Also the compiled file's time (`get-compiled-time`), searched through roots × modes.
 */
import { existsSync } from 'node:fs';
import { readDepFile } from '../dep/dep-record.js';
import { fileSha1 } from '../hash/sha1.js';
import { join } from 'node:path';
import { getCompilationDirAndName, getCompiledFilePath, pathAddExtension, type CompilationSearch } from '../paths/compilation-path.js';
import { tryFileTime, type FileCheck } from './file-stamps.js';

/** What the hash needs to know about the running Racket. */
export interface CompiledHashContext {
  readonly version: string;
  readonly targetMachine: string | null;
  readonly search: CompilationSearch;
  readonly fileCheck: FileCheck;
  readonly trace: (line: string) => void;
}

/**
 * `try-file-sha1`: the hash for compiled file `zo` given its `.dep` at `dep`; `undefined` when the
 * `.zo` cannot be read and the `.dep` records no ASSUME hash.
 */
export function tryFileSha1(zo: string, dep: string, ctx: CompiledHashContext): string | undefined {
  const zoSha1 = fileSha1(zo);
  let imports = '';
  let assume: string | undefined;
  const read = readDepFile(dep);
  if (read.ok) {
    const r = read.record;
    const okMachine = r.version === ctx.version && (r.machine === ctx.targetMachine || r.machine === null);
    if (okMachine) {
      imports = r.importsSha1;
      assume = r.assumeSha1;
    }
  }
  const sha1 = assume ?? zoSha1;
  ctx.trace(`compiled hash for ${zo}: ${sha1 ?? '#f'} ${assume === undefined ? '#f' : '#t'} ${imports}`);
  return sha1 === undefined ? undefined : sha1 + imports;
}

/** `get-compiled-sha1`: the compiled hash of source `path`, searching all roots; `""` when there is no `.zo`. */
export function getCompiledSha1(path: string, ctx: CompiledHashContext): string {
  const { dir, name } = getCompilationDirAndName(path, ctx.search);
  return tryFileSha1(join(dir, pathAddExtension(name, '.zo')), join(dir, pathAddExtension(name, '.dep')), ctx) ?? '';
}

/** `get-compiled-time`: the mtime of the `.zo` found for `path` (seconds), `undefined` when there is none. */
export function getCompiledTime(path: string, ctx: CompiledHashContext): number | undefined {
  return tryFileTime(getCompiledFilePath(path, '.zo', ctx.search), ctx.fileCheck);
}

/** The `.zo` path found for `path` by the roots × modes search (or the first root's when none exists). */
export function getCompiledZoPath(path: string, search: CompilationSearch): string {
  return getCompiledFilePath(path, '.zo', search);
}

/** Whether a file exists (a tiny wrapper kept for injection in tests). */
export function fileExists(path: string): boolean {
  return existsSync(path);
}
