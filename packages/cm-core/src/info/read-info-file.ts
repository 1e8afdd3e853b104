/**
 * Reading info files from disk: `readInfoFile` for one file and `getInfo` for a directory
 * (Racket's `get-info/full`: `info.rkt`, else `info.ss`, else nothing).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InfoFileError } from './info-error.js';
import { normalizeInfoLimits } from './info-limits.js';
import { checkEvaluateInfoOptions, evaluateInfo, type EvaluateInfoOptions } from './evaluate-info.js';
import type { InfoTable } from './info-table.js';

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory; errno=2',
  EISDIR: 'path refers to a directory; rkt_err=9',
  EACCES: 'Permission denied; errno=13',
};

function readFailure(file: string, error: unknown): InfoFileError {
  const code = (error as { code?: string }).code ?? '';
  const system = SYSTEM_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
  return new InfoFileError({
    kind: 'io',
    file,
    racketMessage: `open-input-file: cannot open input file\n  path: ${file}\n  system error: ${system}`,
    cause: error,
  });
}

/**
 * Reads and evaluates one info file.
 * @param file the path of the file (any name; `get-info/full` only ever reads `info.rkt`/`info.ss`)
 * @throws InfoFileError for a missing, unreadable, malformed or failing file
 * @example readInfoFile('/usr/share/racket/collects/setup/info.rkt').names //=> ['compile-omit-paths', 'raco-commands']
 */
export function readInfoFile(file: string, options: EvaluateInfoOptions = {}): InfoTable {
  checkEvaluateInfoOptions(options, 'readInfoFile');
  const { maxFileBytes } = normalizeInfoLimits(options.limits);
  let data: Uint8Array;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.size > maxFileBytes) {
      throw new InfoFileError({
        kind: 'limit',
        file,
        racketMessage: `nx-raco: the info file is larger than ${maxFileBytes} bytes (${stat.size} bytes)`,
      });
    }
    data = readFileSync(file);
  } catch (error) {
    if (error instanceof InfoFileError) throw error;
    throw readFailure(file, error);
  }
  return evaluateInfo(data, file, options);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * `(get-info/full dir)`: the table of `dir/info.rkt`, else of `dir/info.ss`, else `undefined`.
 * An existing but bad file throws (Racket does not fall back to `info.ss` then either).
 * @example getInfo('/usr/share/racket/pkgs/base')?.get('version') //=> the value of "8.7"
 */
export function getInfo(dir: string, options: EvaluateInfoOptions = {}): InfoTable | undefined {
  checkEvaluateInfoOptions(options, 'getInfo');
  for (const name of ['info.rkt', 'info.ss']) {
    const file = join(dir, name);
    if (isFile(file)) return readInfoFile(file, options);
  }
  return undefined;
}
