/**
 * The one failure of the `.plt` unpacker. Every refusal happens before anything is written, so
 * a `PltArchiveError` other than `RKT_PLT_WRITE_FAILED` means the disk was left untouched.
 */

/**
 * Stable codes:
 * - `RKT_PLT_INVALID`: not a readable `.plt` (bad base64 or gzip, no `PLT` header, an info or
 *   unit S-expression of the wrong shape, an unknown entry tag, data shorter than declared).
 * - `RKT_PLT_UNSAFE_PATH`: an entry or collection path that is absolute, contains `..`/`.`, a
 *   separator, or would go through a symbolic link.
 * - `RKT_PLT_CONFLICT`: the archive's `requires`/`conflicts` are not met, or an entry clashes with
 *   what is on disk (a file where a directory is needed, or the reverse).
 * - `RKT_PLT_WRITE_FAILED`: the file system refused a write; `cause` is the fs error. The
 *   unpacker removes what it created before rethrowing.
 */
export type PltErrorCode = 'RKT_PLT_INVALID' | 'RKT_PLT_UNSAFE_PATH' | 'RKT_PLT_CONFLICT' | 'RKT_PLT_WRITE_FAILED';

const ADVICE: Readonly<Record<PltErrorCode, string>> = {
  RKT_PLT_INVALID: 'Re-create the archive with `raco pack` and copy it again; nothing was written.',
  RKT_PLT_UNSAFE_PATH: 'Do not install this archive: it tries to write outside its target directory; nothing was written.',
  RKT_PLT_CONFLICT: 'Remove or install the collections named above (or pass `force`), then retry; nothing was written.',
  RKT_PLT_WRITE_FAILED: 'Check permissions and free space of the target directory, then retry.',
};

/** A `.plt` archive that was refused or could not be unpacked; see {@link PltErrorCode}. */
export class PltArchiveError extends Error {
  override name = 'PltArchiveError';
  readonly code: PltErrorCode;
  /** The archive's path, as given to `unpackPlt`. */
  readonly archive: string;
  /** Why, without the archive name and advice (stable enough to assert in tests). */
  readonly reason: string;

  constructor(code: PltErrorCode, archive: string, reason: string, options?: { cause?: unknown }) {
    super(`[setup-executor] Cannot unpack ${archive}: ${reason}. ${ADVICE[code]}`, options);
    this.code = code;
    this.archive = archive;
    this.reason = reason;
  }
}

/** Thrown by the pure readers, which do not know the archive's name; `unpackPlt` wraps it. */
export class PltFormatError extends Error {
  override name = 'PltFormatError';
  constructor(
    readonly code: Exclude<PltErrorCode, 'RKT_PLT_WRITE_FAILED'>,
    readonly reason: string,
  ) {
    super(reason);
  }
}
