import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha1Hex } from '../hash/sha1.js';
import { useTmpTree } from '../testing/fixtures/manager-fixtures.js';
import { FileFacts } from './file-facts.js';

describe('cm-core/manager/file-facts', () => {
  it('answers from its cache until the path is invalidated', () => {
    const tree = useTmpTree({ 'a.rkt': 'one', 'compiled/a_rkt.dep': '("8.7" ta6le ("x" . "y"))' });
    tree.setTime('a.rkt', 1_600_000_000);
    const facts = new FileFacts();
    expect(facts.mtimeMs(tree.path('a.rkt'))).toBe(1_600_000_000_000);
    expect(facts.sha1(tree.path('a.rkt'))).toBe(sha1Hex('one'));
    expect(facts.readDep(tree.path('compiled/a_rkt.dep')).ok).toBe(false);

    writeFileSync(tree.path('a.rkt'), 'two');
    tree.write('compiled/a_rkt.dep', `("8.7" ta6le ("${'a'.repeat(40)}" . "${'b'.repeat(40)}"))\n`);
    expect(facts.sha1(tree.path('a.rkt'))).toBe(sha1Hex('one'));
    expect(facts.mtimeMs(tree.path('a.rkt'))).toBe(1_600_000_000_000);
    expect(facts.readDep(tree.path('compiled/a_rkt.dep')).ok).toBe(false);

    facts.invalidate(tree.path('a.rkt'), tree.path('compiled/a_rkt.dep'));
    expect(facts.sha1(tree.path('a.rkt'))).toBe(sha1Hex('two'));
    expect(facts.mtimeMs(tree.path('a.rkt'))).not.toBe(1_600_000_000_000);
    expect(facts.readDep(tree.path('compiled/a_rkt.dep')).ok).toBe(true);
  });

  it('caches missing files as missing', () => {
    const tree = useTmpTree();
    const facts = new FileFacts();
    const p = tree.path('late.rkt');
    expect(facts.exists(p)).toBe(false);
    expect(facts.sha1(p)).toBeUndefined();
    expect(facts.readDep(p)).toMatchObject({ ok: false, reason: 'missing' });
    tree.write('late.rkt', 'x');
    expect(facts.exists(p)).toBe(false);
    facts.invalidate(p);
    expect(facts.exists(p)).toBe(true);
    rmSync(p);
    facts.clear();
    expect(facts.exists(p)).toBe(false);
  });

  it('recomputes derived values after any invalidation or clear', () => {
    const facts = new FileFacts();
    let n = 0;
    const compute = (): string => String((n += 1));
    expect(facts.derived('k', compute)).toBe('1');
    expect(facts.derived('k', compute)).toBe('1');
    facts.invalidate('/unrelated');
    expect(facts.derived('k', compute)).toBe('2');
    facts.clear();
    expect(facts.derived('k', compute)).toBe('3');
    expect(facts.derived('other', compute)).toBe('4');
  });
});
