/**
 * Writing a module's `.zo` and `.dep` (compile-zo.ts): the write order that keeps the pair
 * consistent (racket-notes §1.5), what a failed write leaves behind, and the `.dep` entries made
 * from the compile server's dependency forms.
 *
 * `node:fs` is wrapped (delegating to the real module) so that every `renameSync` records the
 * state of the compiled directory at the moment it happens.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formatDepRecord } from '../dep/dep-record.js';
import { sha1Hex } from '../hash/sha1.js';
import { createFakeBackend, fakeProbe, fakeZoBytes, nowSeconds, useTmpTree, type TmpTree } from '../testing/fixtures/manager-fixtures.js';
import { createCompilationManager, type CompilationManagerOptions } from './compilation-manager.js';
import { toDepEntry } from './compile-zo.js';

interface RenameRecord {
  readonly to: string;
  /** Non-temporary files in the target directory just before the rename. */
  readonly before: readonly string[];
  /** The `.dep` next to the target, just before the rename. */
  readonly dep: string | undefined;
}

const renames = vi.hoisted(() => [] as RenameRecord[]);

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof actual.renameSync = (from, to) => {
    const target = String(to);
    const depPath = target.replace(/\.(zo|dep)$/, '.dep');
    renames.push({
      to: basename(target),
      before: actual
        .readdirSync(dirname(target))
        .filter((f) => !f.includes('.nxraco-'))
        .sort(),
      dep: actual.existsSync(depPath) && actual.statSync(depPath).isFile() ? actual.readFileSync(depPath, 'utf8') : undefined,
    });
    actual.renameSync(from, to);
  };
  return { ...actual, renameSync, default: { ...actual, renameSync } };
});

const T = nowSeconds() - 1000;

async function build(tree: TmpTree, file: string, options: Partial<CompilationManagerOptions> = {}): Promise<unknown> {
  const cm = createCompilationManager({ backend: createFakeBackend(), probe: fakeProbe(tree.root), probeCacheFile: false, cwd: tree.root, env: {}, ...options });
  try {
    await cm.managedCompileZo(file);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await cm.close();
  }
}

/** b.rkt compiled once, with its files dated T and its source T - 10. */
async function compiledB(): Promise<TmpTree> {
  const tree = useTmpTree({ 'b.rkt': '(b)' });
  tree.setTime('b.rkt', T - 10);
  expect(await build(tree, 'b.rkt')).toBeUndefined();
  tree.setTime('compiled/b_rkt.zo', T);
  tree.setTime('compiled/b_rkt.dep', T);
  return tree;
}

function listing(tree: TmpTree, dir = 'compiled'): string[] {
  return readdirSync(tree.path(dir)).sort();
}

describe('cm-core/manager/compile-zo', () => {
  describe('write order', () => {
    it('deletes the old .zo, renames the new .dep into place, then renames the new .zo', async () => {
      const tree = await compiledB();
      const oldDep = tree.read('compiled/b_rkt.dep');
      tree.write('b.rkt', '(b 2)');
      tree.setTime('b.rkt', T + 5);
      renames.length = 0;
      expect(await build(tree, 'b.rkt')).toBeUndefined();
      const newDep = tree.read('compiled/b_rkt.dep');
      expect(newDep).not.toBe(oldDep);
      expect(renames).toEqual([
        // The old .zo is already gone when the new .dep arrives, so no .dep describes the wrong .zo.
        { to: 'b_rkt.dep', before: ['b_rkt.dep'], dep: oldDep },
        { to: 'b_rkt.zo', before: ['b_rkt.dep'], dep: newDep },
      ]);
      expect(tree.read('compiled/b_rkt.zo')).toBe(fakeZoBytes('(b 2)'));
      expect(listing(tree)).toEqual(['b_rkt.dep', 'b_rkt.zo']);
    });

    it('creates the compiled directory and leaves no temporary files', async () => {
      const tree = useTmpTree({ 'sub/dir/x.rkt': '(x)' });
      renames.length = 0;
      expect(await build(tree, 'sub/dir/x.rkt')).toBeUndefined();
      expect(listing(tree, 'sub/dir/compiled')).toEqual(['x_rkt.dep', 'x_rkt.zo']);
      expect(renames.map((r) => r.to)).toEqual(['x_rkt.dep', 'x_rkt.zo']);
    });
  });

  describe('when writing fails', () => {
    it('a .dep that cannot be renamed into place leaves no .zo (never an inconsistent pair) and no temporary file', async () => {
      const tree = await compiledB();
      tree.write('b.rkt', '(b 2)');
      tree.setTime('b.rkt', T + 5);
      // Replace the .dep by a directory, so renaming the new .dep over it fails.
      const dep = tree.path('compiled/b_rkt.dep');
      rmSync(dep);
      mkdirSync(dep);
      const error = await build(tree, 'b.rkt');
      expect(error).toBeInstanceOf(Error);
      expect(existsSync(tree.path('compiled/b_rkt.zo'))).toBe(false);
      expect(listing(tree)).toEqual(['b_rkt.dep']);
      // Next time (the obstacle gone) the module is simply compiled again.
      rmSync(dep, { recursive: true });
      expect(await build(tree, 'b.rkt')).toBeUndefined();
      expect(listing(tree)).toEqual(['b_rkt.dep', 'b_rkt.zo']);
    });

    it('reports a write failure as CompileOutputError (RKT_OUTPUT) naming the file', async () => {
      const tree = useTmpTree({ 'b.rkt': '(b)' });
      mkdirSync(tree.path('compiled/b_rkt.dep'), { recursive: true });
      const error = await build(tree, 'b.rkt');
      expect(error).toMatchObject({ name: 'CompileOutputError', code: 'RKT_OUTPUT' });
      expect((error as Error).message).toContain(tree.path('compiled/b_rkt.dep'));
    });

    it('a source dated in the future fails verify-times (RKT_OUTPUT) and writes nothing', async () => {
      const tree = useTmpTree({ 'f.rkt': '(f)' });
      tree.setTime('f.rkt', nowSeconds() + 7200);
      const error = await build(tree, 'f.rkt');
      expect(error).toMatchObject({ name: 'CompileOutputError', code: 'RKT_OUTPUT' });
      expect((error as Error).message).toMatch(
        new RegExp(`^compile-zo: date for newly created \\.zo file \\(.*f_rkt\\.zo\\.nxraco-\\d+-\\d+\\.tmp @ .*\\) is before source-file date \\(${tree.path('f.rkt')} @ .*\\), which appears to be in the future$`),
      );
      expect(listing(tree)).toEqual([]);
    });

    it('a compile error leaves the old pair as it was and no temporary file', async () => {
      const tree = await compiledB();
      const before = [tree.read('compiled/b_rkt.zo'), tree.read('compiled/b_rkt.dep')];
      tree.write('b.rkt', '(b oops)');
      tree.setTime('b.rkt', T + 5);
      const backend = createFakeBackend();
      backend.failNext(tree.path('b.rkt'), {});
      expect(await build(tree, 'b.rkt', { backend })).toMatchObject({ code: 'RKT_COMPILE_ERROR' });
      expect([tree.read('compiled/b_rkt.zo'), tree.read('compiled/b_rkt.dep')]).toEqual(before);
      expect(listing(tree)).toEqual(['b_rkt.dep', 'b_rkt.zo']);
    });

    it('Racket exiting during a compile becomes CompileProcessExitedError naming the module', async () => {
      const tree = useTmpTree({ 'x.rkt': '(x)' });
      const exited = Object.assign(new Error('the compile server exited'), { code: 'RKT_SERVER_EXITED', exitCode: 3 });
      const backend = { ...createFakeBackend(), compile: async () => Promise.reject(exited) };
      const error = await build(tree, 'x.rkt', { backend });
      expect(error).toMatchObject({ name: 'CompileProcessExitedError', code: 'RKT_SERVER_EXITED', path: tree.path('x.rkt'), exitCode: 3 });
      expect((error as Error).message).toContain(`Racket exited while compiling ${tree.path('x.rkt')} (status 3)`);
      expect((error as Error).cause).toBe(exited);
      expect(listing(tree)).toEqual([]);
    });
  });

  it('a recompile of machine-independent code writes the #f .dep first, then the final one with ASSUME', async () => {
    const tree = await compiledB();
    const dep = tree.read('compiled/b_rkt.dep');
    const oldZo = readFileSync(tree.path('compiled/b_rkt.zo'));
    tree.write('compiled/b_rkt.dep', dep.replace(' ta6le ', ' #f '));
    tree.setTime('compiled/b_rkt.dep', T);
    renames.length = 0;
    expect(await build(tree, 'b.rkt')).toBeUndefined();
    const assume = sha1Hex(oldZo);
    const [, src, imports] = /^\("8\.7" ta6le \("([0-9a-f]{40})" \. "([0-9a-f]{40})"\)/.exec(dep)!;
    expect(renames.map((r) => r.to)).toEqual(['b_rkt.dep', 'b_rkt.dep', 'b_rkt.zo']);
    // 1. the temporary #f .dep, while the old .zo is still there ("recompiling in-place");
    expect(renames[0]!.before).toEqual(['b_rkt.dep', 'b_rkt.zo']);
    // 2. the final .dep, after the old .zo was deleted;
    expect(renames[1]!.dep).toBe(`("8.7" #f ("${src}" "${imports}" . "${assume}"))\n`);
    expect(renames[1]!.before).toEqual(['b_rkt.dep']);
    // 3. the new .zo.
    expect(renames[2]!.dep).toBe(`("8.7" ta6le ("${src}" "${imports}" . "${assume}"))\n`);
    expect(tree.read('compiled/b_rkt.dep')).toBe(`("8.7" ta6le ("${src}" "${imports}" . "${assume}"))\n`);
  });

  describe('toDepEntry', () => {
    const write = (encoded: string, extra: { kind?: 'module' | 'indirect' | 'ext'; indirect?: true; path?: string } = {}): string => {
      const entry = toDepEntry({ path: extra.path ?? '/abs/x', kind: extra.kind ?? 'module', encoded, ...(extra.indirect ? { indirect: true } : {}) });
      const line = formatDepRecord({ version: '8.7', machine: 'ta6le', sourceSha1: 'a'.repeat(40), importsSha1: 'b'.repeat(40), deps: [entry] });
      return line.slice(line.indexOf(')') + 2, -2);
    };

    // encoded (as the server sends it) | kind | as written in the .dep
    it.each([
      ['#"/abs/b.rkt"', 'module', '#"/abs/b.rkt"'],
      ['(collects #"racket" #"base.rkt")', 'module', '(collects #"racket" #"base.rkt")'],
      ['(ext . #"/abs/data.rktd")', 'ext', '(ext . #"/abs/data.rktd")'],
      ['(indirect . #"/abs/mod2.rkt")', 'indirect', '(indirect . #"/abs/mod2.rkt")'],
      ['(indirect collects #"racket" #"match" #"gen-match.rkt")', 'indirect', '(indirect collects #"racket" #"match" #"gen-match.rkt")'],
      ['#"/abs/caf\\303\\251.rkt"', 'module', '#"/abs/caf\\303\\251.rkt"'],
    ] as const)('keeps %s', (encoded, kind, expected) => {
      expect(write(encoded, { kind })).toBe(expected);
    });

    it('rewrites the `(ext indirect . p)` form Racket 8.7 cannot hash into `(indirect ext . p)`', () => {
      const entry = toDepEntry({ path: '/abs/x.txt', kind: 'ext', indirect: true, encoded: '(ext indirect . #"/abs/x.txt")' });
      expect(entry).toMatchObject({ indirect: true, external: true, path: { kind: 'absolute', path: '/abs/x.txt' } });
      expect(write('(ext indirect . #"/abs/x.txt")', { kind: 'ext', indirect: true, path: '/abs/x.txt' })).toBe('(indirect ext . #"/abs/x.txt")');
    });

    it('keeps a collects-relative path when rewriting the indirect ext form', () => {
      expect(write('(ext indirect collects #"a" #"x.txt")', { kind: 'ext', indirect: true, path: '/c/a/x.txt' })).toBe(
        '(indirect ext collects #"a" #"x.txt")',
      );
    });

    it('rejects a readable form that is not a dependency, as a bug in nx-raco (RKT_OUTPUT)', () => {
      expect(() => toDepEntry({ path: '/abs/x', kind: 'module', encoded: '42' })).toThrow(
        expect.objectContaining({ code: 'RKT_OUTPUT', message: '[@nx-raco/cm-core] The compile server sent a dependency we cannot read (unknown shape): 42. This is a bug in nx-raco.' }),
      );
    });

    it('rejects unreadable text the same way', () => {
      expect(() => toDepEntry({ path: '/abs/x', kind: 'module', encoded: '(((' })).toThrow(expect.objectContaining({ code: 'RKT_OUTPUT' }));
    });
  });
});
