export type * from './types.js';
export { EMPTY_LIST, bytes, int, isEqual, isProperList, listItems, makeList, rational, str, sym } from './values.js';
export { RacketReadError, readAll, readFirst, readLangFile } from './reader.js';
export type { ReadOptions } from './reader.js';
export { displayValue, writeValue } from './writer.js';
export { prettyWriteValue } from './pretty-write.js';
export type { PrettyWriteOptions } from './pretty-write.js';
