import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpTree } from '../testing/fixtures/manager-fixtures.js';
import { readJsonCache, writeJsonCache } from './json-cache.js';

describe('cm-core/manager/json-cache', () => {
  it('round-trips entries and leaves no temporary file', () => {
    const tree = useTmpTree({});
    const file = join(tree.root, 'sub', 'c.json');
    writeJsonCache(file, 1, { a: { x: 1 } });
    expect(readJsonCache<{ x: number }>(file, 1)).toEqual({ a: { x: 1 } });
    expect(readdirSync(join(tree.root, 'sub'))).toEqual(['c.json']);
  });

  it('reads a missing, corrupt or other-format file as empty', () => {
    const tree = useTmpTree({});
    const file = join(tree.root, 'c.json');
    expect(readJsonCache(file, 1)).toEqual({});
    writeFileSync(file, '{not json');
    expect(readJsonCache(file, 1)).toEqual({});
    writeJsonCache(file, 2, { a: 1 });
    expect(readJsonCache(file, 1)).toEqual({});
  });

  it('ignores a cache that cannot be written', () => {
    const tree = useTmpTree({ 'file': 'not a directory' });
    expect(() => writeJsonCache(join(tree.root, 'file', 'c.json'), 1, {})).not.toThrow();
    expect(readdirSync(tree.root)).toEqual(['file']);
  });
});
