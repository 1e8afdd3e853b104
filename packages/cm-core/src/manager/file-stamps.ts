/**
 * File times, touching, source hashing and atomic output: Racket's `cm-file.rkt`.
 *
 * Times are whole seconds, as `file-or-directory-modify-seconds` returns them, and comparisons
 * elsewhere are strict `>` on those. Under `use-compiled-file-check` = `exists`
 * (`PLT_COMPILED_FILE_CHECK=exists`) every existing file's time reads as 0, touching does
 * nothing and `verifyTimes` is skipped — which is why that mode does not rebuild dependents
 * (racket-notes §2.5).
 *
 * Atomic output (`withCompileOutput`): write a temporary file in the target's directory, then
 * rename it over the target, so a reader (or a crash) sees the old file or the new one, never a
 * half-written one. Temporary names carry our pid so that concurrent builders never share one.
 */
import { closeSync, openSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sha1Hex } from '../hash/sha1.js';
import { readFileSync } from 'node:fs';

export type FileCheck = 'modify-seconds' | 'exists';

/** `try-file-time`: the mtime in whole seconds, 0 for any existing file in `exists` mode, `undefined` when missing. */
export function tryFileTime(path: string, check: FileCheck): number | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  return check === 'modify-seconds' ? Math.floor(mtimeMs / 1000) : 0;
}

/** `touch`: set the mtime to now (no-op in `exists` mode); falls back to opening for append. */
export function touchFile(path: string, check: FileCheck): void {
  if (check !== 'modify-seconds') return;
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    closeSync(openSync(path, 'a'));
  }
}

/** `.rkt` → `.ss` (Racket's `rkt->ss`); other paths unchanged. */
export function rktToSs(path: string): string {
  return path.endsWith('.rkt') ? `${path.slice(0, -4)}.ss` : path;
}

/** `get-source-sha1`: SHA-1 of the file, falling back to the `.ss` sibling of a `.rkt`; `undefined` when neither reads. */
export function getSourceSha1(path: string): string | undefined {
  try {
    return sha1Hex(readFileSync(path));
  } catch {
    if (!path.endsWith('.rkt')) return undefined;
    try {
      return sha1Hex(readFileSync(rktToSs(path)));
    } catch {
      return undefined;
    }
  }
}

/** `format-time` in cm-util.rkt: local time, fields not zero-padded. */
export function formatTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()} ${d.getHours()}:${d.getMinutes()}:${d.getSeconds()}`;
}

export class CompileTimeError extends Error {
  readonly code = 'RKT_ZO_DATE';
  override name = 'CompileTimeError';
}

/**
 * `verify-times`: a freshly written `.zo` must not be older than its source (whose mtime is then
 * in the future, and every later build would recompile it). Message as Racket's.
 */
export function verifyTimes(source: string, zo: string, check: FileCheck): void {
  if (check !== 'modify-seconds') return;
  const sourceTime = tryFileTime(source, check);
  const zoTime = tryFileTime(zo, check);
  if (sourceTime === undefined) throw new CompileTimeError('compile-zo: internal error');
  if (zoTime === undefined) throw new CompileTimeError(`compile-zo: failed to create .zo file (${zo}) for ${source}`);
  if (zoTime < sourceTime) {
    const future = sourceTime > Math.floor(Date.now() / 1000) ? ', which appears to be in the future' : '';
    throw new CompileTimeError(
      `compile-zo: date for newly created .zo file (${zo} @ ${formatTime(zoTime)}) is before source-file date ` +
        `(${source} @ ${formatTime(sourceTime)})${future}`,
    );
  }
}

let tmpCounter = 0;

/** A temporary file name next to `target`, unique to this process. */
export function temporaryNameFor(target: string): string {
  tmpCounter += 1;
  return join(dirname(target), `${basename(target)}.nxraco-${process.pid}-${tmpCounter}.tmp`);
}

/**
 * `with-compile-output`: write `data` to `target` atomically (temporary file, then rename).
 * @example writeFileAtomically('/p/compiled/a_rkt.dep', '("8.7" ta6le ...)\n')
 */
export function writeFileAtomically(target: string, data: string | Uint8Array): void {
  const tmp = temporaryNameFor(target);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** `try-delete-file`: delete, ignoring failure. */
export function tryDeleteFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // as Racket: give up quietly
  }
}

/**
 * `with-compile-output`: run `write(tmpPath)` to produce `path`'s new contents in a temporary
 * file next to it, then rename it over `path` — readers (and a crash) see the old file or the
 * new one, never a half-written one. The temporary file is removed if `write` throws.
 * @example await withCompileOutput('/p/compiled/a_rkt.dep', (tmp) => fs.promises.writeFile(tmp, text))
 */
export async function withCompileOutput<T>(path: string, write: (tmpPath: string) => T | Promise<T>): Promise<T> {
  const tmp = temporaryNameFor(path);
  try {
    const result = await write(tmp);
    renameSync(tmp, path);
    return result;
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
