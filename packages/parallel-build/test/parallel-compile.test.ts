/**
 * `parallelCompile` (raco setup's entry) on two small collections, real Racket: progress lines
 * through `setupFprintf`, failures through `appendError` with long and short messages.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parallelCompile, type CollectionInfo } from '@nx-raco/parallel-build';
import { assertBuilt, hasRacket, useTree } from './support/racket-tree.js';

describe.skipIf(!hasRacket())('parallel-build/parallelCompile (real Racket)', () => {
  it('compiles every source of the tree and reports progress and errors the setup way', async () => {
    assertBuilt();
    const tree = useTree({
      'one/a.rkt': '#lang racket/base\n(require "b.rkt")\n',
      'one/b.rkt': '#lang racket/base\n(provide b)\n(define b 1)\n',
      'one/sub/c.rkt': '#lang racket/base\n(require "../b.rkt")\n',
      'two/bad.rkt': '#lang racket/base\n(define y (+ 1 undefined-id))\n',
    });
    const one: CollectionInfo = { name: 'one', path: tree.path('one') };
    const sub: CollectionInfo = { name: 'one/sub', path: tree.path('one/sub') };
    const two: CollectionInfo = { name: 'two', path: tree.path('two') };
    const lines: string[] = [];
    const errors: { cc: string; prefix: string; error: readonly [string, string] | null; message: string }[] = [];
    await parallelCompile(
      2,
      (_port, task, format, ...args) => lines.push(`${task ?? '-'}: ${format.replace('~a', String(args[0]))}`),
      (cc, prefix, error, _out, _err, message) => errors.push({ cc: cc.name, prefix, error, message }),
      [
        { cc: one, sources: ['a.rkt', 'b.rkt'], children: [{ cc: sub, sources: ['c.rkt'], children: [] }] },
        { cc: two, sources: ['bad.rkt'], children: [] },
      ],
      { cwd: tree.root },
    );
    expect(lines[0]).toBe('-: --- parallel build using 2 jobs ---');
    expect(lines.slice(1).every((l) => /^[01] making: (one|one\/sub|two)$/.test(l))).toBe(true);
    expect(new Set(lines.slice(1).map((l) => l.split(': ')[1]))).toEqual(new Set(['one', 'one/sub', 'two']));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ cc: 'two', prefix: 'making', message: 'error' });
    // Relative to the build's directory (raco setup would compile in the file's own directory).
    expect(errors[0]!.error![1]).toBe('two/bad.rkt:2:15: undefined-id: unbound identifier');
    expect(errors[0]!.error![0].startsWith(errors[0]!.error![1])).toBe(true);
    for (const f of ['one/compiled/a_rkt.zo', 'one/compiled/b_rkt.zo', 'one/sub/compiled/c_rkt.zo']) expect(existsSync(tree.path(f)), f).toBe(true);
  });
});
