// Re-exports only. Nx loads this entry as the plugin: createNodes, createNodesV2, createDependencies.
export { main } from './cli/main.js';
export {
  createDependencies,
  createNodes,
  createNodesV2,
  createWorkspaceEnv,
  findWorkspaceCollectionDirs,
  formatWorkspaceEnv,
  getProjectCollectionDirs,
} from './plugin/index.js';
export type { RacketPluginOptions, RacketProjectFacts } from './plugin/index.js';
