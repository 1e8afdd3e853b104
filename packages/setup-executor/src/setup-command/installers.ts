/**
 * The installer steps of `nx-raco setup`: raco setup's `do-install-part`
 * (`collects/setup/setup-core.rkt:928-991`, racket-notes §5.4, §7.3) for one part.
 *
 * | part    | info.rkt field            | export           | banner line        | error label       |
 * |---------|---------------------------|------------------|--------------------|-------------------|
 * | pre     | `pre-install-collection`  | `pre-installer`  | `pre-installing: ` | `early install`   |
 * | general | `install-collection`      | `installer`      | `installing: `     | `general install` |
 * | post    | `post-install-collection` | `post-installer` | `post-installing: `| `post install`    |
 *
 * Every collection with the field (subcollections included) is handled in turn, in raco's order
 * (all collections sorted by `cc-name`, so `/ws/a (Name)` < `/ws/a-b` < `/ws/a/x`): the field
 * must be a relative path string whose file, or its `compiled/<name>_<ext>.zo`, exists (checked
 * here, against the file system as Racket does, so `sub/../x.rkt` needs `sub`); the module is
 * compiled first through `ctx.compile` (raco setup's compilation manager compiles it while
 * loading it); then `racket/run-installers.rkt` loads and calls the installers of the whole part
 * in one process, printing `<program>: pre-installing: <collection>` before each call.
 * Installer output is streamed to `io` as it comes; each call's outcome comes back through a
 * results file, never mixed with that output.
 *
 * Fragile: all modules of a part are compiled before the first installer runs, where raco
 * compiles each one just before calling it (an installer that generates another collection's
 * installer module would differ). Module state is shared within a part, not across parts (raco
 * shares one namespace for the whole run). stdout and stderr arrive on separate pipes, so their
 * relative order is not kept.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAll, writeValue, type RacketValue } from '@nx-raco/cm-core';
import { getCompiledPaths } from './clean-transitive.js';
import { formatCollectionName, sortCollections, type SetupCollection } from './collection-files.js';
import type { SetupError } from './setup-report.js';
import { PROGRAM } from './setup-options.js';

export type InstallerPart = 'pre' | 'general' | 'post';

/** Where output goes (the shape of `SetupCommandIo` in run-setup-command.ts). */
export interface InstallerIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface InstallerContext {
  /** The directory Racket runs in (error messages show source locations relative to it). */
  readonly workspaceRoot: string;
  /** The `racket` executable. */
  readonly racket: string;
  /** The environment that finds the workspace's collections (`createWorkspaceEnv`). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Compiles an installer module (and its dependencies) before it is loaded, as raco setup's
   * compilation manager does; leave it out with `-n`, where raco loads installers from source.
   * @default none
   */
  readonly compile?: (file: string) => Promise<void>;
}

interface PartFacts {
  readonly field: string;
  readonly during: string;
}

const PARTS: Readonly<Record<InstallerPart, PartFacts>> = {
  pre: { field: 'pre-install-collection', during: 'early install' },
  general: { field: 'install-collection', during: 'general install' },
  post: { field: 'post-install-collection', during: 'post install' },
};

/** raco's `(error-print-width)`. */
const ERROR_PRINT_WIDTH = 256;

const RUNNER = fileURLToPath(new URL('../../racket/run-installers.rkt', import.meta.url));

/** What the info field asks for: nothing, an installer file, or an error to report. */
type Job = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'error'; readonly message: string };

/**
 * The step banner raco prints before `part` (whether or not any collection has an installer).
 * @example installerBanner('pre') //=> 'pre-installing collections'
 */
export function installerBanner(part: InstallerPart): string {
  return `${part === 'general' ? '' : `${part}-`}installing collections`;
}

/** A value as Racket's error value->string handler prints it (quotable data gets a `'`). */
function printForError(value: RacketValue): string {
  const quoted = ['symbol', 'keyword', 'list', 'vector', 'hash', 'box', 'prefab'].includes(value.kind);
  const text = `${quoted ? "'" : ''}${writeValue(value)}`;
  return text.length > ERROR_PRINT_WIDTH ? `${text.slice(0, ERROR_PRINT_WIDTH - 3)}...` : text;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * What `cc`'s info.rkt asks for `part`: `undefined` without the field. The first line of an error
 * is raco's text; the second names the field and the info.rkt.
 */
function readJob(cc: SetupCollection, part: InstallerPart): Job | undefined {
  const { field } = PARTS[part];
  const value = cc.info?.get(field);
  if (value === undefined) return undefined;
  const where = `  expected by: ${field} in ${cc.info?.file ?? join(cc.dir, 'info.rkt')}`;
  const text = value.kind === 'string' || value.kind === 'path' ? value.value : undefined;
  if (text === undefined || text === '' || text.includes('\0') || text.startsWith('/')) {
    return { kind: 'error', message: `result is not a relative path string:  ${printForError(value)}\n${where}; use a path such as "installer.rkt"` };
  }
  // Not `join`: Racket asks the OS, which does not fold `sub/..` when `sub` is missing.
  const path = `${cc.dir.replace(/\/+$/, '')}/${text}`;
  // raco's `bytecode-file-exists?`: `compiled/<name>_<ext>.zo` next to the file.
  if (!isFile(path) && !isFile(getCompiledPaths(path, 'compiled').zo)) {
    return { kind: 'error', message: `installer file does not exist:  #<path:${path}>\n${where}` };
  }
  return { kind: 'file', file: text };
}

/**
 * The exception message of a compile failure: cm-core's message is Racket's error display, whose
 * `compilation context...:` / `location...:` / `context...:` fields raco's summary does not show.
 */
function exnMessageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n');
  const fields = lines.findIndex((line, i) => i > 0 && /^ {2}[a-z ]+\.\.\.:$/.test(line));
  return (fields < 0 ? lines : lines.slice(0, fields)).join('\n');
}

interface RunnerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError: Error | undefined;
}

function runRunner(args: readonly string[], ctx: InstallerContext, io: InstallerIo): Promise<RunnerExit> {
  return new Promise((resolvePromise) => {
    const child = spawn(ctx.racket, [RUNNER, ...args], { cwd: ctx.workspaceRoot, env: ctx.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let spawnError: Error | undefined;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (text: string) => io.stdout(text));
    child.stderr.on('data', (text: string) => io.stderr(text));
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => resolvePromise({ code, signal, spawnError }));
  });
}

/** The runner's results file (`(<index> ok)` / `(<index> error "<message>")` lines), by index. */
function readResults(file: string): Map<number, string | undefined> {
  const results = new Map<number, string | undefined>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return results;
  }
  // A runner killed mid-write leaves a partial last line: keep the complete ones.
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let datum: RacketValue | undefined;
    try {
      datum = readAll(line)[0];
    } catch {
      continue;
    }
    if (datum?.kind !== 'list') continue;
    const [index, status, message] = datum.items;
    if (index?.kind !== 'integer' || status?.kind !== 'symbol') continue;
    results.set(Number(index.value), status.name === 'ok' ? undefined : message?.kind === 'string' ? message.value : writeValue(message ?? datum));
  }
  return results;
}

function describeStop(exit: RunnerExit, racket: string): string {
  if (exit.spawnError !== undefined) {
    const missing = (exit.spawnError as { code?: unknown }).code === 'ENOENT';
    return missing
      ? `cannot run installers: \`${racket}\` was not found; install Racket 8.7 or set NX_RACO_RACKET to its racket executable.`
      : `cannot run installers: ${exit.spawnError.message}`;
  }
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with status ${exit.code}`;
  return `the installer runner (racket ${RUNNER}) ${how} before this installer finished; see its output above.`;
}

/**
 * Runs the `part` installers of `ccs` (pass every collection being set up, subcollections
 * included; they are called in raco's order, sorted by name as `formatCollectionName` gives it,
 * whatever order they come in); resolves to the errors, one per failed collection, labelled as
 * raco labels them. Prints only what raco prints inside the step, not the step banner
 * (`installerBanner(part)`).
 * @param part `pre` (before compiling), `general` and `post` (after documentation)
 * @param ccs collections whose info.rkt could be read
 * @param ctx where and how Racket runs, and the run's compile function
 * @param io where installer output and the `installing:` lines go
 * @example await runInstallers('pre', ccs, { workspaceRoot: '/ws', racket: 'racket', env }, io)
 * //=> [] (and io.stdout got 'nx-raco setup: pre-installing: /ws/mc\n' plus the installer's output)
 */
export async function runInstallers(part: InstallerPart, ccs: readonly SetupCollection[], ctx: InstallerContext, io: InstallerIo): Promise<SetupError[]> {
  const { during } = PARTS[part];
  const jobs: { readonly cc: SetupCollection; readonly job: Job }[] = [];
  for (const cc of sortCollections(ccs)) {
    let job = readJob(cc, part);
    if (job === undefined) continue;
    if (job.kind === 'file' && ctx.compile !== undefined) {
      const source = resolve(cc.dir, job.file);
      try {
        if (isFile(source)) await ctx.compile(source);
      } catch (error) {
        job = { kind: 'error', message: `${PROGRAM}: error loading installer: ${exnMessageOf(error)}` };
      }
    }
    jobs.push({ cc, job });
  }
  if (jobs.length === 0) return [];
  const scratch = mkdtempSync(join(tmpdir(), 'nx-raco-installers-'));
  try {
    const resultsFile = join(scratch, 'results.rktd');
    const args = [PROGRAM, part, resultsFile];
    for (const { cc, job } of jobs) args.push(cc.dir, formatCollectionName(cc), job.kind === 'file' ? `file:${job.file}` : `error:${job.message}`);
    const exit = await runRunner(args, ctx, io);
    const results = readResults(resultsFile);
    const errors: SetupError[] = [];
    jobs.forEach(({ cc, job }, index) => {
      const collection = formatCollectionName(cc);
      if (results.has(index)) {
        const message = results.get(index);
        if (message !== undefined) errors.push({ collection, during, message });
      } else if (job.kind === 'error') {
        // The runner never got to it (it did not start, or stopped early): report it here.
        io.stderr(`${job.message}\n`);
        errors.push({ collection, during, message: job.message });
      } else {
        errors.push({ collection, during, message: describeStop(exit, ctx.racket) });
      }
    });
    return errors;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
