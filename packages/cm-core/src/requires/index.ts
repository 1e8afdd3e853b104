export { resolveModuleReference } from './resolve-module-reference.js';
export { scanRequires } from './scan-requires.js';
export type * from './types.js';
