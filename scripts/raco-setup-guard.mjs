// The guard every real `raco setup` run of the tests and benchmarks goes through (the tests'
// packages/setup-executor/test/support/raco-setup-sandbox.ts and bench/support/raco-setup-sandbox.mjs),
// kept in one place because it is what stands between a typo and a set-up installation: raco
// 8.7 once set up the whole installation after an argument it did not expect. So raco setup only
// runs as known flags followed by `-l <collection>…`, with exactly the sandbox's environment
// (`env -i`), and as `nobody` when we are root, so a stray write into the installation fails.
// Plain JavaScript so that bench/ (run by node, unbuilt) and the TypeScript tests share it; types
// in raco-setup-guard.d.mts.
import { spawnSync } from 'node:child_process';

/** The unprivileged user sandboxed commands run as when we are root. */
export const SANDBOX_USER = 'nobody';

/** Flags passed on to raco setup, with the number of arguments each takes. */
const ALLOWED_FLAGS = new Map([
  ['-j', 1],
  ['-c', 0],
  // `-c`'s flags without bootstrapping (setup-cmdline.rkt:72-78, setup/main.rkt:203-213):
  // `-c` loads setup's own modules from source first, ~75 s of CPU on this machine.
  ['--fast-clean', 0],
  ['-D', 0],
  ['-x', 0],
  ['-i', 0],
  ['-I', 0],
  ['-n', 0],
  ['-v', 0],
]);

/**
 * Throws unless `args` is known flags followed by `-l` and at least one collection name, the
 * only shape that cannot make raco set up the whole installation.
 * @example checkRacoSetupArgs(['-j', '1', '-l', 'alpha']) //=> undefined
 */
export function checkRacoSetupArgs(args) {
  const refuse = (why) => {
    throw new Error(`[raco-setup-guard] Expected raco setup arguments ending in \`-l <collection>…\`, got \`${args.join(' ')}\`: ${why}`);
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
    i += arity ?? 0;
  }
}

/** Whether this process runs as root (so sandboxed commands run as SANDBOX_USER). */
export function isRoot() {
  return process.getuid?.() === 0;
}

/**
 * The argv that runs `command` with exactly `env`, as SANDBOX_USER when `asUser` is set.
 * @example sandboxArgv('raco', ['setup'], { PLTADDONDIR: '/t/addon' }, true)
 * //=> ['runuser', '-u', 'nobody', '--', 'env', '-i', 'PLTADDONDIR=/t/addon', 'raco', 'setup']
 */
export function sandboxArgv(command, args, env, asUser) {
  const inEnv = ['env', '-i', ...Object.entries(env).map(([name, value]) => `${name}=${value}`), command, ...args];
  return asUser ? ['runuser', '-u', SANDBOX_USER, '--', ...inEnv] : inEnv;
}

/** Why raco setup cannot be sandboxed here (root without `runuser`/`nobody`), or undefined. */
export function whyNoRacoSetupSandbox() {
  if (!isRoot()) return undefined;
  const r = spawnSync('runuser', ['-u', SANDBOX_USER, '--', 'true'], { timeout: 10_000 });
  return r.status === 0 ? undefined : `we are root and \`runuser -u ${SANDBOX_USER} -- true\` failed (${r.error?.message ?? `exit ${r.status}`})`;
}
