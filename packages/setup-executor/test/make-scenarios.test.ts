/**
 * Scenario suite: `nx-raco make` against `raco make` (Racket 8.7), one scenario per row of
 * racket-notes §2.6 plus dependency cycles and compile errors.
 *
 * Method. Every scenario has its own group of modules, present twice: under `raco/` (tree A,
 * built only by raco) and `ours/` (tree B, built only by nx-raco). Both trees are built and
 * *settled* once for the whole suite (`settleTrees`: raco's first re-check after its own clean
 * build recompiles modules with collection deps on this Debian layout, §2.4/§12.4), then get
 * identical mtimes. A scenario applies the same edit to both (same bytes, same explicit mtimes),
 * rebuilds A with raco and B with ours, and requires
 *  - the same exit status and the same multiset of (event, path relative to the tree) — we
 *    compile, recompile, touch and leave alone exactly what raco does; raco's own work must also
 *    match what §2.6 documents, so a change in the reference shows up as such;
 *  - the same error text (up to the Racket stack) when the build fails;
 *  - the same compiled files: `.zo` bytes (they are relocatable within a directory, §12.1) and
 *    `.dep` texts with the tree's path replaced; the IMPORTS hash embeds absolute paths, so it is
 *    checked instead by recomputing it (§2.4) in both trees, and for modules with collection
 *    deps by letting raco re-check tree B after touching every source (it must only touch);
 *  - touched modules keep their `.dep` (bytes and mtime) and `.zo` bytes; only the `.zo` mtime moves;
 *  - afterwards: a no-change rebuild does no work with either tool, `raco make -v` on tree B
 *    prints no `making`, and the program prints what it should.
 *
 * Documented difference: ours writes IMPORTS with the dependency hashes found through *all*
 * compiled-file roots, where raco 8.7 uses only the first root when writing (the split-root quirk,
 * §2.4 and compile-root.ts). So ours settles in one round and raco in two, and after a racket/base
 * module is recompiled raco's `.dep` holds the "quirky" IMPORTS while ours holds the value raco's
 * checker computes. Such IMPORTS are never compared between the trees.
 *
 * Time: explicit whole-second mtimes in the past, no sleeping. Needs `racket`/`raco` 8.7 on PATH
 * and the built CLI (`npx tsc -b tsconfig.build.json`). NX_RACO_KEEP_TMP=1 keeps the trees.
 */
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import {
  BASE,
  EDITED,
  FIRST_SETTLE_ROUND,
  KERNEL,
  RECHECK,
  SCENARIOS,
  SCENARIO_TIMEOUT_MS,
  SETTLED,
  type GroupEditor,
  type ScenarioContext,
  type Snapshot,
} from './fixtures/make-scenarios.js';
import {
  compiledFilesOf,
  computeImportsHash,
  comparableStderr,
  createTempTree,
  eventKeys,
  hasRacketAndRaco,
  listFiles,
  makeEveryModuleStale,
  mtimeSeconds,
  parseDepText,
  resolveInside,
  runOurs,
  runRaco,
  runRacket,
  setMtime,
  setTreeMtimes,
  settleTrees,
  snapshotCompiled,
  startedWork,
  type FileTree,
  type SettleReport,
  type TempTree,
  type ToolRun,
} from './support/make-harness.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** Group files of every scenario, under `raco/ID/` and `ours/ID/`. */
function treeFiles(): FileTree {
  const files: Record<string, string> = {};
  for (const s of SCENARIOS) {
    for (const tool of ['raco', 'ours']) {
      for (const [rel, text] of Object.entries(s.fixture)) files[`${tool}/${s.id}/${rel}`] = text as string;
    }
  }
  return files;
}

let tree: TempTree;

function editorFor(dirs: readonly string[]): GroupEditor {
  // Paths relative to the temp root, refusing any that escape the group.
  const inTree = (dir: string, rel: string): string => relative(tree.root, resolveInside(dir, rel));
  return {
    write(rel, text, mtime = EDITED) {
      for (const dir of dirs) tree.write(inTree(dir, rel), text, mtime);
    },
    touch(rel, mtime = EDITED) {
      for (const dir of dirs) setMtime(tree.path(inTree(dir, rel)), mtime);
    },
    remove(rel) {
      for (const dir of dirs) tree.remove(inTree(dir, rel));
    },
    rewrite(rel, change) {
      for (const dir of dirs) {
        const path = inTree(dir, rel);
        tree.write(path, change(tree.read(path), dir), mtimeSeconds(tree.path(path)));
      }
    },
  };
}

/** A run's status and events relative to `dir`, the shape both tools must agree on. */
function outcome(run: ToolRun, dir: string): { code: number | null; events: string[] } {
  return { code: run.code, events: eventKeys(run.events, dir) };
}

/**
 * Snapshot made comparable between trees: `.zo` by SHA-1 unless it embeds the group path;
 * `.dep` with the group path replaced and IMPORTS masked when the module has dependencies (their
 * hashes embed absolute paths, or, for collection modules, depend on raco's quirk).
 */
function relocatable(snapshot: Snapshot, dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rel, state] of Object.entries(snapshot)) {
    if (state.text === undefined) {
      // Code that embeds its own source path (racket/base lambdas) cannot match across trees.
      out[rel] = state.embedsPath === true ? 'embeds the group path' : `sha1 ${state.sha1}`;
      continue;
    }
    let text = state.text.split(dir).join('<group>');
    try {
      const dep = parseDepText(state.text);
      if (dep.deps !== '') text = text.replace(dep.imports, '<imports>');
    } catch {
      // a hand-edited or corrupt .dep is compared as it is
    }
    out[rel] = text;
  }
  return out;
}

/** The `.dep` of each of `modules` in `snapshot` (of `dir`) records the IMPORTS that §2.4 computes, where computable. */
function expectImportsHashes(expect: ExpectStatic, dir: string, snapshot: Snapshot, modules: Iterable<string>, label: string): void {
  for (const m of modules) {
    const { dep } = compiledFilesOf(m);
    const expected = computeImportsHash(dir, dep);
    if (expected !== undefined) expect(parseDepText(snapshot[dep]!.text!).imports, `${label}: IMPORTS of ${m}`).toBe(expected);
  }
}

/** Modules with a `.dep` under `dir`, as `x.rkt` names. */
function modulesIn(snapshot: Snapshot): string[] {
  return Object.keys(snapshot)
    .filter((rel) => rel.endsWith('.dep'))
    .map((rel) => rel.replace(/^(.*)compiled\/(.*)_rkt\.dep$/, '$1$2.rkt'));
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasRacketAndRaco())('setup-executor/make-scenarios', () => {
  let settle: SettleReport;
  let settled: { raco: Record<string, Snapshot>; ours: Record<string, Snapshot> };
  const side = (tool: 'raco' | 'ours'): string => join(tree.root, tool);

  beforeAll(async () => {
    tree = createTempTree(treeFiles(), 'nx-raco-make-scenarios-');
    setTreeMtimes(tree.root, { sources: BASE, compiled: BASE });
    const targets = SCENARIOS.map((s) => `${s.id}/a.rkt`);
    settle = await settleTrees({ raco: side('raco'), ours: side('ours') }, targets, { firstRound: FIRST_SETTLE_ROUND, settled: SETTLED });
    settled = { raco: {}, ours: {} };
    for (const s of SCENARIOS) {
      for (const tool of ['raco', 'ours'] as const) settled[tool][s.id] = snapshotCompiled(join(side(tool), s.id));
    }
  }, 120_000);

  afterAll(() => tree?.dispose());

  it('settles: ours only touches after its own clean build; raco may recompile racket/base modules once', ({ expect }) => {
    const compiled = (round: readonly string[]): string[] => round.filter((w) => !w.startsWith('touch '));
    const racketBaseModules = SCENARIOS.filter((s) => s.fixture !== KERNEL)
      .flatMap((s) => Object.keys(s.fixture).filter((f) => f.endsWith('.rkt')).map((f) => `compile ${s.id}/${f}`))
      .sort();
    expect(settle.ours.map(compiled), 'ours: work per touch-all round').toEqual([[]]);
    // The split-root quirk (racket-notes §2.4, §12.4): raco's first re-check may recompile modules
    // with collection deps, once. Which ones depends on CM's memo order in the run, so only the
    // bound is asserted.
    expect(settle.raco.length, JSON.stringify(settle.raco)).toBeLessThanOrEqual(2);
    for (const round of settle.raco) expect(racketBaseModules, 'raco recompiles only racket/base modules').toEqual(expect.arrayContaining(compiled(round)));
    for (const s of SCENARIOS) {
      const [raco, ours] = [settled.raco[s.id]!, settled.ours[s.id]!];
      const [dirA, dirB] = [join(side('raco'), s.id), join(side('ours'), s.id)];
      expect(relocatable(ours, dirB), s.id).toEqual(relocatable(raco, dirA));
      // A .dep without path deps does not depend on where the tree is: after settling, raco's
      // checker has replaced its first-root IMPORTS (racket-notes §2.4) by the all-roots value,
      // which is what ours writes, so the texts are identical.
      for (const [rel, state] of Object.entries(ours)) {
        if (state.text !== undefined && !state.text.includes(' #"/')) expect(state.text, `${s.id}/${rel}`).toBe(raco[rel]?.text);
      }
      expectImportsHashes(expect, dirA, raco, modulesIn(raco), `raco ${s.id}`);
      expectImportsHashes(expect, dirB, ours, modulesIn(ours), `ours ${s.id}`);
    }
  });

  describe.concurrent('racket-notes §2.6 scenarios', () => {
    for (const s of SCENARIOS) {
      (s.bug === undefined ? it : it.fails)(`${s.id}: ${s.name}`, async ({ expect }) => {
        const dirs = { raco: join(side('raco'), s.id), ours: join(side('ours'), s.id) };
        const target = `${s.id}/a.rkt`;
        const snapshot = (): ScenarioContext['before'] => ({ raco: snapshotCompiled(dirs.raco), ours: snapshotCompiled(dirs.ours) });
        const original = snapshot();
        s.edit?.(editorFor([dirs.raco, dirs.ours]));
        const before = snapshot();
        const context: ScenarioContext = { expect, dirs, original, before, after: snapshot };

        let code: number | null = 0;
        for (const [index, step] of s.steps.entries()) {
          const options = step.env === undefined ? undefined : { env: step.env };
          const [raco, ours] = await Promise.all([runRaco(side('raco'), [target], options), runOurs(side('ours'), [target], options)]);
          const label = `step ${index + 1}`;
          expect({ code: raco.code, work: startedWork(raco.events, dirs.raco) }, `${label}: raco does what racket-notes §2.6 says\n${raco.stderr}`).toEqual({
            code: step.code ?? 0,
            work: [...step.work].sort(),
          });
          expect(outcome(ours, dirs.ours), `${label}: ours does what raco does; ours: ${JSON.stringify(ours.events)}\n${ours.stderr}`).toEqual(
            outcome(raco, dirs.raco),
          );
          if (step.reasons !== undefined) {
            const reasons = Object.fromEntries(ours.events.filter((e) => e.type.startsWith('start-')).map((e) => [e.path.slice(dirs.ours.length + 1), e.reason]));
            expect(reasons, `${label}: our reasons`).toEqual(step.reasons);
          }
          if (raco.code !== 0) {
            const [racoError, ourError] = [comparableStderr(raco.stderr, side('raco')), comparableStderr(ours.stderr, side('ours'))];
            if (step.error !== undefined) expect(racoError.some((line) => step.error!.test(line)), racoError.join('\n')).toBe(true);
            expect(ourError, `${label}: error text`).toEqual(racoError);
          }
          step.check?.(context);
          code = raco.code;
        }

        const after = context.after();
        expect(relocatable(after.ours, dirs.ours), 'compiled files: ours vs raco').toEqual(relocatable(after.raco, dirs.raco));
        const compiledDirEntries = (dir: string): string[] => listFiles(dir).filter((f) => f.split('/').includes('compiled'));
        expect(compiledDirEntries(dirs.ours), 'compiled/ entries (no temporary files left)').toEqual(compiledDirEntries(dirs.raco));
        for (const tool of ['raco', 'ours'] as const) {
          // After a failed build, only rewritten .dep files must be consistent (others may be stale).
          const checked = modulesIn(after[tool]).filter((m) => code === 0 || after[tool][compiledFilesOf(m).dep]?.text !== before[tool][compiledFilesOf(m).dep]?.text);
          expectImportsHashes(expect, dirs[tool], after[tool], checked, tool);
          for (const m of s.touched ?? []) {
            const { dep, zo } = compiledFilesOf(m);
            expect(after[tool][dep], `${tool}: ${dep} not rewritten`).toEqual(before[tool][dep]);
            expect(after[tool][zo]?.sha1, `${tool}: ${zo} bytes`).toBe(before[tool][zo]?.sha1);
            expect(after[tool][zo]!.mtime, `${tool}: ${zo} touched`).toBeGreaterThan(before[tool][zo]!.mtime);
          }
          for (const m of s.kept ?? []) {
            for (const file of Object.values(compiledFilesOf(m))) expect(after[tool][file], `${tool}: ${file} kept`).toEqual(before[tool][file]);
          }
        }
        if (code !== 0) return;

        // A no-change rebuild does nothing (ours on B; raco on A, and on B as a cross-check, in
        // one process), and the program runs from both trees.
        const [oursAgain, racoAgain, programs] = await Promise.all([
          runOurs(side('ours'), [target]),
          runRaco(tree.root, ['-v', `raco/${target}`, `ours/${target}`]),
          runRacket(tree.root, ['-t', `raco/${target}`, '-t', `ours/${target}`]),
        ]);
        expect(outcome(oursAgain, dirs.ours), 'ours: no-change rebuild').toEqual({ code: 0, events: [] });
        expect({ ...outcome(racoAgain, tree.root), making: racoAgain.stdout.match(/^ *making .*$/gm) ?? [] }, 'raco -v on trees A and B').toEqual({
          code: 0,
          events: [],
          making: [],
        });
        expect({ code: programs.code, stdout: programs.stdout, stderr: programs.stderr }, 'programs in trees A and B').toEqual({
          code: 0,
          stdout: `${s.output}${s.output}`,
          stderr: '',
        });

        // Deep cross-check where IMPORTS hash collection modules (not recomputed here): raco re-checks
        // every recorded hash in tree B and must only touch.
        if (Object.values(after.ours).some((state) => state.text?.includes('(collects'))) {
          makeEveryModuleStale(dirs.ours, ['a.rkt'], RECHECK);
          const recheck = await runRaco(side('ours'), [target]);
          expect({ code: recheck.code, work: startedWork(recheck.events, dirs.ours).filter((w) => !w.startsWith('touch ')) }, 'raco re-checking tree B').toEqual({
            code: 0,
            work: [],
          });
        }
      }, SCENARIO_TIMEOUT_MS);
    }
  });
});
