/**
 * `nx-raco make [option ...] FILE ...`: raco make (seed raco-make.txt; racket-notes §3.1).
 *
 * Compiles each file and everything it requires to `compiled/NAME_EXT.zo` + `.dep`, exactly
 * where and as raco make would, through `@nx-raco/cm-core`'s compilation manager. Output matches
 * raco's: `-v` prints `"FILE":`, `  making #<path:…>` for each module compiled or touched, and
 * ` [output to "…"]` / ` [already up-to-date at "…"]`; `--vv` adds the manager's trace. A compile
 * error prints Racket's message with its `compilation context...:` and exits with status 1;
 * modules compiled before it keep their outputs.
 *
 * Additions: `--events FILE` (or `-`) writes one JSON object per compile event, with the reason
 * for each decision. `-j N` with N > 1 builds in parallel with @nx-raco/parallel-build
 * (`make-parallel.ts`, raco's parallel output); `--trace FILE` then writes a Chrome trace.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createCompilationManager,
  getCompiledFilePath,
  type CompilationManager,
  type CompileEvent,
} from '@nx-raco/cm-core';
import type { CommandOutput } from './info-command.js';

const PROGRAM = 'nx-raco make';

export const MAKE_USAGE = `usage: ${PROGRAM} [ <option> ... ] <file> ...

 <option> is one of
  -l <path>            Compile <path> interpreted as a collection-based module path
  -j <n>               Compile with up to <n> tasks in parallel
  --no-deps            Compile immediate files without updating dependencies
  -p <file>, --prefix <file>
                       Add elaboration-time prefix file for --no-deps
  --no-prim            Do not assume \`scheme' bindings at top level for --no-deps
  -v                   Verbose mode
  --vv                 Very verbose mode
  --events <file>      Write one JSON line per compile event to <file> (- for stdout)
  --trace <file>       With -j <n> (n > 1): write a Chrome trace of the build to <file>
  --help, -h           Show this help`;

export interface MakeOptions {
  readonly files: readonly string[];
  readonly collectionPaths: readonly string[];
  readonly jobs: number;
  readonly noDeps: boolean;
  readonly prefixes: readonly string[];
  readonly noPrim: boolean;
  readonly verbose: boolean;
  readonly veryVerbose: boolean;
  readonly events: string | undefined;
  readonly trace: string | undefined;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses raco make's command line (plus `--events`); throws `UsageError` with raco's wording. */
export function parseMakeArgs(argv: readonly string[]): MakeOptions | 'help' {
  // Racket's `command-line` accepts combined one-letter switches: `-vj 2` is `-v -j 2`.
  const args = argv.flatMap((a, i) =>
    /^-[ljpvh]{2,}$/.test(a) && !argv.slice(0, i).includes('--') ? [...a.slice(1)].map((c) => `-${c}`) : [a],
  );
  const files: string[] = [];
  const collectionPaths: string[] = [];
  const prefixes: string[] = [];
  let jobs = 1;
  let noDeps = false;
  let noPrim = false;
  let verbose = false;
  let veryVerbose = false;
  let events: string | undefined;
  let trace: string | undefined;
  let jobsSeen = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = (): string => {
      const v = args[i + 1];
      if (v === undefined) throw new UsageError(`${PROGRAM}: the "${arg}" option needs 1 argument, but 0 provided`);
      i += 1;
      return v;
    };
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    switch (arg) {
      case '-h':
      case '--help':
        return 'help';
      case '-l':
        collectionPaths.push(value());
        break;
      case '-j': {
        if (jobsSeen) throw new UsageError(`${PROGRAM}: the -j option can only be specified once`);
        jobsSeen = true;
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1) throw new UsageError(`${PROGRAM}: bad count for -j: ${JSON.stringify(v)}`);
        jobs = n;
        break;
      }
      case '--no-deps':
        noDeps = true;
        break;
      case '-p':
      case '--prefix':
        prefixes.push(value());
        break;
      case '--no-prim':
        noPrim = true;
        break;
      case '-v':
        verbose = true;
        break;
      case '--vv':
        verbose = true;
        veryVerbose = true;
        break;
      case '--events':
        events = value();
        break;
      case '--trace':
        trace = value();
        break;
      case '--disable-inline':
      case '--disable-constant':
        throw new UsageError(`${PROGRAM}: ${arg} is not supported yet; use \`raco make ${arg}\` for such builds`);
      default:
        throw new UsageError(`${PROGRAM}: unknown switch: ${arg}`);
    }
  }
  if (files.length === 0 && collectionPaths.length === 0) {
    throw new UsageError(`${PROGRAM}: expects at least one file or module path`);
  }
  return { files, collectionPaths, jobs, noDeps, prefixes, noPrim, verbose, veryVerbose, events, trace };
}

/** Racket's `~s` of a path: `#<path:/a/b.rkt>`. */
function writePath(path: string): string {
  return `#<path:${path}>`;
}

/** An event sink writing JSON lines to a file or stdout. */
function openEventSink(target: string | undefined, output: CommandOutput): { write(e: CompileEvent): void; close(): void } | undefined {
  if (target === undefined) return undefined;
  if (target === '-') return { write: (e) => output.stdout(`${JSON.stringify(e)}\n`), close: () => {} };
  const fd = openSync(target, 'w');
  return { write: (e) => writeSync(fd, `${JSON.stringify(e)}\n`), close: () => closeSync(fd) };
}

function describeError(error: unknown): { text: string; status: number } | undefined {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'RKT_SERVER_EXITED') {
    const exitCode = (error as { exitCode?: number | null }).exitCode;
    // raco make exits with the status compile-time code passed to `exit`.
    return { text: message, status: typeof exitCode === 'number' && exitCode > 0 ? exitCode : 1 };
  }
  if (typeof code === 'string' && code.startsWith('RKT_')) return { text: message, status: 1 };
  return undefined;
}

/** Resolves a `-l` module path as `(lib "…")` does: `a` → a/main.rkt, `a/b` → a/b.rkt, `a/b.rkt` kept. */
function resolveLibPath(cm: CompilationManager, lib: string): string {
  const parts = lib.split('/');
  if (parts.length === 1) return cm.collectionFilePath(parts, 'main.rkt');
  const last = parts.pop()!;
  return cm.collectionFilePath(parts, last.includes('.') ? last : `${last}.rkt`);
}

/**
 * Runs `nx-raco make` with its arguments; resolves to the exit status.
 * @example await runMakeCommand(['-v', 'main.rkt']) //=> 0
 */
export async function runMakeCommand(
  args: readonly string[],
  output: CommandOutput,
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  let parsed: MakeOptions | 'help';
  try {
    parsed = parseMakeArgs(args);
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (parsed === 'help') {
    output.stdout(`${MAKE_USAGE}\n`);
    return 0;
  }
  const opts = parsed;
  const cwd = options.cwd ?? process.cwd();
  let events: ReturnType<typeof openEventSink>;
  try {
    events = openEventSink(opts.events, output);
  } catch (error) {
    output.stderr(`${PROGRAM}: cannot open the events file ${opts.events ?? ''}: ${(error as Error).message}. Pass a writable path or - for stdout.\n`);
    return 1;
  }
  let didOne = false;
  let cm: CompilationManager;
  try {
    cm = createCompilationManager({
      cwd,
      ...(options.env === undefined ? {} : { env: options.env }),
      onNotify: (path) => {
        didOne = true;
        if (opts.verbose) output.stdout(`  making ${writePath(path)}\n`);
      },
      ...(opts.veryVerbose ? { onTrace: (line: string) => output.stdout(`  ${line}\n`) } : {}),
      ...(events === undefined ? {} : { onEvent: (e: CompileEvent) => events?.write(e) }),
      onOutput: (_path, stdout, stderr) => {
        output.stdout(stdout);
        output.stderr(stderr);
      },
    });
  } catch (error) {
    events?.close();
    const described = describeError(error);
    if (described === undefined) throw error;
    output.stderr(`${PROGRAM}: ${described.text}\n`);
    return described.status;
  }
  try {
    // raco conses each -l onto a list, so they are compiled last-given first.
    const files = [...opts.files, ...[...opts.collectionPaths].reverse().map((lib) => resolveLibPath(cm, lib))];
    if (opts.noDeps) {
      const r = await cm.compileWithoutDependencies(files, { prefixes: opts.prefixes, noPrim: opts.noPrim, verbose: opts.verbose });
      output.stdout(r.stdout);
      output.stderr(r.stderr);
      return 0;
    }
    const search = { modes: cm.racket.modes, roots: cm.racket.roots };
    if (opts.jobs > 1) {
      const missing = files.find((file) => !existsSync(resolve(cwd, file)));
      if (missing !== undefined) {
        output.stderr(`${PROGRAM}: file does not exist: ${missing}\n`);
        return 1;
      }
      // Loaded only for -j N > 1: worker pools are not needed (nor paid for) by sequential builds.
      const { runParallelMake } = await import('./make-parallel.js');
      return await runParallelMake(
        {
          files,
          jobs: opts.jobs,
          verbose: opts.verbose,
          veryVerbose: opts.veryVerbose,
          cwd,
          env: options.env,
          racket: cm.racket,
          onEvent: events === undefined ? undefined : (e) => events?.write(e),
          traceFile: opts.trace,
        },
        output,
      );
    }
    for (const file of files) {
      if (!existsSync(resolve(cwd, file))) {
        output.stderr(`${PROGRAM}: file does not exist: ${file}\n`);
        return 1;
      }
      didOne = false;
      if (opts.verbose) output.stdout(`"${file}":\n`);
      await cm.managedCompileZo(file);
      if (opts.verbose) {
        const zo = getCompiledFilePath(file, '.zo', search);
        output.stdout(` [${didOne ? 'output to' : 'already up-to-date at'} "${zo}"]\n`);
      }
    }
    return 0;
  } catch (error) {
    const described = describeError(error);
    if (described === undefined) throw error;
    output.stderr(`${described.text}\n`);
    return described.status;
  } finally {
    events?.close();
    await cm.close();
  }
}
