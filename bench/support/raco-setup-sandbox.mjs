// The real `raco setup` on a copy of a fixture workspace, kept away from the Racket installation
// and from the user's Racket directories: the bench's few lines of
// packages/setup-executor/test/support/raco-setup-sandbox.ts (test files are not imported from
// here), synchronous because the benchmarks time with spawnSync.
//
// A sandbox is `<dir>/ws` (the fixture's copy, linked with `raco link -u -d`, so its top-level
// directories are collections), `<dir>/addon` (PLTADDONDIR) and `<dir>/home` (HOME). Every
// command gets exactly that environment plus PATH (`env -i`), and runs as `nobody`
// (`runuser -u nobody --`) when we are root, on a world-writable copy, so a stray write into the
// installation fails instead of happening. `raco setup` only ever runs as `-l <collection>…`
// after the flags in ALLOWED_FLAGS: raco once set up the whole installation after an argument it
// did not expect.
//
// Fragile: the parent of each sandbox must be traversable by `nobody` (setup-bench.mjs chmods its
// temp root 0755); `-c` is deliberately not allowed (it bootstraps setup from source, ~2 min).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_OUTPUT_BYTES, tail, timeCommand } from './runs.mjs';

export const SANDBOX_USER = 'nobody';
const SETUP_TIMEOUT_MS = 300_000;

/** Flags passed on to raco setup, with the number of arguments each takes. */
const ALLOWED_FLAGS = new Map([
  ['-j', 1],
  ['--fast-clean', 0],
  ['-D', 0],
  ['-x', 0],
  ['-i', 0],
  ['-I', 0],
  ['-n', 0],
]);

/**
 * Throws unless `args` is allowed flags followed by `-l` and at least one collection name.
 * @example checkRacoSetupArgs(['-j', '1', '-l', 'alpha']) //=> undefined
 */
export function checkRacoSetupArgs(args) {
  const refuse = (why) => {
    throw new Error(`[setup-bench] Expected raco setup arguments ending in \`-l <collection>…\`, got \`${args.join(' ')}\`: ${why}. This is a bug in bench/setup-bench.mjs.`);
  };
  const at = args.indexOf('-l');
  if (at === -1) refuse('no -l');
  const collections = args.slice(at + 1);
  if (collections.length === 0) refuse('-l names no collection');
  for (const name of collections) {
    if (!/^[A-Za-z0-9_+-][A-Za-z0-9_+\-/.]*$/.test(name) || name.startsWith('-') || name.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      refuse(`\`${name}\` is not a collection name`);
    }
  }
  for (let i = 0; i < at; i += 1) {
    const arity = ALLOWED_FLAGS.get(args[i]);
    if (arity === undefined) refuse(`\`${args[i]}\` is not an allowed flag`);
    if (arity === 1 && (i + 1 >= at || !/^\d+$/.test(args[i + 1]))) refuse(`\`${args[i]}\` needs a number`);
    i += arity;
  }
}

function isRoot() {
  return process.getuid?.() === 0;
}

/** The argv running `command` with exactly `env`, as SANDBOX_USER when we are root. */
export function sandboxArgv(command, args, env) {
  const inEnv = ['env', '-i', ...Object.entries(env).map(([name, value]) => `${name}=${value}`), command, ...args];
  return isRoot() ? ['runuser', '-u', SANDBOX_USER, '--', ...inEnv] : inEnv;
}

/** Why raco setup cannot be sandboxed here, or `undefined` when it can. */
export function whyNoRacoSetupSandbox() {
  if (!isRoot()) return undefined;
  const r = spawnSync('runuser', ['-u', SANDBOX_USER, '--', 'true'], { timeout: 10_000 });
  return r.status === 0 ? undefined : `we are root and \`runuser -u ${SANDBOX_USER} -- true\` failed (${r.error?.message ?? `exit ${r.status}`})`;
}

/**
 * A sandbox in the new directory `dir` holding a copy of `fixture` (without compiled/), linked.
 * `runRacoSetup(args)` times `raco setup ARGS` there (timeCommand's result).
 */
export function createRacoSetupSandbox(dir, fixture) {
  const workspace = join(dir, 'ws');
  const addonDir = join(dir, 'addon');
  const home = join(dir, 'home');
  cpSync(fixture, workspace, { recursive: true, filter: (src) => !src.split('/').includes('compiled') });
  mkdirSync(addonDir);
  mkdirSync(home);
  const chmod = spawnSync('chmod', ['-R', 'a+rwX', dir], { timeout: 30_000, encoding: 'utf8' });
  if (chmod.status !== 0) throw new Error(`[setup-bench] chmod -R a+rwX ${dir} failed: ${chmod.stderr}`);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PLTADDONDIR: addonDir };
  const run = (command, args) => {
    const [program, ...rest] = sandboxArgv(command, args, env);
    return spawnSync(program, rest, { cwd: workspace, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, timeout: SETUP_TIMEOUT_MS });
  };
  const link = run('raco', ['link', '-u', '-d', workspace]);
  if (link.status !== 0) throw new Error(`[setup-bench] raco link -u -d ${workspace} failed (${link.error?.message ?? `exit ${link.status}`}): ${tail(link.stderr)}`);
  return {
    workspace,
    addonDir,
    runRacoSetup(args) {
      checkRacoSetupArgs(args);
      const [program, ...rest] = sandboxArgv('raco', ['setup', ...args], env);
      return timeCommand(program, rest, undefined, workspace);
    },
  };
}
