/**
 * The failures of the launcher step, each with a stable `code` and a message that ends in what
 * to do. The step never throws them at its caller: it records them per collection, as
 * `raco setup` records `launcher setup` errors, and reports them after the other work.
 */

/** An `info.rkt` launcher field of the wrong shape (`code` `RKT_LAUNCHER_INFO`). */
export class LauncherInfoError extends Error {
  readonly code = 'RKT_LAUNCHER_INFO';
  override name = 'LauncherInfoError';
}

/**
 * A launcher name that would write outside the workspace's `bin/` directory (contains `/` or
 * `..`, or is empty); `code` `RKT_LAUNCHER_NAME`.
 */
export class LauncherNameError extends Error {
  readonly code = 'RKT_LAUNCHER_NAME';
  override name = 'LauncherNameError';
}

/** Racket's bin or lib directory could not be found (`code` `RKT_LAUNCHER_BINDIR`). */
export class LauncherDirsError extends Error {
  readonly code = 'RKT_LAUNCHER_BINDIR';
  override name = 'LauncherDirsError';
}

/** A launcher file could not be written (`code` `RKT_LAUNCHER_WRITE`); `cause` is the fs error. */
export class LauncherWriteError extends Error {
  readonly code = 'RKT_LAUNCHER_WRITE';
  override name = 'LauncherWriteError';
}
