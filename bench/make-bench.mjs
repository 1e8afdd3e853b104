// `raco make` against `nx-raco make` on the same module files, in the same run, printed as ratios.
//
// Each corpus (a copy of an installed collection) is copied twice into a fresh temp dir, one copy
// per tool, and shadows the installation (support/corpus.mjs). Scenarios, in this order, on the
// same file list given in the same order to both tools:
//   full -j 1   every compiled/ dir removed, then one build
//   no-op       the same command again, nothing changed
//   edit        `;; bench edit N` appended to the module most other modules' .dep files mention
//   full -j 2   only with --parallel: clean again, then one build with two workers
// Before timing, a probe compiles every file with compiler/cm in one racket process and drops the
// files raco itself cannot compile (it also warms the OS file cache for both tools).
//
// Timing never fails anything: the goals are printed as "ok"/"over" and the exit code is 0
// whatever the ratios are. It is 1 only when the benchmark could not run at all (no racket, a
// corpus could not be found). A failing nx-raco build is reported as "failed" and the run goes on.
//
// Fragile: a .rkt file whose last line is an unterminated block comment would swallow the edit
// marker and turn the edit scenario into a no-op for both tools; the targets chosen today
// (datalog/ast.rkt, srfi/provider.rkt) do not end in one.
//
// Usage: node bench/make-bench.mjs [--quick] [--parallel] [--repeat N]   (after `npm run build`)
//   --quick      datalog only (under a minute)
//   --parallel   also time full builds with -j 2
//   --repeat N   run every measurement N times and report the median (default 1)
// Environment:
//   NX_RACO_BENCH_OURS  command that stands for nx-raco, split on spaces, e.g. "raco make" to
//                       check the harness itself (default: node packages/setup-executor/bin/nx-raco.js make)
//   NX_RACO_KEEP_TMP    keep the temp dir (its path is printed) instead of removing it
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPORA, findDepFiles, prepareCorpus, removeCompiledDirs, withTempRoot } from './support/corpus.mjs';
import { countRacoMakingLines, hasBuildOutput, median, OURS_CLI, parsePositiveInteger, tail, timeCommand } from './support/runs.mjs';

/** Informational goals for ours/raco; a scenario without one just prints its ratio. */
const GOALS = { 'full -j 1': 1.0, 'no-op': 0.3, edit: 1.0 };

/**
 * Parses the make-bench flags out of `argv`. Flags it does not know are rejected when `strict`
 * (standalone use) and ignored otherwise (bench/run.mjs has flags of its own).
 */
export function parseMakeBenchArgs(argv, { strict = true } = {}) {
  const options = { quick: false, parallel: false, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--parallel') options.parallel = true;
    else if (arg === '--repeat') options.repeat = parsePositiveInteger(arg, argv[++i]);
    else if (strict) {
      throw new Error(`unknown argument \`${arg}\`. Use --quick, --parallel or --repeat N.`);
    }
  }
  return options;
}

/** The command standing for nx-raco: NX_RACO_BENCH_OURS split on spaces, or our CLI. */
function getOursCommand() {
  const override = process.env.NX_RACO_BENCH_OURS?.trim();
  if (override) {
    const [command, ...args] = override.split(/\s+/);
    return { command, args, label: override };
  }
  return { command: process.execPath, args: [OURS_CLI, 'make'], label: 'nx-raco make' };
}

/**
 * Picks the module that the most other modules' .dep files mention, as `(collects #"a" #"b.rkt")`
 * (direct or indirect), reading the .dep files raco wrote in `collsRoot`. Ties go to the first
 * path in sort order so both tools and every run agree.
 */
function chooseEditTarget(collsRoot, files) {
  const modules = new Set(files);
  const mentions = new Map();
  for (const depFile of findDepFiles(collsRoot)) {
    const seen = new Set();
    for (const match of readFileSync(depFile, 'latin1').matchAll(/\(collects((?:\s+#"[^"]*")+)\)/g)) {
      const path = [...match[1].matchAll(/#"([^"]*)"/g)].map((m) => m[1]).join('/');
      if (modules.has(path) && !seen.has(path)) {
        seen.add(path);
        mentions.set(path, (mentions.get(path) ?? 0) + 1);
      }
    }
  }
  const ranked = [...mentions].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return ranked.length > 0 ? { file: ranked[0][0], dependents: ranked[0][1] } : { file: files[0], dependents: 0 };
}

function appendEditMarker(file, n) {
  const text = readFileSync(file, 'utf8');
  appendFileSync(file, `${text.endsWith('\n') ? '' : '\n'};; bench edit ${n}\n`);
}

/**
 * Runs `raco make -v` over our copy; any `making` line means raco disagrees with our output.
 * Runs outside the timings, but raco rewrites what it disagrees with, so a "no" also means the
 * scenarios after it were timed on files raco repaired.
 */
function checkRacoAgrees(side, files) {
  const { status, making } = countRacoMakingLines(['-j', '1', ...files], side.env);
  const agrees = status === 0 && making === 0;
  return { agrees, text: `raco agrees: ${agrees ? 'yes' : 'no'} (${making} making lines${status === 0 ? '' : `, raco exit ${status}`})` };
}

/** Benchmarks one corpus; returns table rows and prints notes as it goes. */
function benchCorpus(corpus, options, root, ours) {
  const { dirs, raco, us, failed, files } = prepareCorpus(root, corpus);
  removeCompiledDirs(raco.collsRoot);
  console.log(`${corpus.name}: ${files.length} module files from ${dirs.join(', ')}; dropped ${failed.size} that raco cannot compile${failed.size ? ` (${[...failed].join(', ')})` : ''}`);
  if (files.length === 0) return [];

  const argsFor = (side) => files.map((f) => join(side.collsRoot, f));
  const samples = new Map();
  const failures = new Map();
  const disagreements = new Set();
  const check = (scenario) => {
    const result = checkRacoAgrees(us, argsFor(us));
    if (!result.agrees) disagreements.add(scenario);
    console.log(`  ${corpus.name} after ${scenario}: ${result.text}`);
  };
  const record = (scenario, tool, result, side) => {
    const key = `${scenario}\0${tool}`;
    if (!samples.has(key)) samples.set(key, []);
    samples.get(key).push(result.seconds);
    if (!result.ok) {
      failures.set(key, true);
      const who = tool === 'raco' ? 'raco make' : ours.label;
      console.log(`  ${corpus.name} ${scenario}: ${who} failed (exit ${result.status}) in ${side.collsRoot}; stderr tail:\n${tail(result.stderr || result.stdout).replace(/^/gm, '    | ')}`);
    }
    return result;
  };
  let rep = 0;
  // Whichever tool runs first after a clean or an edit is measurably slower on a busy machine, so
  // the order alternates between repeats.
  const runBoth = (scenario, jobs) => {
    const runRaco = () => record(scenario, 'raco', timeCommand('raco', ['make', '-j', String(jobs), ...argsFor(raco)], raco.env), raco);
    const runOurs = () => record(scenario, 'ours', timeCommand(ours.command, [...ours.args, '-j', String(jobs), ...argsFor(us)], us.env), us);
    if (rep % 2 === 1) {
      runRaco();
      return runOurs();
    }
    const result = runOurs();
    runRaco();
    return result;
  };

  let editTarget;
  const scenarios = ['full -j 1', 'no-op', 'edit', ...(options.parallel ? ['full -j 2'] : [])];
  for (rep = 1; rep <= options.repeat; rep++) {
    removeCompiledDirs(raco.collsRoot);
    removeCompiledDirs(us.collsRoot);
    const full = runBoth('full -j 1', 1);
    if (rep === 1 && full.ok) check('full -j 1');

    runBoth('no-op', 1);

    editTarget ??= chooseEditTarget(raco.collsRoot, files);
    appendEditMarker(join(raco.collsRoot, editTarget.file), rep);
    appendEditMarker(join(us.collsRoot, editTarget.file), rep);
    const edit = runBoth('edit', 1);
    if (rep === 1 && edit.ok) check('edit');

    if (options.parallel) {
      removeCompiledDirs(raco.collsRoot);
      removeCompiledDirs(us.collsRoot);
      const parallel = runBoth('full -j 2', 2);
      if (rep === 1 && parallel.ok) check('full -j 2');
    }
  }
  console.log(`  ${corpus.name} edit target: ${editTarget.file} (mentioned by ${editTarget.dependents} other .dep files)`);

  return scenarios.map((scenario) => ({
    corpus: corpus.name,
    files: files.length,
    scenario,
    raco: median(samples.get(`${scenario}\0raco`)),
    ours: median(samples.get(`${scenario}\0ours`)),
    racoFailed: failures.has(`${scenario}\0raco`),
    oursFailed: failures.has(`${scenario}\0ours`),
    racoDisagrees: disagreements.has(scenario),
  }));
}

function printTable(rows, options, ours) {
  console.log(`\nraco make vs ${ours.label}: seconds, median of ${options.repeat}; ratio = ours / raco; goals are informational`);
  console.log(`${'corpus'.padEnd(9)}${'files'.padStart(6)}  ${'scenario'.padEnd(11)}${'raco s'.padStart(9)}${'ours s'.padStart(9)}${'ratio'.padStart(9)}  goal`);
  for (const row of rows) {
    const goal = GOALS[row.scenario];
    let ratio = `${(row.ours / row.raco).toFixed(2)}×`;
    let verdict = goal === undefined ? '' : `≤ ${goal.toFixed(1)} ${row.ours / row.raco <= goal ? 'ok' : 'over'}`;
    if (row.oursFailed || row.racoFailed) {
      ratio = '-';
      verdict = row.oursFailed ? 'failed' : 'raco failed';
    } else if (row.racoDisagrees) verdict = [verdict, 'but raco disagrees'].filter(Boolean).join(', ');
    console.log(`${row.corpus.padEnd(9)}${String(row.files).padStart(6)}  ${row.scenario.padEnd(11)}${row.raco.toFixed(2).padStart(9)}${row.ours.toFixed(2).padStart(9)}${ratio.padStart(9)}  ${verdict}`);
  }
}

/** Runs the whole comparison; throws only when it cannot run at all. */
export function runMakeBench(options) {
  const ours = getOursCommand();
  if (!process.env.NX_RACO_BENCH_OURS && !hasBuildOutput()) {
    console.log(`make-bench: ${OURS_CLI} has no build output yet; run \`npm run build\` first (its rows will show "failed").`);
  }
  withTempRoot('nx-raco-make-bench-', (root) => {
    const rows = [];
    for (const corpus of CORPORA) {
      if (options.quick && !corpus.quick) continue;
      rows.push(...benchCorpus(corpus, options, root, ours));
    }
    printTable(rows, options, ours);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    runMakeBench(parseMakeBenchArgs(process.argv.slice(2)));
    process.exit(0);
  } catch (error) {
    console.error(`make-bench: could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
