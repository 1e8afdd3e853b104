/**
 * Test-only harness for comparing `nx-raco make` with `raco make` on real file trees: temp
 * trees, explicit mtimes, compiled-file snapshots, tool runs with their compile events, and
 * settling. Each part lives in its own module; this file only re-exports them.
 */
export * from './compiled-state.js';
export * from './file-times.js';
export * from './settle-trees.js';
export * from './temp-tree.js';
export * from './tool-runs.js';
