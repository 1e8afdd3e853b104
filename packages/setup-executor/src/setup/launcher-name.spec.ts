import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { LauncherNameError } from './launcher-errors.js';
import { checkLauncherFileName, toLauncherFileName } from './launcher-name.js';

const hasRacket = spawnSync('racket', ['-n', '-e', ''], { stdio: 'ignore' }).status === 0;

/** Columns: declared name, file name. */
const NAMES: readonly (readonly [string, string])[] = [
  ['hello', 'hello'],
  ['My Tool', 'my-tool'],
  ['Tab\tNew\nLine\rFeed\f', 'tab-new-line-feed-'],
  ['vertical\vtab', 'vertical\vtab'],
  ['no\u00a0break', 'no\u00a0break'],
  ['ÉCOLE', 'école'],
  ['ΣΑΣ', 'σας'],
  ['İstanbul', 'i̇stanbul'],
  ['x.rkt', 'x.rkt'],
  ['a..b', 'a..b'],
];

describe('setup/launcher-name', () => {
  it('lowercases and turns ASCII whitespace into -', () => {
    for (const [name, file] of NAMES) expect(toLauncherFileName(name), JSON.stringify(name)).toBe(file);
  });

  it.skipIf(!hasRacket)("matches the file name of Racket's racket-program-launcher-path", () => {
    const program = `(for ([n (in-list (call-with-input-file (getenv "NAMES") read-json))])
      (write-json (path->string (file-name-from-path (racket-program-launcher-path n)))) (newline))`;
    const ws = createTempWorkspace({ 'names.json': JSON.stringify(NAMES.map(([name]) => name)) });
    const r = spawnSync('racket', ['-l', 'racket/base', '-l', 'racket/path', '-l', 'json', '-l', 'launcher', '-e', program], {
      env: { ...process.env, NAMES: ws.path('names.json') },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const racket = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as string);
    expect(NAMES.map(([name]) => toLauncherFileName(name))).toEqual(racket);
  });

  it('refuses names that would leave bin/ or are empty, saying what to do', () => {
    for (const name of ['a/b', '../x', '..', '.', '', 'a..b', 'nul\0']) {
      expect(() => checkLauncherFileName(name, 'racket-launcher-names', 'hello/info.rkt'), JSON.stringify(name)).toThrow(LauncherNameError);
    }
    expect(() => checkLauncherFileName('tools/x', 'racket-launcher-names', 'hello/info.rkt')).toThrow(
      'hello/info.rkt: racket-launcher-names: Expected a launcher name without "/" or "..", got "tools/x" (string). Launchers are written to the workspace bin/ directory only; rename the launcher.',
    );
    expect(() => checkLauncherFileName('../x', 'f', 'i')).toThrow(expect.objectContaining({ code: 'RKT_LAUNCHER_NAME' }));
  });

  it('accepts plain names', () => {
    expect(checkLauncherFileName('My Tool', 'racket-launcher-names', 'info.rkt')).toBe('my-tool');
  });
});
