/**
 * The recompile decision (compile-root / maybe-compile-zo / build) as scenarios — build, edit,
 * rebuild — with a fake backend in a temp tree (testing/fixtures/manager-fixtures.ts describes
 * its source language). Every scenario ends with a no-change rebuild that must do nothing, and
 * most compare the result with a clean build of the same sources.
 *
 * The fake backend never asks for nested compiles, so a fresh build compiles only the module
 * asked for, recording its dependencies' *source* hashes; the next build compiles the
 * dependencies (rule 5) and then the module again (its IMPORTS hash changed). `settle` builds
 * until nothing happens. Times are set explicitly (compiled files at T, sources at T - 10) so no
 * test sleeps or depends on the clock's second boundary.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes } from '../data/values.js';
import { combineDepHashes } from '../hash/combined-hash.js';
import { sha1Hex } from '../hash/sha1.js';
import {
  createFakeBackend,
  describeEvents,
  fakeProbe,
  fakeSettings,
  fakeZoBytes,
  nowSeconds,
  useTmpTree,
  type FakeBackend,
  type TmpTree,
} from '../testing/fixtures/manager-fixtures.js';
import { createCompilationManager, type CompilationManagerOptions } from './compilation-manager.js';
import { ManagerRun, type LockClient, type ManagerSettings } from './compile-root.js';
import type { CompileEvent } from './manager-events.js';
import { makeStamp } from './stamp.js';
import { findRacket, hasRacket } from '../testing/racket-available.js';
import type { RacketProbe } from './racket-probe.js';

/** a requires b and c, c requires b (racket-notes §2.6, `/ex/cmk`). */
const CMK = {
  'a.rkt': 'require b.rkt\nrequire c.rkt\n(a)',
  'b.rkt': '(b)',
  'c.rkt': 'require b.rkt\n(c)',
};

/** Compiled files are at T, sources at T - 10: long enough ago that "now" is always later. */
const T = nowSeconds() - 1000;

interface BuildResult {
  /** `type file reason`, e.g. `start-compile b.rkt different-source-hash/source-hash-changed`. */
  readonly events: string[];
  readonly rawEvents: CompileEvent[];
  /** Files passed to onNotify (what raco make -v prints as `making`), relative. */
  readonly notified: string[];
  /** Backend calls, relative. */
  readonly calls: string[];
  readonly traces: string[];
  readonly output: string[];
  readonly error: unknown;
}

type BuildOptions = Omit<CompilationManagerOptions, 'backend' | 'probe' | 'probeCacheFile'> & {
  readonly probe?: Partial<RacketProbe>;
  readonly backend?: FakeBackend;
};

/** One build of `file` with a fresh manager (file facts are cached per manager, as in a real build). */
async function build(tree: TmpTree, file = 'a.rkt', options: BuildOptions = {}): Promise<BuildResult> {
  const { probe, backend = createFakeBackend(), ...rest } = options;
  const rawEvents: CompileEvent[] = [];
  const notified: string[] = [];
  const traces: string[] = [];
  const output: string[] = [];
  const rel = (p: string): string => relative(tree.root, p);
  const cm = createCompilationManager({
    backend,
    probe: fakeProbe(tree.root, probe),
    probeCacheFile: false,
    cwd: tree.root,
    env: {},
    onEvent: (e) => rawEvents.push(e),
    onNotify: (p) => notified.push(rel(p)),
    onTrace: (line) => traces.push(line),
    onOutput: (p, stdout, stderr) => output.push(`${rel(p)}: ${stdout}${stderr}`),
    ...rest,
  });
  const before = backend.calls.length;
  let error: unknown;
  try {
    await cm.managedCompileZo(file);
  } catch (e) {
    error = e;
  } finally {
    await cm.close();
  }
  return {
    events: describeEvents(rawEvents, tree.root),
    rawEvents,
    notified,
    calls: backend.calls.slice(before).map((c) => c.split(' ').map((w) => (w.startsWith('/') ? rel(w) : w)).join(' ')),
    traces,
    output,
    error,
  };
}

/**
 * Build until a build does nothing (at most 4 builds); returns each build's start-* events.
 * The tree is aged before each build: otherwise a dependency compiled in the same second as its
 * dependent's `.zo` does not look newer (times are whole seconds, compared with `>`).
 */
async function settle(tree: TmpTree, file = 'a.rkt', options: BuildOptions = {}): Promise<string[][]> {
  const rounds: string[][] = [];
  for (let i = 0; i < 4; i += 1) {
    age(tree);
    const r = await build(tree, file, options);
    if (r.error !== undefined) throw r.error;
    if (r.events.length === 0) return rounds;
    rounds.push(r.events.filter((e) => e.startsWith('start-')));
  }
  throw new Error(`[cm-core test] ${file} did not settle: ${JSON.stringify(rounds)}`);
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Compiled files at T, sources (and everything else) at T - 10. */
function age(tree: TmpTree): void {
  for (const p of walk(tree.root)) tree.setTime(relative(tree.root, p), p.includes('/compiled/') ? T : T - 10);
}

/** Contents of every compiled file, by relative path. */
function compiledState(tree: TmpTree): Record<string, string> {
  const state: Record<string, string> = {};
  for (const p of walk(tree.root).sort()) if (p.includes('/compiled/')) state[relative(tree.root, p)] = readFileSync(p, 'latin1');
  return state;
}

function mtimes(tree: TmpTree, files: readonly string[]): number[] {
  return files.map((f) => Math.floor(statSync(tree.path(f)).mtimeMs / 1000));
}

/** A settled, aged tree. */
async function settledTree(files: Record<string, string> = CMK, file = 'a.rkt'): Promise<TmpTree> {
  const tree = useTmpTree(files);
  age(tree);
  await settle(tree, file);
  age(tree);
  return tree;
}

/** The no-change rebuild does nothing, and a clean build of the same sources gives the same files. */
async function expectSettledAndClean(tree: TmpTree, file = 'a.rkt'): Promise<void> {
  const again = await build(tree, file);
  expect(again.error).toBeUndefined();
  expect(again.events).toEqual([]);
  expect(again.notified).toEqual([]);
  expect(again.calls).toEqual([]);
  const incremental = compiledState(tree);
  for (const p of walk(tree.root)) if (p.includes('/compiled/')) rmSync(p);
  await settle(tree, file);
  expect(compiledState(tree)).toEqual(incremental);
}

function depText(tree: TmpTree, rel: string): string {
  return tree.read(rel.replace(/([^/]+)\.rkt$/, 'compiled/$1_rkt.dep'));
}

describe('cm-core/manager/compile-root', () => {
  describe('fresh build', () => {
    it('compiles the module asked for, then its dependencies on the next build (no nested needs with a fake backend)', async () => {
      const tree = useTmpTree(CMK);
      age(tree);
      const first = await build(tree);
      expect(first.error).toBeUndefined();
      expect(first.events).toEqual(['start-compile a.rkt old-version/no-source-hash', 'finish-compile a.rkt old-version/no-source-hash']);
      expect(first.notified).toEqual(['a.rkt']);
      expect(first.calls).toEqual(['compile a.rkt']);
      // b and c are not compiled yet: a's IMPORTS hash is made of their *source* hashes.
      const b = tree.path('b.rkt');
      const c = tree.path('c.rkt');
      const imports = combineDepHashes([
        { hash: sha1Hex(CMK['b.rkt']), dep: bytes(b) },
        { hash: sha1Hex(CMK['c.rkt']), dep: bytes(c) },
      ]);
      expect(depText(tree, 'a.rkt')).toBe(`("8.7" ta6le ("${sha1Hex(CMK['a.rkt'])}" . "${imports}") #"${b}" #"${c}")\n`);
      expect(tree.read('compiled/a_rkt.zo')).toBe(fakeZoBytes(CMK['a.rkt']));

      age(tree);
      const second = await build(tree);
      expect(second.events.filter((e) => e.startsWith('start-'))).toEqual([
        'start-compile b.rkt old-version/no-source-hash',
        'start-compile c.rkt old-version/no-source-hash',
        'start-compile a.rkt newer-dependency/different-dependency-hash',
      ]);
      expect(second.notified).toEqual(['b.rkt', 'c.rkt', 'a.rkt']);
      await expectSettledAndClean(tree);
    });

    it('writes the combined hash of its dependencies\' compiled hashes once they are compiled', async () => {
      const tree = await settledTree();
      const compiledHash = (name: string): string => {
        const dep = depText(tree, name);
        return sha1Hex(tree.read(`compiled/${name.replace('.rkt', '_rkt.zo')}`)) + /" \. "([0-9a-f]{40})"\)/.exec(dep)![1];
      };
      const bytesOf = (name: string) => bytes(tree.path(name));
      const expected = combineDepHashes([
        { hash: compiledHash('b.rkt'), dep: bytesOf('b.rkt') },
        { hash: compiledHash('c.rkt'), dep: bytesOf('c.rkt') },
      ]);
      expect(depText(tree, 'a.rkt')).toContain(`"${expected}")`);
      expect(depText(tree, 'b.rkt')).toBe(`("8.7" ta6le ("${sha1Hex('(b)')}" . "${combineDepHashes([])}"))\n`);
    });

    it('passes what compile-time code printed to onOutput', async () => {
      const tree = useTmpTree({ 'a.rkt': 'print hello from a\n(a)' });
      const r = await build(tree);
      expect(r.output).toEqual(['a.rkt: hello from a\n']);
    });
  });

  it('a no-change rebuild does no work and reads no module twice', async () => {
    const tree = await settledTree();
    const before = compiledState(tree);
    const r = await build(tree);
    expect(r).toMatchObject({ events: [], notified: [], calls: [], error: undefined });
    expect(compiledState(tree)).toEqual(before);
    expect(mtimes(tree, ['compiled/a_rkt.zo', 'compiled/b_rkt.zo', 'compiled/c_rkt.zo'])).toEqual([T, T, T]);
    expect(r.traces.filter((l) => l.trim().startsWith('checking:')).map((l) => relative(tree.root, l.trim().slice(10)))).toEqual([
      'a.rkt',
      'b.rkt',
      'c.rkt',
    ]);
  });

  it('touch cascade: a touched source is hash-equivalent; it and its dependents get their .zo touched, .dep untouched', async () => {
    const tree = await settledTree();
    const deps = ['a.rkt', 'b.rkt', 'c.rkt'].map((f) => depText(tree, f));
    tree.setTime('b.rkt', T + 5);
    const start = nowSeconds();
    const r = await build(tree);
    expect(r.error).toBeUndefined();
    expect(r.events).toEqual([
      'start-touch b.rkt newer-source/hash-equivalent',
      'finish-touch b.rkt newer-source/hash-equivalent',
      'start-touch c.rkt newer-dependency/hash-equivalent',
      'finish-touch c.rkt newer-dependency/hash-equivalent',
      'start-touch a.rkt newer-dependency/hash-equivalent',
      'finish-touch a.rkt newer-dependency/hash-equivalent',
    ]);
    expect(r.notified).toEqual(['b.rkt', 'c.rkt', 'a.rkt']);
    expect(r.calls).toEqual([]);
    expect(['a.rkt', 'b.rkt', 'c.rkt'].map((f) => depText(tree, f))).toEqual(deps);
    expect(mtimes(tree, ['compiled/a_rkt.dep', 'compiled/b_rkt.dep', 'compiled/c_rkt.dep'])).toEqual([T, T, T]);
    for (const t of mtimes(tree, ['compiled/a_rkt.zo', 'compiled/b_rkt.zo', 'compiled/c_rkt.zo'])) expect(t).toBeGreaterThanOrEqual(start);
    expect(r.traces.map((l) => l.trim())).toContain(`newer src... ${T + 5} > ${T}`);
    expect(r.traces.map((l) => l.trim())).toContain(`hash-equivalent: ${tree.path('compiled/b_rkt.zo')}`);
    await expectSettledAndClean(tree);
  });

  it('source hash change with the same code (a comment): the module is recompiled, dependents only touched', async () => {
    const tree = await settledTree();
    const oldDep = depText(tree, 'b.rkt');
    tree.write('b.rkt', '; a comment\n(b)');
    tree.setTime('b.rkt', T - 10); // content changed, mtime not newer: rule 4 catches it
    const r = await build(tree);
    expect(r.events.filter((e) => e.startsWith('start-'))).toEqual([
      'start-compile b.rkt different-source-hash/source-hash-changed',
      'start-touch c.rkt newer-dependency/hash-equivalent',
      'start-touch a.rkt newer-dependency/hash-equivalent',
    ]);
    expect(r.calls).toEqual(['compile b.rkt']);
    const newDep = depText(tree, 'b.rkt');
    expect(newDep).not.toBe(oldDep);
    expect(newDep).toContain(sha1Hex('; a comment\n(b)'));
    expect(newDep.replace(/^\("8\.7" ta6le \("[0-9a-f]{40}"/, '')).toBe(oldDep.replace(/^\("8\.7" ta6le \("[0-9a-f]{40}"/, ''));
    expect(r.traces.map((l) => l.trim())).toContain(`different src hash (${sha1Hex('; a comment\n(b)')} ${sha1Hex('(b)')}) for ${tree.path('b.rkt')}...`);
    await expectSettledAndClean(tree);
  });

  it('dependency hash change: a semantic change recompiles the module and every dependent', async () => {
    const tree = await settledTree();
    tree.write('b.rkt', '(b 2)');
    tree.setTime('b.rkt', T + 5);
    const r = await build(tree);
    expect(r.events.filter((e) => e.startsWith('start-'))).toEqual([
      'start-compile b.rkt newer-source/source-hash-changed',
      'start-compile c.rkt newer-dependency/different-dependency-hash',
      'start-compile a.rkt newer-dependency/different-dependency-hash',
    ]);
    expect(r.calls).toEqual(['compile b.rkt', 'compile c.rkt', 'compile a.rkt']);
    await expectSettledAndClean(tree);
  });

  it('an edited external (include) file recompiles the module that includes it', async () => {
    const tree = await settledTree({ 'a.rkt': 'include data.txt\n(a)', 'data.txt': 'one' });
    tree.write('data.txt', 'two');
    tree.setTime('data.txt', T + 5);
    const r = await build(tree);
    expect(r.events.filter((e) => e.startsWith('start-'))).toEqual(['start-compile a.rkt newer-dependency/different-dependency-hash']);
    expect(r.traces.map((l) => l.trim())).toContain(`newer for ${tree.path('a.rkt')}: ${tree.path('data.txt')} (${T + 5} > ${T})...`);
    await expectSettledAndClean(tree);
  });

  // .dep edit of a.rkt | expected start-* event
  it.each([
    ['version "8.6"', (t: string) => t.replace('("8.7"', '("8.6"'), 'start-compile a.rkt old-version/no-source-hash'],
    ['machine tarm64le', (t: string) => t.replace(' ta6le ', ' tarm64le '), 'start-compile a.rkt different-machine/wrong-machine'],
    ['unreadable', (t: string) => t.slice(0, 20), 'start-compile a.rkt old-version/no-source-hash'],
    ['wrong source hash', (t: string) => t.replace(/\("[0-9a-f]{40}"/, `("${'0'.repeat(40)}"`), 'start-compile a.rkt different-source-hash/source-hash-changed'],
  ])('a .dep with %s means a full compile', async (_name, edit, expected) => {
    const tree = await settledTree();
    const depFile = 'compiled/a_rkt.dep';
    tree.write(depFile, edit(tree.read(depFile)));
    tree.setTime(depFile, T);
    const r = await build(tree);
    expect(r.events.filter((e) => e.startsWith('start-'))).toEqual([expected]);
    expect(r.calls).toEqual(['compile a.rkt']);
    await expectSettledAndClean(tree);
  });

  it('a missing .dep means a full compile', async () => {
    const tree = await settledTree();
    rmSync(tree.path('compiled/c_rkt.dep'));
    const r = await build(tree);
    expect(r.events.filter((e) => e.startsWith('start-'))).toEqual([
      'start-compile c.rkt old-version/no-source-hash',
      // c's .zo is byte-identical, so a is only touched.
      'start-touch a.rkt newer-dependency/hash-equivalent',
    ]);
    expect(r.traces.map((l) => l.trim())).toContain(`failed reading ${tree.path('compiled/c_rkt.dep')}`);
    await expectSettledAndClean(tree);
  });

  it('a missing .zo with its .dep kept is hash-equivalent, but cannot be touched: it is compiled', async () => {
    const tree = await settledTree();
    rmSync(tree.path('compiled/b_rkt.zo'));
    const r = await build(tree);
    expect(r.events).toEqual([
      'start-compile b.rkt newer-source/hash-equivalent',
      'finish-compile b.rkt newer-source/hash-equivalent',
      'start-touch c.rkt newer-dependency/hash-equivalent',
      'finish-touch c.rkt newer-dependency/hash-equivalent',
      'start-touch a.rkt newer-dependency/hash-equivalent',
      'finish-touch a.rkt newer-dependency/hash-equivalent',
    ]);
    expect(r.traces.map((l) => l.trim())).toContain(`newer src... ${T - 10} > #f`);
    await expectSettledAndClean(tree);
  });

  it('a deleted source whose .zo is kept stays up to date; its dependents are not rebuilt', async () => {
    const tree = await settledTree();
    rmSync(tree.path('b.rkt'));
    const r = await build(tree);
    expect(r).toMatchObject({ events: [], notified: [], calls: [], error: undefined });
    expect(r.traces.map((l) => l.trim())).toContain(`${tree.path('b.rkt')} does not exist`);
    const direct = await build(tree, 'b.rkt');
    expect(direct).toMatchObject({ events: [], calls: [], error: undefined });
  });

  it('a deleted source with its compiled files deleted too has stamp +inf.0: dependents recompile', async () => {
    const tree = await settledTree();
    for (const f of ['b.rkt', 'compiled/b_rkt.zo', 'compiled/b_rkt.dep']) rmSync(tree.path(f));
    const r = await build(tree, 'c.rkt');
    expect(r.events.filter((e) => e.startsWith('start-'))).toEqual(['start-compile c.rkt newer-dependency/different-dependency-hash']);
    expect(r.traces.map((l) => l.trim())).toContain(`newer for ${tree.path('c.rkt')}: ${tree.path('b.rkt')} (+inf.0 > ${T})...`);
  });

  it('machine-independent code (.dep machine #f) is recompiled in place; dependents hash its ASSUME hash and are only touched', async () => {
    const tree = await settledTree();
    const oldZo = tree.read('compiled/b_rkt.zo');
    const depFile = 'compiled/b_rkt.dep';
    const old = tree.read(depFile);
    tree.write(depFile, old.replace(' ta6le ', ' #f '));
    tree.setTime(depFile, T);
    const r = await build(tree);
    expect(r.events.filter((e) => e.startsWith('start-'))).toEqual([
      'start-recompile b.rkt different-machine/machine-independent',
      'start-touch c.rkt newer-dependency/hash-equivalent',
      'start-touch a.rkt newer-dependency/hash-equivalent',
    ]);
    expect(r.events).toContain('finish-recompile b.rkt different-machine/machine-independent');
    expect(r.calls).toEqual([`recompile b.rkt ${tree.path('compiled/b_rkt.zo')}`.replace(`${tree.root}/`, '')]);
    const [, src, imports] = /^\("8\.7" ta6le \("([0-9a-f]{40})" \. "([0-9a-f]{40})"\)/.exec(old)!;
    expect(tree.read(depFile)).toBe(`("8.7" ta6le ("${src}" "${imports}" . "${sha1Hex(oldZo)}"))\n`);
    expect(tree.read('compiled/b_rkt.zo')).not.toBe(oldZo);
    const again = await build(tree);
    expect(again.events).toEqual([]);
  });

  it('a dependency cycle in .dep files is an error naming the module (RKT_DEP_CYCLE)', async () => {
    const tree = await settledTree({ 'x.rkt': 'require y.rkt\n(x)', 'y.rkt': '(y)' }, 'x.rkt');
    // Make y's record say it requires x, as if y had been compiled when it did.
    const x = tree.path('x.rkt');
    const yDep = depText(tree, 'y.rkt').replace(/\)\n$/, ` #"${x}")\n`);
    tree.write('compiled/y_rkt.dep', yDep);
    age(tree);
    const r = await build(tree, 'x.rkt');
    expect(r.error).toMatchObject({ name: 'DependencyCycleError', code: 'RKT_DEP_CYCLE', path: x });
    expect((r.error as Error).message).toBe(`compile-zo: dependency cycle\n  involves module: ${x}`);
    expect(r.calls).toEqual([]);
  });

  it('trustExistingZos: an existing .zo is touched, never rebuilt, even after a semantic change', async () => {
    const tree = await settledTree();
    const before = compiledState(tree);
    tree.write('b.rkt', '(b 2)');
    tree.setTime('b.rkt', T + 5);
    const r = await build(tree, 'a.rkt', { trustExistingZos: true });
    expect(r).toMatchObject({ events: [], calls: [], error: undefined });
    expect(r.notified).toEqual(['b.rkt', 'c.rkt', 'a.rkt']);
    expect(r.traces.map((l) => l.trim())).toContain(`trusting: ${tree.path('compiled/b_rkt.zo')}`);
    expect(compiledState(tree)).toEqual(before);
    expect(mtimes(tree, ['compiled/b_rkt.zo'])[0]).toBeGreaterThan(T + 5);
  });

  it('trustExistingZos still compiles a module that has no .zo', async () => {
    const tree = useTmpTree({ 'a.rkt': '(a)' });
    const r = await build(tree, 'a.rkt', { trustExistingZos: true });
    expect(r.calls).toEqual(['compile a.rkt']);
  });

  describe('exists mode (PLT_COMPILED_FILE_CHECK=exists)', () => {
    it('catches a changed source by its hash but does not rebuild dependents; a normal build then does', async () => {
      const tree = await settledTree();
      tree.write('b.rkt', '(b 2)');
      tree.setTime('b.rkt', T + 5);
      const exists = await build(tree, 'a.rkt', { probe: { fileCheck: 'exists' } });
      expect(exists.events.filter((e) => e.startsWith('start-'))).toEqual(['start-compile b.rkt different-source-hash/source-hash-changed']);
      const normal = await build(tree);
      expect(normal.events.filter((e) => e.startsWith('start-'))).toEqual([
        'start-compile c.rkt newer-dependency/different-dependency-hash',
        'start-compile a.rkt newer-dependency/different-dependency-hash',
      ]);
      await expectSettledAndClean(tree);
    });

    it('ignores times entirely: a touched source does nothing, and nothing is touched', async () => {
      const tree = await settledTree();
      tree.setTime('b.rkt', T + 5);
      const r = await build(tree, 'a.rkt', { probe: { fileCheck: 'exists' } });
      expect(r).toMatchObject({ events: [], calls: [], error: undefined });
      expect(mtimes(tree, ['compiled/a_rkt.zo', 'compiled/b_rkt.zo', 'compiled/c_rkt.zo'])).toEqual([T, T, T]);
    });
  });

  it('skipFile: a skipped module is neither checked nor compiled; its stamp stands in', async () => {
    const tree = await settledTree();
    tree.write('b.rkt', '(b 2)');
    tree.setTime('b.rkt', T + 5);
    const asked: string[] = [];
    const r = await build(tree, 'a.rkt', {
      skipFile: (p) => {
        asked.push(relative(tree.root, p));
        return p === tree.path('b.rkt') ? makeStamp(T - 100, () => 'f'.repeat(80)) : undefined;
      },
    });
    expect(r).toMatchObject({ events: [], calls: [], error: undefined });
    expect(asked).toEqual(['a.rkt', 'b.rkt', 'c.rkt']);
    expect(r.traces.some((l) => l.includes(`checking: ${tree.path('b.rkt')}`))).toBe(false);
  });

  describe('managedRecompileOnly', () => {
    it('refuses to compile from source (RecompileOnlyError, RKT_RECOMPILE_ONLY)', async () => {
      const tree = useTmpTree(CMK);
      const r = await build(tree, 'a.rkt', { managedRecompileOnly: true });
      expect(r.error).toMatchObject({ name: 'RecompileOnlyError', code: 'RKT_RECOMPILE_ONLY', path: tree.path('a.rkt') });
      expect((r.error as Error).message).toMatch(new RegExp(`^compile-zo: compile from source disallowed\\n  module: ${tree.path('a.rkt')}\\n  compile reason: `));
      expect(r.calls).toEqual([]);
      expect(existsSync(tree.path('compiled'))).toBe(false);
    });

    it('words the compile reason as Racket does', async () => {
      const tree = useTmpTree({ 'a.rkt': '(a)' });
      const r = await build(tree, 'a.rkt', { managedRecompileOnly: true });
      expect((r.error as Error).message).toBe(
        `compile-zo: compile from source disallowed\n  module: ${tree.path('a.rkt')}\n  compile reason: no source hash: ${tree.path('a.rkt')}`,
      );
    });

    it('still touches hash-equivalent modules', async () => {
      const tree = await settledTree();
      tree.setTime('b.rkt', T + 5);
      const r = await build(tree, 'a.rkt', { managedRecompileOnly: true });
      expect(r.error).toBeUndefined();
      expect(r.events.filter((e) => e.startsWith('start-'))).toEqual([
        'start-touch b.rkt newer-source/hash-equivalent',
        'start-touch c.rkt newer-dependency/hash-equivalent',
        'start-touch a.rkt newer-dependency/hash-equivalent',
      ]);
    });
  });

  describe('installation modules (under the probe\'s collectsDir / pkgsDir)', () => {
    const LIB = 'installation/collects/lib/x.rkt';

    /** x.rkt in the "installation", compiled correctly by hand. */
    function installedTree(extra: Record<string, string> = {}): TmpTree {
      const tree = useTmpTree({ [LIB]: '(x)', 'installation/collects/lib/compiled/x_rkt.zo': fakeZoBytes('(x)'), ...extra });
      tree.write('installation/collects/lib/compiled/x_rkt.dep', `("8.7" ta6le ("${sha1Hex('(x)')}" . "${combineDepHashes([])}"))\n`);
      age(tree);
      return tree;
    }

    it('an up-to-date installation module is used and never written', async () => {
      const tree = installedTree({ 'a.rkt': `require ${LIB}\n(a)` });
      const before = compiledState(tree);
      expect(await settle(tree)).toEqual([['start-compile a.rkt old-version/no-source-hash']]);
      const after = compiledState(tree);
      for (const [k, v] of Object.entries(before)) expect(after[k]).toBe(v);
      expect(mtimes(tree, ['installation/collects/lib/compiled/x_rkt.zo'])).toEqual([T]);
    });

    it('a stale installation module stops the build with InstallationModuleError and nothing is written there', async () => {
      const tree = useTmpTree({ [LIB]: '(x)' });
      const r = await build(tree, LIB);
      expect(r.error).toMatchObject({ name: 'InstallationModuleError', code: 'RKT_INSTALLATION_STALE', path: tree.path(LIB), reason: 'old-version/no-source-hash' });
      expect((r.error as Error).message).toMatch(/belongs to the Racket installation .* nx-raco never writes into the installation\. Repair the installation/);
      expect(existsSync(tree.path('installation/collects/lib/compiled'))).toBe(false);
      expect(r.calls).toEqual([]);
    });

    it('is refused even when only a touch would be needed, and when reached as a dependency', async () => {
      const tree = installedTree({ 'a.rkt': `require ${LIB}\n(a)` });
      await settle(tree);
      age(tree);
      tree.setTime(LIB, T + 5);
      const r = await build(tree);
      expect(r.error).toMatchObject({ code: 'RKT_INSTALLATION_STALE', reason: 'newer-source/hash-equivalent' });
      expect(mtimes(tree, ['installation/collects/lib/compiled/x_rkt.zo'])).toEqual([T]);
    });

    it('covers the pkgs directory too', async () => {
      const tree = useTmpTree({ 'installation/pkgs/p/y.rkt': '(y)' });
      const r = await build(tree, 'installation/pkgs/p/y.rkt');
      expect(r.error).toMatchObject({ code: 'RKT_INSTALLATION_STALE' });
    });
  });

  describe('compile failures', () => {
    it('an ordinary compile error rejects with RacketCompileError and keeps the old .zo', async () => {
      const tree = await settledTree();
      tree.write('b.rkt', '(b broken)');
      tree.setTime('b.rkt', T + 5);
      const backend = createFakeBackend();
      backend.failNext(tree.path('b.rkt'), { message: 'b.rkt:1:3: broken: unbound identifier' });
      const oldZo = tree.read('compiled/b_rkt.zo');
      const r = await build(tree, 'a.rkt', { backend });
      expect(r.error).toMatchObject({ name: 'RacketCompileError', code: 'RKT_COMPILE_ERROR', message: 'b.rkt:1:3: broken: unbound identifier' });
      expect(r.events).toEqual(['start-compile b.rkt newer-source/source-hash-changed', 'finish-compile b.rkt newer-source/source-hash-changed']);
      expect(tree.read('compiled/b_rkt.zo')).toBe(oldZo);
      expect(readdirSync(tree.path('compiled')).sort()).toEqual(['a_rkt.dep', 'a_rkt.zo', 'b_rkt.dep', 'b_rkt.zo', 'c_rkt.dep', 'c_rkt.zo']);
    });

    it('an exn:get-module-code error deletes the old .zo (as raco)', async () => {
      const tree = await settledTree();
      tree.write('b.rkt', 'not a module');
      tree.setTime('b.rkt', T + 5);
      const backend = createFakeBackend();
      backend.failNext(tree.path('b.rkt'), { getModuleCode: true });
      const r = await build(tree, 'a.rkt', { backend });
      expect(r.error).toMatchObject({ code: 'RKT_COMPILE_ERROR', getModuleCode: true });
      expect(existsSync(tree.path('compiled/b_rkt.zo'))).toBe(false);
    });
  });

  describe('parallel lock client', () => {
    function lockClient(answer: boolean | 'recheck'): LockClient & { log: string[] } {
      const log: string[] = [];
      return {
        log,
        lock: async (zo) => {
          log.push(`lock ${zo}`);
          return answer;
        },
        unlock: (zo) => {
          log.push(`unlock ${zo}`);
        },
      };
    }

    it('builds under the lock keyed by the first-root .zo path, then unlocks', async () => {
      const tree = useTmpTree({ 'a.rkt': '(a)' });
      const lc = lockClient(true);
      const r = await build(tree, 'a.rkt', { lockClient: lc, worker: 3 });
      expect(r.events).toEqual([
        'locking a.rkt old-version/no-source-hash',
        'start-compile a.rkt old-version/no-source-hash',
        'finish-compile a.rkt old-version/no-source-hash',
      ]);
      expect(r.rawEvents.every((e) => e.worker === 3)).toBe(true);
      expect(lc.log).toEqual([`lock ${tree.path('compiled/a_rkt.zo')}`, `unlock ${tree.path('compiled/a_rkt.zo')}`]);
    });

    it('does nothing when another builder of this build already did it (already-done)', async () => {
      const tree = useTmpTree({ 'a.rkt': '(a)' });
      const lc = lockClient(false);
      const r = await build(tree, 'a.rkt', { lockClient: lc });
      expect(r.events).toEqual(['locking a.rkt old-version/no-source-hash', 'already-done a.rkt old-version/no-source-hash']);
      expect(r.calls).toEqual([]);
      expect(lc.log).toEqual([`lock ${tree.path('compiled/a_rkt.zo')}`]);
    });

    it('rechecks from disk after waiting for another process: builds only if still needed', async () => {
      const fresh = useTmpTree({ 'a.rkt': '(a)' });
      expect((await build(fresh, 'a.rkt', { lockClient: lockClient('recheck') })).calls).toEqual(['compile a.rkt']);

      const tree = await settledTree();
      tree.setTime('b.rkt', T + 5);
      const r = await build(tree, 'b.rkt', { lockClient: lockClient('recheck') });
      expect(r.events).toEqual(['locking b.rkt newer-source/hash-equivalent', 'already-done b.rkt newer-source/hash-equivalent']);
      expect(mtimes(tree, ['compiled/b_rkt.zo'])).toEqual([T]);
    });
  });

  describe('ManagerRun.handleNeed (the load handler)', () => {
    const settingsFor = (tree: TmpTree, deleteZosWhenSourceMissing: boolean, traces: string[]): ManagerSettings =>
      fakeSettings(tree.root, { deleteZosWhenSourceMissing, trace: (line) => traces.push(line) });

    it('deletes the .zo of a missing module only with deleteZosWhenSourceMissing', async () => {
      const tree = useTmpTree({ 'compiled/gone_rkt.zo': '#~' });
      const traces: string[] = [];
      await new ManagerRun(settingsFor(tree, false, traces)).handleNeed(tree.path('gone.rkt'), true);
      expect(existsSync(tree.path('compiled/gone_rkt.zo'))).toBe(true);
      expect(traces).toEqual([`skipping:  ${tree.path('gone.rkt')} file does not exist`]);
      traces.length = 0;
      await new ManagerRun(settingsFor(tree, true, traces)).handleNeed(tree.path('gone.rkt'), true);
      expect(existsSync(tree.path('compiled/gone_rkt.zo'))).toBe(false);
      expect(traces).toEqual([
        `skipping:  ${tree.path('gone.rkt')} file does not exist`,
        `deleting:  ${JSON.stringify(tree.path('compiled/gone_rkt.zo'))}`,
      ]);
    });

    it('makes an existing module up to date before it is loaded', async () => {
      const tree = useTmpTree({ 'b.rkt': '(b)' });
      const traces: string[] = [];
      await new ManagerRun(settingsFor(tree, false, traces)).handleNeed(tree.path('b.rkt'), false);
      expect(tree.read('compiled/b_rkt.zo')).toBe(fakeZoBytes('(b)'));
      expect(traces[0]).toBe(`processing: ${tree.path('b.rkt')}`);
      expect(traces.at(-1)).toBe(`done: ${tree.path('b.rkt')}`);
    });
  });

  it('falls back to the .ss source when the .rkt does not exist', async () => {
    const tree = useTmpTree({ 'old.ss': '(old)' });
    const r = await build(tree, 'old.rkt');
    expect(r.calls).toEqual(['compile old.ss']);
    expect(tree.read('compiled/old_ss.zo')).toBe(fakeZoBytes('(old)'));
    expect((await build(tree, 'old.rkt')).events).toEqual([]);
  });

  it.skipIf(!hasRacket())('traces a touch cascade line for line as raco make --vv does', async () => {
    // '#%kernel modules: real Racket compiles them, and the fake backend sees the same requires.
    const tree = useTmpTree({
      'a.rkt': `(module a '#%kernel (#%require "b.rkt" "c.rkt"))\n`,
      'b.rkt': `(module b '#%kernel)\n`,
      'c.rkt': `(module c '#%kernel (#%require "b.rkt"))\n`,
    });
    const raco = (...args: string[]): string => execFileSync(join(dirname(findRacket()!), 'raco'), ['make', ...args], { cwd: tree.root, encoding: 'utf8' });
    raco('a.rkt');
    age(tree);
    tree.setTime('b.rkt', T + 5);
    // Run raco on a copy of the compiled state, then put the state back for our build.
    const saved = compiledState(tree);
    const racoLines = raco('--vv', 'a.rkt').split('\n');
    for (const [rel, text] of Object.entries(saved)) {
      tree.write(rel, Buffer.from(text, 'latin1'));
      tree.setTime(rel, T);
    }
    const ours = await build(tree);
    const normalise = (line: string): string => line.replace(/\b1\d{9}\b/g, (t) => (Number(t) > T + 5 ? '<now>' : t));
    const expected = racoLines
      .filter((l) => l.startsWith('  ') && !l.startsWith('  making '))
      .map((l) => normalise(l.slice(2)));
    expect(ours.traces.map(normalise)).toEqual(expected);
    expect(expected).toContain(`  hash-equivalent: ${tree.path('compiled/b_rkt.zo')}`);
    expect(ours.events.filter((e) => e.startsWith('start-'))).toEqual([
      'start-touch b.rkt newer-source/hash-equivalent',
      'start-touch c.rkt newer-dependency/hash-equivalent',
      'start-touch a.rkt newer-dependency/hash-equivalent',
    ]);
  });

});
