import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha1Hex } from '../hash/sha1.js';
import { findRacket, hasRacket } from '../testing/racket-available.js';
import { nowSeconds, useTmpTree } from '../testing/fixtures/manager-fixtures.js';
import {
  CompileTimeError,
  formatTime,
  getSourceSha1,
  rktToSs,
  temporaryNameFor,
  touchFile,
  tryDeleteFile,
  tryFileTime,
  verifyTimes,
  withCompileOutput,
  writeFileAtomically,
} from './file-stamps.js';

describe('cm-core/manager/file-stamps', () => {
  describe('tryFileTime', () => {
    it('returns whole seconds (truncated, as file-or-directory-modify-seconds)', () => {
      const tree = useTmpTree({ 'a.rkt': 'x' });
      const p = tree.path('a.rkt');
      for (const t of [1_000_000_000.7, 1_000_000_000.2, 1_700_000_123.999]) {
        tree.setTime('a.rkt', t);
        expect(tryFileTime(p, 'modify-seconds')).toBe(Math.floor(t));
      }
    });

    it('reads 0 for every existing file in exists mode, undefined for a missing one', () => {
      const tree = useTmpTree({ 'a.rkt': 'x', 'dir/keep': '' });
      tree.setTime('a.rkt', 1_600_000_000);
      expect(tryFileTime(tree.path('a.rkt'), 'exists')).toBe(0);
      expect(tryFileTime(tree.path('dir'), 'exists')).toBe(0);
      expect(tryFileTime(tree.path('missing.rkt'), 'exists')).toBeUndefined();
      expect(tryFileTime(tree.path('missing.rkt'), 'modify-seconds')).toBeUndefined();
    });
  });

  describe('touchFile', () => {
    it('sets the mtime to now', () => {
      const tree = useTmpTree({ 'a_rkt.zo': 'zo' });
      tree.setTime('a_rkt.zo', 1_000_000_000);
      const before = nowSeconds();
      touchFile(tree.path('a_rkt.zo'), 'modify-seconds');
      const t = tryFileTime(tree.path('a_rkt.zo'), 'modify-seconds')!;
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(nowSeconds());
      expect(tree.read('a_rkt.zo')).toBe('zo');
    });

    it('does nothing in exists mode', () => {
      const tree = useTmpTree({ 'a_rkt.zo': 'zo' });
      tree.setTime('a_rkt.zo', 1_000_000_000);
      touchFile(tree.path('a_rkt.zo'), 'exists');
      expect(statSync(tree.path('a_rkt.zo')).mtimeMs).toBe(1_000_000_000_000);
      touchFile(tree.path('missing.zo'), 'exists');
      expect(existsSync(tree.path('missing.zo'))).toBe(false);
    });

    it('falls back to opening for append, which creates a missing file (as Racket)', () => {
      const tree = useTmpTree();
      touchFile(tree.path('new.zo'), 'modify-seconds');
      expect(tree.read('new.zo')).toBe('');
    });
  });

  describe('getSourceSha1', () => {
    it('hashes the file bytes', () => {
      const tree = useTmpTree({ 'a.rkt': '#lang racket/base\n' });
      expect(getSourceSha1(tree.path('a.rkt'))).toBe(sha1Hex('#lang racket/base\n'));
    });

    it('falls back to the .ss sibling of a missing .rkt, and only for .rkt', () => {
      const tree = useTmpTree({ 'old.ss': '(module old mzscheme)', 'x.scrbl.ss': 'y' });
      expect(getSourceSha1(tree.path('old.rkt'))).toBe(sha1Hex('(module old mzscheme)'));
      expect(getSourceSha1(tree.path('x.scrbl'))).toBeUndefined();
      expect(getSourceSha1(tree.path('none.rkt'))).toBeUndefined();
      expect(getSourceSha1(tree.path('none.txt'))).toBeUndefined();
    });

    // path | rktToSs(path)
    it.each([
      ['/a/b.rkt', '/a/b.ss'],
      ['/a/b.ss', '/a/b.ss'],
      ['/a/b.scrbl', '/a/b.scrbl'],
      ['/a/.rkt', '/a/.ss'],
    ])('rktToSs(%s) = %s', (path, expected) => {
      expect(rktToSs(path)).toBe(expected);
    });
  });

  describe('formatTime', () => {
    it('prints local time with fields not zero-padded', () => {
      const seconds = new Date(2001, 0, 2, 3, 4, 5).getTime() / 1000;
      expect(formatTime(seconds)).toBe('2001-1-2 3:4:5');
      expect(formatTime(new Date(2026, 10, 21, 19, 32, 2).getTime() / 1000)).toBe('2026-11-21 19:32:2');
    });

    it.skipIf(!hasRacket())('agrees with cm-util.rkt format-time', () => {
      const samples = [0, 978_404_645, 1_795_289_571, 1_234_567_890];
      const program = `(require compiler/private/cm-util) (for ([s '(${samples.join(' ')})]) (displayln (format-time s)))`;
      const racket = execFileSync(findRacket()!, ['-l', 'racket/base', '-e', program], { encoding: 'utf8' });
      expect(samples.map(formatTime)).toEqual(racket.trimEnd().split('\n'));
    });
  });

  describe('verifyTimes', () => {
    it('accepts a .zo at least as new as its source', () => {
      const tree = useTmpTree({ 'a.rkt': '', 'a_rkt.zo': '' });
      tree.setTime('a.rkt', 1_000_000_000);
      tree.setTime('a_rkt.zo', 1_000_000_000);
      expect(() => verifyTimes(tree.path('a.rkt'), tree.path('a_rkt.zo'), 'modify-seconds')).not.toThrow();
    });

    it('rejects a .zo older than its source, naming both dates', () => {
      const tree = useTmpTree({ 'a.rkt': '', 'a_rkt.zo': '' });
      const src = new Date(2001, 0, 2, 3, 4, 6).getTime() / 1000;
      tree.setTime('a.rkt', src);
      tree.setTime('a_rkt.zo', src - 1);
      expect(() => verifyTimes(tree.path('a.rkt'), tree.path('a_rkt.zo'), 'modify-seconds')).toThrow(
        new CompileTimeError(
          `compile-zo: date for newly created .zo file (${tree.path('a_rkt.zo')} @ 2001-1-2 3:4:5) is before source-file date ` +
            `(${tree.path('a.rkt')} @ 2001-1-2 3:4:6)`,
        ),
      );
    });

    it('says the source date appears to be in the future when it is', () => {
      const tree = useTmpTree({ 'b.rkt': '', 'tmp.zo': '' });
      const future = nowSeconds() + 7200;
      tree.setTime('b.rkt', future);
      let error: unknown;
      try {
        verifyTimes(tree.path('b.rkt'), tree.path('tmp.zo'), 'modify-seconds');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CompileTimeError);
      expect((error as CompileTimeError).code).toBe('RKT_ZO_DATE');
      const zoTime = tryFileTime(tree.path('tmp.zo'), 'modify-seconds')!;
      expect((error as Error).message).toBe(
        `compile-zo: date for newly created .zo file (${tree.path('tmp.zo')} @ ${formatTime(zoTime)}) is before source-file date ` +
          `(${tree.path('b.rkt')} @ ${formatTime(future)}), which appears to be in the future`,
      );
    });

    it('reports a .zo that was not created', () => {
      const tree = useTmpTree({ 'a.rkt': '' });
      expect(() => verifyTimes(tree.path('a.rkt'), tree.path('a_rkt.zo'), 'modify-seconds')).toThrow(
        `compile-zo: failed to create .zo file (${tree.path('a_rkt.zo')}) for ${tree.path('a.rkt')}`,
      );
    });

    it('is skipped in exists mode', () => {
      const tree = useTmpTree({ 'a.rkt': '' });
      tree.setTime('a.rkt', nowSeconds() + 7200);
      expect(() => verifyTimes(tree.path('a.rkt'), tree.path('missing.zo'), 'exists')).not.toThrow();
    });
  });

  describe('writeFileAtomically', () => {
    const listing = (dir: string): string[] => readdirSync(dir).sort();

    it('replaces the target and leaves no temporary file', () => {
      const tree = useTmpTree({ 'compiled/a_rkt.dep': 'old' });
      writeFileAtomically(tree.path('compiled/a_rkt.dep'), '("8.7" ta6le)\n');
      expect(tree.read('compiled/a_rkt.dep')).toBe('("8.7" ta6le)\n');
      expect(listing(tree.path('compiled'))).toEqual(['a_rkt.dep']);
      writeFileAtomically(tree.path('compiled/b_rkt.zo'), new Uint8Array([35, 126]));
      expect(tree.read('compiled/b_rkt.zo')).toBe('#~');
      expect(listing(tree.path('compiled'))).toEqual(['a_rkt.dep', 'b_rkt.zo']);
    });

    it('throws and leaves nothing behind when the target directory is missing', () => {
      const tree = useTmpTree({ 'keep.txt': '' });
      expect(() => writeFileAtomically(tree.path('missing/a_rkt.dep'), 'x')).toThrow(/ENOENT/);
      expect(listing(tree.root)).toEqual(['keep.txt']);
    });

    it('removes its temporary file when the rename fails', () => {
      const tree = useTmpTree();
      mkdirSync(tree.path('compiled/a_rkt.dep'), { recursive: true });
      expect(() => writeFileAtomically(tree.path('compiled/a_rkt.dep'), 'x')).toThrow();
      expect(listing(tree.path('compiled'))).toEqual(['a_rkt.dep']);
      expect(statSync(tree.path('compiled/a_rkt.dep')).isDirectory()).toBe(true);
    });
  });

  it('temporaryNameFor gives distinct names next to the target, carrying the pid', () => {
    const a = temporaryNameFor('/p/compiled/a_rkt.zo');
    const b = temporaryNameFor('/p/compiled/a_rkt.zo');
    expect(a).not.toBe(b);
    for (const name of [a, b]) expect(name).toMatch(new RegExp(`^/p/compiled/a_rkt\\.zo\\.nxraco-${process.pid}-\\d+\\.tmp$`));
  });

  it('tryDeleteFile deletes, and ignores a missing file', () => {
    const tree = useTmpTree({ 'a_rkt.zo': '' });
    tryDeleteFile(tree.path('a_rkt.zo'));
    expect(existsSync(tree.path('a_rkt.zo'))).toBe(false);
    expect(() => tryDeleteFile(tree.path('a_rkt.zo'))).not.toThrow();
    expect(() => tryDeleteFile(join(tree.root, 'no', 'such', 'dir'))).not.toThrow();
  });
});

describe('cm-core/manager/file-stamps withCompileOutput', () => {
  it('renames the temporary file over the target and returns what the writer returned', async () => {
    const tree = useTmpTree({ 'compiled/a_rkt.dep': 'old' });
    const target = tree.path('compiled/a_rkt.dep');
    const result = await withCompileOutput(target, async (tmp) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(tmp, 'new');
      expect(tmp).not.toBe(target);
      return 42;
    });
    expect(result).toBe(42);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(tree.path('compiled'))).toEqual(['a_rkt.dep']);
  });

  it('keeps the old file and leaves no temporary file when the writer throws', async () => {
    const tree = useTmpTree({ 'compiled/a_rkt.dep': 'old' });
    const target = tree.path('compiled/a_rkt.dep');
    await expect(
      withCompileOutput(target, async (tmp) => {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(tmp, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(tree.path('compiled'))).toEqual(['a_rkt.dep']);
  });
});
