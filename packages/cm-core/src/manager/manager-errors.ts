/**
 * Errors of the compilation manager. Each has a stable `code`; messages name the file and say what
 * to do. A Racket compile error keeps Racket's own text (as raco prints it) in `racketMessage`.
 */
import type { CompileFailure } from '../compile-server/protocol.js';

const PKG = '[@nx-raco/cm-core]';

export abstract class ManagerError extends Error {
  abstract readonly code: string;
  override name = 'ManagerError';
}

/**
 * Racket could not compile a module (read, expansion or compile error, or a dependency's failure).
 * `message` is exactly what raco make prints for it (minus the stack trace).
 */
export class RacketCompileError extends ManagerError {
  readonly code = 'RKT_COMPILE_ERROR';
  override name = 'RacketCompileError';
  /** The module whose compilation failed first (innermost). */
  readonly path: string;
  /** The compilation context, innermost first. */
  readonly context: readonly string[];
  /** Whether Racket raised `exn:get-module-code` (then the old `.zo` is deleted, as raco does). */
  readonly getModuleCode: boolean;
  constructor(failure: Pick<CompileFailure, 'path' | 'message' | 'context'> & { readonly getModuleCode?: boolean }) {
    super(failure.message);
    this.path = failure.path;
    this.context = failure.context;
    this.getModuleCode = failure.getModuleCode ?? false;
  }
}

/** `.dep` files that form a cycle (`compile-zo: dependency cycle`). */
export class DependencyCycleError extends ManagerError {
  readonly code = 'RKT_DEP_CYCLE';
  override name = 'DependencyCycleError';
  constructor(readonly path: string) {
    super(`compile-zo: dependency cycle\n  involves module: ${path}`);
  }
}

/** A module of the Racket installation looks out of date; we never write there. */
export class InstallationModuleError extends ManagerError {
  readonly code = 'RKT_INSTALLATION_STALE';
  override name = 'InstallationModuleError';
  constructor(readonly path: string, readonly reason: string) {
    super(
      `${PKG} ${path} belongs to the Racket installation and its compiled form looks out of date (${reason}). ` +
        'nx-raco never writes into the installation. Repair the installation (e.g. `raco setup` as its owner, ' +
        'or reinstall the package), then build again.',
    );
  }
}

/** `managedRecompileOnly` is set but a module would have to be compiled from source. */
export class RecompileOnlyError extends ManagerError {
  readonly code = 'RKT_RECOMPILE_ONLY';
  override name = 'RecompileOnlyError';
  constructor(readonly path: string, reason: string) {
    super(`compile-zo: compile from source disallowed\n  module: ${path}\n  compile reason: ${reason}`);
  }
}

/** An external file recorded as a dependency is gone when the `.dep` is written. */
export class MissingExternalDependencyError extends ManagerError {
  readonly code = 'RKT_MISSING_EXTERNAL';
  override name = 'MissingExternalDependencyError';
  constructor(readonly path: string) {
    super(`cm: cannot find external-dependency file: #<path:${path}>`);
  }
}

/** Writing output failed (disk full, permissions, a `.zo` dated before its source, …). */
export class CompileOutputError extends ManagerError {
  readonly code = 'RKT_OUTPUT';
  override name = 'CompileOutputError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Racket itself went away while compiling a module (a crash, a kill, or `(exit n)` in compile-time code). */
export class CompileProcessExitedError extends ManagerError {
  readonly code = 'RKT_SERVER_EXITED';
  override name = 'CompileProcessExitedError';
  readonly exitCode: number | null;
  constructor(readonly path: string, cause: Error & { readonly exitCode?: number | null }) {
    super(
      `${PKG} Racket exited while compiling ${path}` +
        `${typeof cause.exitCode === 'number' ? ` (status ${cause.exitCode})` : ''}; its compile-time code may call \`exit\` ` +
        'or crash Racket. Run `raco make` on that file to see it fail the same way, then fix the module.',
      { cause },
    );
    this.exitCode = cause.exitCode ?? null;
  }
}

/**
 * The compiler of a compile mode (`compileMode`, raco setup `--mode`) could not be loaded.
 * The first line is raco setup's (`error loading compiler for mode "x": …`).
 */
export class CompileModeError extends ManagerError {
  readonly code = 'RKT_COMPILE_MODE';
  override name = 'CompileModeError';
  constructor(readonly mode: string, racketMessage: string) {
    super(
      `${racketMessage}\n  ${PKG} Install the package that provides the \`${mode}\` collection's zo-compile.rkt, ` +
        'or build without `compileMode`.',
    );
  }
}
