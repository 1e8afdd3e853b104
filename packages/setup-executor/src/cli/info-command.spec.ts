/**
 * `nx-raco info DIR`, run as a real process from the built bin (`npm run build` first, in
 * `beforeAll`; incremental when nothing changed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(REPO, 'packages/setup-executor/bin/nx-raco.js');
const RACKET = '/usr/bin/racket';

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function nxRaco(...args: string[]): RunResult {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, PLT_INFO_ALLOW_VARS: '' } });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** What Racket prints for `(writeln (cons name value))` over the directory's `#%info-domain`. */
function racketInfoLines(dir: string): string {
  const program = `(require setup/getinfo) (define dir (vector-ref (current-command-line-arguments) 0)) (define info (get-info/full dir)) (for ([n ((dynamic-require (build-path dir "info.rkt") '#%info-domain))]) (writeln (cons n (info n))))`;
  return execFileSync(RACKET, ['-e', program, dir], { encoding: 'utf8', env: { ...process.env, PLT_INFO_ALLOW_VARS: '' } });
}

describe('setup-executor/cli/info-command', () => {
  let root: string;

  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'pipe' });
    root = mkdtempSync(join(tmpdir(), 'nx-raco-cli-info-'));
    const write = (name: string, text: string): void => {
      mkdirSync(join(root, name), { recursive: true });
      writeFileSync(join(root, name, 'info.rkt'), text);
    };
    write(
      'good',
      [
        '#lang info',
        '(define collection "good")',
        '(define deps \'("base" ("gui-lib" #:version "1.2")))',
        '(define version "1.0")',
        '(define pkg-authors \'(me "you"))',
        '(define n 1/2)',
        '(define flag #f)',
        '(define chars (list #\\a #\\space "tab\\there" #"bytes\\0"))',
        '(define p (build-path "a" "b"))',
        '(define q `(x ,(string-append "y" "z") . w))',
        '(define v #(1 2))',
      ].join('\n'),
    );
    write('bad', '#lang info\n(define deps (list "base"))\n(define x (+ 1 2))');
    write('illegal', '#lang racket/base\n(define x 1)');
    mkdirSync(join(root, 'empty'));
  });

  afterAll(() => {
    if (root !== undefined && process.env['NX_RACO_KEEP_TMP'] === undefined) rmSync(root, { recursive: true, force: true });
  });

  it('prints each field as Racket writes (name . value), in definition order', () => {
    const result = nxRaco('info', join(root, 'good'));
    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(result.stdout).toBe(
      [
        '(collection . "good")',
        '(deps "base" ("gui-lib" #:version "1.2"))',
        '(version . "1.0")',
        '(pkg-authors me "you")',
        '(n . 1/2)',
        '(flag . #f)',
        '(chars #\\a #\\space "tab\\there" #"bytes\\0")',
        '(p . #<path:a/b>)',
        '(q x "yz" . w)',
        '(v . #(1 2))',
        '',
      ].join('\n'),
    );
  });

  it.skipIf(!existsSync(RACKET))('matches Racket’s own output', () => {
    for (const dir of [join(root, 'good'), '/usr/share/racket/collects/setup', '/usr/share/racket/pkgs/base', '/usr/share/racket/pkgs/plai']) {
      expect(nxRaco('info', dir).stdout).toBe(racketInfoLines(dir));
    }
  });

  it('fails with one paragraph for a bad file', () => {
    const result = nxRaco('info', join(root, 'bad'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.replaceAll(root, '<root>')).toBe(
      'nx-raco info: <root>/bad/info.rkt:3:11: +: unbound identifier; in: +. An info file may contain only `(define name expr)` forms whose expressions use quote, quasiquote, if, the list, hash, string and path operations of the info language, and earlier definitions; fix the form at that position.\n',
    );
  });

  it('fails for an illegal #lang', () => {
    const result = nxRaco('info', join(root, 'illegal'));
    expect(result.code).toBe(1);
    expect(result.stderr.replaceAll(root, '<root>')).toMatch(
      /^nx-raco info: <root>\/illegal\/info\.rkt:1:0: get-info: info file has illegal #lang or #reader in <root>\/illegal\/info\.rkt\. Start the file with `#lang info`/,
    );
  });

  it('fails for a directory without an info file, and for a missing directory', () => {
    for (const dir of [join(root, 'empty'), join(root, 'missing')]) {
      const result = nxRaco('info', dir);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr.replaceAll(root, '<root>')).toMatch(/^nx-raco info: <root>\/(empty|missing) has no info\.rkt or info\.ss file\. [^\n]*\n$/);
    }
  });

  it('fails without a directory argument', () => {
    const result = nxRaco('info');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'nx-raco info: expected exactly one directory argument, got 0. Run `nx-raco info DIR` with the directory that holds info.rkt.\n',
    );
  });

  it('never prints a stack trace', () => {
    for (const args of [['info', join(root, 'bad')], ['info', join(root, 'missing')], ['info']]) {
      expect(nxRaco(...args).stderr).not.toMatch(/\n\s+at /);
    }
  });
});
