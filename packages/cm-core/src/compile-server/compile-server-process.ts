/**
 * The Racket compile-server process: spawning `racket <server.rkt>`, framing its stdout into
 * protocol messages, keeping the tail of its stderr for error messages, and reporting exactly
 * once when it is gone.
 *
 * The server file is found next to the package (`racket/compile-server.rkt`), relative to this
 * module, so the same code works from `src/` (tests) and `dist/` (published).
 *
 * Fragile: Node may emit `exit` before the last stdout lines are read (a reply written just
 * before exiting, such as `bye`). So "gone" is reported on `close` (all pipes drained), or
 * `EXIT_DRAIN_TIMEOUT` after `exit` when a grandchild keeps the pipes open.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseServerMessage, type ClientMessage, type ServerMessage } from './protocol.js';

export const SERVER_PATH = fileURLToPath(new URL('../../racket/compile-server.rkt', import.meta.url));

/** After `exit`, how long to wait for stdout to drain before reporting the exit anyway. */
const EXIT_DRAIN_TIMEOUT = 200;
const STDERR_TAIL_CHARS = 4_000;

export interface ProcessExit {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  readonly spawnError?: Error;
}

export interface ServerProcessOptions {
  readonly racket: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Each parsed line; a line that is not a protocol message arrives as a `TypeError`. */
  readonly onMessage: (message: ServerMessage | TypeError) => void;
  readonly onStderr?: ((text: string) => void) | undefined;
}

export interface ServerProcess {
  readonly pid: number | undefined;
  /** Resolves once, when the process is gone (or never started). */
  readonly exited: Promise<ProcessExit>;
  /** The last few thousand characters the server wrote to stderr. */
  stderrTail(): string;
  send(message: ClientMessage): void;
  kill(): void;
  /** Whether the process and its pipes keep Node's event loop alive. */
  setRef(active: boolean): void;
}

interface Refable {
  ref?(): void;
  unref?(): void;
}

export function startServerProcess(options: ServerProcessOptions): ServerProcess {
  const child = spawn(options.racket, [SERVER_PATH], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdoutBuffer = '';
  let stderrTail = '';
  let exit: ProcessExit | undefined;

  const exited = new Promise<ProcessExit>((resolve) => {
    let drainTimer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (spawnError?: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(drainTimer);
      resolve({ ...(exit ?? { exitCode: null, signal: null }), ...(spawnError && { spawnError }) });
    };
    child.once('error', (error) => finish(error));
    child.once('exit', (exitCode, signal) => {
      exit = { exitCode, signal };
      drainTimer = setTimeout(() => finish(), EXIT_DRAIN_TIMEOUT);
    });
    child.once('close', () => finish());
  });

  child.stdin.on('error', () => {
    // EPIPE once the server is gone; `exited` reports that.
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdoutBuffer += chunk;
    let newline: number;
    while ((newline = stdoutBuffer.indexOf('\n')) >= 0) {
      const line = stdoutBuffer.slice(0, newline);
      stdoutBuffer = stdoutBuffer.slice(newline + 1);
      if (line.trim() === '') continue;
      let message: ServerMessage | TypeError;
      try {
        message = parseServerMessage(line);
      } catch (error) {
        message = error as TypeError;
      }
      options.onMessage(message);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    options.onStderr?.(chunk);
  });

  return {
    pid: child.pid,
    exited,
    stderrTail: () => stderrTail,
    send(message) {
      if (child.stdin.writable) child.stdin.write(`${JSON.stringify(message)}\n`);
    },
    kill() {
      child.kill('SIGKILL');
    },
    setRef(active) {
      for (const handle of [child, child.stdin, child.stdout, child.stderr] as Refable[]) {
        if (active) handle.ref?.();
        else handle.unref?.();
      }
    },
  };
}
