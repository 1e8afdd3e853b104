import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeBackend, describeEvents, fakeProbe, useTmpTree, type TmpTree } from '../testing/fixtures/manager-fixtures.js';
import { snapshotInstallation } from '../testing/fixtures/installation-snapshot.js';
import { hasRacket } from '../testing/racket-available.js';
import { createCompilationManager } from './compilation-manager.js';
import { compileModeDirectory, validateCompileMode } from './compile-mode.js';
import { CompileModeError } from './manager-errors.js';
import type { CompileEvent } from './manager-events.js';

/** Every file under `tree`, relative, sorted. */
function listFiles(tree: TmpTree): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else out.push(relative(tree.root, join(dir, e.name)));
    }
  };
  walk(tree.root);
  return out.sort();
}

describe('cm-core/manager/compile-mode validateCompileMode', () => {
  // mode | accepted?
  it.each([
    ['errortrace', true],
    ['my-coll/sub_mode+2', true],
    ['', false],
    ['/abs/errortrace', false],
    ['..', false],
    ['a/../b', false],
    ['.', false],
    ['a\\b', false],
    ['a/', false],
    ['a//b', false],
    ['x.rkt', false],
  ])('%j → %s', (mode, ok) => {
    if (ok) expect(validateCompileMode('f', mode)).toBe(mode);
    else expect(() => validateCompileMode('f', mode)).toThrow(TypeError);
  });

  it('says who refused what, and what to pass instead', () => {
    expect(() => validateCompileMode('createCompilationManager', '../x')).toThrow(
      /^createCompilationManager: expected `compileMode` to be a relative collection path such as "errortrace" .*got `"\.\.\/x"` \(string\)\. Pass the name of the collection/,
    );
    expect(() => validateCompileMode('f', 3)).toThrow(/got `3` \(number\)/);
  });

  it('createCompilationManager refuses a bad mode name before doing anything', () => {
    const tree = useTmpTree();
    expect(() => createCompilationManager({ compileMode: '/usr/share', probe: fakeProbe(tree.root), backend: createFakeBackend(), probeCacheFile: false, env: {} })).toThrow(
      /^createCompilationManager: expected `compileMode`/,
    );
  });

  it('compileModeDirectory appends the mode to the normal compiled dir', () => {
    expect(compileModeDirectory('compiled', 'errortrace')).toBe('compiled/errortrace');
  });
});

describe('cm-core/manager/compile-mode (fake Racket)', () => {
  it('writes workspace modules to compiled/M only and skips installation modules', async () => {
    const tree = useTmpTree({ 'installation/collects/lib/x.rkt': '(x)' });
    tree.write('a.rkt', `require b.rkt\nrequire ${tree.path('installation/collects/lib/x.rkt')}\n(a)`);
    tree.write('b.rkt', '(b)');
    const backend = createFakeBackend();
    const events: CompileEvent[] = [];
    const cm = createCompilationManager({ compileMode: 'errortrace', probe: fakeProbe(tree.root), backend, probeCacheFile: false, env: {}, cwd: tree.root, onEvent: (e) => events.push(e) });
    expect(cm.useCompiledFilePaths).toEqual(['compiled/errortrace']);
    await cm.managedCompileZo('a.rkt');
    await cm.managedCompileZo('b.rkt');
    // The fake backend asks for no nested compiles: the second build finds x.rkt in a.rkt's .dep.
    await cm.managedCompileZo('a.rkt');
    expect(listFiles(tree).filter((f) => f.includes('compiled'))).toEqual([
      'compiled/errortrace/a_rkt.dep',
      'compiled/errortrace/a_rkt.zo',
      'compiled/errortrace/b_rkt.dep',
      'compiled/errortrace/b_rkt.zo',
    ]);
    expect(backend.calls).toEqual([`compile ${tree.path('a.rkt')}`, `compile ${tree.path('b.rkt')}`]);
    expect(describeEvents(events, tree.root).filter((e) => e.startsWith('start-'))).toEqual([
      'start-compile a.rkt old-version/no-source-hash',
      'start-compile b.rkt old-version/no-source-hash',
    ]);
    await cm.close();
  });

  it('composes with pathToMode (its dir, then the mode) and asks skipFile first', async () => {
    const tree = useTmpTree({ 'a.rkt': 'require b.rkt\n(a)', 'b.rkt': '(b)' });
    const backend = createFakeBackend();
    const asked: string[] = [];
    const cm = createCompilationManager({
      compileMode: 'errortrace',
      pathToMode: () => 'build',
      skipFile: (p) => {
        asked.push(relative(tree.root, p));
        return p.endsWith('b.rkt') ? { time: 0, sha1: () => 'f'.repeat(80) } : undefined;
      },
      probe: fakeProbe(tree.root),
      backend,
      probeCacheFile: false,
      env: {},
    });
    await cm.managedCompileZo(tree.path('a.rkt'));
    await cm.managedCompileZo(tree.path('a.rkt'));
    expect(existsSync(tree.path('build/errortrace/a_rkt.zo'))).toBe(true);
    expect(existsSync(tree.path('build/errortrace/b_rkt.zo'))).toBe(false);
    expect(asked).toEqual(['a.rkt', 'b.rkt', 'a.rkt', 'b.rkt']);
    expect(backend.calls).toEqual([`compile ${tree.path('a.rkt')}`]);
    await cm.close();
  });
});

const MAIN = '#lang racket/base\n(require "util.rkt" racket/list)\n(define (go) (head (list (first (list 5)))))\n(go)\n';
const UTIL = '#lang racket/base\n(provide head)\n(define (head x)\n  (car (car x)))\n';

function racketEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PLTSTDERR', 'PLTCOMPILEDROOTS', 'PLT_COMPILED_FILE_CHECK', 'PLT_COMPILE_ANY', 'PLT_ZO_PATH']) delete env[name];
  return env;
}

function mtimes(tree: TmpTree, files: readonly string[]): number[] {
  return files.map((f) => statSync(tree.path(f)).mtimeMs);
}

describe.skipIf(!hasRacket())('cm-core/manager/compile-mode (real Racket)', () => {
  it('compiles into compiled/errortrace only, leaves the installation alone, rebuilds incrementally; errortrace runs the result', async () => {
    const tree = useTmpTree({ 'main.rkt': MAIN, 'util.rkt': UTIL }, 'nx-raco-mode-');
    const env = racketEnv();
    // One manager per build, as the CLI does (a manager caches what it read from disk).
    const build = async (): Promise<string[]> => {
      const events: CompileEvent[] = [];
      const cm = createCompilationManager({ compileMode: 'errortrace', cwd: tree.root, env, onEvent: (e) => events.push(e) });
      try {
        await cm.managedCompileZo('main.rkt');
      } finally {
        await cm.close();
      }
      return describeEvents(events, tree.root).filter((e) => e.startsWith('start-'));
    };
    const installation = snapshotInstallation(createCompilationManager({ env }).racket);
    expect(installation.dirs.length).toBeGreaterThan(0);

    const first = await build();
    const outputs = ['compiled/errortrace/main_rkt.dep', 'compiled/errortrace/main_rkt.zo', 'compiled/errortrace/util_rkt.dep', 'compiled/errortrace/util_rkt.zo'];
    expect(listFiles(tree)).toEqual([...outputs, 'main.rkt', 'util.rkt']);
    expect(first).toEqual(['start-compile main.rkt old-version/no-source-hash', 'start-compile util.rkt old-version/no-source-hash']);
    expect(tree.read('compiled/errortrace/main_rkt.dep')).toContain('(collects #"errortrace" #"errortrace-key.rkt")');
    expect(installation.changes('errortrace')).toEqual([]);

    // Whole-second times must not decide what follows: sources well before their .zo files.
    const now = Math.floor(Date.now() / 1000);
    for (const f of ['main.rkt', 'util.rkt']) tree.setTime(f, now - 300);
    for (const f of outputs.filter((o) => o.endsWith('.zo'))) tree.setTime(f, now - 200);

    // No change: nothing to do.
    expect(await build()).toEqual([]);

    // errortrace's runtime loads our .zo files (compiled/errortrace first): its context shows, and
    // nothing is recompiled. To prove the .zo is what ran, the source is changed under it, still
    // dated before the .zo: Racket's load handler then takes the .zo, which says `car`.
    const before = mtimes(tree, outputs);
    tree.write('util.rkt', UTIL.replace('(car (car x))', '(cdr (cdr x))'));
    tree.setTime('util.rkt', now - 300);
    const run = spawnSync('racket', ['-l', 'errortrace', '-t', 'main.rkt'], { cwd: tree.root, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^car: contract violation\n/);
    expect(run.stderr).toContain(`errortrace...:\n   ${tree.path('util.rkt')}:4:2: (car (car x))`);
    expect(mtimes(tree, outputs)).toEqual(before);
    expect(listFiles(tree)).toEqual([...outputs, 'main.rkt', 'util.rkt']);

    // The edit recompiles util (its source hash) and then main (util's code changed).
    expect(await build()).toEqual([
      'start-compile util.rkt different-source-hash/source-hash-changed',
      'start-compile main.rkt newer-dependency/different-dependency-hash',
    ]);
    const rerun = spawnSync('racket', ['-l', 'errortrace', '-t', 'main.rkt'], { cwd: tree.root, env, encoding: 'utf8', timeout: 60_000 });
    expect(rerun.stderr).toContain(`${tree.path('util.rkt')}:4:2: (cdr (cdr x))`);
    expect(listFiles(tree)).toEqual([...outputs, 'main.rkt', 'util.rkt']);
    expect(installation.changes('errortrace')).toEqual([]);
  });

  it('a mode whose compiler cannot be loaded fails with raco\'s message as CompileModeError, writing nothing', async () => {
    const tree = useTmpTree({ 'main.rkt': '#lang racket/base\n1\n' }, 'nx-raco-mode-');
    const cm = createCompilationManager({ compileMode: 'nosuchmode', cwd: tree.root, env: racketEnv() });
    try {
      const error: unknown = await cm.managedCompileZo('main.rkt').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CompileModeError);
      expect(error).toMatchObject({ code: 'RKT_COMPILE_MODE', mode: 'nosuchmode' });
      expect((error as Error).message).toMatch(/^error loading compiler for mode "nosuchmode": .*collection not found/);
      expect((error as Error).message).not.toContain('context...:');
      // The next build fails the same way, at once (no hang, no second Racket).
      await expect(cm.managedCompileZo('main.rkt')).rejects.toBe(error);
      expect(listFiles(tree)).toEqual(['main.rkt']);
    } finally {
      await cm.close();
    }
  });
});
