/**
 * The `nx-raco` command line: dispatches to one module per subcommand.
 *
 * Every expected failure is reported as one paragraph on stderr and an exit status; `main`
 * never throws for bad input or bad files.
 */
// Each command's module is loaded only when that command runs: `nx-raco make` on an
// up-to-date tree is dominated by start-up, so it must not load the Nx plugin or worker pools.

const USAGE = `usage: nx-raco <command> [<option> ...]

commands:
  make FILE... compile FILEs and what they require, as raco make (nx-raco make --help)
  info DIR     print the fields of DIR/info.rkt, one "(name . value)" line each
  env [DIR]    print the shell settings (PLTCOLLECTS) under which racket sees the workspace
  setup [COLL...] compile and set up the workspace's collections, as raco setup (nx-raco setup --help)
  help         show this help`;

/** Runs the CLI with `argv` (without node and script) and resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 1 : 0;
    case 'info':
      return (await import('./info-command.js')).runInfoCommand(rest);
    case 'env':
      return (await import('./env-command.js')).runEnvCommand(rest, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
    case 'make':
      return (await import('./make-command.js')).runMakeCommand(rest, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    case 'setup':
      return (await import('./setup-command.js')).runSetupCliCommand(rest, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    default:
      process.stderr.write(`nx-raco: unknown command \`${command}\` (arguments: ${rest.length}). Run \`nx-raco help\` to list the commands.\n`);
      return 1;
  }
}
