/**
 * The hash that stands for a module's compiled form in its dependents' IMPORTS hash
 * (`get-compiled-sha1` / `try-file-sha1`, cm-minimal.rkt:1028-1085; racket-notes §2.4):
 * the `.zo`'s SHA-1 — or the ASSUME hash its `.dep` records after a machine-independent
 * recompile — followed by the IMPORTS hash of its `.dep` when that `.dep` has the current version
 * and an acceptable machine. Normally 80 hex digits; `""` when there is no `.zo`.
 *
 * Also the compiled file's time (`get-compiled-time`), searched through roots × modes.
 */
import { getCompiledFilePath, type CompilationSearch } from '../paths/compilation-path.js';
import type { FileFacts } from './file-facts.js';
import type { FileCheck } from './file-stamps.js';

/** What the hash needs to know about the running Racket. */
export interface CompiledHashContext {
  readonly version: string;
  readonly targetMachine: string | null;
  readonly search: CompilationSearch;
  readonly fileCheck: FileCheck;
  readonly trace: (line: string) => void;
  /** Cached file-system reads (`file-facts.ts`). */
  readonly facts: FileFacts;
}

/**
 * `try-file-sha1`: the hash for compiled file `zo` given its `.dep` at `dep`; `undefined` when the
 * `.zo` cannot be read and the `.dep` records no ASSUME hash.
 */
export function tryFileSha1(zo: string, dep: string, ctx: CompiledHashContext): string | undefined {
  const zoSha1 = ctx.facts.sha1(zo);
  let imports = '';
  let assume: string | undefined;
  const read = ctx.facts.readDep(dep);
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

/** The `.zo` found for `path` through roots × modes (else the first root's), cached until a write. */
export function compiledZoPath(path: string, ctx: Pick<CompiledHashContext, 'search' | 'facts'>): string {
  return ctx.facts.derived(`${ctx.search.modes[0] ?? ''}\0${path}`, () => getCompiledFilePath(path, '.zo', { ...ctx.search, fileExists: (p) => ctx.facts.exists(p) }));
}

/** `get-compiled-sha1`: the compiled hash of source `path`, searching all roots; `""` when there is no `.zo`. */
export function getCompiledSha1(path: string, ctx: CompiledHashContext): string {
  const zo = compiledZoPath(path, ctx);
  return tryFileSha1(zo, `${zo.slice(0, -3)}.dep`, ctx) ?? '';
}

/** `get-compiled-time`: the mtime of the `.zo` found for `path` (seconds), `undefined` when there is none. */
export function getCompiledTime(path: string, ctx: CompiledHashContext): number | undefined {
  const mtime = ctx.facts.mtimeMs(compiledZoPath(path, ctx));
  return timeOf(mtime, ctx.fileCheck);
}

/** `try-file-time` on a cached mtime: whole seconds, or 0 for any existing file in `exists` mode. */
export function timeOf(mtimeMs: number | undefined, check: FileCheck): number | undefined {
  if (mtimeMs === undefined) return undefined;
  return check === 'modify-seconds' ? Math.floor(mtimeMs / 1000) : 0;
}
