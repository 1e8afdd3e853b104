/**
 * The file name of a launcher on Unix, as Racket's `launcher` library derives it
 * (`launcher.rkt` `unix-sfx`): the declared name lowercased (Unicode rules, like Racket's
 * `string-downcase`), each ASCII whitespace character (`#px"\\s"`: tab, newline, form feed,
 * return, space) replaced by `-`.
 *
 * Stricter than raco on purpose: raco accepts any relative path, so `"tools/x"` would write
 * `<bin>/tools/x`. Launchers here go into the workspace's `bin/` and nowhere else, so a name with
 * `/`, `..` or a NUL character, `.`, or an empty name is refused before anything is written.
 */
import { LauncherNameError } from './launcher-errors.js';

/**
 * The launcher's file name for a declared name (no checks).
 * @example toLauncherFileName('My Tool') //=> 'my-tool'
 */
export function toLauncherFileName(name: string): string {
  return name.toLowerCase().replace(/[\t\n\f\r ]/g, '-');
}

/**
 * The launcher's file name for `name`, declared in `field` of `infoFile`; throws
 * `LauncherNameError` when it is not a plain file name.
 * @example checkLauncherFileName('Hello', 'racket-launcher-names', 'hello/info.rkt') //=> 'hello'
 */
export function checkLauncherFileName(name: string, field: string, infoFile: string): string {
  const fileName = toLauncherFileName(name);
  if (fileName === '' || fileName === '.' || fileName.includes('/') || fileName.includes('..') || fileName.includes('\0')) {
    throw new LauncherNameError(
      `${infoFile}: ${field}: Expected a launcher name without "/" or "..", got ${JSON.stringify(name)} (string). ` +
        'Launchers are written to the workspace bin/ directory only; rename the launcher.',
    );
  }
  return fileName;
}
