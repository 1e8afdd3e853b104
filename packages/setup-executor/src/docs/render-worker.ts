/**
 * The Racket documentation worker process (`racket/render-docs.rkt`, protocol in
 * `render-protocol.ts`): started lazily on the first request, one request in flight at a time.
 *
 * When the process dies with a request in flight (a document that calls `exit`, a crash, a
 * kill), that request rejects with `DocWorkerExitedError` and the next request starts a new
 * process (sending `init` again), so one bad document does not stop the others. A process that
 * cannot be started at all (no `racket`) fails every request without retrying.
 *
 * Fragile: Node may emit `exit` before the last stdout lines are read, so "gone" is decided on
 * `close`, or `EXIT_DRAIN_TIMEOUT` after `exit` when a grandchild keeps the pipes open. There is
 * no time limit on a request: rendering a large manual legitimately takes minutes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DocWorkerExitedError } from './docs-errors.js';
import { parseWorkerReply, REPLY_OP, type WorkerDoc, type WorkerReply, type WorkerRequest } from './render-protocol.js';

export const RENDER_DOCS_PATH = fileURLToPath(new URL('../../racket/render-docs.rkt', import.meta.url));

const EXIT_DRAIN_TIMEOUT = 200;
const QUIT_TIMEOUT = 5_000;
const STDERR_TAIL_CHARS = 4_000;

export interface DocWorkerOptions {
  readonly racket: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Every workspace document (sent with `init`). */
  readonly docs: readonly WorkerDoc[];
  /** What the process writes to stderr outside requests (Racket's log). @default ignored */
  readonly onStderr?: (text: string) => void;
  /** The program and arguments to start instead of `racket render-docs.rkt`. Test-only. */
  readonly command?: { readonly file: string; readonly args: readonly string[] };
}

export interface DocWorker {
  /** Sends `request` (a `run`, `check` or `render`) and resolves to its reply; `what` names it in errors. */
  request(request: Exclude<WorkerRequest, { op: 'init' | 'quit' }>, what: string): Promise<WorkerReply>;
  /** How many processes were started (for tests). */
  readonly starts: number;
  /** Asks the process to quit and waits for it (killing it after a while). */
  close(): Promise<void>;
}

type Exit = { readonly exitCode: number | null; readonly signal: NodeJS.Signals | null; readonly spawnError?: Error };

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<Exit>;
  readonly replies: WorkerReply[];
  wake: (() => void) | undefined;
  gone: Exit | undefined;
  stderrTail: string;
}

function startProcess(options: DocWorkerOptions): Running {
  const command = options.command ?? { file: options.racket, args: [RENDER_DOCS_PATH] };
  const child = spawn(command.file, [...command.args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  let exit: Exit | undefined;
  const running: Running = {
    child,
    replies: [],
    wake: undefined,
    gone: undefined,
    stderrTail: '',
    exited: new Promise<Exit>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (spawnError?: Error): void => {
        if (running.gone !== undefined) return;
        clearTimeout(timer);
        running.gone = { ...(exit ?? { exitCode: null, signal: null }), ...(spawnError && { spawnError }) };
        running.wake?.();
        resolve(running.gone);
      };
      child.once('error', (error) => finish(error));
      child.once('exit', (exitCode, signal) => {
        exit = { exitCode, signal };
        timer = setTimeout(() => finish(), EXIT_DRAIN_TIMEOUT);
      });
      child.once('close', () => finish());
    }),
  };
  child.stdin.on('error', () => {
    // EPIPE once the process is gone; `exited` reports that.
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim() === '') continue;
      try {
        running.replies.push(parseWorkerReply(line));
      } catch {
        // Not a reply: something wrote to the worker's real stdout; show it rather than lose it.
        options.onStderr?.(`${line}\n`);
      }
      running.wake?.();
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    running.stderrTail = (running.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    options.onStderr?.(chunk);
  });
  return running;
}

async function nextReply(running: Running, what: string): Promise<WorkerReply> {
  for (;;) {
    const reply = running.replies.shift();
    if (reply !== undefined) return reply;
    if (running.gone !== undefined) throw new DocWorkerExitedError(what, running.gone, running.stderrTail);
    await new Promise<void>((resolve) => {
      running.wake = resolve;
    });
    running.wake = undefined;
  }
}

function send(running: Running, request: WorkerRequest): void {
  if (running.child.stdin.writable) running.child.stdin.write(`${JSON.stringify(request)}\n`);
}

/**
 * A documentation worker for one run.
 * @example const w = createDocWorker({ racket: 'racket', cwd: '/ws', env, docs }); await w.request({ op: 'run', doc }, 'running …'); await w.close();
 */
export function createDocWorker(options: DocWorkerOptions): DocWorker {
  let running: Running | undefined;
  let cannotStart: Exit | undefined;
  let starts = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const ensureStarted = async (what: string): Promise<Running> => {
    if (cannotStart !== undefined) throw new DocWorkerExitedError(what, cannotStart, '');
    if (running !== undefined && running.gone === undefined) return running;
    running = startProcess(options);
    starts += 1;
    send(running, { op: 'init', docs: options.docs });
    try {
      const reply = await nextReply(running, what);
      if (reply.op !== 'ready') throw new TypeError(`Expected the worker's ready reply, got \`${reply.op}\`. This is a bug in @nx-raco/setup-executor.`);
    } catch (error) {
      if (running.gone?.spawnError !== undefined) cannotStart = running.gone;
      throw error;
    }
    return running;
  };

  const doRequest = async (request: Exclude<WorkerRequest, { op: 'init' | 'quit' }>, what: string): Promise<WorkerReply> => {
    const proc = await ensureStarted(what);
    send(proc, request);
    const reply = await nextReply(proc, what);
    if (reply.op !== REPLY_OP[request.op] && reply.op !== 'error') {
      throw new TypeError(`Expected a \`${REPLY_OP[request.op]}\` reply, got \`${reply.op}\`. This is a bug in @nx-raco/setup-executor.`);
    }
    return reply;
  };

  return {
    request(request, what) {
      const result = queue.then(() => doRequest(request, what));
      queue = result.catch(() => undefined);
      return result;
    },
    get starts() {
      return starts;
    },
    async close() {
      await queue;
      const proc = running;
      running = undefined;
      if (proc === undefined || proc.gone !== undefined) return;
      send(proc, { op: 'quit' });
      proc.child.stdin.end();
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), QUIT_TIMEOUT);
      await proc.exited;
      clearTimeout(timer);
    },
  };
}
