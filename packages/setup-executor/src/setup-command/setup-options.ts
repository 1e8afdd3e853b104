/**
 * `nx-raco setup`'s command line, parsed as `raco setup` parses it (`setup-cmdline.rkt:30-169`,
 * racket-notes §7.1/§7.2), plus `PLT_SETUP_OPTIONS` (split like a shell command line and read
 * before the real arguments, as `make install` passes it to raco setup).
 *
 * Errors use raco's wording with this tool's name: `nx-raco setup: unknown switch: --bogus`,
 * `nx-raco setup: the "-j" option needs 1 argument, but 0 provided`.
 *
 * Flags raco accepts that change nothing here yet (`-d`, `-F`, `-K`, `-U`, `--no-planet`,
 * `--avoid-main`, `-m`, `-r`, `--fail-fast`, `-p`, `--force`, `-a`, …) are accepted and listed in
 * `ignored` so the command can say so with `-v`.
 */

export const PROGRAM = 'nx-raco setup';

export interface SetupCommandOptions {
  /** Collections named on the command line (positional or `-l`). */
  readonly collections: readonly string[];
  /** `-A` archives, in order. */
  readonly archives: readonly string[];
  readonly clean: boolean;
  /** `-j N`; `undefined` = the default (available parallelism, at most 8). */
  readonly jobs: number | undefined;
  readonly noZo: boolean;
  readonly noLauncher: boolean;
  readonly noInstall: boolean;
  readonly noPostInstall: boolean;
  readonly noDocs: boolean;
  readonly mode: string | undefined;
  readonly trustZos: boolean;
  readonly verbose: boolean;
  /** Accepted raco flags with no effect here. */
  readonly ignored: readonly string[];
}

export class SetupUsageError extends Error {
  override name = 'SetupUsageError';
  readonly code = 'RKT_SETUP_USAGE';
}

/** Flags taking no argument that only set a boolean here, or are accepted and ignored. */
const IGNORED_FLAGS = new Set([
  '--only', '--doc-index', '--tidy', '--fast-clean', '--recompile-only', '--sync-docs-only', '-F', '--no-foreign-libs',
  '--only-foreign-libs', '-d', '--no-info-domain', '-K', '--no-pkg-deps', '--check-pkg-deps', '--fix-pkg-deps',
  '--unused-pkg-deps', '-U', '--no-user', '--no-planet', '--avoid-main', '--force-user-docs', '--places', '--processes',
  '-m', '--make-verbose', '-r', '--compile-verbose', '--fail-fast', '-p', '--pause', '--force', '-a', '--all-users',
]);
/** Accepted-and-ignored flags with one argument. */
const IGNORED_WITH_ARG = new Set(['--doc-pdf', '--error-out', '--error-in']);
/** Single-letter switches that can be combined after one `-` (raco's `command-line`). */
const SHORT = /^-[cnxiIDdFKUvmrpajlAh]{2,}$/;

/**
 * Splits `text` as `sh` splits a simple command line: whitespace separates words, `'…'` and
 * `"…"` quote, `\` escapes the next character (outside single quotes).
 * @example splitShellWords(`-j 1 -l "my coll"`) //=> ['-j', '1', '-l', 'my coll']
 */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (c === '\\' && i + 1 < text.length) {
      i += 1;
      word = (word ?? '') + text[i]!;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote !== undefined) throw new SetupUsageError(`${PROGRAM}: PLT_SETUP_OPTIONS has an unterminated ${quote} quote; fix the variable.`);
  if (word !== undefined) words.push(word);
  return words;
}

function expandCombined(argv: readonly string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const arg of argv) {
    if (!rest && SHORT.test(arg)) out.push(...[...arg.slice(1)].map((c) => `-${c}`));
    else out.push(arg);
    if (arg === '--') rest = true;
  }
  return out;
}

/**
 * Parses `argv` (after `PLT_SETUP_OPTIONS` from `env`, if set) as `raco setup` does.
 * @throws SetupUsageError with raco's wording for an unknown switch or a missing argument
 * @example parseSetupArgs(['-j', '2', 'hello'], {}).jobs //=> 2
 */
export function parseSetupArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): SetupCommandOptions | 'help' {
  const extra = env['PLT_SETUP_OPTIONS'];
  const args = expandCombined([...(extra === undefined ? [] : splitShellWords(extra)), ...argv]);
  const collections: string[] = [];
  const archives: string[] = [];
  const ignored: string[] = [];
  let clean = false;
  let jobs: number | undefined;
  let noZo = false;
  let noLauncher = false;
  let noInstall = false;
  let noPostInstall = false;
  let noDocs = false;
  let mode: string | undefined;
  let trustZos = false;
  let verbose = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = (): string => {
      const v = args[i + 1];
      if (v === undefined) throw new SetupUsageError(`${PROGRAM}: the "${arg}" option needs 1 argument, but 0 provided`);
      i += 1;
      return v;
    };
    // `-l` and `-A` take every following non-switch argument.
    const many = (into: string[]): void => {
      while (i + 1 < args.length && !args[i + 1]!.startsWith('-')) into.push(args[++i]!);
    };
    if (arg === '--') {
      collections.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      collections.push(arg);
      continue;
    }
    if (IGNORED_FLAGS.has(arg)) {
      ignored.push(arg);
      continue;
    }
    if (IGNORED_WITH_ARG.has(arg)) {
      ignored.push(`${arg} ${value()}`);
      continue;
    }
    switch (arg) {
      case '-h':
      case '--help':
        return 'help';
      case '-c':
      case '--clean':
        clean = true;
        break;
      case '-n':
      case '--no-zo':
        noZo = true;
        break;
      case '-x':
      case '--no-launcher':
        noLauncher = true;
        break;
      case '-i':
      case '--no-install':
        noInstall = true;
        break;
      case '-I':
      case '--no-post-install':
        noPostInstall = true;
        break;
      case '-D':
      case '--no-docs':
        noDocs = true;
        break;
      case '--trust-zos':
        trustZos = true;
        break;
      case '-v':
      case '--verbose':
        verbose = true;
        break;
      case '--mode':
        mode = value();
        if (!/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/.test(mode)) {
          throw new SetupUsageError(`${PROGRAM}: --mode: Expected a collection name such as "errortrace" (letters, digits, \`-\`, \`+\`, \`_\`, parts separated by \`/\`), got \`${mode}\` (string).`);
        }
        break;
      case '-j':
      case '--jobs':
      case '--workers': {
        const v = value();
        const n = Number(v);
        // raco takes `string->number` and fails later; we say what is wrong up front.
        if (!/^\d+$/.test(v) || n < 1) throw new SetupUsageError(`${PROGRAM}: Expected a positive integer for ${arg}, got \`${v}\` (${typeof v}); for example \`-j 2\`.`);
        jobs = n;
        break;
      }
      case '-l':
        many(collections);
        break;
      case '-A':
        many(archives);
        break;
      case '--pkgs':
      case '-P':
      case '--chain':
      case '--boot':
        throw new SetupUsageError(`${PROGRAM}: ${arg} is not supported yet; name the collections instead.`);
      default:
        throw new SetupUsageError(`${PROGRAM}: unknown switch: ${arg}`);
    }
  }
  if (clean) {
    // `-c` implies -nxiIFDK: cleaning is all that happens.
    noZo = noLauncher = noInstall = noPostInstall = noDocs = true;
  }
  return { collections, archives, clean, jobs, noZo, noLauncher, noInstall, noPostInstall, noDocs, mode, trustZos, verbose, ignored };
}
