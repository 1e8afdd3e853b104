/**
 * `parallel-compile-files` (seed parallel-build-api.txt): make a list of files, and everything
 * they require, up to date with several workers.
 *
 * Set-up, in order: the installed Racket's facts and collection lookup (a main-thread
 * compilation manager that never starts Racket), the module graph from `.dep` files and static
 * requires of everything reachable outside the installation, the critical-path scheduler, the
 * lock manager (with lock files against other processes), and the worker pool. Then `BuildRun`
 * runs the build; afterwards everything is shut down whatever happened — workers stop their
 * Racket, lock files are deleted, the trace file is written.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { createCompilationManager, getCompiledFilePath, type CompilationManager } from '@nx-raco/cm-core';
import { BuildRun } from './build-run.js';
import { TraceRecorder } from './chrome-trace.js';
import { FileLocks } from './file-lock.js';
import { LockManager } from './lock-manager.js';
import { ModuleGraph } from './module-graph.js';
import { normalizeOptions } from './normalize-options.js';
import type { WorkerSettings } from './protocol.js';
import type { ParallelCompileFilesOptions } from './public-types.js';
import { Scheduler } from './scheduler.js';
import { WorkerPool } from './worker-pool.js';

/**
 * Compiles `files` and what they require, in parallel; resolves to `true` when everything
 * succeeded, `false` when some module failed (each failure was reported to `handler`).
 * Rejects only for bad arguments, a Racket that cannot be probed, or a throwing callback.
 * @param files source files, relative to `cwd` or absolute
 * @example
 * await parallelCompileFiles(['a.rkt', 'b.rkt'], {
 *   workerCount: 2,
 *   handler: (id, type, path, msg) => { if (type === 'error') console.log(` ${id} error compiling ${path}\n${msg}`); },
 * }) //=> true
 */
export async function parallelCompileFiles(files: readonly string[], options: ParallelCompileFilesOptions = {}): Promise<boolean> {
  const opts = normalizeOptions('parallelCompileFiles', files, options);
  const settings: WorkerSettings = {
    buildId: randomUUID(),
    cwd: opts.cwd,
    env: opts.env,
    racket: opts.racket,
    veryVerbose: opts.veryVerbose,
    ...(opts.compileMode === undefined ? {} : { compileMode: opts.compileMode }),
  };
  // First, so the worker threads load while this thread reads the graph.
  let run: BuildRun | undefined;
  const pool = new WorkerPool({
    workerCount: opts.workerCount,
    onMessage: (taskId, message, reply) => run?.onMessage(taskId, message, reply),
  });
  let facts: CompilationManager | undefined;
  let fileLocks: FileLocks | undefined;
  let locks: LockManager | undefined;
  let trace: TraceRecorder | undefined;
  try {
    // Facts only (it never compiles); with the mode so that its compiled-file paths are the workers'.
    const cm = createCompilationManager({
      cwd: opts.cwd,
      env: opts.env,
      racket: opts.racket,
      ...(opts.compileMode === undefined ? {} : { compileMode: opts.compileMode }),
    });
    facts = cm;
    const { graph, scheduler, displayNames } = planBuild(files, opts.cwd, cm);
    trace = opts.traceFile === undefined ? undefined : new TraceRecorder(performance.timeOrigin + performance.now(), opts.cwd);
    fileLocks = opts.crossProcessLocks ? new FileLocks() : undefined;
    locks = new LockManager(fileLocks === undefined ? {} : { fileLocks });
    run = new BuildRun({ options: opts, settings, graph, scheduler, locks, pool, trace, displayNames });
    return await run.run();
  } finally {
    await pool.destroy();
    locks?.dispose();
    fileLocks?.dispose();
    await facts?.close();
    if (trace !== undefined && opts.traceFile !== undefined) trace.write(resolve(opts.cwd, opts.traceFile));
  }
}

/** The module graph of everything `files` reach outside the installation, and its scheduler. */
function planBuild(
  files: readonly string[],
  cwd: string,
  cm: CompilationManager,
): { graph: ModuleGraph; scheduler: Scheduler; displayNames: Map<string, string> } {
  const probe = cm.racket;
  const installation = [probe.collectsDir, probe.pkgsDir];
  // Only workspace modules are looked up here, so the manager's paths (compiled/M in a mode) fit.
  const search = { modes: cm.useCompiledFilePaths, roots: probe.roots };
  const graph = new ModuleGraph({
    isInstallationPath: (path) => installation.some((dir) => path.startsWith(dir)),
    resolveCollection: (collection, file) => cm.collectionFilePath(collection, file),
    depFileOf: (path) => {
      const dep = getCompiledFilePath(path, '.dep', search);
      return existsSync(dep) ? dep : undefined;
    },
  });
  const displayNames = new Map<string, string>();
  const roots: string[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    if (!displayNames.has(path)) displayNames.set(path, file);
    roots.push(path);
  }
  const scheduler = new Scheduler(graph);
  scheduler.track(roots);
  for (const root of roots) scheduler.track(graph.add(root));
  return { graph, scheduler, displayNames };
}
