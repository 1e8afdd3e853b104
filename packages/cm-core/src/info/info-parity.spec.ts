/**
 * Parity with Racket over every info.rkt of the installation (397 files in Racket 8.7 on this
 * machine): for each directory, our field names (in `#%info-domain` order) and values must equal
 * what `get-info/full` returns, compared with `equal?` inside one Racket process. Also times our
 * side: reading and evaluating all of them must take well under a second.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCollectionResolver } from '../collects/find-collection.js';
import { hasRacket } from '../testing/racket-available.js';
import { InfoFileError } from './info-error.js';
import { askRacket, compareWithRacket, oracleEntry, RACKET } from './info-fixtures.test.js';
import { formatInfoField, type InfoTable } from './info-table.js';
import { readInfoFile } from './read-info-file.js';

const INSTALLATION = '/usr/share/racket';

/** For each file (one per stdin line): `== file`, then `(writeln (cons name value))` per field. */
const WRITE_ALL = `
(require setup/getinfo)
(define ns (make-base-empty-namespace))
(for ([f (in-lines)])
  (define-values (dir name must-be-dir?) (split-path f))
  (define info (get-info/full dir))
  (printf "== ~a\\n" f)
  (for ([k (parameterize ([current-namespace ns]) ((dynamic-require (string->path f) '#%info-domain)))])
    (writeln (cons k (info k)))))`;

function installedInfoFiles(): string[] {
  return execFileSync('find', [INSTALLATION, '-name', 'info.rkt'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
}

function readAllInfoFiles(files: readonly string[]): Map<string, InfoTable | InfoFileError> {
  const collectionResolver = createCollectionResolver();
  const results = new Map<string, InfoTable | InfoFileError>();
  for (const file of files) {
    try {
      results.set(file, readInfoFile(file, { collectionResolver }));
    } catch (error) {
      if (!(error instanceof InfoFileError)) throw error;
      results.set(file, error);
    }
  }
  return results;
}

const CAN_RUN = hasRacket() && existsSync(INSTALLATION);

describe.skipIf(!CAN_RUN)('info/info-parity: every installed info.rkt', () => {
  // A skipped describe still runs its body to collect the tests; without an installation, `find` fails.
  const files = CAN_RUN ? installedInfoFiles() : [];

  it('finds the installation’s info files', () => {
    expect(files.length).toBeGreaterThanOrEqual(397);
  });

  it('reads and evaluates all of them well under a second', () => {
    readAllInfoFiles(files.slice(0, 20)); // warm up the JIT and module loading
    const start = performance.now();
    const results = readAllInfoFiles(files);
    const elapsed = performance.now() - start;
    console.log(`read and evaluated ${results.size} info.rkt files in ${elapsed.toFixed(1)} ms`);
    expect([...results.values()].filter((r) => r instanceof InfoFileError)).toEqual([]);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('agrees with get-info/full on every field name, order and value', () => {
    const results = readAllInfoFiles(files);
    const answers = askRacket(files.map((file) => oracleEntry(dirname(file), results.get(file)!)));
    const mismatches = answers.flatMap((answer) =>
      compareWithRacket(results.get(`${answer.dir}/info.rkt`)!, answer).map((problem) => `${answer.dir}: ${problem}`),
    );
    expect(answers).toHaveLength(files.length);
    expect(mismatches).toEqual([]);
  });

  it('prints every field exactly as Racket writes (name . value), as `nx-raco info` does', () => {
    const results = readAllInfoFiles(files);
    const ours = files.flatMap((file) => [`== ${file}`, ...(results.get(file) as InfoTable).fields.map(formatInfoField)]).join('\n');
    const racket = spawnSync(RACKET, ['-e', WRITE_ALL], { input: `${files.join('\n')}\n`, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(racket.status).toBe(0);
    expect(`${ours}\n`).toBe(racket.stdout);
  });
});
