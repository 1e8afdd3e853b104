// `nx-raco setup` against the real `raco setup` on the fixture workspace
// packages/setup-executor/test/fixtures/setup-every-field (collections alpha and beta: compiling,
// installers, launchers, two Scribble documents), in the same run, printed as ratios.
//
// Scenarios, each timed once per repeat on separate fresh temp copies of the fixture:
//   full      `setup -j 1 alpha beta` on a fresh copy
//   no-op     the same command again on the tree `full` built
//   full -D   `setup -j 1 -D alpha beta` on a fresh copy (documentation dominates `full`)
// Ours runs `node packages/setup-executor/bin/nx-raco.js setup …` with the copy as cwd (its
// package.json makes it the workspace root), Racket's developer settings removed from the
// environment and an empty temp PLTADDONDIR of its own. raco runs `raco setup … -l alpha beta` in a
// sandbox (support/raco-setup-sandbox.mjs: the copy linked with `raco link -u -d`, a temp
// PLTADDONDIR and HOME, `env -i`, `runuser -u nobody --` when we are root); copying and linking
// are outside the timings, the wrapper is inside, and its cost is printed next to the table.
// The order of the two tools alternates between repeats.
//
// Timing never fails anything: a failing run shows as "failed" in its row and the exit code stays
// 0. The benchmark throws (bench/run.mjs then exits 1) only when it cannot run at all: no built
// CLI, no racket/raco, or no way to sandbox raco setup.
//
// Usage: node bench/setup-bench.mjs [--repeat N]   (after `npm run build`)
//   --repeat N   median of N runs per scenario (default 3)
// Environment: NX_RACO_KEEP_TMP keeps the temp dir (its path is printed).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withTempRoot } from './support/corpus.mjs';
import { createRacoSetupSandbox, sandboxArgv, whyNoRacoSetupSandbox } from './support/raco-setup-sandbox.mjs';
import { hasBuildOutput, median, OURS_CLI, parsePositiveInteger, tail, timeCommand } from './support/runs.mjs';

const FIXTURE = fileURLToPath(new URL('../packages/setup-executor/test/fixtures/setup-every-field', import.meta.url));
const COLLECTIONS = ['alpha', 'beta'];
const SCENARIOS = ['full', 'no-op', 'full -D'];
const WRAPPER_SAMPLES = 5;

/** Variables a developer may set that change what Racket, raco and our CLI do. */
const RACKET_SETTINGS = ['PLTSTDERR', 'PLTSYSLOG', 'PLTCOLLECTS', 'PLTCOMPILEDROOTS', 'PLT_COMPILE_ANY', 'PLT_COMPILED_FILE_CHECK', 'PLT_SETUP_OPTIONS', 'PLTUSERHOME', 'PLT_ZO_PATH'];

/**
 * Parses the setup-bench flags out of `argv`. Flags it does not know are rejected when `strict`
 * (standalone use) and ignored otherwise (bench/run.mjs has flags of its own).
 */
export function parseSetupBenchArgs(argv, { strict = true } = {}) {
  const options = { repeat: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--repeat') options.repeat = parsePositiveInteger(arg, argv[++i]);
    else if (strict) throw new Error(`unknown argument \`${arg}\`. Use --repeat N.`);
  }
  return options;
}

/** Whether `command args` runs and exits 0 (`raco --version` is an error: raco wants a command). */
function runsOk(command, args) {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

/** Our copy: the fixture in `<dir>/ws`, and an empty PLTADDONDIR in `<dir>/addon`. */
function createOurCopy(dir) {
  const workspace = join(dir, 'ws');
  const addonDir = join(dir, 'addon');
  cpSync(FIXTURE, workspace, { recursive: true, filter: (src) => !src.split('/').includes('compiled') });
  mkdirSync(addonDir);
  const env = { ...process.env, PLTADDONDIR: addonDir };
  for (const name of RACKET_SETTINGS) delete env[name];
  return {
    workspace,
    addonDir,
    runSetup: (flags) => timeCommand(process.execPath, [OURS_CLI, 'setup', ...flags, ...COLLECTIONS], env, workspace),
  };
}

/** `compiled/*.zo|.dep` files under `root`, relative and sorted, for the agreement note. */
function listCompiledFiles(root, dir = root, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listCompiledFiles(root, path, out);
    else if (/(^|\/)compiled\/[^/]+\.(zo|dep)$/.test(relative(root, path))) out.push(relative(root, path));
  }
  return out.sort();
}

/** Median ms of the sandbox wrapper alone (`runuser … env -i … true`): part of every raco time. */
function timeWrapper() {
  const [program, ...rest] = sandboxArgv('true', [], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
  return median(Array.from({ length: WRAPPER_SAMPLES }, () => timeCommand(program, rest).seconds * 1000));
}

function printRow(name, ours, raco) {
  const ms = (side) => (side.failed ? 'failed' : side.ms.toFixed(1)).padStart(8);
  const ratio = ours.failed || raco.failed ? '-' : `${(ours.ms / raco.ms).toFixed(2)}×`;
  console.log(`${name.padEnd(34)} nx-raco ${ms(ours)} ms   raco setup ${ms(raco)} ms   ratio ${ratio}`);
}

/** Runs the whole comparison; throws only when it cannot run at all. */
export function runSetupBench(options) {
  if (!hasBuildOutput()) throw new Error(`${OURS_CLI} has no build output; run \`npm run build\` first`);
  for (const [tool, args] of [['racket', ['--version']], ['raco', ['help']]]) {
    if (!runsOk(tool, args)) throw new Error(`\`${tool} ${args.join(' ')}\` did not run; install Racket 8.7 to compare with raco setup`);
  }
  const why = whyNoRacoSetupSandbox();
  if (why !== undefined) throw new Error(`cannot sandbox raco setup: ${why}`);
  if (!existsSync(FIXTURE)) throw new Error(`fixture ${FIXTURE} is missing`);

  withTempRoot('nx-raco-setup-bench-', (tempRoot) => {
    const root = realpathSync(tempRoot);
    // `nobody` has to reach the sandboxes below; mkdtemp made the root 0700.
    chmodSync(root, 0o755);
    const samples = new Map(SCENARIOS.flatMap((s) => [[`${s}\0ours`, []], [`${s}\0raco`, []]]));
    const failures = new Set();
    const notes = new Set();
    let copies = 0;
    const fresh = () => {
      copies += 1;
      const dir = join(root, String(copies));
      mkdirSync(join(dir, 'ours'), { recursive: true });
      mkdirSync(join(dir, 'raco'));
      return { ours: createOurCopy(join(dir, 'ours')), raco: createRacoSetupSandbox(join(dir, 'raco'), FIXTURE) };
    };
    const record = (scenario, tool, result, where) => {
      samples.get(`${scenario}\0${tool}`).push(result.seconds * 1000);
      if (!result.ok) {
        failures.add(`${scenario}\0${tool}`);
        console.log(`  ${scenario}: ${tool === 'ours' ? 'nx-raco setup' : 'raco setup'} failed (exit ${result.status}) in ${where}; output tail:\n${tail(`${result.stdout ?? ''}${result.stderr ?? ''}`).replace(/^/gm, '    | ')}`);
      }
    };
    const runBoth = (scenario, pair, flags, rep) => {
      const runOurs = () => record(scenario, 'ours', pair.ours.runSetup(flags), pair.ours.workspace);
      const runRaco = () => record(scenario, 'raco', pair.raco.runRacoSetup([...flags, '-l', ...COLLECTIONS]), pair.raco.workspace);
      if (rep % 2 === 0) {
        runRaco();
        runOurs();
      } else {
        runOurs();
        runRaco();
      }
    };
    const noteAgreement = (scenario, pair) => {
      const ours = listCompiledFiles(pair.ours.workspace);
      const theirs = listCompiledFiles(pair.raco.workspace);
      const same = ours.length === theirs.length && ours.every((f, i) => f === theirs[i]);
      notes.add(`after ${scenario}: same compiled files as raco: ${same ? `yes (${ours.length})` : `no (ours ${ours.length}, raco ${theirs.length})`}`);
      if (readdirSync(pair.ours.addonDir).length > 0) notes.add(`after ${scenario}: nx-raco wrote into its temp PLTADDONDIR`);
    };

    for (let rep = 1; rep <= options.repeat; rep++) {
      const pair = fresh();
      runBoth('full', pair, ['-j', '1'], rep);
      if (rep === 1) noteAgreement('full', pair);
      runBoth('no-op', pair, ['-j', '1'], rep);
      const noDocs = fresh();
      runBoth('full -D', noDocs, ['-j', '1', '-D'], rep);
      if (rep === 1) noteAgreement('full -D', noDocs);
    }

    console.log(`raco setup vs nx-raco setup on setup-every-field (alpha beta, -j 1): median of ${options.repeat}`);
    for (const scenario of SCENARIOS) {
      const side = (tool) => ({ ms: median(samples.get(`${scenario}\0${tool}`)), failed: failures.has(`${scenario}\0${tool}`) });
      printRow(`setup ${scenario}`, side('ours'), side('raco'));
    }
    for (const note of notes) console.log(`${''.padEnd(34)} (${note})`);
    console.log(`${''.padEnd(34)} (raco times include its sandbox wrapper, ${timeWrapper().toFixed(1)} ms alone)`);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    runSetupBench(parseSetupBenchArgs(process.argv.slice(2)));
    process.exit(0);
  } catch (error) {
    console.error(`setup-bench: could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
