// Re-exports only: the Nx plugin (createNodes, createDependencies) and the workspace environment.
export { createNodesV2, createNodesV2 as createNodes, createRacketNodes, INFO_FILE_GLOB } from './create-nodes.js';
export { createDependencies, createRacketDependencies } from './create-dependencies.js';
export { createWorkspaceEnv, findWorkspaceCollectionDirs, formatWorkspaceEnv, getProjectCollectionDirs, WORKSPACE_STATE_DIR } from './workspace-env.js';
export type { RacketPluginOptions } from './plugin-options.js';
export type { RacketProjectFacts } from './racket-project.js';
