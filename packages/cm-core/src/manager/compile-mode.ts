/**
 * Compile modes: raco setup `--mode M` (setup-core.rkt:84-92, 1080-1105; racket-notes §7.2) for
 * the compilation manager. In mode M a module is compiled with `(lib "zo-compile.rkt" M)`'s
 * `zo-compile` as `current-compile` (the compile server loads it) and written to `compiled/M/`
 * (under each compiled-file root, like the normal dir) instead of `compiled/`.
 *
 * Installation modules are never compiled in mode M: they are skipped (a `skipFile` stamp from
 * their normal compiled files, as raco setup's `manager-skip-file-handler` does for
 * `--avoid-main`) and load from their normal `.zo` — the compile server's
 * `use-compiled-file-paths` is `(compiled/M compiled)`, the order errortrace's own runtime uses
 * (errortrace.rkt:31), so `racket -l errortrace -t main.rkt` later loads exactly what we wrote.
 *
 * Racket 8.7: `raco setup --mode errortrace -j 1` instead tries to compile installation modules
 * into /usr/share/racket/…/compiled/errortrace and fails with "standard-module-name-resolver:
 * cycle in loading at path: …/errortrace/errortrace-key.rkt" (errortrace's compiler annotating
 * itself); with `-j 2` it silently ignores the mode and writes `compiled/`. Both observed. We do
 * what the mode is for, as described above.
 *
 * Composition with explicit options (decided here, documented on the options):
 *  - `pathToMode`: its result is the base compiled dir; the mode is appended
 *    (`pathToMode(p)/M`), as setup's mode-dir is `(car use-compiled-file-paths)/M`.
 *  - `skipFile`: asked first; the installation skip applies only where it returns nothing.
 */
import { fileStampInPaths, type FileStampContext } from './file-stamp-in-paths.js';
import type { Stamp } from './stamp.js';

/** A collection path as Racket's `lib` form accepts it: `a` or `a/b`; letters, digits, `-`, `+`, `_`. */
const MODE_PATTERN = /^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * `mode` if it is a plain relative collection path, else a `TypeError` naming `caller`.
 * @example validateCompileMode('createCompilationManager', 'errortrace') //=> 'errortrace'
 * @example validateCompileMode('createCompilationManager', '../x') // throws TypeError
 */
export function validateCompileMode(caller: string, mode: unknown): string {
  if (typeof mode === 'string' && MODE_PATTERN.test(mode)) return mode;
  const shown = typeof mode === 'string' ? JSON.stringify(mode) : String(mode);
  throw new TypeError(
    `${caller}: expected \`compileMode\` to be a relative collection path such as "errortrace" ` +
      `(elements of letters, digits, \`-\`, \`+\`, \`_\` separated by \`/\`; not empty, absolute, \`.\`, \`..\` or with a backslash), ` +
      `got \`${shown}\` (${mode === null ? 'null' : typeof mode}). Pass the name of the collection whose zo-compile.rkt compiles in that mode.`,
  );
}

/**
 * The compiled-file subdirectory for mode `mode` given the normal one (`compiled`).
 * @example compileModeDirectory('compiled', 'errortrace') //=> 'compiled/errortrace'
 */
export function compileModeDirectory(base: string, mode: string): string {
  return `${base}/${mode}`;
}

/** `pathToMode` in mode `mode`: `compiled/M`, or `pathToMode(p)/M` when one is given. */
export function composeModePathToMode(
  mode: string,
  baseDir: string,
  pathToMode: ((path: string) => string) | undefined,
): { readonly modes: readonly string[]; readonly pathToMode: ((path: string) => string) | undefined } {
  if (pathToMode === undefined) return { modes: [compileModeDirectory(baseDir, mode)], pathToMode: undefined };
  return { modes: [compileModeDirectory(baseDir, mode)], pathToMode: (path) => compileModeDirectory(pathToMode(path), mode) };
}

/**
 * `skipFile` in a compile mode: the caller's handler first, then installation files (inside one
 * of `installationDirs`) get their stamp from the normal compiled files (`ctx.modes`).
 */
export function composeModeSkipFile(
  installationDirs: readonly string[],
  ctx: FileStampContext,
  skipFile: ((path: string) => Stamp | undefined) | undefined,
): (path: string) => Stamp | undefined {
  return (path) => skipFile?.(path) ?? fileStampInPaths(path, installationDirs, ctx);
}
