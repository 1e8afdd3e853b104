/**
 * Public types of the `.plt` unpacker. Adding to them is a maintenance commitment: `nx-raco
 * setup -A` and the setup executor build on them.
 */

/** Options of {@link unpackPlt}. Unknown keys are refused. */
export interface UnpackPltOptions {
  /**
   * Where the entries of an archive that is not `plt-relative?` go (`raco pack my.plt mycoll`
   * writes `("mycoll" …)`; raco unpacks it into the current directory), and where the first path
   * elements of a `plt-relative?` archive other than `collects`/`doc`/`lib`/`include` go (raco:
   * the parent of the main `collects`). Required: the unpacker never guesses a directory.
   */
  readonly targetDir: string;
  /**
   * The workspace collections directory: where `("collects" …)` entries of a `plt-relative?`
   * archive (`raco pack --collect`, `--at-plt`) go, and where `requires`/`conflicts` look.
   * @default join(targetDir, 'collects')
   */
  readonly collectsDir?: string;
  /** Where `("doc" …)` entries of a `plt-relative?` archive go. @default join(targetDir, 'doc') */
  readonly docDir?: string;
  /** Where `("lib" …)` entries of a `plt-relative?` archive go. @default join(targetDir, 'lib') */
  readonly libDir?: string;
  /** Where `("include" …)` entries go. @default join(targetDir, 'include') */
  readonly includeDir?: string;
  /**
   * Whether a collection (as a path list, `['zc']`) is installed, for the archive's `requires`
   * and `conflicts`. Pass the workspace's collection lookup to include every collection root.
   * @default a directory of that name exists under `collectsDir`
   */
  readonly isCollectionInstalled?: (collection: readonly string[]) => boolean;
  /**
   * Report unmet `requires` and `conflicts` as warnings instead of refusing (raco `--force`).
   * @default false
   */
  readonly force?: boolean;
  /** Check and plan everything, write nothing. @default false */
  readonly dryRun?: boolean;
  /** Largest decompressed payload accepted, in bytes. @default 1_073_741_824 (1 GiB) */
  readonly maxPayloadBytes?: number;
  /** Receives raco's status lines (`Unpacking NAME from FILE`, `  unpacking a.txt in …`). @default none */
  readonly onStatus?: (line: string) => void;
}

/** What {@link unpackPlt} did (or, with `dryRun`, would do). */
export interface UnpackPltResult {
  /** The archive's `name` (`"archive"` unless `raco pack --plt-name`). */
  readonly name: string;
  /** Collections the archive asks to set up afterwards, as path lists: `[['zc']]`. */
  readonly collections: string[][];
  /** Absolute paths of the files written (created or replaced), in archive order. */
  readonly files: string[];
  /** Absolute paths of the directories created, parents first. */
  readonly directories: string[];
  /** Absolute paths of `file` entries left alone because the file already existed (as raco does). */
  readonly skipped: string[];
  /** Unmet `requires`/`conflicts` downgraded by `force`. */
  readonly warnings: string[];
}
