/**
 * `nx-raco env [DIR]`: the shell settings under which plain `racket` and `raco make` see the
 * workspace's collections exactly as `nx-raco` and the Nx `setup` executor do
 * (`eval "$(npx nx-raco env)"`). DIR defaults to the current directory (the workspace root).
 * Nothing in the Racket installation or the user's Racket directories is involved: only
 * `PLTCOLLECTS` is set, with a trailing `:` so Racket's own collections stay visible.
 */
import { existsSync, statSync } from 'node:fs';
import { formatWorkspaceEnv } from '../plugin/workspace-env.js';
import type { CommandOutput } from './info-command.js';

/**
 * Runs `nx-raco env`; resolves to the exit status.
 * @example runEnvCommand(['examples/workspace'], output) // prints export PLTCOLLECTS='/…/examples/workspace:'
 */
export function runEnvCommand(args: readonly string[], output: CommandOutput): number {
  if (args.length > 1 || args[0] === '--help' || args[0] === '-h') {
    output.stderr('usage: nx-raco env [DIR]  (prints `export PLTCOLLECTS=…` for the workspace at DIR, default .)\n');
    return args.length > 1 ? 1 : 0;
  }
  const dir = args[0] ?? process.cwd();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    output.stderr(`nx-raco env: ${dir} is not a directory. Pass the workspace root (the directory with nx.json).\n`);
    return 1;
  }
  const text = formatWorkspaceEnv(dir);
  if (text === '') {
    output.stderr(`nx-raco env: no Racket collections (info.rkt files) found under ${dir}; nothing to set.\n`);
    return 0;
  }
  output.stdout(text);
  return 0;
}
