/**
 * `nx-raco make -j N` with N > 1: raco make's parallel branch (make.rkt:115-139, racket-notes
 * §3.1) over `@nx-raco/parallel-build`.
 *
 * Output is raco's, all on stdout: with `-v`, ` <id> making <rel>` when a worker starts a file
 * and ` <id> made <rel>` when it is done (`<rel>` as `path->relative-string/library` prints it:
 * the file as given, `<collects>/…` inside the installation, else the absolute path);
 * ` <id> output from: <path>` followed by what compiling printed; ` <id> error compiling <path>`
 * followed by the error text. Exit status 1 when anything failed (raco exits 1 in parallel mode
 * even where a sequential build would pass on an `exit` status).
 *
 * Additions: `--events FILE` (each event's `worker` is the worker id), `--trace FILE` (Chrome
 * trace JSON for Perfetto), and a live progress line on stderr when it is a terminal (plain
 * lines every few seconds of a long build when `CI` is set).
 */
import { chooseProgressMode, createProgressReporter, parallelCompileFiles, type ParallelCompileHandler } from '@nx-raco/parallel-build';
import type { CompileEvent, RacketProbe } from '@nx-raco/cm-core';
import type { CommandOutput } from './info-command.js';

export interface ParallelMakeOptions {
  readonly files: readonly string[];
  readonly jobs: number;
  readonly verbose: boolean;
  readonly veryVerbose: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv | undefined;
  readonly racket: RacketProbe;
  readonly onEvent: ((event: CompileEvent) => void) | undefined;
  readonly traceFile: string | undefined;
}

/** `path->relative-string/library` for the directories we know. */
export function relativeToLibrary(path: string, racket: Pick<RacketProbe, 'collectsDir' | 'pkgsDir'>): string {
  if (!path.startsWith('/')) return path;
  for (const [dir, tag] of [[racket.collectsDir, '<collects>'], [racket.pkgsDir, '<pkgs>']] as const) {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    if (path.startsWith(prefix)) return `${tag}/${path.slice(prefix.length)}`;
  }
  return path;
}

/** Runs the parallel build; resolves to the exit status. */
export async function runParallelMake(options: ParallelMakeOptions, output: CommandOutput): Promise<number> {
  const cwdPrefix = options.cwd.endsWith('/') ? options.cwd : `${options.cwd}/`;
  const progress = createProgressReporter(process.stderr, chooseProgressMode(process.stderr, options.env ?? process.env), {
    shorten: (p) => (p.startsWith(cwdPrefix) ? p.slice(cwdPrefix.length) : relativeToLibrary(p, options.racket)),
  });
  const say = (text: string): void => progress.print(() => output.stdout(text));
  const rel = (p: string): string => relativeToLibrary(p, options.racket);
  const handler: ParallelCompileHandler = (id, kind, work, message, out, err) => {
    switch (kind) {
      case 'start':
        if (options.verbose) say(` ${id} making ${rel(work)}\n`);
        return;
      case 'done':
        if (options.verbose) say(` ${id} made ${rel(work)}\n`);
        return;
      case 'output':
        say(` ${id} output from: ${work}\n${out}${err}`);
        return;
      case 'error':
      case 'fatal-error':
        say(` ${id} error compiling ${work}\n${message}\n${out}${err}`);
        return;
      default:
        kind satisfies never;
    }
  };
  try {
    const onEvent = options.onEvent;
    const ok = await parallelCompileFiles(options.files, {
      workerCount: options.jobs,
      handler,
      cwd: options.cwd,
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(onEvent === undefined ? {} : { onEvent: (e: { event: CompileEvent }) => onEvent(e.event) }),
      onProgress: (p) => progress.update(p),
      ...(options.traceFile === undefined ? {} : { traceFile: options.traceFile }),
      veryVerbose: options.veryVerbose,
    });
    return ok ? 0 : 1;
  } finally {
    progress.stop();
  }
}
