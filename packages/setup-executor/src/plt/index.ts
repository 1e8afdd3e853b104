/** The `.plt` archive unpacker (racket-notes §8), for `nx-raco setup -A`. */
export { PltArchiveError, type PltErrorCode } from './plt-error.js';
export type { UnpackPltOptions, UnpackPltResult } from './types.js';
export { unpackPlt } from './unpack-plt.js';
