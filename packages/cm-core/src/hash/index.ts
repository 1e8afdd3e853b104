export { fileSha1, sha1Hex } from './sha1.js';
export { combineDepHashes, formatCombinedHashInput } from './combined-hash.js';
export type { DepHash } from './combined-hash.js';
