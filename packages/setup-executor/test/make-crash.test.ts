/**
 * Crash safety of `nx-raco make`: killing it (and its Racket compile server) with SIGKILL at
 * random moments never leaves a `.zo`/`.dep` pair that Racket rejects or that makes the next
 * build wrong (racket-notes §1.5: old `.zo` deleted, `.dep` renamed into place, then the `.zo`).
 *
 * Fixture: 16 `(module mI '#%kernel …)` modules in a chain with diamonds (mI requires mI+1 and
 * mI+2) plus `side.rkt` (requires m5 and m12); m0 and side print their value, which depends on
 * every constant below them. A clean build takes a second or two.
 *
 * Each round first ages the tree (all mtimes moved back together, see `ageTree`), then changes it
 * (seeded PRNG): edit one module's constant (it and its
 * dependents recompile), touch one source (hash-equivalent: only `.zo` mtimes move), delete the
 * `compiled` directory (full build), or nothing (resume). Then it starts the CLI as a process
 * group and SIGKILLs the group after a delay drawn from 0 ms to the duration of a clean build
 * (measured once beforehand). Checked after every round, in JS:
 *  - every `compiled/*.zo` has its `.dep`; no other files but leftover `*.nxraco-*.tmp`;
 *  - every `.dep` is one well-formed line `("8.7" ta6le (SRC . IMPORTS) DEPS…)\n` whose SRC is
 *    the hash of some version of the source this test wrote, and whose dependency list is the
 *    module's requires.
 * Every FULL_CHECK_EVERY rounds and after the last round the build is run to completion —
 * alternately by nx-raco (then `raco make -v` must print no `making` line: Racket accepts every
 * pair) and by raco straight from the state the kill left (it must succeed; then `nx-raco make -v`
 * must find nothing to do) — and:
 *  - Racket runs m0 and side from the `.zo` files (a `current-load` spy) and they print the values
 *    the current constants give (no stale code);
 *  - every `.dep` text and `.zo` byte equals those of a clean build of the same sources by
 *    nx-raco at the same absolute path (the crashed tree is moved aside meanwhile).
 *
 * The same loop runs a second time with `-j 2` (fewer rounds): parallel builds also leave
 * cross-process lock files when killed; those are allowed after a kill, but a finished build must
 * have taken over and removed every stale one.
 *
 * NX_RACO_CRASH_ROUNDS (default 50), NX_RACO_CRASH_ROUNDS_J2 (default 10, 0 skips) and
 * NX_RACO_CRASH_SEED set the round counts and the seed;
 * NX_RACO_KEEP_TMP=1 keeps the tree. Needs racket/raco 8.7 and the built CLI.
 */
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTempTree,
  hasRacketAndRaco,
  listFiles,
  parseDepText,
  runOurs,
  runRaco,
  sha1Hex,
  snapshotCompiled,
  startedWork,
  type FileTree,
} from './support/make-harness.js';
import {
  copySources,
  makeRandom,
  makingLines,
  moveTree,
  removeWhenTestFinishes,
  requireWithLoadSpy,
  splitDepEntries,
  startNxRacoMake,
} from './support/interop-support.js';

const ROUNDS = Number(process.env['NX_RACO_CRASH_ROUNDS'] ?? 50);
/** Rounds of the `-j 2` variant (parallel builds hold cross-process lock files). */
const PARALLEL_ROUNDS = Number(process.env['NX_RACO_CRASH_ROUNDS_J2'] ?? 10);
const SEED = Number(process.env['NX_RACO_CRASH_SEED'] ?? 20_261_121);
const FULL_CHECK_EVERY = 10;
/** Generous: a round takes ~1 s, a full check ~4 s, both several times that on a loaded machine. */
const timeoutFor = (rounds: number): number => 60_000 + rounds * 6_000;

// ---------------------------------------------------------------------------------------------
// Fixture

interface ModuleSpec {
  readonly name: string;
  readonly deps: readonly string[];
  /** Top modules display their value when instantiated. */
  readonly prints: boolean;
}

const CHAIN = 16;
const MODULES: readonly ModuleSpec[] = [
  ...Array.from({ length: CHAIN }, (_, i) => ({
    name: `m${i}`,
    deps: [i + 1, i + 2].filter((j) => j < CHAIN).map((j) => `m${j}`),
    prints: i === 0,
  })),
  { name: 'side', deps: ['m5', 'm12'], prints: true },
];
const TARGETS = ['m0.rkt', 'side.rkt'];
const BY_NAME = new Map(MODULES.map((m) => [m.name, m]));

/** A kernel module: some helper lambdas (so compiling is not instant), then v = sum of deps + k. */
function moduleSource(spec: ModuleSpec, k: number): string {
  const lines = [`(module ${spec.name} '#%kernel`];
  if (spec.deps.length > 0) lines.push(`  (#%require ${spec.deps.map((d) => `"${d}.rkt"`).join(' ')})`);
  lines.push(`  (#%provide v-${spec.name})`);
  for (let f = 0; f < 20; f += 1) {
    lines.push(`  (define-values (f${f}) (lambda (x) (if (pair? x) (f${f} (cdr x)) (list x ${f} "${spec.name}-${f}"))))`);
  }
  lines.push(`  (define-values (k) ${k})`);
  lines.push(`  (define-values (v-${spec.name}) (+ k ${spec.deps.map((d) => `v-${d}`).join(' ')}))`);
  if (spec.prints) lines.push(`  (display v-${spec.name})`, '  (newline)');
  return `${lines.join('\n')})\n`;
}

function valueOf(name: string, constants: ReadonlyMap<string, number>, memo = new Map<string, number>()): number {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const spec = BY_NAME.get(name)!;
  const v = constants.get(name)! + spec.deps.reduce((sum, d) => sum + valueOf(d, constants, memo), 0);
  memo.set(name, v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Checks

const TMP_FILE = /\.nxraco-\d+-\d+\.tmp$/;
/** Cross-process module locks of parallel builds (@nx-raco/parallel-build `file-lock.ts`). */
const LOCK_FILE = /\.nxraco-lock/;

interface DirState {
  readonly tmpFiles: number;
  readonly lockFiles: number;
  /** `.dep` files without their `.zo` (a kill between writing the two, or a kept `.dep`). */
  readonly depsWithoutZo: number;
}

/** Cheap invariants of `root/compiled` after a kill. Throws (via expect) on a violation. */
function checkCompiledDir(root: string, sourceHistory: ReadonlyMap<string, ReadonlySet<string>>, label: string, allowLocks: boolean): DirState {
  let names: string[];
  try {
    names = readdirSync(join(root, 'compiled'));
  } catch {
    return { tmpFiles: 0, lockFiles: 0, depsWithoutZo: 0 }; // killed before anything was written
  }
  const unexpected = names.filter((n) => !TMP_FILE.test(n) && !(allowLocks && LOCK_FILE.test(n)) && !/^[a-z0-9]+_rkt\.(zo|dep)$/.test(n));
  expect(unexpected, `${label}: unexpected files in compiled/`).toEqual([]);
  const has = new Set(names);
  for (const n of names.filter((x) => x.endsWith('_rkt.zo'))) {
    expect(has.has(n.replace(/\.zo$/, '.dep')), `${label}: compiled/${n} has no .dep`).toBe(true);
  }
  let depsWithoutZo = 0;
  for (const n of names.filter((x) => x.endsWith('_rkt.dep'))) {
    const name = n.replace(/_rkt\.dep$/, '');
    const spec = BY_NAME.get(name);
    expect(spec, `${label}: compiled/${n} belongs to no module`).toBeDefined();
    const text = readFileSync(join(root, 'compiled', n), 'latin1');
    expect(text.startsWith('("8.7" ta6le ("'), `${label}: compiled/${n} = ${JSON.stringify(text)}`).toBe(true);
    const dep = parseDepText(text); // throws on a torn or malformed record
    expect(dep.assume, `${label}: compiled/${n}`).toBeUndefined();
    expect(sourceHistory.get(name)?.has(dep.src), `${label}: compiled/${n} records a source hash this test never wrote`).toBe(true);
    expect(splitDepEntries(dep.deps), `${label}: compiled/${n} dependencies`).toEqual(spec!.deps.map((d) => `#"${root}/${d}.rkt"`).sort());
    if (!has.has(`${name}_rkt.zo`)) depsWithoutZo += 1;
  }
  return {
    tmpFiles: names.filter((n) => TMP_FILE.test(n)).length,
    lockFiles: names.filter((n) => LOCK_FILE.test(n)).length,
    depsWithoutZo,
  };
}

/** `.dep` texts and `.zo` hashes under `root` (temporary and lock files are not included). */
function compiledContents(root: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(snapshotCompiled(root)).map(([rel, s]) => [rel, rel.endsWith('.dep') ? s.text! : `sha1 ${s.sha1}`]),
  );
}

/**
 * Moves every mtime in the tree (sources and compiled files alike, so their order is kept) far
 * enough into the past that whatever is written next lands in a later second than anything there.
 *
 * Why: CM compares a dependency's `.zo` time with the dependent's by whole seconds with a strict
 * `>` (cm-minimal.rkt:328, racket-notes §2.2 rule 5), so when a dependency is rebuilt in the same
 * second in which its dependent's `.zo` was written, the dependent is never re-checked and keeps
 * code compiled against the old dependency (cross-module inlining makes that visible). raco 8.7
 * does exactly the same — `raco make a.rkt; <edit c.rkt>; raco make a.rkt` within one second
 * leaves a requiring b that requires c stale for good — so this is not what the test is about;
 * between rounds a person would not edit and rebuild within the second the last build wrote in.
 */
function ageTree(root: string): void {
  const paths = listFiles(root).map((rel) => join(root, rel));
  const newest = Math.max(...paths.map((p) => Math.floor(statSync(p).mtimeMs / 1000)));
  const shift = newest - Math.floor(Date.now() / 1000) + 1;
  if (shift <= 0) return;
  for (const p of paths) {
    const t = statSync(p).mtimeMs / 1000 - shift;
    utimesSync(p, t, t);
  }
}

const sleep = (ms: number): Promise<'timeout'> => new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));

// ---------------------------------------------------------------------------------------------
// The loop

interface CrashOptions {
  /** Extra `nx-raco make` options, e.g. `['-j', '2']`. */
  readonly makeArgs: readonly string[];
  readonly rounds: number;
  readonly seed: number;
}

async function runCrashRounds({ makeArgs, rounds, seed }: CrashOptions): Promise<void> {
  const parallel = makeArgs.includes('-j');
  const constants = new Map(MODULES.map((m) => [m.name, 1]));
  const history = new Map(MODULES.map((m) => [m.name, new Set<string>()]));
  const files: Record<string, string> = {};
  for (const m of MODULES) {
    files[`${m.name}.rkt`] = moduleSource(m, 1);
    history.get(m.name)!.add(sha1Hex(files[`${m.name}.rkt`]!));
  }
  const root = createTempTree(files satisfies FileTree, 'nx-raco-crash-').root;
  removeWhenTestFinishes(root);
  const writeModule = (name: string): void => {
    const text = moduleSource(BY_NAME.get(name)!, constants.get(name)!);
    history.get(name)!.add(sha1Hex(text));
    writeFileSync(join(root, `${name}.rkt`), text);
  };
  const expectedOutput = (): string => `${valueOf('m0', constants)}\n${valueOf('side', constants)}\n`;
  const start = (dir: string): ReturnType<typeof startNxRacoMake> => startNxRacoMake(dir, [...makeArgs, ...TARGETS]);
  /** Runs the CLI to completion; returns its exit status and stderr. */
  const buildToCompletion = async (dir: string): Promise<{ code: number | null; stderr: string }> => {
    const run = start(dir);
    const { code } = await run.exited;
    await run.killGroup(); // the compile server should be gone already; make sure before reading files
    return { code, stderr: run.stderr() };
  };

  // The clean-build duration bounds the kill delays; the first build only warms caches.
  let cleanBuildMs = 0;
  for (const attempt of ['warm-up', 'measured']) {
    const t0 = performance.now();
    const clean = await buildToCompletion(root);
    cleanBuildMs = performance.now() - t0;
    expect(clean, `the ${attempt} clean build`).toEqual({ code: 0, stderr: '' });
    rmSync(join(root, 'compiled'), { recursive: true });
  }

  /**
   * Finishes the build after the kills and checks the result. `finisher` says which tool
   * finishes it; the other one must then find nothing to do.
   */
  const fullCheck = async (label: string, finisher: 'nx-raco' | 'raco'): Promise<void> => {
    if (finisher === 'nx-raco') {
      const done = await buildToCompletion(root);
      expect(done, `${label}: our build after the kills`).toEqual({ code: 0, stderr: '' });
      const raco = await runRaco(root, ['-v', ...TARGETS]);
      expect(raco.code, `${label}: raco make`).toBe(0);
      expect(makingLines(raco.stdout), `${label}: raco make -v after our build`).toEqual([]);
      expect(startedWork(raco.events, root), `${label}: raco's work after our build`).toEqual([]);
      // A finished build leaves no lock behind, stale ones included.
      expect(checkCompiledDir(root, history, label, parallel).lockFiles, `${label}: lock files after a finished build`).toBe(0);
    } else {
      // Racket must accept (or rebuild) whatever a kill left, without failing.
      const raco = await runRaco(root, TARGETS);
      expect({ code: raco.code, stderr: raco.stderr }, `${label}: raco make after the kills`).toEqual({ code: 0, stderr: '' });
      const ours = await runOurs(root, ['-v', ...TARGETS]);
      expect(ours.code, `${label}: nx-raco make`).toBe(0);
      expect(makingLines(ours.stdout), `${label}: nx-raco make -v after raco's build`).toEqual([]);
      expect(startedWork(ours.events, root), `${label}: our work after raco's build`).toEqual([]);
      checkCompiledDir(root, history, label, parallel);
    }

    const run = await requireWithLoadSpy(root, TARGETS.map((t) => join(root, t)));
    expect(run.stderr, `${label}: running m0 and side`).toBe('');
    expect(run.stdout, `${label}: m0 and side print the current values`).toBe(expectedOutput());
    expect(run.loaded.filter((p) => !p.endsWith('.zo')).filter((p) => p.startsWith(`${root}/`)), `${label}: loaded from source`).toEqual([]);

    // A clean build of the same sources at the same absolute path (the .dep files embed it).
    const crashed = compiledContents(root);
    const aside = `${root}-crashed`;
    moveTree(root, aside);
    try {
      copySources(aside, root);
      const reference = await buildToCompletion(root);
      expect(reference, `${label}: the reference build`).toEqual({ code: 0, stderr: '' });
      expect(crashed, `${label}: compiled files equal a clean build's`).toEqual(compiledContents(root));
    } finally {
      rmSync(root, { recursive: true, force: true });
      moveTree(aside, root);
    }
  };

  const rng = makeRandom(seed);
  const stats = { killed: 0, finished: 0, edits: 0, touches: 0, cleans: 0, maxTmpFiles: 0, maxLockFiles: 0, roundsWithDepWithoutZo: 0, roundsMs: 0, fullChecksMs: 0 };
  for (let round = 1; round <= rounds; round += 1) {
    ageTree(root);
    const action = rng();
    if (action < 0.55) {
      // Biased towards the leaves, whose edits recompile long chains of dependents.
      const name = `m${Math.floor(Math.sqrt(rng()) * CHAIN)}`;
      constants.set(name, constants.get(name)! + 1);
      writeModule(name);
      stats.edits += 1;
    } else if (action < 0.7) {
      const now = Date.now() / 1000;
      utimesSync(join(root, `${MODULES[Math.floor(rng() * MODULES.length)]!.name}.rkt`), now, now);
      stats.touches += 1;
    } else if (action < 0.8) {
      rmSync(join(root, 'compiled'), { recursive: true, force: true });
      stats.cleans += 1;
    }
    const delay = rng() * cleanBuildMs;

    const roundStart = performance.now();
    const run = start(root);
    const outcome = await Promise.race([run.exited, sleep(delay)]);
    await run.killGroup();
    const label = `${makeArgs.join(' ') || 'sequential'} round ${round} (seed ${seed}, delay ${Math.round(delay)} ms)`;
    if (outcome === 'timeout') stats.killed += 1;
    else {
      stats.finished += 1;
      expect({ code: outcome.code, stderr: run.stderr() }, `${label}: a build that was not killed`).toEqual({ code: 0, stderr: '' });
    }

    const state = checkCompiledDir(root, history, label, parallel);
    stats.maxTmpFiles = Math.max(stats.maxTmpFiles, state.tmpFiles);
    stats.maxLockFiles = Math.max(stats.maxLockFiles, state.lockFiles);
    if (state.depsWithoutZo > 0) stats.roundsWithDepWithoutZo += 1;
    stats.roundsMs += performance.now() - roundStart;
    if (round % FULL_CHECK_EVERY === 0 || round === rounds) {
      const checkStart = performance.now();
      ageTree(root);
      // Alternate the finisher: ours at rounds 10, 30, 50…, raco at 20, 40….
      await fullCheck(label, round % (2 * FULL_CHECK_EVERY) === 0 ? 'raco' : 'nx-raco');
      stats.fullChecksMs += performance.now() - checkStart;
    }
  }

  const leftover = readdirSync(join(root, 'compiled')).filter((n) => TMP_FILE.test(n)).length;
  console.log(
    `[make-crash] nx-raco make ${makeArgs.join(' ') || '(sequential)'}: ${rounds} rounds, seed ${seed}, clean build ${Math.round(cleanBuildMs)} ms: ` +
      `${stats.killed} killed while running, ${stats.finished} finished first; ` +
      `${stats.edits} edits, ${stats.touches} touches, ${stats.cleans} cleans; ` +
      `${stats.roundsWithDepWithoutZo} rounds left a .dep without its .zo; ` +
      `leftover *.nxraco-*.tmp files: ${leftover} at the end (max ${stats.maxTmpFiles} after a round); ` +
      `lock files after a kill: max ${stats.maxLockFiles}; ` +
      `time in rounds ${Math.round(stats.roundsMs / 1000)} s, in full checks ${Math.round(stats.fullChecksMs / 1000)} s`,
  );
  // Not vacuous: most kills must land while the CLI is still working.
  expect(stats.killed).toBeGreaterThanOrEqual(Math.ceil(rounds / 4));
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasRacketAndRaco())('make-crash: SIGKILL at random moments', () => {
  it(
    `${ROUNDS} killed sequential builds (seed ${SEED}) never leave a pair Racket rejects or that makes the next build wrong`,
    () => runCrashRounds({ makeArgs: [], rounds: ROUNDS, seed: SEED }),
    timeoutFor(ROUNDS),
  );

  it.skipIf(PARALLEL_ROUNDS === 0)(
    `${PARALLEL_ROUNDS} killed -j 2 builds (seed ${SEED + 1}) leave no bad pair either, and a finished build leaves no lock file`,
    () => runCrashRounds({ makeArgs: ['-j', '2'], rounds: PARALLEL_ROUNDS, seed: SEED + 1 }),
    timeoutFor(PARALLEL_ROUNDS),
  );
});
