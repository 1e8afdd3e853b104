// Re-exports only: the launcher step of `setup` (raco setup's `--- creating launchers ---`).
export { addSearchDirs, createLaunchers, formatLauncherErrors, LAUNCHER_DIR } from './create-launchers.js';
export type { CreateLaunchersRequest, CreateLaunchersResult, LauncherStepError } from './create-launchers.js';
export { findLauncherDirs, findLauncherDirsCacheFile } from './launcher-dirs.js';
export type { LauncherDirs } from './launcher-dirs.js';
export { LauncherDirsError, LauncherInfoError, LauncherNameError, LauncherWriteError } from './launcher-errors.js';
export { writeLauncherFile } from './launcher-file.js';
export { checkLauncherFileName, toLauncherFileName } from './launcher-name.js';
export { launcherText } from './launcher-text.js';
export type { LauncherKind, LauncherTextOptions } from './launcher-text.js';
export { listDeclaredLauncherFiles, listProjectCollections, planLaunchers } from './launchers.js';
export type { LauncherPlan, LauncherSpec, ProjectCollection } from './launchers.js';
