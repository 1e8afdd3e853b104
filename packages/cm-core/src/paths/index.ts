export { getCompilationDirAndName, getCompiledFilePath, getCompiledOutputPath, pathAddExtension, rerootPath } from './compilation-path.js';
export type { CompilationSearch, CompiledRoot } from './compilation-path.js';
