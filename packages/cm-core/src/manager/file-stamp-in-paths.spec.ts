import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha1Hex } from '../hash/sha1.js';
import { useTmpTree } from '../testing/fixtures/manager-fixtures.js';
import { fileStampInCollection, fileStampInPaths, type FileStampContext } from './file-stamp-in-paths.js';
import { tryFileTime } from './file-stamps.js';

const CTX: FileStampContext = { modes: ['compiled'], roots: ['same'], fileCheck: 'modify-seconds', version: '8.7', targetMachine: 'ta6le' };
const IMPORTS = 'b'.repeat(40);
const DEP = `("8.7" ta6le ("${'a'.repeat(40)}" . "${IMPORTS}"))\n`;

describe('cm-core/manager/file-stamp-in-paths', () => {
  it('is undefined for a file outside every path', () => {
    const tree = useTmpTree({ 'lib/a.rkt': 'a', 'other/b.rkt': 'b' });
    expect(fileStampInPaths(tree.path('other/b.rkt'), [tree.path('lib')], CTX)).toBeUndefined();
    expect(fileStampInPaths(tree.path('lib-x/a.rkt'), [tree.path('lib')], CTX)).toBeUndefined();
  });

  it('uses the .zo when it is newer than the source: its time and its compiled hash', () => {
    const tree = useTmpTree({ 'lib/a.rkt': 'a', 'lib/compiled/a_rkt.zo': 'zo', 'lib/compiled/a_rkt.dep': DEP });
    tree.setTime('lib/a.rkt', 1_000_000_000);
    tree.setTime('lib/compiled/a_rkt.zo', 1_000_000_100);
    const stamp = fileStampInPaths(tree.path('lib/a.rkt'), [tree.path('lib')], CTX);
    expect(stamp?.time).toBe(1_000_000_100);
    expect(stamp?.sha1()).toBe(sha1Hex('zo') + IMPORTS);
  });

  it('uses the source when it is at least as new as the .zo: its time and its SHA-1', () => {
    const tree = useTmpTree({ 'lib/a.rkt': 'a', 'lib/compiled/a_rkt.zo': 'zo' });
    tree.setTime('lib/a.rkt', 1_000_000_100);
    tree.setTime('lib/compiled/a_rkt.zo', 1_000_000_100);
    const stamp = fileStampInPaths(tree.path('lib/a.rkt'), [tree.path('lib')], CTX);
    expect(stamp?.time).toBe(1_000_000_100);
    expect(stamp?.sha1()).toBe(sha1Hex('a'));
  });

  it('falls back to the .ss source, and is undefined when neither source nor .zo exists', () => {
    const tree = useTmpTree({ 'lib/old.ss': 'ss' });
    tree.setTime('lib/old.ss', 1_000_000_000);
    const stamp = fileStampInPaths(tree.path('lib/old.rkt'), [tree.path('lib')], CTX);
    expect(stamp?.time).toBe(1_000_000_000);
    expect(stamp?.sha1()).toBe(sha1Hex('ss'));
    expect(fileStampInPaths(tree.path('lib/none.rkt'), [tree.path('lib')], CTX)).toBeUndefined();
  });

  it('finds a .zo under a later root (Debian split layout) for an installed module', () => {
    const source = '/usr/share/racket/collects/racket/base.rkt';
    const zo = '/usr/lib/racket/compiled/usr/share/racket/collects/racket/compiled/base_rkt.zo';
    if (!existsSync(zo)) return;
    const ctx = { ...CTX, roots: ['same', '/usr/lib/racket/compiled'] };
    const stamp = fileStampInPaths(source, ['/usr/share/racket/collects'], ctx);
    const imports = /\("[0-9a-f]{40}" \. "([0-9a-f]{40})"\)/.exec(readFileSync(zo.replace(/\.zo$/, '.dep'), 'utf8'))![1];
    expect(stamp?.time).toBe(tryFileTime(zo, 'modify-seconds'));
    expect(stamp?.sha1()).toBe(sha1Hex(readFileSync(zo)) + imports);
  });
});

describe('cm-core/manager/file-stamp-in-paths fileStampInCollection', () => {
  it('is fileStampInPaths over the given collection directories', () => {
    const tree = useTmpTree({ 'colls/c/a.rkt': 'x' });
    const stamp = fileStampInCollection(tree.path('colls/c/a.rkt'), [tree.path('colls')], CTX);
    expect(stamp?.time).toBe(tryFileTime(tree.path('colls/c/a.rkt'), 'modify-seconds'));
    expect(fileStampInCollection(tree.path('colls/c/a.rkt'), [tree.path('elsewhere')], CTX)).toBeUndefined();
  });
});
