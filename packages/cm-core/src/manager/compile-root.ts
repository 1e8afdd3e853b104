/**
 * The recompile decision and the build: `compile-root`, `maybe-compile-zo` and `build` of
 * Racket 8.7's `compiler/private/cm-minimal.rkt` (lines 210-624), rule by rule, in TypeScript.
 * racket-notes §2 describes the rules; the trace texts below are Racket's, so `--vv` output can be
 * compared line by line.
 *
 * Layers (as in Racket):
 *  1. `compileRoot` — the optimistic check, memoised per run (`StampMemo`): version, machine,
 *     source newer than `.zo`, source SHA-1, then every dependency recursively (strictly, no
 *     short-circuit). Returns the module's stamp.
 *  2. `maybeCompileZo` — the authoritative hash comparison: compile, recompile
 *     (machine-independent code), touch (hash-equivalent) or nothing.
 *  3. `build` — lock (parallel builds), compile or touch, events, unlock.
 * A "sha1-only" check answers "may the recorded hash be believed?" without building anything.
 *
 * Racket compiles (compile-zo.ts sends the module to the compile server). While it expands, the
 * server asks for every module file it is about to load (`need`); `handleNeed` runs
 * `compileRoot` on it right there — nested inside the dependent's compilation, like CM's
 * load handler — so dependencies are up to date before they are loaded.
 *
 * Deliberate differences from Racket 8.7 (each marked "Racket 8.7:" below):
 *  - Hashes of dependencies for a new `.dep` are looked up through *all* compiled-file roots, as
 *    Racket's checker does, not only the first root (the Debian split-root quirk, notes §2.4).
 *  - Modules of the Racket installation are checked but never written to; if one needs work we
 *    stop with `InstallationModuleError` (raco, run as root, would write into /usr).
 *  - Cross-compilation (`cross-multi-compile?`) and security guards are not supported.
 *
 * Fragile: one run is strictly sequential (the indent counter and `currentRun` assume that
 * nested calls finish before their caller continues). Parallel builds use one manager per worker.
 */
import { resolve } from 'node:path';
import type { DepReadResult, DepRecord } from '../dep/dep-record.js';
import { getCompiledOutputPath, type CompilationSearch } from '../paths/compilation-path.js';
import { compiledZoPath, getCompiledSha1, getCompiledTime, timeOf, type CompiledHashContext } from './compiled-sha1.js';
import { compileZo, type CompileBackend } from './compile-zo.js';
import type { DepPathResolver } from './dep-paths.js';
import type { FileFacts } from './file-facts.js';
import { rktToSs, touchFile, tryDeleteFile, type FileCheck } from './file-stamps.js';
import { DependencyCycleError, InstallationModuleError, RacketCompileError, RecompileOnlyError } from './manager-errors.js';
import { formatTraceValue, indentString, type CompileEvent, type CompileEventType, type DecisionReason } from './manager-events.js';
import { makeStamp, StampMemo, type Stamp } from './stamp.js';
import { getDepSha1s } from './dep-hashes.js';

/**
 * Locks for parallel builds (`parallel-lock-client`), keyed by the first-root `.zo` path.
 * `lock` resolves to `true` when this builder now holds the lock and must build, `false` when
 * another builder of this build already built (or failed to build) it, and `'recheck'` when this
 * builder holds the lock but had to wait for a builder outside this build (another process):
 * the module is then checked again from disk and built only if still needed.
 */
export interface LockClient {
  lock(zoPath: string): Promise<boolean | 'recheck'>;
  unlock(zoPath: string): void;
}

/** Everything a run needs; built once per manager by `compilation-manager.ts`. */
export interface ManagerSettings {
  readonly version: string;
  readonly targetMachine: string | null;
  readonly roots: readonly string[];
  readonly modes: readonly string[];
  readonly fileCheck: FileCheck;
  readonly resolveDep: DepPathResolver;
  readonly isInstallationPath: (path: string) => boolean;
  readonly backend: CompileBackend;
  readonly pathToMode: ((path: string) => string) | undefined;
  readonly notify: ((path: string) => void) | undefined;
  readonly trace: ((line: string) => void) | undefined;
  readonly onEvent: ((event: CompileEvent) => void) | undefined;
  readonly onOutput: ((path: string, stdout: string, stderr: string) => void) | undefined;
  readonly skipFile: ((path: string) => Stamp | undefined) | undefined;
  readonly trustExistingZos: boolean;
  readonly managedRecompileOnly: boolean;
  readonly deleteZosWhenSourceMissing: boolean;
  readonly lockClient: LockClient | undefined;
  readonly worker: number | null;
  /** Cached file-system reads; every write the manager makes invalidates its entries. */
  readonly facts: FileFacts;
}

/** Already what `simple-form-path` would give (absolute, no `.`/`..`/empty elements, no trailing `/`)? */
function isSimpleAbsolute(path: string): boolean {
  return path.startsWith('/') && !path.endsWith('/') && !path.includes('//') && !path.includes('/./') && !path.includes('/../') && !path.endsWith('/.') && !path.endsWith('/..');
}

type Verdict = 'compile' | 'touch' | 'recompile' | 'sync' | 'nothing';

/** One `managed-compile-zo` call's worth of state, or a caching compiler's shared state. */
export class ManagerRun {
  readonly memo = new StampMemo();
  /** Modules being compiled right now, outermost first (nested through `need`). */
  readonly compiling: string[] = [];
  /** Set when Racket exited: the module it was compiling. */
  diedWhileCompiling: string | undefined;
  #indent = 0;
  /** Why the module being decided was looked at (for event reasons), by path. */
  readonly #triggers = new Map<string, DecisionReason>();

  constructor(readonly settings: ManagerSettings) {}

  // ----- small helpers ----------------------------------------------------------------------

  #defaultSearch: CompilationSearch | undefined;
  #defaultContext: CompiledHashContext | undefined;

  searchFor(path: string): CompilationSearch {
    const s = this.settings;
    if (s.pathToMode === undefined) {
      this.#defaultSearch ??= { modes: s.modes, roots: s.roots, fileExists: (p) => s.facts.exists(p) };
      return this.#defaultSearch;
    }
    return { modes: [s.pathToMode(path)], roots: s.roots, fileExists: (p) => s.facts.exists(p) };
  }

  hashContext(path: string): CompiledHashContext {
    const s = this.settings;
    if (s.pathToMode === undefined && this.#defaultContext !== undefined) return this.#defaultContext;
    const ctx: CompiledHashContext = {
      version: s.version,
      targetMachine: s.targetMachine,
      search: this.searchFor(path),
      fileCheck: s.fileCheck,
      trace: (line) => this.trace(line),
      facts: s.facts,
    };
    if (s.pathToMode === undefined) this.#defaultContext = ctx;
    return ctx;
  }

  trace(line: string): void {
    this.settings.trace?.(`${indentString(this.#indent)}${line}`);
  }

  get tracing(): boolean {
    return this.settings.trace !== undefined;
  }

  event(type: CompileEventType, path: string, reason: string): void {
    this.settings.onEvent?.({ type, path, timestamp: Date.now(), worker: this.settings.worker, reason });
  }

  /** `try-file-time` through the cache. */
  time(path: string): number | undefined {
    return timeOf(this.settings.facts.mtimeMs(path), this.settings.fileCheck);
  }

  /** `get-source-sha1` (with its `.ss` fallback) through the cache. */
  sourceSha1(path: string): string | undefined {
    const f = this.settings.facts;
    return f.sha1(path) ?? (path.endsWith('.rkt') ? f.sha1(rktToSs(path)) : undefined);
  }

  touch(path: string): void {
    touchFile(path, this.settings.fileCheck);
    this.settings.facts.invalidate(path);
  }

  deleteFile(path: string): void {
    tryDeleteFile(path);
    this.settings.facts.invalidate(path);
  }

  readDeps(path: string): DepReadResult {
    const dep = `${compiledZoPath(path, this.hashContext(path)).slice(0, -3)}.dep`;
    const read = this.settings.facts.readDep(dep);
    if (!read.ok) this.trace(`failed reading ${dep}`);
    return read;
  }

  stampFor(path: string): Stamp {
    const ctx = this.hashContext(path);
    return makeStamp(getCompiledTime(path, ctx) ?? Number.POSITIVE_INFINITY, () => getCompiledSha1(path, ctx));
  }

  // ----- compile-root -----------------------------------------------------------------------

  /**
   * `compile-root`: the stamp of `path0` after making it up to date (or, with `sha1Only`, after
   * merely checking it; `undefined` then means "needs a build").
   */
  async compileRoot(path0: string, seen: ReadonlySet<string>, sha1Only = false): Promise<Stamp | undefined> {
    const orig = isSimpleAbsolute(path0) ? path0 : resolve(path0);
    const memoised = this.memo.get(orig) ?? (sha1Only ? this.memo.getAssumed(orig) : undefined);
    if (memoised) return memoised;
    const skipped = this.settings.skipFile?.(orig);
    if (skipped) {
      this.memo.set(orig, skipped);
      return skipped;
    }
    if (sha1Only && this.memo.needsBuild(orig)) return undefined;
    this.trace(`checking: ${orig}`);
    return this.#doCheck(orig, seen, sha1Only);
  }

  async #doCheck(orig: string, seen: ReadonlySet<string>, sha1Only: boolean): Promise<Stamp | undefined> {
    const s = this.settings;
    const main = orig;
    const alt = rktToSs(orig);
    const mainTime = this.time(main);
    const altTime = mainTime === undefined && alt !== main ? this.time(alt) : undefined;
    const path = altTime !== undefined ? alt : main;
    const pathTime = mainTime ?? altTime;
    const zoTime = getCompiledTime(path, this.hashContext(path));
    if (seen.has(path)) throw new DependencyCycleError(path);

    const remember = (stamp: Stamp, assumed = false): void => {
      this.memo.set(main, stamp, assumed);
      if (alt !== main) this.memo.set(alt, stamp, assumed);
    };

    if (pathTime === undefined) {
      const depsForMachine = s.targetMachine === null ? undefined : this.readDeps(path);
      // A missing `.dep` reads as `(#f "none" …)`, whose "machine" counts as set.
      if (s.targetMachine === null || depsForMachine?.ok !== true || depsForMachine.record.machine !== null) {
        this.trace(`${orig} does not exist`);
        const existing = this.memo.get(orig);
        if (existing) return existing;
        const stamp = makeStamp(zoTime ?? Number.POSITIVE_INFINITY, () => getCompiledSha1(path, this.hashContext(path)));
        remember(stamp);
        return stamp;
      }
    }

    const read = this.readDeps(path);
    const deps = read.ok ? read.record : undefined;
    const newSeen = new Set(seen).add(path);
    const noteTrigger = (reason: DecisionReason): void => {
      this.#triggers.set(path, reason);
    };
    const maybe = (reason: DecisionReason): Promise<boolean> => {
      noteTrigger(reason);
      return this.#maybeCompileZo(deps, path, orig, newSeen, sha1Only);
    };

    let needsBuild: boolean;
    if (deps === undefined || deps.version !== s.version) {
      this.trace(`old version ${deps ? deps.version : '#f'} for ${path}...`);
      noteTrigger('old-version');
      needsBuild = true;
    } else if (!(deps.machine === s.targetMachine || (sha1Only && deps.machine === null))) {
      this.trace(`different machine ${formatTraceValue(deps.machine)} for ${path}...`);
      noteTrigger('different-machine');
      needsBuild = true;
    } else if (!sha1Only && pathTime !== undefined && pathTime > (zoTime ?? Number.NEGATIVE_INFINITY)) {
      this.trace(`newer src... ${pathTime} > ${formatTraceValue(zoTime)}`);
      needsBuild = await maybe('newer-source');
    } else {
      const srcSha1 = this.sourceSha1(path);
      if (srcSha1 !== deps.sourceSha1) {
        this.trace(`different src hash (${srcSha1 ?? '#f'} ${deps.sourceSha1}) for ${path}...`);
        needsBuild = await maybe('different-source-hash');
      } else if (await this.#anyDependencyNewer(path, deps, zoTime, newSeen, sha1Only)) {
        needsBuild = await maybe('newer-dependency');
      } else {
        needsBuild = false;
      }
    }

    if (needsBuild && sha1Only) {
      this.memo.markNeedsBuild(main);
      if (alt !== main) this.memo.markNeedsBuild(alt);
      return undefined;
    }
    if (needsBuild) await this.#maybeCompileZo(deps, path, orig, newSeen, false);
    const stamp = this.stampFor(path);
    // Machine-independent code that was only checked, not yet recompiled: remember its stamp for
    // hashing, but not as done (cm-minimal.rkt:350-362).
    const done = needsBuild || deps?.machine === s.targetMachine;
    remember(stamp, !done);
    return stamp;
  }

  /** Rule 5: recursively check every dependency (all of them unless sha1-only, as `ormap-strict`). */
  async #anyDependencyNewer(
    path: string,
    deps: DepRecord,
    zoTime: number | undefined,
    seen: ReadonlySet<string>,
    sha1Only: boolean,
  ): Promise<boolean> {
    let any = false;
    for (const entry of deps.deps) {
      const d = this.settings.resolveDep(entry);
      const t: Stamp | undefined = entry.external
        ? { time: this.time(d) ?? Number.POSITIVE_INFINITY, sha1: () => undefined }
        : await this.compileRoot(d, seen, sha1Only);
      const newer = t === undefined || t.time > (zoTime ?? Number.NEGATIVE_INFINITY);
      if (t !== undefined && newer) {
        this.trace(`newer for ${path}: ${d} (${formatTraceValue(t.time)} > ${formatTraceValue(zoTime)})...`);
      }
      if (newer) {
        any = true;
        if (sha1Only) return true;
      }
    }
    return any;
  }

  // ----- maybe-compile-zo -------------------------------------------------------------------

  /** `maybe-compile-zo`. Building: returns false when done. Trying sha1: returns whether a build is needed. */
  async #maybeCompileZo(
    deps: DepRecord | undefined,
    path: string,
    orig: string,
    seen: ReadonlySet<string>,
    trying: boolean,
  ): Promise<boolean> {
    const s = this.settings;
    const f = s.facts;
    const actualPath = f.exists(orig) ? orig : f.exists(rktToSs(orig)) ? rktToSs(orig) : orig;
    if (!trying) {
      s.notify?.(actualPath);
      this.trace(`maybe-compile-zo starting ${actualPath}`);
    }
    this.#indent += 2;
    try {
      const search = this.searchFor(path);
      const zoName = compiledZoPath(path, { search, facts: f });
      if (s.trustExistingZos && f.exists(zoName)) {
        this.trace(`trusting: ${zoName}`);
        this.touch(zoName);
        return false;
      }
      const srcSha1 = deps !== undefined && deps.version === s.version ? this.sourceSha1(path) : undefined;
      const { verdict, reason, explanation } = await this.#decide(deps, path, actualPath, zoName, srcSha1, seen, trying);
      if (trying) return verdict === 'compile';
      const trigger = this.#triggers.get(path);
      const why = trigger === undefined ? reason : `${trigger}/${reason}`;
      if (this.settings.isInstallationPath(path) && verdict !== 'nothing' && verdict !== 'sync') {
        throw new InstallationModuleError(path, why);
      }
      if (verdict === 'compile' && s.managedRecompileOnly) throw new RecompileOnlyError(path, explanation ?? why);
      switch (verdict) {
        case 'nothing':
          return false;
        case 'sync':
          await this.#build(path, actualPath, zoName, why, { sync: true });
          return false;
        case 'touch':
          await this.#build(path, actualPath, zoName, why, { justTouch: true, srcSha1 });
          return false;
        case 'recompile':
          await this.#build(path, actualPath, zoName, why, { recompileFrom: zoName, deps, srcSha1, seen });
          return false;
        case 'compile':
          await this.#build(path, actualPath, zoName, why, { srcSha1 });
          return false;
        default:
          return verdict satisfies never;
      }
    } finally {
      this.#indent -= 2;
      if (!trying) this.trace(`maybe-compile-zo finished ${actualPath}`);
    }
  }

  async #decide(
    deps: DepRecord | undefined,
    path: string,
    actualPath: string,
    zoName: string,
    srcSha1: string | undefined,
    seen: ReadonlySet<string>,
    trying: boolean,
  ): Promise<{ verdict: Verdict; reason: DecisionReason; explanation?: string }> {
    const s = this.settings;
    if (srcSha1 === undefined && !s.facts.exists(actualPath)) {
      // Bytecode without source: nothing to compile, but machine-independent code may be recompiled.
      const machine = deps === undefined ? undefined : deps.machine;
      if (machine !== s.targetMachine) return { verdict: trying ? 'nothing' : 'recompile', reason: 'source-missing' };
      return { verdict: trying ? 'nothing' : 'sync', reason: 'source-missing' };
    }
    const fail = (reason: DecisionReason, text: string): { verdict: Verdict; reason: DecisionReason; explanation?: string } => {
      this.trace(text);
      return { verdict: 'compile', reason, explanation: text };
    };
    if (srcSha1 === undefined || deps === undefined) return fail('no-source-hash', `no source hash: ${path}`);
    if (deps.version !== s.version) return fail('no-source-hash', `different version: ${path}`);
    if (srcSha1 !== deps.sourceSha1) return fail('source-hash-changed', `source hash changed: ${path}`);
    if (!(deps.machine === s.targetMachine || deps.machine === null)) return fail('wrong-machine', `wrong machine: ${path}`);
    const imports = await getDepSha1s(this, path, deps.deps, seen, false);
    if (imports !== deps.importsSha1) {
      return fail('different-dependency-hash', `different dependency deps for ${zoName}: ${imports ?? '#f'} ${deps.importsSha1}`);
    }
    this.trace(`hash-equivalent: ${zoName}`);
    if (deps.machine !== null) return { verdict: trying ? 'nothing' : 'touch', reason: 'hash-equivalent' };
    return { verdict: trying ? 'nothing' : 'recompile', reason: 'machine-independent' };
  }

  // ----- build ------------------------------------------------------------------------------

  async #build(
    path: string,
    actualPath: string,
    zoName: string,
    why: string,
    how: {
      readonly sync?: boolean;
      readonly justTouch?: boolean;
      readonly recompileFrom?: string;
      readonly deps?: DepRecord | undefined;
      readonly srcSha1?: string | undefined;
      readonly seen?: ReadonlySet<string>;
    },
  ): Promise<void> {
    const s = this.settings;
    const lockKey = getCompiledOutputPath(path, '.zo', this.searchFor(path));
    const lc = s.lockClient;
    if (how.sync) {
      if (lc && (await lc.lock(lockKey)) !== false) lc.unlock(lockKey);
      return;
    }
    if (lc) this.event('locking', path, why);
    const answer = lc ? await lc.lock(lockKey) : false;
    const locked = answer !== false;
    if (lc) {
      // Another builder may have written this module's files: forget what we read before.
      const dep = `${lockKey.slice(0, -3)}.dep`;
      s.facts.invalidate(lockKey, dep, zoName, `${zoName.slice(0, -3)}.dep`);
    }
    const ok = !lc || (answer === true || (answer === 'recheck' && !(await this.#isNowUpToDate(path, zoName))));
    let justTouch = how.justTouch ?? false;
    try {
      if (!ok) return;
      if (justTouch && s.facts.exists(zoName)) {
        this.event('start-touch', path, why);
        this.touch(zoName);
        return;
      }
      justTouch = false;
      // `select-machine-independent` (single root): only machine-independent code can be recompiled.
      const mi = how.recompileFrom !== undefined && how.deps?.machine === null ? how.recompileFrom : undefined;
      const recompileFrom = mi !== undefined && s.facts.exists(mi) ? mi : undefined;
      const re = recompileFrom === undefined ? '' : 're';
      this.trace(`${re}compiling ${actualPath}`);
      this.event(recompileFrom === undefined ? 'start-compile' : 'start-recompile', path, why);
      try {
        await compileZo(this, path, how.srcSha1, {
          recompileFrom,
          deps: how.deps,
          seen: how.seen ?? new Set(),
        });
      } catch (error) {
        // cm-minimal.rkt:472-475: only `exn:get-module-code` deletes the old `.zo`.
        if (error instanceof RacketCompileError && error.getModuleCode && zoName !== how.recompileFrom) {
          this.deleteFile(zoName);
          this.trace('failure');
        }
        throw error;
      }
      this.trace(`${re}compiled ${actualPath}`);
    } finally {
      const type: CompileEventType = !ok
        ? 'already-done'
        : justTouch
          ? 'finish-touch'
          : how.recompileFrom !== undefined
            ? 'finish-recompile'
            : 'finish-compile';
      this.event(type, path, why);
      if (locked) lc?.unlock(lockKey);
    }
  }

  /** After waiting for another process: did it leave `path` hash-equivalent (so no build is needed)? */
  async #isNowUpToDate(path: string, zoName: string): Promise<boolean> {
    const s = this.settings;
    const read = this.readDeps(path);
    if (!read.ok || !s.facts.exists(zoName)) return false;
    const d = read.record;
    if (d.version !== s.version || d.machine !== s.targetMachine || d.sourceSha1 !== this.sourceSha1(path)) return false;
    const imports = await getDepSha1s(this, path, d.deps, new Set(), false);
    return imports === d.importsSha1;
  }

  // ----- the load handler -------------------------------------------------------------------

  /**
   * What CM's load handler does when expansion loads a module file (`processing:`), before the
   * module is loaded: make it up to date. Missing files are skipped (their `.zo` deleted when
   * `deleteZosWhenSourceMissing` is set).
   */
  async handleNeed(path: string, missing: boolean): Promise<void> {
    if (missing) {
      this.trace(`skipping:  ${path} file does not exist`);
      if (this.settings.deleteZosWhenSourceMissing) {
        const zo = getCompiledOutputPath(path, '.zo', this.searchFor(path));
        if (this.settings.facts.exists(zo)) {
          this.trace(`deleting:  ${JSON.stringify(zo)}`);
          this.deleteFile(zo);
        }
      }
      return;
    }
    this.trace(`processing: ${path}`);
    await this.compileRoot(path, new Set());
    this.trace(`done: ${path}`);
  }
}
