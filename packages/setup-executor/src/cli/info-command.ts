/**
 * `nx-raco info DIR`: prints the fields of `DIR/info.rkt` (else `DIR/info.ss`) in definition
 * order, one `write`-printed `(name . value)` pair per line, as
 * `(for ([n ((get-info/full DIR) '#%info-domain)]) (writeln (cons n (info n))))` would.
 *
 * Exit status 0 on success; 1 with one paragraph on stderr for a bad argument list, a missing
 * file or a bad file (never a stack trace).
 */
import { formatInfoField, getInfo, InfoFileError } from '@nx-raco/cm-core';

/** Where the command writes; injectable for tests. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs `nx-raco info` with its arguments; resolves to the exit status.
 * @example runInfoCommand(['/usr/share/racket/collects/setup']) // prints (compile-omit-paths "main.rkt") …
 */
export function runInfoCommand(args: readonly string[], output: CommandOutput = processOutput): number {
  if (args.length !== 1 || args[0] === '') {
    output.stderr(
      `nx-raco info: expected exactly one directory argument, got ${args.length}. Run \`nx-raco info DIR\` with the directory that holds info.rkt.\n`,
    );
    return 1;
  }
  const dir = args[0]!;
  try {
    const table = getInfo(dir);
    if (table === undefined) {
      output.stderr(`nx-raco info: ${dir} has no info.rkt or info.ss file. Pass the directory of a collection or package that has one.\n`);
      return 1;
    }
    output.stdout(table.fields.map((field) => `${formatInfoField(field)}\n`).join(''));
    return 0;
  } catch (error) {
    if (error instanceof InfoFileError) {
      output.stderr(`nx-raco info: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
