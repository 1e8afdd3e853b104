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
// after known flags: the guard shared with the tests, scripts/raco-setup-guard.mjs.
//
// Fragile: the parent of each sandbox must be traversable by `nobody` (setup-bench.mjs chmods its
// temp root 0755); the benchmarks never use `-c` (it bootstraps setup from source, ~2 min).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkRacoSetupArgs, isRoot, sandboxArgv as guardedArgv } from '../../scripts/raco-setup-guard.mjs';
import { MAX_OUTPUT_BYTES, tail, timeCommand } from './runs.mjs';

const SETUP_TIMEOUT_MS = 300_000;

export { checkRacoSetupArgs, SANDBOX_USER, whyNoRacoSetupSandbox } from '../../scripts/raco-setup-guard.mjs';

/** The argv that runs `command` with exactly `env`, as the sandbox user when we are root. */
export function sandboxArgv(command, args, env) {
  return guardedArgv(command, args, env, isRoot());
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
