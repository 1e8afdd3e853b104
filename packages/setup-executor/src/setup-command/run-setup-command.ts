/**
 * `nx-raco setup` over the workspace's collections: raco setup's steps in raco's order
 * (racket-notes §7.3), each collection's failure collected and summarised at the end, exit
 * status 1 when any error occurred (after every collection was attempted).
 *
 * Steps, in raco's order: `-A` (through an injected unpacker), cleaning (`-c` does nothing
 * else), pre-installers (`installers.ts`), compiling (the compilation manager, or
 * `@nx-raco/parallel-build` with `-j N`, N > 1), launchers (`src/setup/`), documentation
 * (`src/docs/`), installers and post-installers. Not done: the info-domain tables (nothing here reads them).
 *
 * Fragile: Racket's failure to start (no `racket`), and a `--mode` compiler that cannot be
 * loaded, are reported once, as an error of the first collection being compiled, and compiling
 * stops there (every other file would fail the same way).
 */
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { createCompilationManager, findProbeCacheFile, probeRacket, type CompilationManager } from '@nx-raco/cm-core';
import { parallelCompileFiles, type ParallelCompileHandler } from '@nx-raco/parallel-build';
import { buildDocumentation } from '../docs/index.js';
import { createWorkspaceEnv } from '../plugin/workspace-env.js';
import { createLaunchers } from '../setup/index.js';
import { CleanRefusedError, cleanCollection, type EncodedPath } from './clean-collection.js';
import { cleanTransitively } from './clean-transitive.js';
import { findUnknownCollections, formatCollectionName, listSetupCollections, sortCollections, type SetupCollection } from './collection-files.js';
import { reportCopyStep } from './copy-steps.js';
import { installerBanner, runInstallers, type InstallerPart } from './installers.js';
import { formatBanner, formatErrorSummary, formatHeader, type SetupError } from './setup-report.js';
import { PROGRAM, type SetupCommandOptions } from './setup-options.js';
import { listWorkspaceCollections } from './workspace-collections.js';

export interface SetupCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** What a `.plt` unpacker (`src/plt/`) gives back: the collections the archive names. */
export type UnpackArchive = (archive: string, options: { readonly workspaceRoot: string }) => Promise<{ readonly collections: readonly (readonly string[])[] }>;

export interface SetupCommandContext {
  readonly workspaceRoot: string;
  readonly env: NodeJS.ProcessEnv;
  /** Unpacks an `-A` archive; without it `-A` reports "not supported yet". @default none */
  readonly unpackArchive?: UnpackArchive;
  /** The clock for banners. Test-only. @default () => new Date() */
  readonly now?: () => Date;
  /** Write the workspace documentation index `<workspace>/doc/index.html`. @default true */
  readonly docIndex?: boolean;
}

/** raco's default: `(min (processor-count) 8)` on a 64-bit machine. */
const MAX_DEFAULT_JOBS = 8;

/** The `racket` executable: `NX_RACO_RACKET`, else `racket` on PATH. */
function racketOf(ctx: SetupCommandContext): string {
  return ctx.env['NX_RACO_RACKET'] || 'racket';
}

/** The managers' and workers' `compileMode` option for `--mode`. */
function compileModeOption(options: SetupCommandOptions): { compileMode?: string } {
  return options.mode === undefined ? {} : { compileMode: options.mode };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors every further file would repeat (no Racket, or a `--mode` compiler that cannot load): compiling stops. */
function isFatalForCompiling(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'RKT_RACKET_NOT_FOUND' || code === 'RKT_COMPILE_MODE';
}

/**
 * Compiles `ccs` in order through one caching manager. As raco's `control-io`: without `-v`, a
 * ` in <dir>/` line for each directory where something was compiled (once per collection), and
 * what compiled modules print on stdout is dropped; with `-v`, a `making <file>` line each.
 */
async function compileSequentially(ccs: readonly SetupCollection[], ctx: SetupCommandContext, env: NodeJS.ProcessEnv, options: SetupCommandOptions, io: SetupCommandIo, errors: SetupError[]): Promise<void> {
  let cm: CompilationManager | undefined;
  let dirsShown = new Set<string>();
  try {
    cm = createCompilationManager({
      racket: racketOf(ctx),
      cwd: ctx.workspaceRoot,
      env,
      trustExistingZos: options.trustZos,
      ...compileModeOption(options),
      onNotify: (path) => {
        if (options.verbose) {
          io.stdout(`${PROGRAM}:  making ${path}\n`);
          return;
        }
        const dir = `${dirname(path)}/`;
        if (dirsShown.has(dir)) return;
        dirsShown.add(dir);
        io.stdout(`${PROGRAM}:  in ${dir}\n`);
      },
      onOutput: (_path, stdout, stderr) => {
        if (stdout !== '' && options.verbose) io.stdout(stdout);
        if (stderr !== '') io.stderr(stderr);
      },
    });
    const compile = cm.makeCachingManagedCompileZo();
    for (const cc of ccs) {
      if (cc.files.length === 0) continue;
      io.stdout(`${PROGRAM}: making: ${formatCollectionName(cc)}\n`);
      dirsShown = new Set();
      for (const file of cc.files) {
        try {
          await compile(file);
        } catch (error) {
          errors.push({ collection: formatCollectionName(cc), during: 'making', message: `${errorText(error)}\n  compiling: ${file}` });
          if (isFatalForCompiling(error)) return;
        }
      }
    }
  } catch (error) {
    errors.push({ collection: ccs[0]?.dir ?? ctx.workspaceRoot, during: 'making', message: errorText(error) });
  } finally {
    await cm?.close();
  }
}

async function compileInParallel(ccs: readonly SetupCollection[], jobs: number, ctx: SetupCommandContext, env: NodeJS.ProcessEnv, options: SetupCommandOptions, io: SetupCommandIo, errors: SetupError[]): Promise<void> {
  io.stdout(formatBanner(`parallel build using ${jobs} jobs`, (ctx.now ?? (() => new Date()))()));
  const ccOf = new Map<string, SetupCollection>();
  for (const cc of ccs) for (const file of cc.files) ccOf.set(file, cc);
  // A module the scheduler added (a dependency) belongs to the collection of its directory.
  const byDir = new Map(ccs.map((cc) => [cc.dir, cc]));
  const collectionOf = (path: string): SetupCollection | undefined => ccOf.get(path) ?? byDir.get(dirname(path));
  const lastCc = new Map<number, SetupCollection>();
  // A --mode compiler that cannot load fails every module alike: reported once.
  let modeFailureReported = false;
  const handler: ParallelCompileHandler = (id, kind, path, message, out, err) => {
    const cc = collectionOf(path);
    switch (kind) {
      case 'start':
        if (cc !== undefined && lastCc.get(id) !== cc) {
          lastCc.set(id, cc);
          io.stdout(`${PROGRAM}: ${id} making: ${formatCollectionName(cc)}\n`);
        }
        if (options.verbose) io.stdout(`${PROGRAM}: ${id} making ${path}\n`);
        return;
      case 'done':
        return;
      case 'output':
        io.stdout(`${out}`);
        if (err !== '') io.stderr(err);
        return;
      case 'error':
      case 'fatal-error':
        if (message.startsWith('error loading compiler for mode ')) {
          if (modeFailureReported) return;
          modeFailureReported = true;
        }
        errors.push({ collection: cc === undefined ? dirname(path) : formatCollectionName(cc), during: 'making', message: `${message}${out}${err}\n  compiling: ${path}` });
        return;
      default:
        kind satisfies never;
    }
  };
  try {
    await parallelCompileFiles(
      ccs.flatMap((cc) => cc.files),
      { workerCount: jobs, handler, cwd: ctx.workspaceRoot, env, racket: racketOf(ctx), ...compileModeOption(options) },
    );
  } catch (error) {
    errors.push({ collection: ccs[0]?.dir ?? ctx.workspaceRoot, during: 'making', message: errorText(error) });
  }
}

/** Cleans `ccs` (`modeDir`: `compiled`, or `compiled/<mode>` with `--mode`), then, when asked, transitively. */
function cleanStep(ccs: readonly SetupCollection[], modeDir: string, transitive: { workspaceRoot: string; collections: ReadonlyMap<string, string> } | undefined, io: SetupCommandIo, errors: SetupError[]): void {
  const recorded: EncodedPath[] = [];
  for (const cc of ccs) {
    try {
      const result = cleanCollection(cc.name, cc.dir, cc.info, modeDir);
      recorded.push(...result.recordedDeps);
      if (result.deleted.length > 0) io.stdout(`${PROGRAM}: deleting: in ${cc.dir}\n`);
    } catch (error) {
      if (!(error instanceof CleanRefusedError) && (error as { code?: unknown }).code === undefined) throw error;
      errors.push({ collection: cc.dir, during: 'cleaning', message: errorText(error) });
    }
  }
  if (transitive === undefined) return;
  for (const zo of cleanTransitively(recorded, transitive.workspaceRoot, transitive.collections, modeDir)) io.stdout(`${PROGRAM}: deleting: ${zo}\n`);
}

/**
 * Runs `nx-raco setup` with parsed `options`; resolves to the exit status.
 * @example await runSetupCommand(parseSetupArgs(['hello']), { workspaceRoot: '/ws', env: process.env }, io) //=> 0
 */
export async function runSetupCommand(options: SetupCommandOptions, ctx: SetupCommandContext, io: SetupCommandIo): Promise<number> {
  const now = ctx.now ?? (() => new Date());
  const errors: SetupError[] = [];
  const selected = [...options.collections];
  if (options.verbose && options.ignored.length > 0) io.stdout(`${PROGRAM}: ignoring (no effect here yet): ${options.ignored.join(' ')}\n`);
  for (const archive of options.archives) {
    if (ctx.unpackArchive === undefined) {
      errors.push({ collection: archive, during: 'unpacking', message: `unpacking .plt archives is not supported yet; unpack ${archive} with \`raco unpack\` and name its collections instead.` });
      continue;
    }
    try {
      const unpacked = await ctx.unpackArchive(archive, { workspaceRoot: ctx.workspaceRoot });
      selected.push(...unpacked.collections.map((path) => path.join('/')));
    } catch (error) {
      errors.push({ collection: archive, during: 'unpacking', message: errorText(error) });
    }
  }
  if (options.archives.length > 0 && selected.length === 0) {
    // As raco: archives that name no collections, and nothing else requested: done.
    const summary = formatErrorSummary(errors, now());
    io.stdout(summary.stdout);
    io.stderr(summary.stderr);
    return errors.length > 0 ? 1 : 0;
  }
  const roots = listWorkspaceCollections(ctx.workspaceRoot);
  // As raco, -D only changes what is compiled (no scribblings sources or subdirectory); the
  // other steps see every collection.
  const ccs = listSetupCollections(roots, selected, { noDocs: false });
  const unknown = findUnknownCollections(ccs, selected);
  if (unknown.length > 0) {
    io.stderr(`${PROGRAM}: collection not found: ${unknown.join(', ')}; the workspace's collections are: ${roots.map((r) => r.name).join(', ') || '(none)'}.\n`);
    return 1;
  }
  const collectsDirs = [...new Set(roots.map((r) => dirname(r.dir)))].sort();
  const racket = racketOf(ctx);
  try {
    const cacheFile = findProbeCacheFile(ctx.workspaceRoot);
    io.stdout(formatHeader(probeRacket({ racket, env: ctx.env, ...(cacheFile === undefined ? {} : { cacheFile }) }), collectsDirs));
  } catch {
    // No Racket: the compile and launcher steps report it, per collection.
  }
  for (const cc of ccs) {
    if (cc.infoError !== undefined) errors.push({ collection: cc.dir, during: 'reading info.rkt', message: cc.infoError.message });
  }
  const good = sortCollections(ccs.filter((cc) => cc.infoError === undefined));
  const env = createWorkspaceEnv(collectsDirs, ctx.env);
  if (options.clean) {
    io.stdout(formatBanner('cleaning collections', now()));
    // As raco: the transitive pass through `.dep` files only when no collections were named.
    const transitive = selected.length === 0 ? { workspaceRoot: ctx.workspaceRoot, collections: new Map(roots.map((r) => [r.name, r.dir])) } : undefined;
    cleanStep(good, options.mode === undefined ? 'compiled' : `compiled/${options.mode}`, transitive, io, errors);
  }
  // Installer modules are compiled as they are loaded, as raco's compilation manager does
  // (not with -n); one manager for all three parts, closed at the end.
  let installerCm: CompilationManager | undefined;
  const installers = async (part: InstallerPart): Promise<void> => {
    io.stdout(formatBanner(installerBanner(part), now()));
    let compile: ((file: string) => Promise<void>) | undefined;
    if (!options.noZo) {
      installerCm ??= createCompilationManager({ racket, cwd: ctx.workspaceRoot, env, trustExistingZos: options.trustZos, ...compileModeOption(options) });
      compile = installerCm.makeCachingManagedCompileZo();
    }
    errors.push(...(await runInstallers(part, good, { workspaceRoot: ctx.workspaceRoot, racket, env, ...(compile === undefined ? {} : { compile }) }, io)));
  };
  try {
    if (!options.noInstall) await installers('pre');
    if (!options.clean) {
      reportCopyStep('foreign libraries', good, now(), io);
      reportCopyStep('shared files', good, now(), io);
    }
    if (!options.noZo) {
      io.stdout(formatBanner('compiling collections', now()));
      const jobs = options.jobs ?? Math.min(availableParallelism(), MAX_DEFAULT_JOBS);
      const toCompile = options.noDocs ? sortCollections(listSetupCollections(roots, selected, { noDocs: true }).filter((cc) => cc.infoError === undefined)) : good;
      if (jobs > 1) await compileInParallel(toCompile, jobs, ctx, env, options, io, errors);
      else await compileSequentially(toCompile, ctx, env, options, io, errors);
    }
    if (!options.noLauncher) {
      io.stdout(formatBanner('creating launchers', now()));
      const result = createLaunchers(
        {
          workspaceRoot: ctx.workspaceRoot,
          collections: good.map((cc) => ({ name: cc.name, dir: cc.dir })),
          searchDirs: collectsDirs,
          racket,
          env: ctx.env,
          verbose: true,
          program: PROGRAM,
        },
        io,
      );
      for (const error of result.errors) {
        const cc = good.find((c) => c.name === error.collection);
        errors.push({ collection: cc === undefined ? error.collection : formatCollectionName(cc), during: 'launcher setup', message: error.message });
      }
    }
    if (!options.noLauncher) reportCopyStep('man pages', good, now(), io);
    if (!options.noDocs) {
      // Named collections: the documentation step lists the others itself; none named: `ccs` is all.
      const allCollections = selected.length === 0 ? { allCollections: ccs } : {};
      errors.push(...(await buildDocumentation(good, { workspaceRoot: ctx.workspaceRoot, racket, env, now, writeIndex: ctx.docIndex !== false, ...allCollections }, io)));
    }
    if (!options.noInstall) await installers('general');
    if (!options.noPostInstall) await installers('post');
  } finally {
    await installerCm?.close();
  }
  const summary = formatErrorSummary(errors, now());
  io.stdout(summary.stdout);
  io.stderr(summary.stderr);
  return errors.length > 0 ? 1 : 0;
}
