/**
 * Two `nx-raco make -j 2` processes started together over the same tree: both succeed, every
 * module is compiled once in total (the cross-process locks), every output is valid, and the
 * result equals a sequential (`-j 1`) build byte for byte.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasRacket, readEvents, runOurs, runRaco, useTree, type Tree } from './support/racket-tree.js';

/** A module whose own expansion takes `ms` (a macro that sleeps), requiring `deps` (renamed, as each provides `v`). */
function module(ms: number, ...deps: string[]): string {
  const requires = deps.map((d, i) => `(rename-in "${d}" [v v${i}])`).join(' ');
  const sum = deps.length === 0 ? '1' : `(+ 1 ${deps.map((_, i) => `v${i}`).join(' ')})`;
  return `#lang racket/base\n(require (for-syntax racket/base) ${requires})\n(define-syntax (slow stx) (sleep ${ms / 1000}) #'(void))\n(slow)\n(provide v)\n(define v ${sum})\n`;
}

const MODULES: Record<string, string> = {
  'base.rkt': module(300),
  'util/a.rkt': module(200, '../base.rkt'),
  'util/b.rkt': module(200, '../base.rkt'),
  'util/c.rkt': module(200, 'a.rkt', 'b.rkt'),
  'mid1.rkt': module(150, 'util/c.rkt'),
  'mid2.rkt': module(150, 'util/a.rkt'),
  'leaf1.rkt': module(250),
  'leaf2.rkt': module(250),
  'top1.rkt': module(100, 'mid1.rkt', 'leaf1.rkt'),
  'top2.rkt': module(100, 'mid2.rkt', 'leaf2.rkt', 'mid1.rkt'),
};
const ALL = Object.keys(MODULES).sort();

function compiledState(tree: Tree): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of tree.list()) {
    if (!rel.includes('compiled/')) continue;
    const bytes = readFileSync(tree.path(rel));
    out[rel] = rel.endsWith('.dep') ? bytes.toString('latin1') : createHash('sha1').update(bytes).digest('hex');
  }
  return out;
}

describe.skipIf(!hasRacket())('parallel-build: concurrent nx-raco make -j 2 runs (real Racket)', () => {
  it('both succeed, compile each module once in total, leave valid outputs equal to a -j 1 build', async () => {
    const tree = useTree(MODULES);
    const [one, two] = await Promise.all([
      runOurs(tree.root, ['-j', '2', '--events', 'ev1.jsonl', 'top1.rkt', 'top2.rkt']),
      runOurs(tree.root, ['-j', '2', '--events', 'ev2.jsonl', 'top2.rkt', 'top1.rkt']),
    ]);
    expect([one.code, one.stderr, two.code, two.stderr]).toEqual([0, '', 0, '']);
    const events = [...readEvents(tree.path('ev1.jsonl')), ...readEvents(tree.path('ev2.jsonl'))];
    const compiled = events.filter((e) => e.type === 'start-compile').map((e) => e.path.slice(tree.root.length + 1));
    expect(compiled.sort()).toEqual(ALL);
    // Every event names the worker that produced it.
    for (const e of events) expect([0, 1]).toContain(e.worker);
    // No lock file, temporary file or stray file is left.
    expect(tree.list().filter((f) => !f.endsWith('.rkt') && !f.endsWith('.jsonl') && !/compiled\/[^/]+_rkt\.(zo|dep)$/.test(f))).toEqual([]);

    // Valid: raco finds nothing to do.
    const raco = await runRaco(tree.root, ['make', '-v', 'top1.rkt', 'top2.rkt']);
    expect(raco.code).toBe(0);
    expect(raco.stdout).not.toContain('making');

    // Equal to a sequential build of the same tree (same files, same .dep texts, same .zo bytes).
    const parallel = compiledState(tree);
    expect(Object.keys(parallel)).toHaveLength(2 * ALL.length);
    for (const rel of tree.list()) if (rel.includes('compiled/')) rmSync(tree.path(rel));
    const sequential = await runOurs(tree.root, ['top1.rkt', 'top2.rkt']);
    expect(sequential.code).toBe(0);
    expect(compiledState(tree)).toEqual(parallel);
  });
});
