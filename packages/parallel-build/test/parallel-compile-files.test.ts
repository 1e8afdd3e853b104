/**
 * `parallelCompileFiles` on real Racket, through the built package: the handler's calls and
 * arguments, the result, events, a dependency only expansion reveals, the trace file, and a
 * no-change rebuild that does no work.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parallelCompileFiles, type HandlerType, type ParallelCompileEvent } from '@nx-raco/parallel-build';
import { assertBuilt, hasRacket, runRaco, useTree } from './support/racket-tree.js';

const FILES = {
  'lib/base.rkt': '#lang racket/base\n(provide base)\n(define base 1)\n',
  'a.rkt':
    '#lang racket/base\n(require "lib/base.rkt" (for-syntax racket/base))\n(begin-for-syntax (printf "hello from a\\n") (eprintf "warn from a\\n"))\n(define a base)\n',
  'clean.rkt': '#lang racket/base\n(require "lib/base.rkt")\n(define c base)\n',
  'bad.rkt': '#lang racket/base\n(define y (+ 1 undefined-id))\n',
  'die.rkt': '#lang racket/base\n(require (for-syntax racket/base))\n(begin-for-syntax (exit 3))\n',
  // Requires hidden.rkt through a macro: no static scan can see it.
  'sneaky.rkt':
    '#lang racket/base\n(require (for-syntax racket/base))\n(define-syntax (m stx) (datum->syntax stx (list (quote require) (string-append "hid" "den.rkt"))))\n(m)\n',
  'hidden.rkt': '#lang racket/base\n(require "lib/base.rkt")\n(provide h)\n(define h base)\n',
};

interface Call {
  readonly worker: number;
  readonly type: HandlerType;
  readonly path: string;
  readonly message: string;
  readonly stdout: string;
  readonly stderr: string;
}

describe.skipIf(!hasRacket())('parallel-build/parallelCompileFiles (real Racket)', () => {
  it('reports start, done, output, error and fatal-error with the right arguments; the result reflects failures', async () => {
    assertBuilt();
    const tree = useTree(FILES);
    const calls: Call[] = [];
    const events: ParallelCompileEvent[] = [];
    const ok = await parallelCompileFiles(['a.rkt', 'clean.rkt', 'bad.rkt', 'die.rkt', 'sneaky.rkt'], {
      workerCount: 2,
      cwd: tree.root,
      handler: (worker, type, path, message, stdout, stderr) => calls.push({ worker, type, path, message, stdout, stderr }),
      onEvent: (e) => events.push(e),
      traceFile: 'trace.json',
    });
    expect(ok).toBe(false);

    const base = tree.path('lib/base.rkt');
    const hidden = tree.path('hidden.rkt');
    const ends = new Map(calls.filter((c) => c.type !== 'start').map((c) => [c.path, c]));
    // lib/base.rkt was known before the build (static scan); hidden.rkt joined when a worker
    // asked for its lock (only expansion reveals it). Both became tasks of their own.
    expect([...ends.keys()].sort()).toEqual(['a.rkt', 'bad.rkt', 'clean.rkt', 'die.rkt', 'sneaky.rkt', base, hidden].sort());
    // Every file is started once, on the worker that ends it, before it ends.
    for (const [path, end] of ends) {
      const starts = calls.filter((c) => c.type === 'start' && c.path === path);
      expect(starts, path).toHaveLength(1);
      expect(starts[0], path).toMatchObject({ worker: end.worker, message: '', stdout: '', stderr: '' });
      expect(calls.indexOf(starts[0]!)).toBeLessThan(calls.indexOf(end));
      expect([0, 1]).toContain(end.worker);
    }
    expect(ends.get('a.rkt')).toMatchObject({ type: 'output', message: '', stdout: 'hello from a\n', stderr: 'warn from a\n' });
    expect(ends.get('clean.rkt')).toMatchObject({ type: 'done', message: '', stdout: '', stderr: '' });
    expect(ends.get(base)).toMatchObject({ type: 'done' });
    expect(ends.get(hidden)).toMatchObject({ type: 'done' });
    expect(ends.get('sneaky.rkt')).toMatchObject({ type: 'done' });
    expect(ends.get('bad.rkt')?.type).toBe('error');
    expect(ends.get('bad.rkt')?.message).toMatch(/^bad\.rkt:2:15: undefined-id: unbound identifier/);
    expect(ends.get('die.rkt')?.type).toBe('fatal-error');
    expect(ends.get('die.rkt')?.message).toContain(`Racket exited while compiling ${tree.path('die.rkt')} (status 3)`);

    // Events carry their worker; every module that could be compiled was compiled exactly once.
    for (const e of events) expect(e.event.worker).toBe(e.worker);
    const compiled = events.filter((e) => e.event.type === 'start-compile').map((e) => e.event.path.slice(tree.root.length + 1));
    expect(compiled.sort()).toEqual(['a.rkt', 'bad.rkt', 'clean.rkt', 'die.rkt', 'hidden.rkt', 'lib/base.rkt', 'sneaky.rkt']);
    expect(existsSync(tree.path('compiled/hidden_rkt.zo'))).toBe(true);
    expect(existsSync(tree.path('compiled/bad_rkt.zo'))).toBe(false);
    expect(existsSync(tree.path('compiled/die_rkt.zo'))).toBe(false);
    expect(tree.list().filter((f) => /\.(tmp|nxraco-lock)$|stale-/.test(f))).toEqual([]);

    // The trace has one track per worker and a slice per compiled module.
    const trace = JSON.parse(readFileSync(tree.path('trace.json'), 'utf8')) as { traceEvents: { ph: string; name: string; cat?: string; tid: number; dur?: number }[] };
    const slices = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'compile');
    expect(slices.map((s) => s.name).sort()).toEqual(['a.rkt', 'bad.rkt', 'clean.rkt', 'die.rkt', 'hidden.rkt', 'lib/base.rkt', 'sneaky.rkt']);
    expect(new Set(slices.map((s) => s.tid)).size).toBeGreaterThanOrEqual(1);

    // A no-change rebuild of what succeeded does no work and succeeds.
    const again: Call[] = [];
    const againEvents: ParallelCompileEvent[] = [];
    const ok2 = await parallelCompileFiles(['a.rkt', 'clean.rkt', 'sneaky.rkt'], {
      workerCount: 2,
      cwd: tree.root,
      handler: (worker, type, path, message, stdout, stderr) => again.push({ worker, type, path, message, stdout, stderr }),
      onEvent: (e) => againEvents.push(e),
    });
    expect(ok2).toBe(true);
    expect(againEvents.filter((e) => e.event.type.startsWith('start-'))).toEqual([]);
    expect(again.filter((c) => c.type !== 'start' && c.type !== 'done')).toEqual([]);
    // raco agrees that everything is up to date.
    const raco = await runRaco(tree.root, ['make', '-v', 'a.rkt', 'clean.rkt', 'sneaky.rkt']);
    expect(raco.stdout).not.toContain('making');
  });

  it('refuses bad arguments with a message naming the caller', async () => {
    await expect(parallelCompileFiles(['a.rkt'], { workerCount: 0 })).rejects.toThrow(/parallelCompileFiles: expected `workerCount` to be a positive integer, got `0`/);
    await expect(parallelCompileFiles(['a.rkt'], { jobs: 2 } as never)).rejects.toThrow(/unknown option `jobs`/);
  });
});
