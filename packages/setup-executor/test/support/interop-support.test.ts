/**
 * The pure helpers of interop-support.ts, on hand-written inputs (no Racket needed).
 */
import { describe, expect, it } from 'vitest';
import { entryToTreePath, makeRandom, makingLines, moduleOfDepFile, splitDepEntries, traceVerdicts, withDependents } from './interop-support.js';

describe('test/support/interop-support', () => {
  // Columns: printed dependency list | the entries splitDepEntries must return.
  const SPLITS: readonly (readonly [string, readonly string[]])[] = [
    ['', []],
    ['#"/a/b.rkt"', ['#"/a/b.rkt"']],
    [
      '#"/ws/o/h.rkt" (collects #"racket" #"base.rkt") (ext . #"/ws/d.rktd") (indirect collects #"racket" #"match" #"gen-match.rkt")',
      ['#"/ws/o/h.rkt"', '(collects #"racket" #"base.rkt")', '(ext . #"/ws/d.rktd")', '(indirect collects #"racket" #"match" #"gen-match.rkt")'],
    ],
    ['#"/a (b)/c\\"d.rkt" (ext collects #"x" #"(y).txt")', ['#"/a (b)/c\\"d.rkt"', '(ext collects #"x" #"(y).txt")']],
  ];
  it.each(SPLITS)('splitDepEntries(%j)', (printed, entries) => {
    expect(splitDepEntries(printed)).toEqual(entries);
  });

  // Columns: .dep entry | path relative to /ws (collections in /ws/colls), or undefined.
  const ENTRIES: readonly (readonly [string, string | undefined])[] = [
    ['#"/ws/outside/helper.rkt"', 'outside/helper.rkt'],
    ['#"/elsewhere/x.rkt"', undefined],
    ['(collects #"wscoll" #"util.rkt")', 'colls/wscoll/util.rkt'],
    ['(collects #"racket" #"base.rkt")', 'colls/racket/base.rkt'],
    ['(indirect collects #"wscoll" #"heavy.rkt")', 'colls/wscoll/heavy.rkt'],
    ['(indirect . #"/ws/m2.rkt")', 'm2.rkt'],
    ['(ext collects #"wscoll" #"data.rktd")', undefined],
    ['(ext . #"/ws/outside/data.rktd")', undefined],
  ];
  it.each(ENTRIES)('entryToTreePath(%j)', (entry, rel) => {
    expect(entryToTreePath(entry, '/ws', '/ws/colls')).toBe(rel);
  });

  it('moduleOfDepFile inverts the compiled/ naming', () => {
    expect(moduleOfDepFile('colls/wscoll/compiled/lazy-user_rkt.dep')).toBe('colls/wscoll/lazy-user.rkt');
    expect(moduleOfDepFile('compiled/m0_rkt.dep')).toBe('m0.rkt');
  });

  it('withDependents closes over dependents, not dependencies', () => {
    const graph = new Map([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', []],
      ['d', []],
      ['e', ['a']],
    ]);
    expect([...withDependents(graph, ['d'])].sort()).toEqual(['a', 'b', 'd', 'e']);
    expect([...withDependents(graph, ['c'])].sort()).toEqual(['a', 'c', 'e']);
    expect([...withDependents(graph, [])]).toEqual([]);
  });

  it('reads making lines and --vv verdicts', () => {
    const out = [
      '"a.rkt":',
      '  making #<path:/ws/a.rkt>',
      '  newer src... 2 > 1',
      '    | hash-equivalent: /ws/compiled/b_rkt.zo',
      '    different dependency deps for /ws/compiled/a_rkt.zo: 1234 5678',
      '    compiling /ws/a.rkt',
      '  maybe-compile-zo starting /ws/a.rkt',
      ' [output to "compiled/a_rkt.zo"]',
    ].join('\n');
    expect(makingLines(out)).toEqual(['/ws/a.rkt']);
    expect(traceVerdicts(out)).toEqual({ hashEquivalent: ['/ws/compiled/b_rkt.zo'], compiled: ['/ws/a.rkt'], differentDeps: ['/ws/compiled/a_rkt.zo'] });
  });

  it('makeRandom is reproducible and in [0, 1)', () => {
    const [r1, r2] = [makeRandom(7), makeRandom(7)];
    const xs = Array.from({ length: 100 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 100 }, () => r2()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
