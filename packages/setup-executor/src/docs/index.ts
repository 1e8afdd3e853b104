// Re-exports only: the documentation step of `nx-raco setup`.
export { buildDocumentation } from './build-documentation.js';
export { getDocIndexPath } from './index-file.js';
export type { BuildDocumentationContext, BuildDocumentationIo } from './build-documentation.js';
export type { DocDecision, DocRebuildReason } from './rebuild-decision.js';
export { parseScribblings, DOC_FLAGS } from './scribblings-entry.js';
export type { DocFlag, ScribblingsEntry } from './scribblings-entry.js';
export { DocWorkerExitedError, ScribblingsError } from './docs-errors.js';
