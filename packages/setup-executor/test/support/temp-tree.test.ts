/**
 * The temp-tree helper of the make scenario suites: escapes refused, files written, cleanup when
 * the test ends.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_TMP_ENV, createTempTree, listFiles, resolveInside, useTempTree } from './temp-tree.js';

describe('setup-executor/test/support/temp-tree', () => {
  it.each([
    // rel | why it is refused
    ['../x.rkt', 'parent directory'],
    ['a/../../x.rkt', 'escapes through a subdirectory'],
    ['/etc/passwd', 'absolute'],
    ['', 'empty'],
    ['.', 'the root itself'],
  ])('refuses %j (%s)', (rel) => {
    expect(() => resolveInside('/tmp/root', rel)).toThrow(/Expected a/);
  });

  it('resolves paths inside the root', () => {
    expect(resolveInside('/tmp/root', 'a/b.rkt')).toBe('/tmp/root/a/b.rkt');
    expect(resolveInside('/tmp/root', 'a/../b.rkt')).toBe('/tmp/root/b.rkt');
  });

  it('writes the object literal and lists it sorted, compiled/ included', () => {
    const tree = createTempTree({ 'b.rkt': 'b', 'a/compiled/x_rkt.dep': 'dep', 'a/x.rkt': 'x' });
    try {
      expect(listFiles(tree.root)).toEqual(['a/compiled/x_rkt.dep', 'a/x.rkt', 'b.rkt']);
      expect(readFileSync(join(tree.root, 'a/x.rkt'), 'utf8')).toBe('x');
      expect(() => tree.write('../escape.rkt', 'no')).toThrow(/escapes/);
      expect(existsSync(join(tree.root, '..', 'escape.rkt'))).toBe(false);
    } finally {
      tree.dispose();
    }
  });

  describe('useTempTree', () => {
    let root = '';
    it('creates a tree for the test', () => {
      root = useTempTree({ 'a.rkt': '' }).root;
      expect(existsSync(join(root, 'a.rkt'))).toBe(true);
    });
    it.skipIf(process.env[KEEP_TMP_ENV] !== undefined)('removed it when that test finished', () => {
      expect(root).not.toBe('');
      expect(existsSync(root)).toBe(false);
    });
  });
});
