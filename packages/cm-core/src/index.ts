export type * from './data/types.js';
export { EMPTY_LIST, bytes, int, isEqual, isProperList, listItems, makeList, rational, str, sym } from './data/values.js';
