/**
 * Errors of the parallel builder. Each has a stable `code`; messages name the modules involved
 * and end with what to do. Errors from the compilation manager (`RKT_COMPILE_ERROR`,
 * `RKT_SERVER_EXITED`, …) pass through unchanged (rebuilt from plain data, see protocol.ts).
 */
const PKG = '[@nx-raco/parallel-build]';
const ISSUES = 'https://example.invalid/nx-raco/issues';

export abstract class ParallelBuildError extends Error {
  abstract readonly code: string;
  override name = 'ParallelBuildError';
}

/**
 * Two or more workers wait for each other's modules: the modules require each other (raco's
 * `setup: dependency cycle`). `modules` lists the cycle, starting with the requested one.
 */
export class LockCycleError extends ParallelBuildError {
  readonly code = 'RKT_LOCK_CYCLE';
  override name = 'LockCycleError';
  constructor(readonly modules: readonly string[]) {
    super(
      `${PKG} dependency cycle: ${modules.join(' -> ')} -> ${modules[0] ?? '?'}; ` +
        'each of these modules is being compiled and waits for the next one. Remove one of the requires that close the cycle.',
    );
  }
}

/** A module whose compilation made Racket exit earlier in this build is not loaded again. */
export class CrashedDependencyError extends ParallelBuildError {
  readonly code = 'RKT_CRASHED_DEPENDENCY';
  override name = 'CrashedDependencyError';
  constructor(readonly path: string) {
    super(
      `${PKG} ${path} made Racket exit while it was compiled earlier in this build, so it is not loaded again. ` +
        'Fix that module (see its fatal error), then build again.',
    );
  }
}

/** The worker thread itself died (not just its Racket); its task is lost. */
export class WorkerExitedError extends ParallelBuildError {
  readonly code = 'RKT_WORKER_EXITED';
  override name = 'WorkerExitedError';
  constructor(readonly path: string, options?: ErrorOptions) {
    super(
      `${PKG} the worker thread compiling ${path} died` +
        `${options?.cause instanceof Error ? ` (${options.cause.message})` : ''}. ` +
        'Build that file alone with `nx-raco make -v` to see what happens.',
      options,
    );
  }
}

/** A bad argument to `parallelCompileFiles` or `parallelCompile`. */
export class InvalidOptionError extends ParallelBuildError {
  readonly code = 'ERR_PARALLEL_BUILD_OPTION';
  override name = 'InvalidOptionError';
}

/** A state the builder cannot be in. */
export class ParallelBuildBug extends ParallelBuildError {
  readonly code = 'ERR_PARALLEL_BUILD_BUG';
  override name = 'ParallelBuildBug';
  constructor(what: string) {
    super(`${PKG} ${what}. This is a bug in @nx-raco/parallel-build; please report it at ${ISSUES}.`);
  }
}
