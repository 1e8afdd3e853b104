export { evaluateInfo } from './evaluate-info.js';
export type { EvaluateInfoOptions } from './evaluate-info.js';
export { getInfo, readInfoFile } from './read-info-file.js';
export { InfoFileError } from './info-error.js';
export type { InfoErrorKind } from './info-error.js';
export { formatInfoField } from './info-table.js';
export type { InfoField, InfoTable } from './info-table.js';
export type { InfoLimits } from './info-limits.js';
