/**
 * The compilation manager's public face: Racket's `compiler/cm` API in TypeScript.
 *
 *     const cm = createCompilationManager({ onNotify: (p) => console.log(`  making ${p}`) });
 *     try { await cm.managedCompileZo('main.rkt'); } finally { await cm.close(); }
 *
 * A manager owns (lazily) one Racket compile server and the facts about the installed Racket
 * (`racket-probe.ts`, cached, so a build with nothing to do starts no Racket process). Like
 * raco make, the server keeps one namespace for the manager's lifetime: modules loaded once stay
 * loaded. Use one manager per build; call `close()` at the end.
 *
 * `managedCompileZo` starts a fresh memo for each call (as `managed-compile-zo` does, so raco's
 * per-file behaviour is reproduced); `makeCachingManagedCompileZo` shares one across calls.
 *
 * `compileMode` (raco setup `--mode`) is described in compile-mode.ts. Its compiler is loaded by
 * the compile server before the first compile, so a mode that cannot be loaded is reported then
 * (`CompileModeError`), not when the manager is created: a build with nothing to do still
 * starts no Racket.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectionResolver } from '../collects/find-collection.js';
import { CompileServerClient } from '../compile-server/compile-server-client.js';
import { fileSha1 } from '../hash/sha1.js';
import { ManagerRun, type LockClient, type ManagerSettings } from './compile-root.js';
import type { CompileBackend } from './compile-zo.js';
import { tryFileSha1 } from './compiled-sha1.js';
import { FileFacts } from './file-facts.js';
import { collectionFilePath, createDepPathResolver } from './dep-paths.js';
import type { CompileEvent } from './manager-events.js';
import { CompileModeError, RacketCompileError } from './manager-errors.js';
import { composeModePathToMode, composeModeSkipFile, validateCompileMode } from './compile-mode.js';
import { findProbeCacheFile, probeRacket, type RacketProbe } from './racket-probe.js';
import type { Stamp } from './stamp.js';

export interface CompilationManagerOptions {
  /** Racket executable. @default 'racket' */
  readonly racket?: string;
  /** Working directory: relative file names and Racket's error locations are relative to it. @default process.cwd() */
  readonly cwd?: string;
  /** Environment for Racket and for collection lookup (`PLTCOLLECTS`, `PLTCOMPILEDROOTS`, …). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the facts about `racket` are cached; `false` disables the cache. @default node_modules/.cache/nx-raco/racket-probe.json above cwd */
  readonly probeCacheFile?: string | false;
  /** `manager-compile-notify-handler`: called with each module that is compiled, recompiled or touched. @default none */
  readonly onNotify?: (path: string) => void;
  /** `manager-trace-handler`: receives every trace line (with Racket's indentation). @default none */
  readonly onTrace?: (line: string) => void;
  /** Compile events, each with the reason for the decision. @default none */
  readonly onEvent?: (event: CompileEvent) => void;
  /** What a module's compile-time code printed. @default written to this process's stdout/stderr */
  readonly onOutput?: (path: string, stdout: string, stderr: string) => void;
  /**
   * `manager-skip-file-handler`: a stamp means "do not compile this file; use this stamp". With
   * `compileMode`, asked first; installation files are skipped where it returns `undefined`.
   * @default never skip (with `compileMode`: skip the installation's files)
   */
  readonly skipFile?: (path: string) => Stamp | undefined;
  /** `trust-existing-zos`: an existing `.zo` is touched, never rebuilt. @default false */
  readonly trustExistingZos?: boolean;
  /** `managed-recompile-only`: refuse to compile from source. @default false */
  readonly managedRecompileOnly?: boolean;
  /** Delete the `.zo` of a module whose source is gone when it is loaded. @default false */
  readonly deleteZosWhenSourceMissing?: boolean;
  /**
   * `current-path->mode`: the compiled-file subdirectory per source. With `compileMode` M the
   * files go to `pathToMode(path)/M`.
   * @default the first of `use-compiled-file-paths`
   */
  readonly pathToMode?: (path: string) => string;
  /**
   * raco setup `--mode M`: compile with `(lib "zo-compile.rkt" M)`'s `zo-compile` (e.g.
   * `'errortrace'`) into `compiled/M/` instead of `compiled/`. Modules of the Racket installation
   * are never compiled in the mode: they are skipped and load from their normal `.zo`. A name that
   * is not a relative collection path throws a `TypeError`; a mode whose compiler cannot be loaded
   * makes the first compile reject with `CompileModeError`. Does not apply to
   * `compileWithoutDependencies`.
   * @default none (the normal mode)
   * @experimental
   */
  readonly compileMode?: string;
  /** `parallel-lock-client`. @default none */
  readonly lockClient?: LockClient;
  /** Worker id reported in events. @default null */
  readonly worker?: number | null;
  /** Fake Racket, for unit tests only. @default the compile server */
  readonly backend?: CompileBackend;
  /** Fake probe, for unit tests only. @default probing `racket` */
  readonly probe?: RacketProbe;
}

const OPTION_KEYS = new Set<string>([
  'racket', 'cwd', 'env', 'probeCacheFile', 'onNotify', 'onTrace', 'onEvent', 'onOutput', 'skipFile',
  'trustExistingZos', 'managedRecompileOnly', 'deleteZosWhenSourceMissing', 'pathToMode', 'compileMode', 'lockClient',
  'worker', 'backend', 'probe',
]);

export interface CompilationManager {
  /** The installed Racket, as probed. */
  readonly racket: RacketProbe;
  /**
   * The compiled-file subdirectories workspace modules are read from and written to (what
   * `use-compiled-file-paths` is for them): the probe's `modes`, or `['compiled/M']` with
   * `compileMode` M. Per-path `pathToMode` results are not reflected.
   * @example createCompilationManager({ compileMode: 'errortrace' }).useCompiledFilePaths //=> ['compiled/errortrace']
   */
  readonly useCompiledFilePaths: readonly string[];
  /** `managed-compile-zo`: make `file` (and what it requires) up to date. Rejects with `RacketCompileError` etc. */
  managedCompileZo(file: string): Promise<void>;
  /** `make-caching-managed-compile-zo`: like `managedCompileZo`, sharing decisions across calls. */
  makeCachingManagedCompileZo(): (file: string) => Promise<void>;
  /** `get-compiled-file-sha1`: SHA-1 of a `.zo` plus the IMPORTS hash of its `.dep`. */
  getCompiledFileSha1(zoPath: string): string | undefined;
  /**
   * raco make `--no-deps`: compile each file alone (Racket's `compile-zos`), writing only `.zo`s.
   * Resolves to Racket's output, or rejects with `RacketCompileError`.
   */
  compileWithoutDependencies(
    files: readonly string[],
    options?: { readonly prefixes?: readonly string[]; readonly noPrim?: boolean; readonly verbose?: boolean },
  ): Promise<{ stdout: string; stderr: string }>;
  /** `(collection-file-path file coll ...)` in this manager's collection setup. */
  collectionFilePath(collection: readonly string[], file: string): string;
  /** Stop the compile server (if one was started). */
  close(): Promise<void>;
}

/** `get-file-sha1`: SHA-1 of a file, `undefined` when it cannot be read. */
export function getFileSha1(path: string): string | undefined {
  return fileSha1(path);
}

/**
 * Creates a compilation manager. Probing Racket happens here (from the cache when possible).
 * @example const cm = createCompilationManager({ cwd: '/ws' }); await cm.managedCompileZo('a.rkt'); await cm.close();
 */
export function createCompilationManager(options: CompilationManagerOptions = {}): CompilationManager {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new TypeError(`createCompilationManager: unknown option \`${key}\`. Expected one of ${[...OPTION_KEYS].join(', ')}.`);
    }
  }
  const compileMode = options.compileMode === undefined ? undefined : validateCompileMode('createCompilationManager', options.compileMode);
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const racket = options.racket ?? 'racket';
  const cacheFile = options.probeCacheFile === false ? undefined : (options.probeCacheFile ?? findProbeCacheFile(cwd) ?? findProbeCacheFile(fileURLToPath(new URL('.', import.meta.url))));
  const probe = options.probe ?? probeRacket({ racket, env, ...(cacheFile === undefined ? {} : { cacheFile }) });
  const resolver = createCollectionResolver({
    env,
    cwd,
    collectsDir: probe.collectsDir,
    configDir: probe.configDir,
    version: probe.version,
  });

  let current: ManagerRun | undefined;
  let client: CompileServerClient | undefined;
  const serverBackend = (): CompileServerClient => {
    client ??= new CompileServerClient({
      racket,
      cwd,
      env,
      onNeed: async (path, missing) => {
        if (current === undefined) return 'ready';
        await current.handleNeed(path, missing);
        return 'ready';
      },
    });
    return client;
  };
  // Sent once, before the first compile (a top-level request, so never nested in another compile).
  let modeSet: Promise<void> | undefined;
  const modeReady = (): Promise<void> | undefined => {
    if (compileMode === undefined) return undefined;
    modeSet ??= serverBackend()
      .setCompileMode(compileMode)
      .then((r) => {
        if (!r.ok) throw new CompileModeError(compileMode, r.message);
      });
    return modeSet;
  };
  const backend: CompileBackend = options.backend ?? {
    compile: async (path, zoTmp) => {
      await modeReady();
      return serverBackend().compile(path, zoTmp);
    },
    recompile: async (path, from, zoTmp) => {
      await modeReady();
      const r = await serverBackend().recompile(path, from, zoTmp);
      return r.ok ? { ok: true, zoSha1: r.zoSha1 } : { ...r, type: 'compile-result' };
    },
  };
  const installationDirs = [probe.collectsDir, probe.pkgsDir];
  const mode =
    compileMode === undefined
      ? { modes: probe.modes, pathToMode: options.pathToMode, skipFile: options.skipFile }
      : {
          ...composeModePathToMode(compileMode, probe.modes[0] ?? 'compiled', options.pathToMode),
          skipFile: composeModeSkipFile(installationDirs, probe, options.skipFile),
        };
  const compiledDirs = compileMode === undefined ? ['compiled'] : [...mode.modes, 'compiled'];
  const settings: ManagerSettings = {
    version: probe.version,
    targetMachine: probe.targetMachine,
    roots: probe.roots,
    modes: mode.modes,
    fileCheck: probe.fileCheck,
    resolveDep: createDepPathResolver(resolver, compiledDirs),
    isInstallationPath: (path) => installationDirs.some((dir) => path.startsWith(dir)),
    backend,
    pathToMode: mode.pathToMode,
    notify: options.onNotify,
    trace: options.onTrace,
    onEvent: options.onEvent,
    onOutput:
      options.onOutput ??
      ((_path, stdout, stderr) => {
        process.stdout.write(stdout);
        process.stderr.write(stderr);
      }),
    skipFile: mode.skipFile,
    trustExistingZos: options.trustExistingZos ?? false,
    managedRecompileOnly: options.managedRecompileOnly ?? false,
    deleteZosWhenSourceMissing: options.deleteZosWhenSourceMissing ?? false,
    lockClient: options.lockClient,
    worker: options.worker ?? null,
    facts: new FileFacts(),
  };

  const compileWith = async (run: ManagerRun, file: string): Promise<void> => {
    const previous = current;
    current = run;
    try {
      await run.compileRoot(resolve(cwd, file), new Set());
    } finally {
      current = previous;
    }
  };

  return {
    racket: probe,
    useCompiledFilePaths: mode.modes,
    managedCompileZo: (file) => compileWith(new ManagerRun(settings), file),
    makeCachingManagedCompileZo: () => {
      const run = new ManagerRun(settings);
      return (file) => compileWith(run, file);
    },
    getCompiledFileSha1: (zoPath) =>
      tryFileSha1(zoPath, zoPath.replace(/\.zo$/, '.dep'), {
        version: probe.version,
        targetMachine: probe.targetMachine,
        search: { modes: mode.modes, roots: probe.roots },
        fileCheck: probe.fileCheck,
        trace: () => {},
        facts: new FileFacts(),
      }),
    collectionFilePath: (collection, file) => collectionFilePath(resolver, collection, file, compiledDirs),
    compileWithoutDependencies: async (files, opts = {}) => {
      const r = await serverBackend().compileZos(
        // As given: the server runs in `cwd`, and compile-zos prints them in its messages.
        files,
        { prefixes: opts.prefixes ?? [], noPrim: opts.noPrim ?? false, verbose: opts.verbose ?? false },
      );
      if (!r.ok) throw new RacketCompileError({ path: files[0] ?? '', message: r.message, context: [] });
      return { stdout: r.stdout, stderr: r.stderr };
    },
    close: async () => {
      await client?.close();
    },
  };
}
