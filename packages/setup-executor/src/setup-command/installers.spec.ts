import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getInfo } from '@nx-raco/cm-core';
import { createTempWorkspace, type TempWorkspace } from '../testing/fixtures/temp-workspace.js';
import type { SetupCollection } from './collection-files.js';
import { formatCollectionName } from './collection-files.js';
import { installerBanner, runInstallers, type InstallerContext } from './installers.js';

function collection(ws: TempWorkspace, rel: string): SetupCollection {
  const dir = ws.path(rel);
  return { name: rel, dir, info: getInfo(dir), infoError: undefined, files: [] };
}

function capture(): { stdout: string; stderr: string; io: { stdout: (t: string) => void; stderr: (t: string) => void } } {
  const out = { stdout: '', stderr: '' };
  return Object.assign(out, { io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } });
}

/** A `racket` that does not exist: validation errors are still reported, nothing runs. */
const NO_RACKET = '/nonexistent/nx-raco-test/racket';

describe('setup-command/installers', () => {
  it('names the banners as raco does', () => {
    expect(['pre', 'general', 'post'].map((p) => installerBanner(p as 'pre'))).toEqual([
      'pre-installing collections',
      'installing collections',
      'post-installing collections',
    ]);
  });

  it('names a collection by its directory, plus a string name field in parentheses', () => {
    const ws = createTempWorkspace({ 'a/info.rkt': '#lang info\n(define name "Alpha")\n', 'b/info.rkt': '#lang info\n(define name 5)\n' });
    expect(formatCollectionName(collection(ws, 'a'))).toBe(`${ws.path('a')} (Alpha)`);
    expect(formatCollectionName(collection(ws, 'b'))).toBe(ws.path('b'));
  });

  // field value | first line of the error (raco's text)
  const invalid: [string, string][] = [
    ["'sym", "result is not a relative path string:  'sym"],
    ['42', 'result is not a relative path string:  42'],
    ['"/tmp/abs.rkt"', 'result is not a relative path string:  "/tmp/abs.rkt"'],
    ['""', 'result is not a relative path string:  ""'],
    ["'(\"a.rkt\")", 'result is not a relative path string:  \'("a.rkt")'],
    ['"missing.rkt"', 'installer file does not exist:  #<path:<dir>/missing.rkt>'],
    ['"sub/../inst.rkt"', 'installer file does not exist:  #<path:<dir>/sub/../inst.rkt>'],
  ];
  it.each(invalid)('reports install-collection %s with raco\'s text and the info.rkt', async (value, first) => {
    const ws = createTempWorkspace({ 'c/info.rkt': `#lang info\n(define install-collection ${value})\n`, 'c/inst.rkt': '' });
    const out = capture();
    const errors = await runInstallers('general', [collection(ws, 'c')], { workspaceRoot: ws.root, racket: NO_RACKET, env: {} }, out.io);
    expect(errors).toHaveLength(1);
    const [line1, line2] = errors[0]!.message.split('\n');
    expect(line1).toBe(first.replace('<dir>', ws.path('c')));
    expect(line2).toContain(`install-collection in ${ws.path('c/info.rkt')}`);
    expect(errors[0]).toMatchObject({ collection: ws.path('c'), during: 'general install' });
    expect(out.stderr).toBe(`${errors[0]!.message}\n`);
    expect(out.stdout).toBe('');
  });

  it('accepts an installer that exists only as compiled/<name>_rkt.zo', async () => {
    const ws = createTempWorkspace({ 'c/info.rkt': '#lang info\n(define post-install-collection "gone.rkt")\n', 'c/compiled/gone_rkt.zo': '' });
    const out = capture();
    const errors = await runInstallers('post', [collection(ws, 'c')], { workspaceRoot: ws.root, racket: NO_RACKET, env: {} }, out.io);
    expect(errors).toEqual([{ collection: ws.path('c'), during: 'post install', message: expect.stringMatching(/^cannot run installers: `.*` was not found; install Racket/) }]);
  });

  it('does nothing (and runs nothing) when no collection has the field', async () => {
    const ws = createTempWorkspace({ 'c/info.rkt': '#lang info\n(define install-collection "i.rkt")\n', 'c/i.rkt': '' });
    const out = capture();
    expect(await runInstallers('pre', [collection(ws, 'c')], { workspaceRoot: ws.root, racket: NO_RACKET, env: {} }, out.io)).toEqual([]);
    expect(out).toMatchObject({ stdout: '', stderr: '' });
  });

  it('reports a failed compile as raco reports a failed load, and still calls the others', async () => {
    const ws = createTempWorkspace({
      'a/info.rkt': '#lang info\n(define pre-install-collection "i.rkt")\n',
      'a/i.rkt': '',
      'b/info.rkt': '#lang info\n(define pre-install-collection "i.rkt")\n',
      'b/i.rkt': '',
    });
    const compiled: string[] = [];
    const ctx: InstallerContext = {
      workspaceRoot: ws.root,
      racket: NO_RACKET,
      env: {},
      compile: async (file) => {
        compiled.push(file);
        if (file.startsWith(ws.path('a'))) throw new Error('a/i.rkt:1:0: nope: unbound identifier');
      },
    };
    const errors = await runInstallers('pre', [collection(ws, 'a'), collection(ws, 'b')], ctx, capture().io);
    expect(compiled).toEqual([ws.path('a/i.rkt'), ws.path('b/i.rkt')]);
    expect(errors.map((e) => e.message.split('\n')[0])).toEqual([
      'nx-raco setup: error loading installer: a/i.rkt:1:0: nope: unbound identifier',
      expect.stringMatching(/^cannot run installers/),
    ]);
  });

  it('strips Racket\'s context fields from a compile error, as raco\'s summary shows it', async () => {
    const ws = createTempWorkspace({ 'a/info.rkt': '#lang info\n(define pre-install-collection "i.rkt")\n', 'a/i.rkt': '' });
    const message = 'a/i.rkt:3:15: nope: unbound identifier\n  in: nope\n  compilation context...:\n   /ws/a/i.rkt\n  location...:\n   a/i.rkt:3:15';
    const ctx: InstallerContext = { workspaceRoot: ws.root, racket: NO_RACKET, env: {}, compile: () => Promise.reject(new Error(message)) };
    const out = capture();
    const [error] = await runInstallers('pre', [collection(ws, 'a')], ctx, out.io);
    expect(error?.message).toBe('nx-raco setup: error loading installer: a/i.rkt:3:15: nope: unbound identifier\n  in: nope');
  });

  it('calls collections in raco\'s order: sorted by name, whatever order they come in', async () => {
    const field = '#lang info\n(define install-collection 1)\n';
    const ws = createTempWorkspace({ 'a/info.rkt': `${field}(define name "Z")\n`, 'a/x/info.rkt': field, 'a-b/info.rkt': field, 'B/info.rkt': field });
    const ccs = ['a', 'a/x', 'a-b', 'B'].map((c) => collection(ws, c));
    const errors = await runInstallers('general', ccs, { workspaceRoot: ws.root, racket: NO_RACKET, env: {} }, capture().io);
    expect(errors.map((e) => e.collection.slice(ws.root.length + 1))).toEqual(['B', 'a (Z)', 'a-b', 'a/x']);
  });

  it('streams the runner\'s output, reads its results, and reports the jobs it never finished', async () => {
    // A stand-in racket: prints, records job 0 as ok and job 1 as failed, then dies.
    const ws = createTempWorkspace({
      'fake-racket': '#!/bin/sh\necho "out $3"\necho "err" >&2\nprintf \'(0 ok)\\n(1 error "boom: bad")\\n(2 er\' > "$4"\nexit 7\n',
      'a/info.rkt': '#lang info\n(define post-install-collection "i.rkt")\n(define name "A")\n',
      'a/i.rkt': '',
      'b/info.rkt': '#lang info\n(define post-install-collection "i.rkt")\n',
      'b/i.rkt': '',
      'c/info.rkt': '#lang info\n(define post-install-collection "i.rkt")\n',
      'c/i.rkt': '',
    });
    chmodSync(ws.path('fake-racket'), 0o755);
    const out = capture();
    const errors = await runInstallers('post', ['a', 'b', 'c'].map((c) => collection(ws, c)), { workspaceRoot: ws.root, racket: ws.path('fake-racket'), env: {} }, out.io);
    expect(out).toMatchObject({ stdout: 'out post\n', stderr: 'err\n' });
    expect(errors).toEqual([
      { collection: ws.path('b'), during: 'post install', message: 'boom: bad' },
      { collection: ws.path('c'), during: 'post install', message: expect.stringMatching(/exited with status 7 before this installer finished/) },
    ]);
  });
});
