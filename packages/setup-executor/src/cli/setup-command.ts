/**
 * `nx-raco setup [option ...] [collection ...]`: raco setup over the workspace's collections
 * (`../setup-command/`). The workspace root is the nearest directory from the current one
 * upwards with `nx.json` or `package.json`, else the current directory.
 */
import { parseSetupArgs, SetupUsageError } from '../setup-command/setup-options.js';
import { runSetupCommand, type SetupCommandIo, type UnpackArchive } from '../setup-command/run-setup-command.js';
import { findSetupWorkspaceRoot } from '../setup-command/workspace-collections.js';

export const SETUP_USAGE = `usage: nx-raco setup [ <option> ... ] [<collection>] ...

 <option> is one of (as raco setup; run \`raco setup --help\` for the full list)
  -l <collection> ...        Setup specified <collection>s
  -c, --clean                Delete existing compiled files; implies -nxiIFDK
  -n, --no-zo                Do not create ".zo" files
  --trust-zos                Trust existing ".zo"s
  -x, --no-launcher          Do not produce launcher programs
  -i, --no-install           Do not call collection-specific pre-installers
  -I, --no-post-install      Do not call collection-specific post-installers
  -D, --no-docs              Do not compile .scrbl files and do not build documentation
  -j <n>, --jobs <n>, --workers <n>
                             Use <n> parallel jobs
  -v, --verbose              See names of compiled files and info printfs
  --mode <mode>              Compile with <mode>/zo-compile.rkt into compiled/<mode>/
  -A <archive> ...           Unpack and install <archive>s
  --help, -h                 Show this help

 PLT_SETUP_OPTIONS in the environment is read as extra options, e.g. "-j 1".`;

/**
 * Runs `nx-raco setup`; resolves to the exit status.
 * @example await runSetupCliCommand(['-j', '1', 'hello'], io, { cwd: '/ws' }) //=> 0
 */
export async function runSetupCliCommand(
  args: readonly string[],
  io: SetupCommandIo,
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv; readonly unpackArchive?: UnpackArchive } = {},
): Promise<number> {
  const env = options.env ?? process.env;
  let parsed;
  try {
    parsed = parseSetupArgs(args, env);
  } catch (error) {
    if (!(error instanceof SetupUsageError)) throw error;
    io.stderr(`${error.message}\n`);
    return 1;
  }
  if (parsed === 'help') {
    io.stdout(`${SETUP_USAGE}\n`);
    return 0;
  }
  const workspaceRoot = findSetupWorkspaceRoot(options.cwd ?? process.cwd());
  // -A: archives unpack into the workspace root, whose top-level directories are its collections.
  const unpackArchive: UnpackArchive =
    options.unpackArchive ??
    (async (archive, { workspaceRoot: root }) => {
      const { unpackPlt } = await import('../plt/index.js');
      return unpackPlt(archive, { targetDir: root, collectsDir: root, onStatus: (line) => io.stdout(`${line}\n`) });
    });
  return runSetupCommand(parsed, { workspaceRoot, env, unpackArchive }, io);
}
