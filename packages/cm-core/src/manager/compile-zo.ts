/**
 * Compiling one module and writing its `.zo` and `.dep`: `compile-zo*` and `write-deps`
 * (cm-minimal.rkt:686-1015), with Racket doing the compiling (the compile server) and this
 * module doing the files.
 *
 * Write order — the crash-safety argument (racket-notes §1.5):
 *   1. the server writes the new code to a temporary file next to the `.zo`;
 *   2. `verify-times` (a `.zo` older than its source would be rebuilt forever);
 *   3. the old `.zo` is deleted, so no `.dep` ever describes a `.zo` it does not belong to;
 *   4. the new `.dep` is written atomically (temporary file + rename);
 *   5. the temporary code file is renamed to the `.zo`.
 * Killed anywhere, a module has its old pair, no `.zo` (rebuilt next time: a missing `.zo`
 * is never hash-equivalent), or its new pair. Temporary files left by a kill are named
 * `*.nxraco-<pid>-<n>.tmp` and are harmless.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CompileFailure, CompileResult, DepEntry as ServerDep } from '../compile-server/protocol.js';
import { readFirst } from '../data/reader.js';
import type { RacketValue } from '../data/types.js';
import { makeList, sym } from '../data/values.js';
import { decodeDepEntry, formatDepRecord, sortDepEntries, type DepEntry, type DepRecord } from '../dep/dep-record.js';
import { getCompiledOutputPath } from '../paths/compilation-path.js';
import type { ManagerRun } from './compile-root.js';
import { getDepSha1s } from './dep-hashes.js';
import { temporaryNameFor, verifyTimes, writeFileAtomically, CompileTimeError } from './file-stamps.js';
import { CompileOutputError, CompileProcessExitedError, RacketCompileError } from './manager-errors.js';

/** What the manager needs from Racket. The compile server implements it; unit tests fake it. */
export interface CompileBackend {
  /** Compile `path` from source, writing the code to `zoTmp`. */
  compile(path: string, zoTmp: string): Promise<CompileResult>;
  /** Recompile machine-independent code in `from` for this machine, writing it to `zoTmp`. */
  recompile(path: string, from: string, zoTmp: string): Promise<{ ok: true; zoSha1: string } | CompileFailure>;
}

export interface CompileZoOptions {
  /** Machine-independent `.zo` to recompile instead of compiling the source. */
  readonly recompileFrom: string | undefined;
  /** The existing `.dep` (for recompiling). */
  readonly deps: DepRecord | undefined;
  readonly seen: ReadonlySet<string>;
}

/**
 * A server dependency as a `.dep` entry. Racket 8.7 encodes an external *file* registered with
 * `#:indirect? #t` as `(ext indirect . p)` and then crashes while hashing it (notes §1.2); we
 * write the form its reader expects, `(indirect ext . p)`.
 */
export function toDepEntry(dep: ServerDep): DepEntry {
  const bug = (detail: string): CompileOutputError =>
    new CompileOutputError(`[@nx-raco/cm-core] The compile server sent a dependency we cannot read (${detail}): ${dep.encoded}. This is a bug in nx-raco.`);
  let value: RacketValue | undefined;
  try {
    value = readFirst(dep.encoded, { source: 'compile server', who: 'read' })?.value;
  } catch (error) {
    throw bug(error instanceof Error ? error.message : String(error));
  }
  if (value === undefined) throw bug('empty');
  if (dep.kind === 'ext' && dep.indirect && value.kind === 'list' && value.items.length >= 2) {
    // `(ext indirect . p)` → `(indirect ext . p)`, keeping p's collection-relative form.
    const rest = value.items.length > 2 ? makeList(value.items.slice(2), value.tail) : value.tail;
    if (rest !== undefined) {
      const fixed = decodeDepEntry(makeList([sym('indirect'), sym('ext')], rest));
      if (fixed) return fixed;
    }
  }
  const decoded = decodeDepEntry(value);
  if (decoded) return decoded;
  throw bug('unknown shape');
}

function failure(result: CompileFailure & { readonly getModuleCode?: boolean }): RacketCompileError {
  return new RacketCompileError(result);
}

/** `compile-zo*`: compile (or recompile) `path` and write its `.zo` and `.dep`. */
export async function compileZo(run: ManagerRun, path: string, srcSha1: string | undefined, options: CompileZoOptions): Promise<void> {
  const s = run.settings;
  const search = run.searchFor(path);
  const zoName = getCompiledOutputPath(path, '.zo', search);
  const depName = getCompiledOutputPath(path, '.dep', search);
  const { recompileFrom, deps } = options;

  if (recompileFrom !== undefined && deps !== undefined) {
    // check-recompile-module-dependencies: bring every module dependency up to date first.
    for (const entry of deps.deps) if (!entry.external) await run.compileRoot(s.resolveDep(entry), options.seen);
    if (recompileFrom === zoName && s.targetMachine === null) return;
  }

  const tmp = temporaryNameFor(zoName);
  run.compiling.push(path);
  try {
    mkdirSync(dirname(zoName), { recursive: true });
    let record: DepRecord;
    if (recompileFrom !== undefined && deps !== undefined) {
      const assume = deps.assumeSha1 ?? s.facts.sha1(recompileFrom) ?? '';
      const result = await s.backend.recompile(path, recompileFrom, tmp);
      if (!result.ok) throw failure(result);
      verifyTimes(path, tmp, s.fileCheck);
      if (recompileFrom === zoName) {
        run.trace(`recompiling in-place: ${zoName}`);
        // A concurrent checker must always see that recompiling is possible (cm-minimal.rkt:844-850).
        writeFileAtomically(depName, formatDepRecord({ ...deps, machine: null, assumeSha1: assume }));
        s.facts.invalidate(depName);
      }
      record = { ...deps, version: s.version, machine: s.targetMachine, assumeSha1: assume };
    } else {
      const result = await s.backend.compile(path, tmp);
      if (result.stdout !== '' || result.stderr !== '') s.onOutput?.(path, result.stdout, result.stderr);
      if (!result.ok) throw failure(result);
      verifyTimes(path, tmp, s.fileCheck);
      const entries = sortDepEntries(result.deps.map(toDepEntry));
      const importsSha1 = await getDepSha1s(run, path, entries, new Set(), true);
      record = {
        version: s.version,
        machine: s.targetMachine,
        sourceSha1: srcSha1 ?? result.sourceSha1 ?? run.sourceSha1(path) ?? '',
        importsSha1: importsSha1 ?? '',
        deps: entries,
      };
    }
    // Delete the old .zo before writing the .dep, so the .dep never describes the wrong file.
    run.deleteFile(zoName);
    writeFileAtomically(depName, formatDepRecord(record));
    s.facts.invalidate(depName);
    renameSync(tmp, zoName);
    s.facts.invalidate(zoName);
  } catch (error) {
    rmSync(tmp, { force: true });
    s.facts.invalidate(zoName, depName);
    if ((error as { code?: unknown }).code === 'RKT_SERVER_EXITED' && !(error instanceof CompileProcessExitedError)) {
      // Every pending request fails at once; name the innermost module, not whichever catch runs first.
      run.diedWhileCompiling ??= run.compiling.at(-1) ?? path;
      throw new CompileProcessExitedError(run.diedWhileCompiling, error as Error);
    }
    if (error instanceof CompileTimeError) throw new CompileOutputError(error.message, { cause: error });
    const errno = (error as NodeJS.ErrnoException).code;
    if (typeof errno === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined) {
      throw new CompileOutputError(
        `[@nx-raco/cm-core] Cannot write the compiled files of ${path} (${(error as Error).message}). ` +
          `Check that ${dirname(zoName)} is a writable directory with free space, then build again.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    run.compiling.pop();
  }
  run.trace(`wrote zo file: ${zoName}`);
}
