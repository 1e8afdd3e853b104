// Parallel full builds: `nx-raco make -j N` against `raco make -j N` on the same file list, in the
// same run, printed as ratios, plus how close we come to the best any scheduler could do.
//
// Each corpus (a copy of an installed collection: datalog, srfi) is copied twice into a fresh
// temp dir, one copy per tool, and shadows the installation (support/corpus.mjs). Before timing,
// a probe compiles every file with compiler/cm in one racket process and drops the files raco
// cannot compile (it also warms the OS file cache). Then, per repeat: every compiled/ dir removed,
// one full build per tool (the order alternates between repeats).
//
// The lower bound comes from our own build: `--trace` gives each module's compile slice per
// worker; a module's own time is its slice minus the slices nested in it (dependencies compiled
// inside it). With the dependency graph from the .dep files written, the bound is
// max(critical path, total own time / workers): no schedule of these compiles can be shorter.
// It leaves out what a build needs besides compiling (starting Racket, checking files), so a
// ratio of 1.0 is out of reach; the goal is ≤ 1.2×.
//
// Timing never fails anything: goals print as "ok"/"over", exit code 0. Exit 1 only when the
// benchmark could not run (no racket, a corpus missing).
//
// Usage: node bench/parallel-bench.mjs [--quick] [--jobs N] [--repeat N]   (after `npm run build`)
//   --quick      datalog only
//   --jobs N     workers for both tools (default 2)
//   --repeat N   median of N runs (default 1)
// Environment: NX_RACO_KEEP_TMP keeps the temp dir (its path is printed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPORA, findDepFiles, prepareCorpus, removeCompiledDirs, withTempRoot } from './support/corpus.mjs';
import { countRacoMakingLines, hasBuildOutput, median, OURS_CLI, parsePositiveInteger, timeCommand } from './support/runs.mjs';

const GOAL_VS_RACO = 0.8;
const GOAL_VS_BOUND = 1.2;

export function parseArgs(argv) {
  const options = { quick: false, jobs: 2, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--jobs' || arg === '--repeat') options[arg.slice(2)] = parsePositiveInteger(arg, argv[++i]);
    else throw new Error(`unknown argument \`${arg}\`. Use --quick, --jobs N or --repeat N.`);
  }
  return options;
}

/** Own compile time per module (ms) from our trace: each slice minus the slices nested in it. */
function ownTimes(traceFile, collsRoot) {
  const { traceEvents } = JSON.parse(readFileSync(traceFile, 'utf8'));
  // Lock waits nested in a compile (a dependency another worker was compiling) are not its work either.
  const slices = traceEvents.filter((e) => e.ph === 'X').sort((a, b) => a.tid - b.tid || a.ts - b.ts || b.dur - a.dur);
  const own = new Map();
  const stack = [];
  for (const s of slices) {
    while (stack.length > 0 && (stack.at(-1).tid !== s.tid || stack.at(-1).ts + stack.at(-1).dur <= s.ts)) stack.pop();
    const parent = stack.at(-1);
    if (parent !== undefined) own.set(join(collsRoot, parent.name), own.get(join(collsRoot, parent.name)) - s.dur / 1000);
    if (s.cat === 'lock') continue;
    const path = join(collsRoot, s.name);
    own.set(path, (own.get(path) ?? 0) + s.dur / 1000);
    stack.push(s);
  }
  return own;
}

/** Module dependencies (within the copy) from the .dep files: `(collects …)` and absolute entries. */
function dependencyGraph(collsRoot) {
  const deps = new Map();
  for (const depFile of findDepFiles(collsRoot)) {
    const text = readFileSync(depFile, 'latin1');
    const source = join(depFile, '..', '..', depFile.split('/').at(-1).replace(/_([^_]*)\.dep$/, '.$1'));
    const out = new Set();
    for (const m of text.matchAll(/\(collects((?:\s+#"[^"]*")+)\)|#"(\/[^"]*)"/g)) {
      const path = m[1] !== undefined ? join(collsRoot, ...[...m[1].matchAll(/#"([^"]*)"/g)].map((x) => x[1])) : m[2];
      if (path.startsWith(collsRoot)) out.add(path);
    }
    deps.set(source, out);
  }
  return deps;
}

/** max(critical path, total / workers) in seconds, and both parts. */
function lowerBound(own, deps, workers) {
  const memo = new Map();
  const longest = (m, seen = new Set()) => {
    if (memo.has(m)) return memo.get(m);
    if (seen.has(m)) return 0;
    seen.add(m);
    let best = 0;
    for (const d of deps.get(m) ?? []) best = Math.max(best, longest(d, seen));
    seen.delete(m);
    const v = (own.get(m) ?? 0) + best;
    memo.set(m, v);
    return v;
  };
  let critical = 0;
  let total = 0;
  for (const [m, t] of own) {
    total += t;
    critical = Math.max(critical, longest(m));
  }
  return { bound: Math.max(critical, total / workers) / 1000, critical: critical / 1000, total: total / 1000 };
}

function benchCorpus(corpus, options, root) {
  const { raco, us, failed, files } = prepareCorpus(root, corpus);
  console.log(`${corpus.name}: ${files.length} module files; dropped ${failed.size} that raco cannot compile`);
  const jobs = String(options.jobs);
  const times = { raco: [], ours: [], bound: [] };
  let last;
  for (let rep = 1; rep <= options.repeat; rep++) {
    removeCompiledDirs(raco.collsRoot);
    removeCompiledDirs(us.collsRoot);
    const trace = join(root, `${corpus.name}-trace-${rep}.json`);
    const runRaco = () => timeCommand('raco', ['make', '-j', jobs, ...files.map((f) => join(raco.collsRoot, f))], raco.env, raco.collsRoot);
    const runOurs = () => timeCommand(process.execPath, [OURS_CLI, 'make', '-j', jobs, '--trace', trace, ...files.map((f) => join(us.collsRoot, f))], us.env, us.collsRoot);
    let r;
    let o;
    if (rep % 2 === 0) {
      r = runRaco();
      o = runOurs();
    } else {
      o = runOurs();
      r = runRaco();
    }
    if (!o.ok) console.log(`  ours failed (exit ${o.status}):\n${`${o.stdout}${o.stderr}`.split('\n').slice(-15).join('\n')}`);
    if (!r.ok) console.log(`  raco failed (exit ${r.status})`);
    times.raco.push(r.seconds);
    times.ours.push(o.seconds);
    if (o.ok) {
      last = lowerBound(ownTimes(trace, us.collsRoot), dependencyGraph(us.collsRoot), options.jobs);
      times.bound.push(last.bound);
    }
  }
  const { status, making } = countRacoMakingLines(files.map((f) => join(us.collsRoot, f)), us.env);
  console.log(`  raco agrees with our output: ${status === 0 && making === 0 ? 'yes' : `no (${making} making lines)`}`);
  if (last) console.log(`  own compile time ${last.total.toFixed(2)} s, critical path ${last.critical.toFixed(2)} s (last run)`);
  return { corpus: corpus.name, files: files.length, raco: median(times.raco), ours: median(times.ours), bound: times.bound.length ? median(times.bound) : NaN };
}

export function runParallelBench(options) {
  if (!hasBuildOutput()) throw new Error('no build output; run `npm run build` first');
  withTempRoot('nx-raco-parallel-bench-', (root) => {
    const rows = [];
    for (const corpus of CORPORA) if (!options.quick || corpus.quick) rows.push(benchCorpus(corpus, options, root));
    console.log(`\nfull build -j ${options.jobs}: seconds, median of ${options.repeat}; bound = max(critical path, own compile time / ${options.jobs})`);
    console.log(`${'corpus'.padEnd(9)}${'files'.padStart(6)}${'raco s'.padStart(9)}${'ours s'.padStart(9)}${'ours/raco'.padStart(11)}  goal${' '.repeat(9)}${'bound s'.padStart(9)}${'ours/bound'.padStart(12)}  goal`);
    for (const row of rows) {
      const vsRaco = row.ours / row.raco;
      const vsBound = row.ours / row.bound;
      console.log(
        `${row.corpus.padEnd(9)}${String(row.files).padStart(6)}${row.raco.toFixed(2).padStart(9)}${row.ours.toFixed(2).padStart(9)}${`${vsRaco.toFixed(2)}×`.padStart(11)}  ≤ ${GOAL_VS_RACO} ${vsRaco <= GOAL_VS_RACO ? 'ok  ' : 'over'}` +
          `${row.bound.toFixed(2).padStart(9)}${`${vsBound.toFixed(2)}×`.padStart(12)}  ≤ ${GOAL_VS_BOUND} ${vsBound <= GOAL_VS_BOUND ? 'ok' : 'over'}`,
      );
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    runParallelBench(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`parallel-bench: could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
