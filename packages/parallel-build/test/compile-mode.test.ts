/**
 * `compileMode` (raco setup `--mode`) through the built package with two workers on real Racket:
 * files land in compiled/errortrace only, the installation is left alone, a no-change rebuild
 * does nothing, an edit rebuilds what depends on it, and errortrace's runtime uses the result.
 */
import { spawnSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCompilationManager } from '@nx-raco/cm-core';
import { parallelCompileFiles, type HandlerType, type ParallelCompileEvent } from '@nx-raco/parallel-build';
// cm-core's test-only helper (not part of its package API; shared through the repo).
import { snapshotInstallation } from '../../cm-core/src/testing/fixtures/installation-snapshot.js';
import { assertBuilt, hasRacket, useTree, type Tree } from './support/racket-tree.js';

const MAIN = '#lang racket/base\n(require "util.rkt" racket/list)\n(define (go) (head (list (first (list 5)))))\n(go)\n';
const UTIL = '#lang racket/base\n(provide head)\n(define (head x)\n  (car (car x)))\n';
const OUTPUTS = ['compiled/errortrace/main_rkt.dep', 'compiled/errortrace/main_rkt.zo', 'compiled/errortrace/util_rkt.dep', 'compiled/errortrace/util_rkt.zo'];

async function build(tree: Tree, compileMode: string): Promise<{ ok: boolean; compiled: string[]; ends: { type: HandlerType; path: string; message: string }[] }> {
  const events: ParallelCompileEvent[] = [];
  const ends: { type: HandlerType; path: string; message: string }[] = [];
  const ok = await parallelCompileFiles(['main.rkt'], {
    workerCount: 2,
    cwd: tree.root,
    compileMode,
    onEvent: (e) => events.push(e),
    handler: (_worker, type, path, message) => {
      if (type !== 'start') ends.push({ type, path, message });
    },
  });
  const compiled = events.filter((e) => e.event.type === 'start-compile').map((e) => e.event.path.slice(tree.root.length + 1));
  return { ok, compiled: compiled.sort(), ends };
}

describe.skipIf(!hasRacket())('parallel-build compileMode (real Racket)', () => {
  it('-j 2 in mode errortrace: compiled/errortrace only, installation untouched, incremental, runnable', async () => {
    assertBuilt();
    const tree = useTree({ 'main.rkt': MAIN, 'util.rkt': UTIL }, 'nx-raco-pb-mode-');
    const installation = snapshotInstallation(createCompilationManager().racket);

    const first = await build(tree, 'errortrace');
    expect(first.ends.filter((e) => e.type !== 'done')).toEqual([]);
    expect(first).toMatchObject({ ok: true, compiled: ['main.rkt', 'util.rkt'] });
    expect(tree.list()).toEqual([...OUTPUTS, 'main.rkt', 'util.rkt']);
    expect(installation.changes('errortrace')).toEqual([]);

    // Whole-second times must not decide what follows: sources well before their .zo files.
    const now = Math.floor(Date.now() / 1000);
    for (const f of ['main.rkt', 'util.rkt']) setTime(tree, f, now - 300);
    for (const f of OUTPUTS.filter((o) => o.endsWith('.zo'))) setTime(tree, f, now - 200);

    expect(await build(tree, 'errortrace')).toMatchObject({ ok: true, compiled: [] });

    const run = spawnSync('racket', ['-l', 'errortrace', '-t', 'main.rkt'], { cwd: tree.root, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toContain(`errortrace...:\n   ${tree.path('util.rkt')}:4:2: (car (car x))`);

    tree.write('util.rkt', UTIL.replace('(car (car x))', '(cdr (cdr x))'));
    setTime(tree, 'util.rkt', now - 300);
    expect(await build(tree, 'errortrace')).toMatchObject({ ok: true, compiled: ['main.rkt', 'util.rkt'] });
    expect(tree.list()).toEqual([...OUTPUTS, 'main.rkt', 'util.rkt']);
    expect(installation.changes('errortrace')).toEqual([]);
  });

  it('a mode whose compiler cannot be loaded fails each module with raco\'s message; a bad name is refused', async () => {
    assertBuilt();
    const tree = useTree({ 'main.rkt': MAIN, 'util.rkt': UTIL }, 'nx-raco-pb-mode-');
    const r = await build(tree, 'nosuchmode');
    expect(r.ok).toBe(false);
    expect(r.ends.map((e) => e.type)).toEqual(['error', 'error']);
    for (const e of r.ends) expect(e.message).toMatch(/^error loading compiler for mode "nosuchmode": .*collection not found/);
    expect(tree.list()).toEqual(['main.rkt', 'util.rkt']);
    await expect(parallelCompileFiles(['main.rkt'], { cwd: tree.root, compileMode: '../x' })).rejects.toThrow(
      /^parallelCompileFiles: expected `compileMode` to be a relative collection path/,
    );
  });
});

function setTime(tree: Tree, rel: string, seconds: number): void {
  utimesSync(tree.path(rel), seconds, seconds);
}
