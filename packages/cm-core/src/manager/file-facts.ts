/**
 * A per-build cache of what the compilation manager reads from the file system: mtimes,
 * existence, SHA-1s and parsed `.dep` files.
 *
 * Why: raco make re-checks every module once per command-line file (its memo is per
 * `managed-compile-zo` call, and we keep that, because it decides *what* is checked). Each check
 * stats the source and `.zo`, hashes the source and reads the `.dep`, so a no-op build of 23
 * files that use 250 installed modules does ~6,000 checks. The answers cannot change during a
 * build except through our own writes, so they are cached here and every write we make goes
 * through `invalidate`. Decisions are unchanged; only repeated I/O goes away.
 *
 * Fragile: a file changed by someone else during the build is seen in its first-read state
 * until the manager is discarded (raco would see the change at its next check of that file;
 * either way such a build races with the edit). Use one manager per build.
 */
import { readFileSync, statSync } from 'node:fs';
import { readDepFile, type DepReadResult } from '../dep/dep-record.js';
import { sha1Hex } from '../hash/sha1.js';

export class FileFacts {
  readonly #mtime = new Map<string, number | null>();
  readonly #sha1 = new Map<string, string | null>();
  readonly #deps = new Map<string, DepReadResult>();
  /** Derived values (compiled-file locations) valid while no file was invalidated. */
  readonly #derived = new Map<string, { readonly generation: number; readonly value: string }>();
  #generation = 0;

  /** Modification time in ms, `undefined` when the file does not exist. */
  mtimeMs(path: string): number | undefined {
    let v = this.#mtime.get(path);
    if (v === undefined) {
      try {
        v = statSync(path).mtimeMs;
      } catch {
        v = null;
      }
      this.#mtime.set(path, v);
    }
    return v ?? undefined;
  }

  exists(path: string): boolean {
    return this.mtimeMs(path) !== undefined;
  }

  /** SHA-1 of the file's bytes, `undefined` when it cannot be read. */
  sha1(path: string): string | undefined {
    let v = this.#sha1.get(path);
    if (v === undefined) {
      try {
        v = sha1Hex(readFileSync(path));
      } catch {
        v = null;
      }
      this.#sha1.set(path, v);
    }
    return v ?? undefined;
  }

  readDep(path: string): DepReadResult {
    let v = this.#deps.get(path);
    if (v === undefined) {
      v = readDepFile(path);
      this.#deps.set(path, v);
    }
    return v;
  }

  /** A value computed from cached facts only, recomputed after any invalidation. */
  derived(key: string, compute: () => string): string {
    const e = this.#derived.get(key);
    if (e !== undefined && e.generation === this.#generation) return e.value;
    const value = compute();
    this.#derived.set(key, { generation: this.#generation, value });
    return value;
  }

  /** Forget everything about `path`: call after writing, renaming, touching or deleting it. */
  invalidate(...paths: readonly string[]): void {
    this.#generation += 1;
    for (const path of paths) {
      this.#mtime.delete(path);
      this.#sha1.delete(path);
      this.#deps.delete(path);
    }
  }

  /** Forget everything (e.g. before reusing a manager for a new build). */
  clear(): void {
    this.#generation += 1;
    this.#mtime.clear();
    this.#sha1.clear();
    this.#deps.clear();
  }
}
