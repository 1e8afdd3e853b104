/**
 * The Racket compile server against raco make itself (real Racket, real temp trees): the
 * dependency lists it reports, the `.zo` bytes it produces, and the `.dep` text the TypeScript
 * record writer makes from its results must be what raco make writes for the same sources. Builds
 * are driven by the fixture builder (testing/fixtures/compile-server-build.ts), which nests
 * dependency compiles inside `need` callbacks the way CM does.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledPath, makeTree, run, splitDepText, startServerBuild } from '../testing/fixtures/compile-server-build.js';
import { SERVER_PATH } from './compile-server-process.js';
import { EXIT_PROTOCOL_ERROR, PROTOCOL_VERSION } from './protocol.js';

/** Feed raw protocol lines to a fresh server; returns its parsed replies and exit status. */
function talkToServer(lines: readonly string[]): { replies: unknown[]; status: number | null; stderr: string } {
  const r = spawnSync('racket', [SERVER_PATH], { input: lines.map((l) => `${l}\n`).join(''), encoding: 'utf8' });
  return { replies: r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown), status: r.status, stderr: r.stderr };
}

/** The racket-notes §1.4 tree: a → b, c, d; c → b; d includes data.rktd. */
const BASIC_TREE = {
  'a.rkt': '#lang racket/base\n(require "b.rkt" "c.rkt" "d.rkt")\n(printf "~s\\n" (list b-val c-val d-val))\n',
  'b.rkt': "#lang racket/base\n(provide b-val)\n(define b-val 'b)\n",
  'c.rkt': '#lang racket/base\n(require "b.rkt")\n(provide c-val)\n(define c-val (list \'c b-val))\n',
  'd.rkt': '#lang racket/base\n(require racket/include)\n(provide d-val)\n(define d-val (include "data.rktd"))\n',
  'data.rktd': "'(data 42)\n",
};

/** Every dependency kind: #reader, all phases, submodules, self-reference, cm-accomplice. */
const KINDS_TREE = {
  'rdr.rkt': '(module rdr syntax/module-reader racket/base)\n',
  'e.rkt': '#reader"rdr.rkt"\n(provide e-val)\n(define e-val 5)\n',
  's.rkt': [
    '#lang racket/base',
    '(require (for-syntax racket/base "ph.rkt") (for-label "lbl.rkt") (for-template "tpl.rkt"))',
    '(module sub racket/base (provide q) (define q 1))',
    '(require \'sub (submod "." sub))',
    '(module+ test (require "subdep.rkt"))',
    '(module* main #f (require "subdep2.rkt"))',
    '',
  ].join('\n'),
  ...Object.fromEntries(
    ['ph', 'lbl', 'tpl', 'subdep', 'subdep2'].map((f) => [`${f}.rkt`, `#lang racket/base\n(provide ${f})\n(define ${f} 1)\n`]),
  ),
  'm.rkt': [
    '#lang racket/base',
    '(require (for-syntax racket/base compiler/cm-accomplice))',
    '(define-syntax (register-all stx)',
    '  (define-values (dir name dir?) (split-path (syntax-source stx)))',
    '  (register-external-file (build-path dir "ext.txt"))',
    '  (register-external-module (build-path dir "mod2.rkt") #:indirect? #t)',
    '  (register-external-module (build-path dir "mod3.rkt"))',
    "  #'(void))",
    '(register-all)',
    '',
  ].join('\n'),
  'ext.txt': 'hello\n',
  'mod2.rkt': '#lang racket/base\n',
  'mod3.rkt': '#lang racket/base\n',
};

/** `'#%kernel` modules: no installation deps, so even the combined hash must match raco's. */
const KERNEL_TREE = {
  'ka.rkt': '(module ka \'#%kernel\n  (#%require "kb.rkt" "kc.rkt")\n  (display (list kb kc))\n  (newline))\n',
  'kb.rkt': "(module kb '#%kernel\n  (#%provide kb)\n  (define-values (kb) 'kb))\n",
  'kc.rkt': '(module kc \'#%kernel\n  (#%require "kb.rkt")\n  (#%provide kc)\n  (define-values (kc) (list \'kc kb)))\n',
};

/** Build `entries` (in order, one server = one namespace, like one raco make run). */
async function buildWithServer(root: string, entries: readonly string[]) {
  const build = await startServerBuild(root);
  for (const entry of entries) {
    const result = await build.buildTopLevel(join(root, entry));
    expect(result, `compiling ${entry}`).toMatchObject({ ok: true });
  }
  return build;
}

function racoMake(root: string, entries: readonly string[]): void {
  const r = run('raco', ['make', ...entries], root);
  expect(r, 'raco make').toMatchObject({ code: 0, stderr: '' });
}

/** `name → contents` for every file in `root/compiled` with `suffix`. */
function readCompiled(root: string, suffix: string, encoding?: 'latin1'): Map<string, string | Buffer> {
  const dir = join(root, 'compiled');
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .sort()
      .map((f) => [f, encoding === undefined ? readFileSync(join(dir, f)) : readFileSync(join(dir, f), encoding)]),
  );
}

describe('compile-server/compile-server.rkt', () => {
  // (a) dependency lists, in two different directories (paths normalised).
  it.each([
    ['basic tree', BASIC_TREE, ['a.rkt']],
    ['every dependency kind', KINDS_TREE, ['e.rkt', 's.rkt', 'm.rkt']],
  ])('reports the dependency list raco make records (%s)', async (_name, files, entries) => {
    const ours = makeTree(files);
    const theirs = makeTree(files);
    const build = await buildWithServer(ours, entries);
    racoMake(theirs, entries);

    const racoDeps = [...readCompiled(theirs, '.dep', 'latin1')].map(
      ([name, text]) => [name, splitDepText(String(text)).deps.replaceAll(theirs, '<root>')] as const,
    );
    const ourDeps = [...build.results.values()]
      .map((r) => [r.path, r.deps.map((d) => d.encoded).join(' ').replaceAll(ours, '<root>')] as const)
      .map(([path, deps]) => [`${path.slice(ours.length + 1).replace(/\.rkt$/, '_rkt')}.dep`, deps] as const);
    expect(new Map(ourDeps)).toEqual(new Map(racoDeps));
    expect(readCompiled(ours, '.dep').size).toBe(racoDeps.length);
  });

  it('reports kinds and absolute paths next to the encoded forms', async () => {
    const root = makeTree(KINDS_TREE);
    const build = await buildWithServer(root, ['m.rkt']);
    const m = build.results.get(join(root, 'm.rkt'))!;
    expect(m.deps).toEqual([
      { path: join(root, 'mod3.rkt'), kind: 'module', encoded: `#"${root}/mod3.rkt"` },
      {
        path: '/usr/share/racket/collects/compiler/cm-accomplice.rkt',
        kind: 'module',
        encoded: '(collects #"compiler" #"cm-accomplice.rkt")',
      },
      { path: '/usr/share/racket/collects/racket/base.rkt', kind: 'module', encoded: '(collects #"racket" #"base.rkt")' },
      {
        path: '/usr/share/racket/collects/racket/runtime-config.rkt',
        kind: 'module',
        encoded: '(collects #"racket" #"runtime-config.rkt")',
      },
      { path: join(root, 'ext.txt'), kind: 'ext', encoded: `(ext . #"${root}/ext.txt")` },
      { path: join(root, 'mod2.rkt'), kind: 'indirect', encoded: `(indirect . #"${root}/mod2.rkt")` },
    ]);
    expect(m.sourceSha1).toBe(splitDepText(readFileSync(compiledPath(join(root, 'm.rkt'), '.dep'), 'latin1')).src);
  });

  it("reproduces 8.7's (ext indirect . …) form, on which raco make itself fails", async () => {
    const files = {
      'x.rkt': [
        '#lang racket/base',
        '(require (for-syntax racket/base compiler/cm-accomplice))',
        '(define-syntax (reg stx)',
        '  (define-values (dir name dir?) (split-path (syntax-source stx)))',
        '  (register-external-file (build-path dir "ext.txt") #:indirect? #t)',
        "  #'(void))",
        '(reg)',
        '',
      ].join('\n'),
      'ext.txt': 'x\n',
    };
    const root = makeTree(files);
    const build = await startServerBuild(root);
    const r = await build.client.compile(join(root, 'x.rkt'), join(root, 'x.zo'));
    expect(r.ok && r.deps.at(-1)).toEqual({
      path: join(root, 'ext.txt'),
      kind: 'ext',
      indirect: true,
      encoded: `(ext indirect . #"${root}/ext.txt")`,
    });
    const raco = run('raco', ['make', 'x.rkt'], makeTree(files));
    expect(raco.code).toBe(1);
    expect(raco.stderr).toContain("collects-relative->path: contract violation");
  });

  // (b) the .zo files load, from source dir and without sources; raco accepts them as up to date.
  it('writes .zo files that racket loads and raco make considers up to date', async () => {
    const root = makeTree(BASIC_TREE);
    await buildWithServer(root, ['a.rkt']);
    const require = ['-e', `(require (file "${join(root, 'a.rkt')}"))`];
    expect(run('racket', require, root)).toEqual({ code: 0, stdout: '(b (c b) (data 42))\n', stderr: '' });

    const raco = run('raco', ['make', '-v', 'a.rkt'], root);
    expect(raco).toMatchObject({ code: 0, stderr: '' });
    expect(raco.stdout).not.toContain('making');
    expect(raco.stdout).toContain('[already up-to-date at "compiled/a_rkt.zo"]');

    for (const f of ['a', 'b', 'c', 'd']) renameSync(join(root, `${f}.rkt`), join(root, `${f}.rkt.away`));
    expect(run('racket', require, root)).toEqual({ code: 0, stdout: '(b (c b) (data 42))\n', stderr: '' });
  });

  // (c) same directory → the same .zo bytes, and (with CM's hash rule modelled by the fixture
  // builder) the same .dep text, combined hash included.
  it.each([
    ['basic tree', BASIC_TREE, ['a.rkt']],
    ['every dependency kind', KINDS_TREE, ['e.rkt', 's.rkt', 'm.rkt']],
    ['kernel tree', KERNEL_TREE, ['ka.rkt']],
  ])('produces the .zo and .dep bytes raco make produces in the same directory (%s)', async (_name, files, entries) => {
    const root = makeTree(files);
    racoMake(root, entries);
    const racoZos = readCompiled(root, '.zo');
    const racoDeps = readCompiled(root, '.dep', 'latin1');
    rmSync(join(root, 'compiled'), { recursive: true });

    await buildWithServer(root, entries);
    expect(racoZos.size).toBeGreaterThanOrEqual(3);
    expect(readCompiled(root, '.zo')).toEqual(racoZos);
    expect(readCompiled(root, '.dep', 'latin1')).toEqual(racoDeps);
    expect(readdirSync(join(root, 'compiled')).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  describe('protocol', () => {
    it('reports malformed requests, keeps serving, and exits 0 when stdin closes', () => {
      const { replies, status } = talkToServer([
        'not json',
        '{"type":"nope","id":7}',
        '{"type":"compile-zos","id":8,"files":"x.rkt","prefixes":[],"noPrim":false,"verbose":false}',
        '{"type":"compile","id":9,"path":"relative.rkt","zoTmp":"/tmp/x.zo"}',
        '{"type":"ping","id":10}',
      ]);
      expect(replies).toEqual([
        { type: 'protocol-error', id: null, message: 'Expected a JSON object with a string "type", got "not json"' },
        { type: 'protocol-error', id: 7, message: 'Unknown request type "nope"' },
        expect.objectContaining({ type: 'compile-zos-result', id: 8, ok: false, message: expect.stringContaining('Expected "files"') }),
        expect.objectContaining({ type: 'compile-result', id: 9, ok: false, kind: 'bad-request' }),
        expect.objectContaining({ type: 'pong', id: 10, protocol: PROTOCOL_VERSION, targetMachine: 'ta6le' }),
      ]);
      expect(status).toBe(0);
    });

    it('exits with status 70 on an answer to a need that is not outstanding', () => {
      const { replies, status } = talkToServer(['{"type":"ready","needId":1,"path":"/x.rkt"}', '{"type":"ping","id":2}']);
      expect(replies).toEqual([
        { type: 'protocol-error', id: null, message: 'Got "ready" for need 1, but no need is outstanding' },
      ]);
      expect(status).toBe(EXIT_PROTOCOL_ERROR);
    });
  });
});
