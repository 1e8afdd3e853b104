/**
 * Interop suite: trees built by `nx-raco make` are accepted by `raco make` (Racket 8.7) and by
 * Racket itself, trees built by raco are accepted by us, and our `.dep` files say what raco's say.
 *
 * 1. The `datalog` collection (a copy of the installed sources under a PLTCOLLECTS directory):
 *    - built by us: `raco make -v` finds nothing to do, two programs (`(require datalog)` and
 *      `#lang datalog`) run with Racket loading every datalog module from our `.zo` files (a spy
 *      on `current-load` shows which files were loaded), and after touching every source raco
 *      only touches (so it accepts each of our IMPORTS hashes);
 *    - built by raco and settled (racket-notes §2.4, §12.4): `nx-raco make -v` finds nothing to
 *      do, and after touching every source we only touch.
 * 2. A deterministic workspace fixture exercising every kind of dependency (collection modules,
 *    a module outside any collection requiring one by relative path, `include`, `#lang s-exp`,
 *    `#reader`, `lazy-require` and `racket/match` indirect deps, `register-external-file`), built
 *    by raco and, at the same absolute path, by us: version, machine, source hash and dependency
 *    list (order included) are equal, and so are the `.zo` bytes. IMPORTS may differ only for
 *    modules whose raco value raco's own checker rejects (the Debian split-root quirk, §2.4) and
 *    their dependents; raco's checker must accept all of ours (`--vv` says `hash-equivalent`
 *    after a touch, nothing is compiled).
 * 3. Relocation: collection modules are recorded `(collects #"coll" #"file.rkt")`, so after the
 *    whole tree is moved elsewhere (mtimes kept) neither tool finds anything to do for them.
 *
 * Time: explicit whole-second mtimes in the past, no sleeping. Needs racket/raco 8.7 on PATH and
 * the built CLI (`npx tsc -b tsconfig.build.json`). NX_RACO_KEEP_TMP=1 keeps the trees.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KEEP_TMP_ENV,
  compiledFilesOf,
  createTempTree,
  assertBuiltCliIsFresh,
  hasRacketAndRaco,
  listFiles,
  nowSeconds,
  runOurs,
  runRaco,
  setMtime,
  setTreeMtimes,
  snapshotCompiled,
  startedWork,
  useTempTree,
  type FileTree,
  type TempTree,
} from './support/make-harness.js';
import {
  compilableModules,
  copySources,
  installedCollectionDir,
  makingLines,
  moduleOfDepFile,
  moveTree,
  readDep,
  readModuleGraph,
  removeWhenTestFinishes,
  requireWithLoadSpy,
  settleWithRaco,
  traceVerdicts,
  withDependents,
} from './support/interop-support.js';

/** A datalog build takes ~20 s on a 2-core machine; each test does about four full passes. */
const DATALOG_TIMEOUT_MS = 300_000;
const WORKSPACE_TIMEOUT_MS = 120_000;

const BASE = nowSeconds() - 2_000;

const collectsEnv = (root: string): { env: Record<string, string> } => ({ env: { PLTCOLLECTS: `${root}/colls:` } });

/** Only `start-*` events, as `"touch rel"` strings (make-harness `startedWork`). */
const work = (events: Parameters<typeof startedWork>[0], dir: string): string[] => startedWork(events, dir);
const onlyTouches = (w: readonly string[]): string[] => w.filter((x) => !x.startsWith('touch '));

// ---------------------------------------------------------------------------------------------
// 1. datalog

const DATALOG_PROGRAMS: FileTree = {
  'prog-api.rkt': `#lang racket/base
(require datalog)
(define family (make-theory))
(void (datalog family
  (! (parent joseph2 joseph1))
  (! (parent joseph3 joseph2))
  (! (:- (ancestor A B) (parent A B)))
  (! (:- (ancestor A B) (parent A C) (ancestor C B)))))
(write (sort (map (lambda (h) (hash-ref h 'A)) (datalog family (? (ancestor A joseph1)))) symbol<?))
(newline)
`,
  'prog-lang.rkt': `#lang datalog
parent(joseph2, joseph1).
parent(joseph3, joseph2).
ancestor(A, B) :- parent(A, B).
ancestor(A, B) :- parent(A, C), ancestor(C, B).
ancestor(A, joseph1)?
`,
};
const DATALOG_OUTPUT = '(joseph2 joseph3)\nancestor(joseph2, joseph1).\nancestor(joseph3, joseph1).\n';

describe.skipIf(!hasRacketAndRaco())('make-interop: the datalog collection', () => {
  /** A tree holding the two programs and `colls/datalog`, a copy of the installed sources. */
  const useDatalogTree = (): { tree: TempTree; coll: string; modules: string[] } => {
    const tree = useTempTree(DATALOG_PROGRAMS, 'nx-raco-interop-datalog-');
    const coll = tree.path('colls/datalog');
    copySources(installedCollectionDir('datalog'), coll);
    expect(listFiles(coll).filter((f) => f.split('/').includes('compiled'))).toEqual([]);
    const modules = compilableModules(coll);
    expect(modules).toContain('main.rkt');
    return { tree, coll, modules };
  };

  it(
    'built by nx-raco: raco make finds nothing to do, Racket runs our .zo files, raco accepts every IMPORTS hash',
    async () => {
      const { tree, coll, modules } = useDatalogTree();
      const opts = collectsEnv(tree.root);

      const ours = await runOurs(coll, ['-v', ...modules], opts);
      expect(ours.stderr).toBe('');
      expect(ours.code).toBe(0);
      for (const m of modules) expect(existsSync(join(coll, compiledFilesOf(m).zo)), m).toBe(true);

      const raco = await runRaco(coll, ['-v', ...modules], opts);
      expect(raco.code).toBe(0);
      expect(makingLines(raco.stdout)).toEqual([]);
      expect(work(raco.events, coll)).toEqual([]);

      const run = await requireWithLoadSpy(tree.root, [tree.path('prog-api.rkt'), tree.path('prog-lang.rkt')], opts);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(DATALOG_OUTPUT);
      const fromColl = run.loaded.filter((p) => p.startsWith(`${coll}/`));
      expect(fromColl.filter((p) => !p.endsWith('.zo')), 'datalog modules Racket loaded from source').toEqual([]);
      for (const zo of ['compiled/main_rkt.zo', 'lang/compiled/reader_rkt.zo', 'compiled/parse_rkt.zo', 'compiled/runtime_rkt.zo']) {
        expect(fromColl).toContain(join(coll, zo));
      }

      // Every source newer than every .zo: raco re-checks each module's IMPORTS and must only touch.
      setTreeMtimes(coll, { compiled: BASE, sources: BASE + 1 });
      const recheck = await runRaco(coll, ['--vv', ...modules], opts);
      expect(recheck.code).toBe(0);
      const verdicts = traceVerdicts(recheck.stdout);
      expect(verdicts.differentDeps).toEqual([]);
      expect(verdicts.compiled).toEqual([]);
      expect(onlyTouches(work(recheck.events, coll))).toEqual([]);
      expect(new Set(verdicts.hashEquivalent)).toEqual(new Set(modules.map((m) => join(coll, compiledFilesOf(m).zo))));
    },
    DATALOG_TIMEOUT_MS,
  );

  it(
    'built by raco and settled: nx-raco make finds nothing to do, and after a touch of every source only touches',
    async () => {
      const { tree, coll, modules } = useDatalogTree();
      const opts = collectsEnv(tree.root);

      const raco = await runRaco(coll, modules, opts);
      expect(raco.code).toBe(0);
      const rounds = await settleWithRaco(coll, modules, { firstRound: BASE, settled: BASE + 100 }, opts);
      // The split-root quirk: raco's first re-check recompiles modules it had just built (§2.4),
      // so the tree we check is raco's settled state, not only its first build.
      expect(rounds[0]!.filter((w) => w.startsWith('compile ')).length, JSON.stringify(rounds)).toBeGreaterThan(0);

      const ours = await runOurs(coll, ['-v', ...modules], opts);
      expect(ours.stderr).toBe('');
      expect(ours.code).toBe(0);
      expect(makingLines(ours.stdout)).toEqual([]);
      expect(work(ours.events, coll)).toEqual([]);

      setTreeMtimes(coll, { compiled: BASE + 200, sources: BASE + 201 });
      const touched = await runOurs(coll, modules, opts);
      expect(touched.code).toBe(0);
      const w = work(touched.events, coll);
      expect(onlyTouches(w), 'modules we compiled instead of touching').toEqual([]);
      expect(w).toEqual(modules.map((m) => `touch ${m}`).sort());
      for (const e of touched.events.filter((x) => x.type === 'start-touch')) expect(e.reason, e.path).toMatch(/hash-equivalent$/);
    },
    DATALOG_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// 2. and 3. the workspace fixture

/**
 * `colls/wscoll` is a collection (PLTCOLLECTS=<root>/colls:); `outside/` is not. Dependencies:
 * prog → main (relative path into the collection), helper (absolute, `include`s data.rktd);
 * show → main → shapes → util; incl (`include` data.rktd); sexp (`#lang s-exp wscoll/mylang`
 * → util); reader-user (`#reader wscoll/rdr`); lazy-user (macro calling a `lazy-require`d function:
 * `(indirect … heavy.rkt)`); matcher (racket/match: indirect collection deps); ext (macro calling
 * `register-external-file` on ext.txt); main also requires util as `wscoll/util`.
 */
const WORKSPACE: FileTree = {
  'colls/wscoll/util.rkt': '#lang racket/base\n(provide double)\n(define (double x) (* 2 x))\n',
  'colls/wscoll/shapes.rkt': '#lang racket/base\n(require "util.rkt")\n(provide area)\n(define (area w h) (double (* w h 1/2)))\n',
  'colls/wscoll/data.rktd': "(define table '((a . 1) (b . 2)))\n",
  'colls/wscoll/incl.rkt': '#lang racket/base\n(require racket/include)\n(provide table)\n(include "data.rktd")\n',
  'colls/wscoll/mylang.rkt': '#lang racket/base\n(require "util.rkt")\n(provide (all-from-out racket/base) double)\n',
  'colls/wscoll/sexp.rkt': '#lang s-exp wscoll/mylang\n(provide eight)\n(define eight (double 4))\n',
  'colls/wscoll/rdr.rkt': `#lang racket/base
(provide (rename-out [my-read read] [my-read-syntax read-syntax]))
(define (my-read in) (syntax->datum (my-read-syntax #f in)))
(define (my-read-syntax src in)
  (define body (let loop () (define d (read in)) (if (eof-object? d) '() (cons d (loop)))))
  (datum->syntax #f \`(module rdr-mod racket/base (provide answer) (define answer (list ,@body)))))
`,
  'colls/wscoll/reader-user.rkt': '#reader wscoll/rdr\n1 2 3\n',
  'colls/wscoll/heavy.rkt': '#lang racket/base\n(provide heavy-fn)\n(define (heavy-fn x) (+ x 100))\n',
  'colls/wscoll/lazy.rkt': '#lang racket/base\n(require racket/lazy-require)\n(lazy-require ["heavy.rkt" (heavy-fn)])\n(provide call-heavy)\n(define (call-heavy x) (heavy-fn x))\n',
  'colls/wscoll/lazy-user.rkt': `#lang racket/base
(require (for-syntax racket/base "lazy.rkt"))
(provide one-hundred-one)
(define-syntax (at-compile-time stx) (datum->syntax stx (call-heavy 1)))
(define one-hundred-one (at-compile-time))
`,
  'colls/wscoll/matcher.rkt': "#lang racket/base\n(require racket/match)\n(provide classify)\n(define (classify v) (match v [(list a b) (+ a b)] [(? number? n) n] [_ 'other]))\n",
  'colls/wscoll/ext.txt': 'external data\n',
  'colls/wscoll/ext.rkt': `#lang racket/base
(require (for-syntax racket/base compiler/cm-accomplice))
(provide ext-size)
(define-syntax (file-size-of stx)
  (syntax-case stx ()
    [(_ name)
     (let* ([dir (or (current-load-relative-directory) (current-directory))]
            [p (simplify-path (build-path dir (syntax-e #'name)))])
       (register-external-file p)
       (datum->syntax stx (file-size p)))]))
(define ext-size (file-size-of "ext.txt"))
`,
  'colls/wscoll/main.rkt': `#lang racket/base
(require "shapes.rkt" "incl.rkt" "sexp.rkt" "reader-user.rkt" "lazy-user.rkt" "matcher.rkt" "ext.rkt" wscoll/util)
(provide run)
(define (run) (list (area 3 4) table eight answer one-hundred-one (classify '(1 2)) ext-size (double 21)))
`,
  'colls/wscoll/show.rkt': '#lang racket/base\n(require "main.rkt")\n(write (run))\n(newline)\n',
  'outside/data.rktd': '"outside data"\n',
  'outside/helper.rkt': '#lang racket/base\n(require racket/include)\n(provide greet)\n(define (greet s) (string-append (include "data.rktd") " " s))\n',
  'outside/prog.rkt': '#lang racket/base\n(require "../colls/wscoll/main.rkt" "helper.rkt")\n(displayln (greet (format "~s" (run))))\n',
};
const TARGETS = ['outside/prog.rkt', 'colls/wscoll/show.rkt'];
const RUN_RESULT = '(12 ((a . 1) (b . 2)) 8 (1 2 3) 101 3 14 42)';
/** Every module the targets compile. */
const WORKSPACE_MODULES = Object.keys(WORKSPACE).filter((f) => f.endsWith('.rkt')).sort();

type DepMap = Map<string, ReturnType<typeof readDep>>;
const readAllDeps = (root: string): DepMap =>
  new Map(
    listFiles(root)
      .filter((f) => f.endsWith('.dep'))
      .map((f) => [moduleOfDepFile(f), readDep(join(root, f))]),
  );
const zoHashes = (root: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(snapshotCompiled(root))
      .filter(([rel]) => rel.endsWith('.zo'))
      .map(([rel, s]) => [rel, s.sha1]),
  );

describe.skipIf(!hasRacketAndRaco())('make-interop: .dep files equal raco\'s (same absolute path)', () => {
  let tree: TempTree;
  let racoDeps: DepMap;
  let racoZo: Record<string, string>;
  /** Modules whose freshly written raco IMPORTS raco's own checker rejected at the next touch. */
  let racoRejected: string[];
  let ourDeps: DepMap;

  // Tree A (raco) is built, examined and moved aside; tree B (ours) is then built in its place, so
  // that the absolute paths inside the .dep files are the same.
  beforeAll(async () => {
    tree = createTempTree(WORKSPACE, 'nx-raco-interop-ws-');
    const opts = collectsEnv(tree.root);
    const a = await runRaco(tree.root, ['-v', ...TARGETS], opts);
    if (a.code !== 0) throw new Error(`raco make failed:\n${a.stderr}`);
    racoDeps = readAllDeps(tree.root);
    racoZo = zoHashes(tree.root);
    // Every module is an argument: a target whose source is newer is re-hashed without its
    // dependencies being checked themselves (racket-notes §2.2 rule 3), so naming only the
    // targets would leave most modules unexamined.
    setTreeMtimes(tree.root, { compiled: BASE, sources: BASE + 1 });
    const recheck = await runRaco(tree.root, WORKSPACE_MODULES, opts);
    if (recheck.code !== 0) throw new Error(`raco make (re-check) failed:\n${recheck.stderr}`);
    racoRejected = work(recheck.events, tree.root).filter((w) => w.startsWith('compile ')).map((w) => w.slice('compile '.length));

    moveTree(tree.root, `${tree.root}-raco`);
    copySources(`${tree.root}-raco`, tree.root);
    const b = await runOurs(tree.root, ['-v', ...TARGETS], opts);
    if (b.code !== 0 || b.stderr !== '') throw new Error(`nx-raco make failed (${b.code}):\n${b.stderr}`);
    ourDeps = readAllDeps(tree.root);
  }, WORKSPACE_TIMEOUT_MS);

  afterAll(() => {
    tree.dispose();
    if (process.env[KEEP_TMP_ENV] === undefined) rmSync(`${tree.root}-raco`, { recursive: true, force: true });
  });

  it('both tools compile every module of the fixture', () => {
    expect([...racoDeps.keys()].sort()).toEqual(WORKSPACE_MODULES);
    expect([...ourDeps.keys()].sort()).toEqual(WORKSPACE_MODULES);
  });

  it('records the same version, machine, source hash and dependency list, in the same order', () => {
    for (const m of WORKSPACE_MODULES) {
      const { version, machine, src, assume, entries } = ourDeps.get(m)!;
      const r = racoDeps.get(m)!;
      expect({ version, machine, src, assume, entries }, m).toEqual({ version: r.version, machine: r.machine, src: r.src, assume: r.assume, entries: r.entries });
    }
    // The fixture does exercise every encoding (racket-notes §1.2).
    const all = [...ourDeps.values()].flatMap((d) => d.entries).join('\n');
    expect(all).toContain(`#"${tree.root}/outside/helper.rkt"`);
    expect(all).toContain('(collects #"wscoll" #"main.rkt")');
    expect(all).toContain('(collects #"s-exp" #"lang" #"reader.rkt")');
    expect(all).toContain('(collects #"wscoll" #"rdr.rkt")');
    expect(all).toContain('(ext collects #"wscoll" #"data.rktd")');
    expect(all).toContain(`(ext . #"${tree.root}/outside/data.rktd")`);
    expect(all).toContain('(ext collects #"wscoll" #"ext.txt")');
    expect(all).toContain('(indirect collects #"wscoll" #"heavy.rkt")');
    expect(all).toContain('(indirect collects #"racket" #"match" #"gen-match.rkt")');
  });

  it('writes the same .zo bytes', () => {
    expect(zoHashes(tree.root)).toEqual(racoZo);
  });

  it('writes raco\'s IMPORTS hash, except where raco\'s own checker rejects raco\'s value (split-root quirk) and downstream of it', () => {
    expect(racoRejected.length, 'raco rejects some of its own IMPORTS after a clean build (racket-notes §12.4)').toBeGreaterThan(0);
    const graph = readModuleGraph(tree.root, tree.path('colls'));
    const explained = withDependents(graph, racoRejected);
    const differing = WORKSPACE_MODULES.filter((m) => ourDeps.get(m)!.imports !== racoDeps.get(m)!.imports);
    expect(differing.filter((m) => !explained.has(m)), 'IMPORTS differing from raco\'s for no documented reason').toEqual([]);
    // …and everywhere in reach of the quirk they do differ: ours is what raco's checker computes.
    expect(differing).toEqual([...explained].sort());
    // Not vacuous: some modules are outside the quirk's reach and compare exactly.
    expect(WORKSPACE_MODULES.length - differing.length).toBeGreaterThanOrEqual(5);
  });

  it('a no-change rebuild: raco make -v prints no making line and nx-raco does nothing', async () => {
    const opts = collectsEnv(tree.root);
    const raco = await runRaco(tree.root, ['-v', ...TARGETS], opts);
    expect(raco.code).toBe(0);
    expect(makingLines(raco.stdout)).toEqual([]);
    const ours = await runOurs(tree.root, ['-v', ...TARGETS], opts);
    expect(ours.code).toBe(0);
    expect(makingLines(ours.stdout)).toEqual([]);
    expect(work(ours.events, tree.root)).toEqual([]);
  });

  it('the programs run from our .zo files', async () => {
    const run = await requireWithLoadSpy(tree.root, [tree.path('outside/prog.rkt'), tree.path('colls/wscoll/show.rkt')], collectsEnv(tree.root));
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`outside data ${RUN_RESULT}\n${RUN_RESULT}\n`);
    const ws = run.loaded.filter((p) => p.startsWith(`${tree.root}/`));
    expect(ws.filter((p) => !p.endsWith('.zo'))).toEqual([]);
    // Compile-time-only modules (rdr, lazy, heavy) need not be loaded to run.
    for (const m of WORKSPACE_MODULES.filter((x) => !/\/(rdr|lazy|heavy)\.rkt$/.test(x))) expect(ws).toContain(tree.path(compiledFilesOf(m).zo));
  });

  it('touching a leaf (util.rkt): raco make --vv finds it and its dependents hash-equivalent and compiles nothing', async () => {
    setTreeMtimes(tree.root, { sources: BASE + 300, compiled: BASE + 301 });
    setMtime(tree.path('colls/wscoll/util.rkt'), BASE + 305);
    const raco = await runRaco(tree.root, ['--vv', ...TARGETS], collectsEnv(tree.root));
    expect(raco.code).toBe(0);
    const verdicts = traceVerdicts(raco.stdout);
    expect(verdicts.compiled).toEqual([]);
    expect(verdicts.differentDeps).toEqual([]);
    const expected = [...withDependents(readModuleGraph(tree.root, tree.path('colls')), ['colls/wscoll/util.rkt'])].sort();
    expect(expected).toEqual(['colls/wscoll/main.rkt', 'colls/wscoll/mylang.rkt', 'colls/wscoll/sexp.rkt', 'colls/wscoll/shapes.rkt', 'colls/wscoll/show.rkt', 'colls/wscoll/util.rkt', 'outside/prog.rkt']);
    expect([...new Set(verdicts.hashEquivalent)].sort()).toEqual(expected.map((m) => tree.path(compiledFilesOf(m).zo)).sort());
    expect(work(raco.events, tree.root)).toEqual(expected.map((m) => `touch ${m}`));
  });

  it('touching every source: raco finds every module hash-equivalent and only touches', async () => {
    setTreeMtimes(tree.root, { compiled: BASE + 400, sources: BASE + 401 });
    const raco = await runRaco(tree.root, ['--vv', ...WORKSPACE_MODULES], collectsEnv(tree.root));
    expect(raco.code).toBe(0);
    const verdicts = traceVerdicts(raco.stdout);
    expect(verdicts.compiled).toEqual([]);
    expect(verdicts.differentDeps).toEqual([]);
    expect(work(raco.events, tree.root)).toEqual(WORKSPACE_MODULES.map((m) => `touch ${m}`));
  });
});

describe.skipIf(!hasRacketAndRaco())('make-interop: collection-relative .dep entries survive moving the tree', () => {
  it(
    'after the whole tree is renamed, neither raco make nor nx-raco make finds anything to do inside the collection',
    async () => {
      const tree = useTempTree(WORKSPACE, 'nx-raco-interop-move-');
      const built = await runOurs(tree.root, TARGETS, collectsEnv(tree.root));
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);

      const main = readDep(tree.path(compiledFilesOf('colls/wscoll/main.rkt').dep)).entries;
      expect(main).toContain('(collects #"wscoll" #"shapes.rkt")');
      expect(main).toContain('(collects #"wscoll" #"util.rkt")');
      expect(main.join(' ')).not.toContain(tree.root);
      // Reached by a relative path from outside, recorded through the collection all the same.
      expect(readDep(tree.path(compiledFilesOf('outside/prog.rkt').dep)).entries).toEqual([
        `#"${tree.root}/outside/helper.rkt"`,
        '(collects #"racket" #"base.rkt")',
        '(collects #"racket" #"runtime-config.rkt")',
        '(collects #"wscoll" #"main.rkt")',
      ]);

      const moved = `${tree.root}-moved`;
      moveTree(tree.root, moved);
      removeWhenTestFinishes(moved);
      const opts = collectsEnv(moved);
      const inColl = compilableModules(join(moved, 'colls/wscoll')).map((m) => `colls/wscoll/${m}`);
      expect(inColl.length).toBe(WORKSPACE_MODULES.filter((m) => m.startsWith('colls/')).length);

      const raco = await runRaco(moved, ['-v', ...inColl], opts);
      expect(raco.code).toBe(0);
      expect(makingLines(raco.stdout)).toEqual([]);
      expect(work(raco.events, moved)).toEqual([]);

      const ours = await runOurs(moved, ['-v', ...inColl], opts);
      expect(ours.code).toBe(0);
      expect(makingLines(ours.stdout)).toEqual([]);
      expect(work(ours.events, moved)).toEqual([]);

      const run = await requireWithLoadSpy(moved, [join(moved, 'colls/wscoll/show.rkt')], opts);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${RUN_RESULT}\n`);
      expect(run.loaded.filter((p) => p.startsWith(`${moved}/`) && !p.endsWith('.zo'))).toEqual([]);

      // IMPORTS of collection modules do not depend on where the tree is: after a touch of every
      // collection source, raco re-hashes each module at the new place and only touches.
      setTreeMtimes(join(moved, 'colls'), { compiled: BASE + 500, sources: BASE + 501 });
      const recheck = await runRaco(moved, ['--vv', ...inColl], opts);
      expect(recheck.code).toBe(0);
      expect(traceVerdicts(recheck.stdout).compiled).toEqual([]);
      expect(work(recheck.events, moved)).toEqual(inColl.map((m) => `touch ${m}`).sort());
    },
    WORKSPACE_TIMEOUT_MS,
  );
});

describe.skipIf(!hasRacketAndRaco())('make-interop: a reader that stops early', () => {
  it('raco make builds everything when stdout is closed after the first line; nx-raco make must too', async () => {
    const tree = useTempTree({
      'b.rkt': "(module b '#%kernel (#%provide b) (define-values (b) 1))\n",
      'a.rkt': "(module a '#%kernel (#%require \"b.rkt\") (display b))\n",
    }, 'nx-raco-interop-epipe-');
    assertBuiltCliIsFresh();
    const bin = join(fileURLToPath(new URL('../../../', import.meta.url)), 'packages/setup-executor/bin/nx-raco.js');
    for (const [tool, command, args] of [
      ['raco', 'raco', ['make', '-v', 'a.rkt']],
      ['nx-raco', process.execPath, [bin, 'make', '-v', 'a.rkt']],
    ] as const) {
      rmSync(tree.path('compiled'), { recursive: true, force: true });
      const child = spawn(command, args, { cwd: tree.root, stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.once('data', () => child.stdout.destroy()); // what `| head -1` does
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect({ tool, code, a: tree.exists('compiled/a_rkt.zo'), b: tree.exists('compiled/b_rkt.zo') }).toEqual({ tool, code: 0, a: true, b: true });
    }
  });
});
