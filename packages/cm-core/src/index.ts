// Re-exports only: each folder's index.ts lists its public names (public-api.spec.ts pins them).
export * from './data/index.js';
export * from './paths/index.js';
export * from './dep/index.js';
export * from './hash/index.js';
export * from './info/index.js';
export * from './collects/index.js';
export * from './manager/index.js';
export * from './requires/index.js';
