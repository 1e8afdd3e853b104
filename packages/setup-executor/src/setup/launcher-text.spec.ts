/**
 * launcherText against Racket's own `launcher` library: every row is also written by
 * `make-<kind>-launcher` in one Racket run, and the files must be byte-identical. A second run
 * uses a configuration whose bin and lib directories have `"`, `$`, `'`, backquote and `\` in
 * their name, to check the bindir escaping.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempWorkspace, type TempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { countLeadingXFlags, getLauncherFlags, launcherText, protectShellString, quoteShellWords, type LauncherKind } from './launcher-text.js';

const hasRacket = spawnSync('racket', ['-n', '-e', ''], { stdio: 'ignore' }).status === 0;

/** Columns: kind, flags given to make-<kind>-launcher. */
const CASES: readonly (readonly [LauncherKind, readonly string[]])[] = [
  ['racket', ['-l-', 'mycoll/main.rkt']],
  ['racket', []],
  ['racket', ['-S', '/ws/libs', '-l-', 'my coll/sub/main.rkt']],
  ['racket', ["it's", '$HOME', '"q"', 'back\\slash', '`cmd`', '', 'tab\there', 'é ∀ 😀', "''"]],
  ['mzscheme', ['-l-', 'mycoll/main.rkt']],
  ['mzscheme', ["a'b", '$x']],
  ['mzscheme', []],
  ['gracket', ['-l-', 'mycoll/main.rkt']],
  ['gracket', []],
  ['gracket', ['-display', ':0', '-iconic', '-l-', 'x/y.rkt']],
  ['gracket', ['-fg', 'red', '-background', 'blue', '+rv', '-reverse', '-singleInstance', '-t', "o'k"]],
  ['gracket', ['-display', ':0']],
  ['gracket', ['-iconic', '-xrm']],
  ['gracket', ['-xrm']],
  ['mred', ['-display', ':0', '-l-', 'x/y.rkt']],
  ['mred', []],
];

const MAKERS: Record<LauncherKind, string> = {
  racket: 'make-racket-launcher',
  gracket: 'make-gracket-launcher',
  mzscheme: 'make-mzscheme-launcher',
  mred: 'make-mred-launcher',
};

/** Writes every case with Racket into `dir`, as `<index>`. */
function writeWithRacket(dir: string, env: NodeJS.ProcessEnv = process.env): void {
  const cases = join(dir, 'cases.json');
  writeFileSync(cases, JSON.stringify(CASES.map(([kind, flags], i) => ({ maker: MAKERS[kind], flags, dest: join(dir, String(i)) }))));
  const program = `(for ([c (in-list (call-with-input-file (getenv "CASES") read-json))])
    ((case (hash-ref c 'maker) [("make-racket-launcher") make-racket-launcher] [("make-gracket-launcher") make-gracket-launcher]
       [("make-mzscheme-launcher") make-mzscheme-launcher] [("make-mred-launcher") make-mred-launcher])
     (hash-ref c 'flags) (hash-ref c 'dest)))`;
  const r = spawnSync('racket', ['-l', 'racket/base', '-l', 'json', '-l', 'launcher', '-e', program], { env: { ...env, CASES: cases }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`racket failed: ${r.stderr}`);
}

function askRacket(expression: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync('racket', ['-l', 'racket/base', '-l', 'setup/dirs', '-e', expression], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`racket failed: ${r.stderr}`);
  return r.stdout;
}

function expectSameAsRacket(dir: string, bins: { console: string; gui: string }): void {
  CASES.forEach(([kind, flags], i) => {
    const bindir = kind === 'racket' || kind === 'mzscheme' ? bins.console : bins.gui;
    const ours = launcherText({ bindir, kind, flags });
    expect(ours, `${kind} ${JSON.stringify(flags)}`).toBe(readFileSync(join(dir, String(i)), 'utf8'));
  });
}

describe('setup/launcher-text', () => {
  it('quotes flags as str-list->sh-str: each single-quoted and followed by a space', () => {
    expect(quoteShellWords(['-l-', "a'b", ''])).toBe(`'-l-' 'a'"'"'b' '' `);
    expect(quoteShellWords([])).toBe('');
  });

  it('protects a bindir as protect-shell-string', () => {
    expect(protectShellString('/a"b`c\'d$e\\f g')).toBe('/a\\"b\\`c\\\'d\\$e\\\\f g');
  });

  it('counts leading X flags as skip-x-flags', () => {
    /** Columns: flags, count of leading X flags (with arguments). */
    const table: [string[], number][] = [
      [['-l-', 'x'], 0],
      [['-display', ':0', '-l-', 'x'], 2],
      [['-iconic', '-rv', '+rv', '-l-'], 3],
      [['-geometry'], 1],
      [['-iconic', '-title'], 2],
      [[], 0],
    ];
    for (const [flags, count] of table) expect(countLeadingXFlags(flags), JSON.stringify(flags)).toBe(count);
  });

  it('prepends the init library of make-mzscheme-launcher and make-mred-launcher', () => {
    expect(getLauncherFlags('mzscheme', ['x'])).toEqual(['-I', 'scheme/init', 'x']);
    expect(getLauncherFlags('mred', ['x'])).toEqual(['-I', 'scheme/gui/init', 'x']);
    expect(getLauncherFlags('racket', ['x'])).toEqual(['x']);
  });

  it('writes the shape of notes §6.1, with two spaces before ${1+"$@"}', () => {
    expect(launcherText({ bindir: '/usr/bin', kind: 'racket', flags: ['-l-', 'mycoll/main.rkt'] })).toBe(
      '#!/bin/sh\n# This script was created by make-mzscheme-launcher\n\n# {{{ bindir\nbindir="/usr/bin"\n# }}} bindir\n\n' +
        'exec "${bindir}/racket" -N "$0" \'-l-\' \'mycoll/main.rkt\'  ${1+"$@"}\n',
    );
  });
});

describe.skipIf(!hasRacket)('setup/launcher-text against Racket', () => {
  let ws: TempWorkspace;
  beforeAll(() => {
    ws = createTempWorkspace({}, { suite: true });
  });
  afterAll(() => ws?.dispose());

  it("is byte-identical to Racket's launchers for this installation", () => {
    const dir = ws.path('installed');
    mkdirSync(dir);
    writeWithRacket(dir);
    const [console, gui] = JSON.parse(
      askRacket(
        `(define (find dirs exe) (for/or ([d dirs]) (and d (file-or-directory-type (build-path d exe) #f) (path->string d))))
         (printf "[~s, ~s]" (find (cons (find-console-bin-dir) (get-console-bin-extra-search-dirs)) "racket") (find (cons (find-lib-dir) (get-cross-lib-extra-search-dirs)) "gracket"))`,
      ),
    ) as [string, string];
    expectSameAsRacket(dir, { console, gui });
  });

  it('is byte-identical when the bin and lib directories need escaping', () => {
    // A configuration like the installation's, with bin-dir and lib-dir in a directory named
    // with every character protect-shell-string escapes. The lib dir needs the installation's
    // starter-sh template and system.rktd; `racket` must be the real one (its variant is read).
    const weird = ws.path(`we"ir$d 'b\`x\\y/bin`);
    const config = ws.path('config');
    mkdirSync(weird, { recursive: true });
    mkdirSync(config);
    const libDir = JSON.parse(askRacket(`(write (path->string (find-lib-dir)))`)) as string;
    symlinkSync(spawnSync('sh', ['-c', 'command -v racket'], { encoding: 'utf8' }).stdout.trim(), join(weird, 'racket'));
    writeFileSync(join(weird, 'gracket'), '');
    for (const file of ['starter-sh', 'system.rktd']) copyFileSync(join(libDir, file), join(weird, file));
    const configText = askRacket(
      `(define f (build-path (find-config-dir) "config.rktd"))
       (define h (if (file-exists? f) (call-with-input-file f read) #hash()))
       (write (hash-set* h 'bin-dir (getenv "WEIRD") 'lib-dir (getenv "WEIRD")))`,
      { ...process.env, WEIRD: weird },
    );
    writeFileSync(join(config, 'config.rktd'), configText);
    const dir = ws.path('escaped');
    mkdirSync(dir);
    writeWithRacket(dir, { ...process.env, PLTCONFIGDIR: config });
    expect(readFileSync(join(dir, '0'), 'utf8')).toContain('bindir="');
    expectSameAsRacket(dir, { console: weird, gui: weird });
  });
});
