import { describe, expect, it } from 'vitest';
import { readFirst } from '../data/reader.js';
import { decodeDepEntry, type DepEntry } from '../dep/dep-record.js';
import { combineDepHashes } from '../hash/combined-hash.js';
import { sha1Hex } from '../hash/sha1.js';
import { fakeSettings, fakeZoBytes, useTmpTree, type TmpTree } from '../testing/fixtures/manager-fixtures.js';
import { ManagerRun } from './compile-root.js';
import { getDepSha1s } from './dep-hashes.js';

function entry(text: string): DepEntry {
  return decodeDepEntry(readFirst(text, { source: 'spec', who: 'read' })!.value)!;
}

function runIn(tree: TmpTree, traces: string[] = []): ManagerRun {
  return new ManagerRun(fakeSettings(tree.root, { trace: (line) => traces.push(line) }));
}

/** b.rkt with correct compiled files (no deps). */
function treeWithCompiledB(extra: Record<string, string> = {}): TmpTree {
  const tree = useTmpTree({ 'b.rkt': '(b)', 'compiled/b_rkt.zo': fakeZoBytes('(b)'), 'data.txt': 'data', ...extra });
  tree.write('compiled/b_rkt.dep', `("8.7" ta6le ("${sha1Hex('(b)')}" . "${combineDepHashes([])}"))\n`);
  for (const f of ['b.rkt', 'data.txt']) tree.setTime(f, 1_600_000_000);
  return tree;
}

describe('cm-core/manager/dep-hashes', () => {
  it('combines compiled hashes of modules and file hashes of external files', async () => {
    const tree = treeWithCompiledB();
    const b = entry(`#"${tree.path('b.rkt')}"`);
    const data = entry(`(ext . #"${tree.path('data.txt')}")`);
    const expected = combineDepHashes([
      { hash: sha1Hex(fakeZoBytes('(b)')) + combineDepHashes([]), dep: b.value },
      { hash: sha1Hex('data'), dep: data.value },
    ]);
    expect(await getDepSha1s(runIn(tree), tree.path('a.rkt'), [b, data], new Set(), false)).toBe(expected);
    expect(await getDepSha1s(runIn(tree), tree.path('a.rkt'), [b, data], new Set(), true)).toBe(expected);
  });

  it('is the hash of "()" for no dependencies', async () => {
    const tree = useTmpTree();
    expect(await getDepSha1s(runIn(tree), tree.path('a.rkt'), [], new Set(), false)).toBe('f9065fa7389750e16fe00d7ba36748f61d3e0df6');
  });

  it('a module without compiled form: no hash when checking, its source SHA-1 when writing', async () => {
    const tree = useTmpTree({ 'c.rkt': '(c)' });
    const c = entry(`#"${tree.path('c.rkt')}"`);
    const traces: string[] = [];
    expect(await getDepSha1s(runIn(tree, traces), tree.path('a.rkt'), [c], new Set(), false)).toBeUndefined();
    expect(traces).toContain(`no hash available toward ${tree.path('a.rkt')}: ${tree.path('c.rkt')}`);
    expect(await getDepSha1s(runIn(tree), tree.path('a.rkt'), [c], new Set(), true)).toBe(combineDepHashes([{ hash: sha1Hex('(c)'), dep: c.value }]));
  });

  it('uses the stamp already memoised in the run', async () => {
    const tree = useTmpTree({ 'c.rkt': '(c)' });
    const run = runIn(tree);
    run.memo.set(tree.path('c.rkt'), { time: 1, sha1: () => 'e'.repeat(80) });
    const c = entry(`#"${tree.path('c.rkt')}"`);
    expect(await getDepSha1s(run, tree.path('a.rkt'), [c], new Set(), false)).toBe(combineDepHashes([{ hash: 'e'.repeat(80), dep: c.value }]));
  });

  it('a missing external file: no hash when checking, MissingExternalDependencyError (RKT_MISSING_EXTERNAL) when writing', async () => {
    const tree = useTmpTree();
    const gone = entry(`(ext . #"${tree.path('gone.txt')}")`);
    expect(await getDepSha1s(runIn(tree), tree.path('a.rkt'), [gone], new Set(), false)).toBeUndefined();
    await expect(getDepSha1s(runIn(tree), tree.path('a.rkt'), [gone], new Set(), true)).rejects.toMatchObject({
      name: 'MissingExternalDependencyError',
      code: 'RKT_MISSING_EXTERNAL',
      path: tree.path('gone.txt'),
    });
  });

  it('words the missing external file error as Racket does', async () => {
    const tree = useTmpTree();
    const gone = entry(`(ext . #"${tree.path('gone.txt')}")`);
    await expect(getDepSha1s(runIn(tree), tree.path('a.rkt'), [gone], new Set(), true)).rejects.toThrow(
      `cm: cannot find external-dependency file: #<path:${tree.path('gone.txt')}>`,
    );
  });
});
