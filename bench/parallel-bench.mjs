// Parallel full builds: `nx-raco make -j N` against `raco make -j N` on the same file list, in the
// same run, printed as ratios, plus how close we come to the best any scheduler could do.
//
// Each corpus (a copy of an installed collection: datalog, srfi) is copied twice into a fresh
// temp dir, one copy per tool, and put in front of the installation with
// PLTCOLLECTS=<copy>/colls: so the compiled files land next to the copied sources. Before timing,
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
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const OURS_CLI = fileURLToPath(new URL('../packages/setup-executor/bin/nx-raco.js', import.meta.url));
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const GOAL_VS_RACO = 0.8;
const GOAL_VS_BOUND = 1.2;
const CORPORA = [
  { name: 'datalog', collection: 'datalog', quick: true },
  { name: 'srfi', collection: 'srfi', quick: false },
];

export function parseArgs(argv) {
  const options = { quick: false, jobs: 2, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--jobs' || arg === '--repeat') {
      const value = argv[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg}: Expected a positive integer, got \`${value}\` (${typeof value}).`);
      options[arg.slice(2)] = n;
    } else throw new Error(`unknown argument \`${arg}\`. Use --quick, --jobs N or --repeat N.`);
  }
  return options;
}

function findCollectionDirs(collection) {
  const program = `(for ([p (collection-search '(lib ${JSON.stringify(`${collection}/x`)}) #:combine (lambda (r v) (cons v r)) #:init null)]) (let-values ([(dir _n _d) (split-path p)]) (displayln (path->string dir))))`;
  const run = spawnSync('racket', ['-l', 'racket/base', '-l', 'setup/collection-search', '-e', program], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`could not locate collection ${collection}: ${run.stderr || run.error?.message}`);
  const dirs = run.stdout.split('\n').filter(Boolean).reverse().filter((dir) => existsSync(dir));
  if (dirs.length === 0) throw new Error(`collection ${collection} is not installed; install its package or use --quick.`);
  return dirs;
}

function findFiles(root, predicate, out = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'compiled') findFiles(path, predicate, out);
    } else if (predicate(entry.name)) out.push(path);
  }
  return out;
}

function removeCompiledDirs(root) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name);
    if (entry.name === 'compiled') rmSync(path, { recursive: true, force: true });
    else removeCompiledDirs(path);
  }
}

function createSide(root, name, dirs, collection) {
  const collsRoot = join(root, name, 'colls');
  mkdirSync(collsRoot, { recursive: true });
  for (const dir of dirs) cpSync(dir, join(collsRoot, collection), { recursive: true, filter: (s) => !/(^|[\\/])compiled$/.test(s) });
  return { name, collsRoot, env: { ...process.env, PLTCOLLECTS: `${collsRoot}:` } };
}

/** Files raco itself cannot compile (compiled with compiler/cm in one racket). */
function probeFailures(collsRoot, files, env) {
  const listFile = join(collsRoot, '..', 'probe-files.rktd');
  writeFileSync(listFile, `(${files.map((f) => JSON.stringify(join(collsRoot, f))).join(' ')})`);
  const program = `(define files (call-with-input-file ${JSON.stringify(listFile)} read))
    (parameterize ([current-namespace (make-base-empty-namespace)])
      (for ([f files]) (with-handlers ([exn:fail? (lambda (e) (printf "FAILED ~s\\n" f))]) (managed-compile-zo f))))`;
  const run = spawnSync('racket', ['-l', 'racket/base', '-l', 'compiler/cm', '-e', program], { env, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
  if (run.status !== 0) throw new Error(`probe failed to run: ${run.stderr}`);
  return new Set([...run.stdout.matchAll(/^FAILED "(.*)"$/gm)].map((m) => relative(collsRoot, JSON.parse(`"${m[1]}"`))));
}

function timeCommand(command, args, env, cwd) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(command, args, { env, cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, ok: run.status === 0 && !run.error, status: run.status, output: `${run.stdout}${run.stderr}` };
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
  for (const depFile of findCompiledDeps(collsRoot)) {
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

function findCompiledDeps(root, out = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name);
    if (entry.name === 'compiled') out.push(...readdirSync(path).filter((n) => n.endsWith('.dep')).map((n) => join(path, n)));
    else findCompiledDeps(path, out);
  }
  return out;
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

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function benchCorpus(corpus, options, root) {
  const dirs = findCollectionDirs(corpus.collection);
  const raco = createSide(root, `${corpus.name}-raco`, dirs, corpus.collection);
  const us = createSide(root, `${corpus.name}-ours`, dirs, corpus.collection);
  const candidates = findFiles(raco.collsRoot, (n) => n.endsWith('.rkt') && n !== 'info.rkt').map((f) => relative(raco.collsRoot, f)).sort();
  const failed = probeFailures(raco.collsRoot, candidates, raco.env);
  const files = candidates.filter((f) => !failed.has(f));
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
    if (!o.ok) console.log(`  ours failed (exit ${o.status}):\n${o.output.split('\n').slice(-15).join('\n')}`);
    if (!r.ok) console.log(`  raco failed (exit ${r.status})`);
    times.raco.push(r.seconds);
    times.ours.push(o.seconds);
    if (o.ok) {
      last = lowerBound(ownTimes(trace, us.collsRoot), dependencyGraph(us.collsRoot), options.jobs);
      times.bound.push(last.bound);
    }
  }
  const agree = spawnSync('raco', ['make', '-v', ...files.map((f) => join(us.collsRoot, f))], { env: us.env, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
  const making = (agree.stdout.match(/^\s*making /gm) ?? []).length;
  console.log(`  raco agrees with our output: ${agree.status === 0 && making === 0 ? 'yes' : `no (${making} making lines)`}`);
  if (last) console.log(`  own compile time ${last.total.toFixed(2)} s, critical path ${last.critical.toFixed(2)} s (last run)`);
  return { corpus: corpus.name, files: files.length, raco: median(times.raco), ours: median(times.ours), bound: times.bound.length ? median(times.bound) : NaN };
}

export function runParallelBench(options) {
  if (!existsSync(join(OURS_CLI, '..', '..', 'dist', 'cli', 'main.js'))) throw new Error('no build output; run `npm run build` first');
  const root = mkdtempSync(join(tmpdir(), 'nx-raco-parallel-bench-'));
  const rows = [];
  try {
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
  } finally {
    if (process.env.NX_RACO_KEEP_TMP) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    runParallelBench(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`parallel-bench: could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
