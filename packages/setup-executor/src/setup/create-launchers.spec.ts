/**
 * The launcher step on temp workspaces: with stubbed Racket directories for the bookkeeping,
 * and against a real `raco setup` run (in a sandbox: its own PLTADDONDIR and user links file)
 * for the launcher bytes and the WARNING lines.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { addSearchDirs, createLaunchers, formatLauncherErrors, type CreateLaunchersRequest } from './create-launchers.js';

const hasRacket = spawnSync('racket', ['-n', '-e', ''], { stdio: 'ignore' }).status === 0;

const DIRS = { consoleBinDir: '/usr/bin', guiLibDir: '/usr/lib/racket' };

function capture(): { stdout: (text: string) => void; text: () => string } {
  const out: string[] = [];
  return { stdout: (text) => void out.push(text), text: () => out.join('') };
}

function request(root: string, names: string[], extra: Partial<CreateLaunchersRequest> = {}): CreateLaunchersRequest {
  return {
    workspaceRoot: root,
    collections: names.map((name) => ({ name, dir: join(root, 'colls', name) })),
    searchDirs: [join(root, 'colls')],
    findDirs: () => DIRS,
    ...extra,
  };
}

const HELLO = `#lang info\n(define racket-launcher-names '("Hello")) (define racket-launcher-libraries '("main.rkt"))\n`;

describe('setup/create-launchers', () => {
  it('puts -S <dir> first, after leading X flags for gracket', () => {
    /** Columns: kind, flags, result. */
    const table: [Parameters<typeof addSearchDirs>[0], string[], string[]][] = [
      ['racket', ['-l-', 'a/main.rkt'], ['-S', '/ws', '-S', '/ws/libs', '-l-', 'a/main.rkt']],
      ['mzscheme', [], ['-S', '/ws', '-S', '/ws/libs']],
      ['gracket', ['-display', ':0', '-l-', 'a'], ['-display', ':0', '-S', '/ws', '-S', '/ws/libs', '-l-', 'a']],
      ['mred', ['-display', ':0'], ['-S', '/ws', '-S', '/ws/libs', '-display', ':0']],
    ];
    for (const [kind, flags, result] of table) expect(addSearchDirs(kind, flags, ['/ws', '/ws/libs']), `${kind} ${flags.join(' ')}`).toEqual(result);
  });

  it('writes bin/<name> with the workspace search dirs, then leaves it alone', () => {
    const ws = createTempWorkspace({ 'colls/hello/info.rkt': HELLO });
    const io = capture();
    expect(createLaunchers(request(ws.root, ['hello'], { verbose: true }), io)).toEqual({ written: ['bin/hello'], unchanged: [], errors: [] });
    expect(io.text()).toBe('nx-raco setup: launcher: bin/hello\n');
    expect(readFileSync(ws.path('bin/hello'), 'utf8')).toBe(
      '#!/bin/sh\n# This script was created by make-mzscheme-launcher\n\n# {{{ bindir\nbindir="/usr/bin"\n# }}} bindir\n\n' +
        `exec "\${bindir}/racket" -N "$0" '-S' '${ws.path('colls')}' '-l-' 'hello/main.rkt'  \${1+"$@"}\n`,
    );
    expect(statSync(ws.path('bin/hello')).mode & 0o777).toBe(0o755);
    expect(createLaunchers(request(ws.root, ['hello']), capture())).toEqual({ written: [], unchanged: ['bin/hello'], errors: [] });
  });

  it('does not ask Racket for its directories when no launcher is declared', () => {
    const ws = createTempWorkspace({ 'colls/plain/info.rkt': '#lang info\n(define version "1.0")\n' });
    const findDirs = (): never => {
      throw new Error('asked');
    };
    expect(createLaunchers(request(ws.root, ['plain', 'no-info'], { findDirs }), capture())).toEqual({ written: [], unchanged: [], errors: [] });
    expect(() => readdirSync(ws.path('bin'))).toThrow();
  });

  it("prints raco's warnings and collects errors per collection, writing nothing for a bad one", () => {
    const ws = createTempWorkspace({
      'colls/good/info.rkt': HELLO,
      'colls/warn/info.rkt': `#lang info\n(define racket-launcher-names '("w"))\n`,
      'colls/evil/info.rkt': `#lang info\n(define racket-launcher-names '("fine" "../../escape")) (define racket-launcher-libraries '("a.rkt" "b.rkt"))\n`,
      'colls/broken/info.rkt': '#lang info\n(define racket-launcher-names\n',
    });
    const io = capture();
    const result = createLaunchers(request(ws.root, ['broken', 'evil', 'good', 'warn']), io);
    expect(result.written).toEqual(['bin/hello']);
    expect(result.errors.map((e) => [e.collection, e.code])).toEqual([
      ['broken', 'RKT_INFO_ERROR'],
      ['evil', 'RKT_LAUNCHER_NAME'],
    ]);
    expect(io.text()).toBe('nx-raco setup: WARNING: console launcher name list ("w") has no matching library/flags lists\n');
    expect(readdirSync(ws.path('bin'))).toEqual(['hello']);
    expect(formatLauncherErrors(result.errors)[1]).toBe(
      `nx-raco setup: error: during launcher setup for evil: ${ws.path('colls/evil/info.rkt')}: racket-launcher-names: Expected a launcher name without "/" or "..", got "../../escape" (string). Launchers are written to the workspace bin/ directory only; rename the launcher.`,
    );
  });

  it('skips GUI launchers with a warning when gracket is not installed', () => {
    const ws = createTempWorkspace({ 'colls/g/info.rkt': `#lang info\n(define gracket-launcher-names '("G")) (define gracket-launcher-libraries '("g.rkt"))\n` });
    const io = capture();
    const result = createLaunchers(request(ws.root, ['g'], { findDirs: () => ({ ...DIRS, guiLibDir: null }) }), io);
    expect(result).toEqual({ written: [], unchanged: [], errors: [] });
    expect(io.text()).toBe('nx-raco setup: WARNING: gui launcher "G" of g skipped: gracket is not installed (install Racket\'s GUI libraries)\n');
  });

  it('reports a missing Racket once per collection that declares launchers', () => {
    const ws = createTempWorkspace({ 'colls/hello/info.rkt': HELLO });
    const result = createLaunchers(request(ws.root, ['hello'], { findDirs: undefined, racket: ws.path('nowhere/racket') }), capture());
    expect(result.errors).toEqual([{ collection: 'hello', code: 'RKT_RACKET_NOT_FOUND', message: expect.stringContaining('no such file') }]);
  });
});

describe.skipIf(!hasRacket)('setup/create-launchers against raco setup', () => {
  it('writes the bytes raco setup writes (without the -S flags) and the same warnings', () => {
    const info = `#lang info
(define racket-launcher-names '("My Tool" "other"))
(define racket-launcher-libraries '("main.rkt" "tools/other.rkt"))
(define mzscheme-launcher-names '("mz"))
(define mzscheme-launcher-flags '(("-l-" "mycoll/main.rkt" "it's $HOME")))
(define gracket-launcher-names '("g1" "g2"))
(define gracket-launcher-libraries '("main.rkt"))
(define mred-launcher-names '("m"))
`;
    const ws = createTempWorkspace({
      'colls/mycoll/info.rkt': info,
      'colls/mycoll/main.rkt': '#lang racket/base\n(module+ main (displayln "main"))\n',
      'colls/mycoll/tools/other.rkt': '#lang racket/base\n(module+ main (displayln (current-command-line-arguments)))\n',
    });
    // A sandbox: raco links the collection and writes launchers under its own addon dir.
    const env: NodeJS.ProcessEnv = { ...process.env, PLTADDONDIR: ws.path('addon'), PLT_SETUP_OPTIONS: '' };
    delete env['PLTCOLLECTS'];
    expect(spawnSync('raco', ['link', '-u', '-d', ws.path('colls')], { env, encoding: 'utf8' }).status).toBe(0);
    const raco = spawnSync('raco', ['setup', '-D', '--no-pkg-deps', '-j', '1', '-l', 'mycoll'], { env, encoding: 'utf8' });
    expect(raco.status, raco.stderr).toBe(0);
    const racoBin = ws.path(`addon/${readdirSync(ws.path('addon')).find((d) => /^\d/.test(d))}/bin`);

    const io = capture();
    const result = createLaunchers({ workspaceRoot: ws.root, collections: [{ name: 'mycoll', dir: ws.path('colls/mycoll') }], searchDirs: [] }, io);
    expect(result.errors).toEqual([]);
    expect(readdirSync(ws.path('bin')).sort()).toEqual(readdirSync(racoBin).sort());
    for (const name of readdirSync(racoBin)) {
      expect(readFileSync(ws.path(`bin/${name}`), 'utf8'), name).toBe(readFileSync(join(racoBin, name), 'utf8'));
    }
    const racoWarnings = raco.stdout.split('\n').filter((line) => line.startsWith('raco setup: WARNING: '));
    expect(racoWarnings).toHaveLength(2);
    expect(io.text()).toBe(racoWarnings.map((line) => `${line.replace(/^raco setup/, 'nx-raco setup')}\n`).join(''));
  });

  it('writes launchers that run with the workspace collections visible, without PLTCOLLECTS', () => {
    const ws = createTempWorkspace({
      'colls/hello/info.rkt': HELLO,
      'colls/hello/main.rkt': '#lang racket/base\n(require greet)\n(module+ main (displayln (greet (vector->list (current-command-line-arguments)))))\n',
      'libs/greet/main.rkt': '#lang racket/base\n(provide greet)\n(define (greet who) (format "hi ~a" who))\n',
    });
    const result = createLaunchers(
      { workspaceRoot: ws.root, collections: [{ name: 'hello', dir: ws.path('colls/hello') }], searchDirs: [ws.path('colls'), ws.path('libs')] },
      capture(),
    );
    expect(result.errors).toEqual([]);
    const env = { ...process.env };
    delete env['PLTCOLLECTS'];
    const run = spawnSync(ws.path('bin/hello'), ["it's", '$x'], { cwd: '/', env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe("hi (it's $x)\n");
  });
});
