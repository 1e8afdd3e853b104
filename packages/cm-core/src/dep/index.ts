export { decodeDepEntry, encodeDepEntry, formatDepRecord, parseDepRecord, readDepFile, sortDepEntries } from './dep-record.js';
export type { DepEntry, DepReadResult, DepRecord, EncodedPath } from './dep-record.js';
