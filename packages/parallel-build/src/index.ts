// Re-exports only (public types in public-types.ts; adding to either is an API commitment).
export { parallelCompileFiles } from './parallel-compile-files.js';
export { parallelCompile } from './parallel-compile.js';
export { chooseProgressMode, createProgressReporter, formatProgressLine } from './progress.js';
export type { ProgressMode, ProgressReporter, ProgressStream } from './progress.js';
export { CrashedDependencyError, InvalidOptionError, LockCycleError, ParallelBuildError, WorkerExitedError } from './errors.js';
export type * from './public-types.js';
