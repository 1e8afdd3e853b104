/**
 * Client for the Racket compile server (`racket/compile-server.rkt`, protocol in `protocol.ts`).
 *
 * Starts the server lazily (compile-server-process.ts), sends requests, and routes the server's
 * `need` messages to `onNeed`. The callback may itself call `compile` for the needed module:
 * requests made from inside an `onNeed` callback (tracked with AsyncLocalStorage) are sent at once
 * and the server runs them nested inside the waiting compilation, which is how raco make compiles
 * dependencies. All other requests are sent one at a time, only when nothing is in flight, so an
 * unrelated request can never end up nested inside another module's compilation.
 *
 * Failure handling (the client must never hang): a dead server (crash, kill, `(exit n)` in
 * compile-time code) rejects everything pending with `CompileServerExitedError`; a server that
 * works for `silenceTimeoutMs` without sending anything is killed (`CompileServerTimeoutError`);
 * anything that breaks the protocol kills it too (`CompileServerProtocolError`). After any of
 * these the client is dead for good; make a new one.
 *
 * Fragile: concurrency. One server compiles one thing at a time, so parallel builds need one
 * client per worker. Nested requests must be made from within the `onNeed` call chain (awaits
 * keep the async context; detached callbacks such as raw `setTimeout` lose it). Need answers are
 * held back until the need is innermost and its nested requests are answered, because the server
 * takes whatever it reads next as the answer to the need it is waiting on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompileServerClosedError,
  CompileServerExitedError,
  CompileServerProtocolError,
  CompileServerSpawnError,
  CompileServerTimeoutError,
  type CompileServerError,
} from './compile-server-errors.js';
import { startServerProcess, type ProcessExit, type ServerProcess } from './compile-server-process.js';
import {
  EXIT_PROTOCOL_ERROR,
  REPLY_TYPE,
  type ClientMessage,
  type CompileResult,
  type CompileZosResult,
  type NeedAnswer,
  type NeedMessage,
  type Pong,
  type RecompileResult,
  type SetCompileModeResult,
  type ReplyFor,
  type ServerMessage,
  type ServerRequest,
} from './protocol.js';

/** What `onNeed` decides: the module may be loaded now, or the dependent fails with a message. */
export type NeedOutcome = 'ready' | { readonly failed: string };
export type NeedHandler = (path: string, missing: boolean) => Promise<NeedOutcome>;

export interface CompileServerOptions {
  /** Racket executable. @default 'racket' */
  readonly racket?: string;
  /** Server working directory; error texts show source locations relative to it, as raco does. @default process.cwd() */
  readonly cwd?: string;
  /** Server environment (`PLTCOLLECTS`, `PLT_ZO_PATH`, … change what Racket does). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Decides every `need`. @default () => Promise.resolve('ready') */
  readonly onNeed?: NeedHandler;
  /**
   * How long the server may work without sending a message; time spent in `onNeed` does not
   * count, and before its first message at least a minute is allowed for start-up.
   * @default 300_000
   */
  readonly silenceTimeoutMs?: number;
  /** Receives the server's own stderr (compile-time output comes back in replies instead). @default ignored */
  readonly onStderr?: (text: string) => void;
}

export type CompileServerState = 'idle' | 'running' | 'closing' | 'closed' | 'dead';

export interface CompileServerExit {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
}

export const SILENCE_TIMEOUT = 300_000;
/** Until the server's first message, it may also be starting up (slow on a loaded machine). */
const START_TIMEOUT = 60_000;
/** How long `close()` waits for a graceful exit before killing the server. */
const CLOSE_TIMEOUT = 5_000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type RequestBody = DistributiveOmit<ServerRequest, 'id'>;

interface Pending {
  readonly type: ServerRequest['type'];
  /** The need this request was nested under (sent from its `onNeed` callback). */
  underNeed?: number;
  readonly resolve: (reply: ServerMessage) => void;
  readonly reject: (error: Error) => void;
}

interface OutstandingNeed {
  readonly needId: number;
  answer?: NeedAnswer;
}

export class CompileServerClient {
  #state: CompileServerState = 'idle';
  #process: ServerProcess | undefined;
  #exited: Promise<CompileServerExit> | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #queue: { body: RequestBody; pending: Pending }[] = [];
  readonly #needs: OutstandingNeed[] = [];
  /** Set (to the need id) while an `onNeed` callback, and whatever it awaits, runs. */
  readonly #nested = new AsyncLocalStorage<number>();
  #watchdog: NodeJS.Timeout | undefined;
  #heardFromServer = false;
  /** The server's last fatal `protocol-error`, reported when it exits with status 70. */
  #fatalProtocolError: string | undefined;
  readonly #options: Required<Omit<CompileServerOptions, 'onStderr'>> & Pick<CompileServerOptions, 'onStderr'>;

  constructor(options: CompileServerOptions = {}) {
    this.#options = {
      racket: options.racket ?? 'racket',
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? process.env,
      onNeed: options.onNeed ?? (() => Promise.resolve('ready')),
      silenceTimeoutMs: options.silenceTimeoutMs ?? SILENCE_TIMEOUT,
      onStderr: options.onStderr,
    };
  }

  get state(): CompileServerState {
    return this.#state;
  }

  /** The server's process id once started; for monitoring and tests. */
  get pid(): number | undefined {
    return this.#process?.pid;
  }

  /**
   * Compile `path` into a `.zo` written at `zoTmp`. Compile errors resolve as `{ ok: false }`;
   * only a broken server rejects.
   * @example await client.compile('/p/a.rkt', '/p/compiled/a_rkt.zo.tmp') //=> { ok: true, deps: [...], ... }
   */
  compile(path: string, zoTmp: string): Promise<CompileResult> {
    return this.#request({ type: 'compile', path, zoTmp });
  }

  /** Recompile machine-independent code in `from` for this machine, writing it to `zoTmp`. */
  recompile(path: string, from: string, zoTmp: string): Promise<RecompileResult> {
    return this.#request({ type: 'recompile', path, from, zoTmp });
  }

  /** raco make `--no-deps`: compile `files` alone, no `.dep` (see `CompileZosRequest`). */
  compileZos(files: readonly string[], options: { prefixes: readonly string[]; noPrim: boolean; verbose: boolean }): Promise<CompileZosResult> {
    return this.#request({ type: 'compile-zos', files, ...options });
  }

  ping(): Promise<Pong> {
    return this.#request({ type: 'ping' });
  }

  /** Start a fresh compilation namespace (do this at the start of each build on a reused client). */
  async reset(): Promise<void> {
    await this.#request({ type: 'reset' });
  }

  /**
   * raco setup `--mode`: compile with `(lib "zo-compile.rkt" mode)` from now on (`null`: the
   * normal mode). A mode that cannot be loaded resolves as `{ ok: false, message }` (raco's text).
   * Send it before the first `compile`; it starts a fresh namespace.
   * @example await client.setCompileMode('errortrace') //=> { type: 'set-compile-mode-result', id: 1, ok: true }
   */
  setCompileMode(mode: string | null): Promise<SetCompileModeResult> {
    return this.#request({ type: 'set-compile-mode', mode });
  }

  /** Ask the server to exit (killing it after a grace period); unanswered requests are rejected. */
  async close(): Promise<CompileServerExit> {
    if (this.#state === 'idle') this.#state = 'closed';
    if (this.#state !== 'running') return (await this.#exited) ?? { exitCode: null, signal: null };
    this.#state = 'closing';
    for (const { pending } of this.#queue.splice(0)) pending.reject(new CompileServerClosedError());
    // Sent even while busy: the server reads it at its next read and exits; work that finishes
    // before that still resolves.
    this.#send({ type: 'shutdown' }, { type: 'shutdown', resolve: () => {}, reject: () => {} });
    this.#updateActivity();
    const timer = setTimeout(() => this.#process?.kill(), CLOSE_TIMEOUT);
    try {
      return await this.#exited!;
    } finally {
      clearTimeout(timer);
    }
  }

  #request<T extends ServerRequest['type']>(body: RequestBody & { type: T }): Promise<ReplyFor[T]> {
    if (this.#state === 'idle') this.#start();
    if (this.#state !== 'running') return Promise.reject(new CompileServerClosedError());
    return new Promise<ReplyFor[T]>((resolve, reject) => {
      const pending: Pending = { type: body.type, resolve: resolve as (reply: ServerMessage) => void, reject };
      const underNeed = this.#nested.getStore();
      if (underNeed !== undefined && this.#needs.some((n) => n.needId === underNeed)) {
        pending.underNeed = underNeed;
        this.#send(body, pending);
      } else {
        this.#queue.push({ body, pending });
      }
      this.#pump();
    });
  }

  /** Send the next top-level request once nothing is in flight, so it cannot be nested. */
  #pump(): void {
    if (this.#pending.size === 0 && this.#queue.length > 0) {
      const { body, pending } = this.#queue.shift()!;
      this.#send(body, pending);
    }
    this.#updateActivity();
  }

  #send(body: RequestBody, pending: Pending): void {
    const id = this.#nextId++;
    this.#pending.set(id, pending);
    this.#write({ ...body, id } as ClientMessage);
  }

  #write(message: ClientMessage): void {
    if (this.#state === 'running' || this.#state === 'closing') this.#process?.send(message);
  }

  #start(): void {
    this.#state = 'running';
    const proc = startServerProcess({
      racket: this.#options.racket,
      cwd: this.#options.cwd,
      env: this.#options.env,
      onStderr: this.#options.onStderr,
      onMessage: (message) => {
        if (message instanceof TypeError) this.#die(new CompileServerProtocolError(message.message, { cause: message }));
        else this.#onMessage(message);
      },
    });
    this.#process = proc;
    this.#exited = proc.exited.then((exit) => {
      this.#onExit(exit);
      return { exitCode: exit.exitCode, signal: exit.signal };
    });
  }

  #onExit(exit: ProcessExit): void {
    if (this.#state === 'closing') {
      this.#state = 'closed';
      this.#failAll(new CompileServerClosedError());
    } else if (this.#state === 'running') {
      this.#state = 'dead';
      this.#failAll(
        exit.spawnError !== undefined
          ? new CompileServerSpawnError(this.#options.racket, exit.spawnError)
          : exit.exitCode === EXIT_PROTOCOL_ERROR && this.#fatalProtocolError !== undefined
            ? new CompileServerProtocolError(this.#fatalProtocolError)
            : new CompileServerExitedError(exit.exitCode, exit.signal, this.#process?.stderrTail() ?? ''),
      );
    }
    this.#updateActivity();
  }

  #onMessage(message: ServerMessage): void {
    if (this.#state !== 'running' && this.#state !== 'closing') return;
    this.#heardFromServer = true;
    switch (message.type) {
      case 'need':
        this.#onNeed(message);
        break;
      case 'protocol-error': {
        const pending = message.id === null ? undefined : this.#pending.get(message.id);
        if (pending === undefined) {
          this.#fatalProtocolError = message.message;
        } else {
          this.#pending.delete(message.id!);
          pending.reject(new CompileServerProtocolError(message.message));
        }
        break;
      }
      default: {
        const pending = this.#pending.get(message.id);
        if (pending === undefined || REPLY_TYPE[pending.type] !== message.type) {
          this.#die(new CompileServerProtocolError(`unexpected ${message.type} for request ${String(message.id)}`));
          return;
        }
        this.#pending.delete(message.id);
        pending.resolve(message);
      }
    }
    this.#flushAnswers();
    this.#pump();
  }

  #onNeed(message: NeedMessage): void {
    const need: OutstandingNeed = { needId: message.needId };
    this.#needs.push(need);
    const answer = (outcome: NeedOutcome): void => {
      need.answer =
        outcome === 'ready'
          ? { type: 'ready', needId: message.needId, path: message.path }
          : { type: 'failed', needId: message.needId, path: message.path, message: outcome.failed };
      this.#flushAnswers();
      this.#pump();
    };
    this.#nested
      .run(message.needId, () => this.#options.onNeed(message.path, message.missing === true))
      .then(answer, (error: unknown) => answer({ failed: error instanceof Error ? error.message : String(error) }));
  }

  /**
   * The server reads an answer only while waiting on that very need, i.e. when it is innermost
   * and every request nested under it has been served; anything earlier would be read as the
   * answer to some other need (fatal). So answers wait until then.
   */
  #flushAnswers(): void {
    for (;;) {
      const top = this.#needs.at(-1);
      if (top?.answer === undefined) return;
      for (const p of this.#pending.values()) if (p.underNeed === top.needId) return;
      this.#needs.pop();
      this.#write(top.answer);
    }
  }

  /** While the server works (not merely waits for our answers) watch it, and keep Node alive. */
  #updateActivity(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    const working = this.#pending.size > this.#needs.length;
    if (working && this.#state === 'running') {
      const ms = this.#heardFromServer
        ? this.#options.silenceTimeoutMs
        : Math.max(this.#options.silenceTimeoutMs, START_TIMEOUT);
      this.#watchdog = setTimeout(() => this.#die(new CompileServerTimeoutError(ms)), ms);
    }
    this.#process?.setRef(this.#pending.size > 0 || this.#queue.length > 0 || this.#state === 'closing');
  }

  #die(error: CompileServerError): void {
    if (this.#state !== 'running' && this.#state !== 'closing') return;
    this.#state = 'dead';
    this.#failAll(error);
    this.#process?.kill();
  }

  #failAll(error: Error): void {
    const pending = [...this.#pending.values(), ...this.#queue.splice(0).map((q) => q.pending)];
    this.#pending.clear();
    this.#needs.length = 0;
    for (const p of pending) p.reject(error);
    this.#updateActivity();
  }
}
