/**
 * A Chrome trace-event file of a parallel build (`--trace FILE`): one track per worker, one
 * complete event (`ph: 'X'`, `ts`/`dur` in microseconds) per compile, recompile or touch, named
 * by the module's path, and a `lock wait` slice wherever a worker waited for another worker (or
 * process) before building or skipping a module. Opens in Perfetto (ui.perfetto.dev) and
 * chrome://tracing.
 *
 * Format: the JSON object form `{ traceEvents: [...], displayTimeUnit: 'ms' }`; `pid` 1 is the
 * build, `tid` is the worker id + 1 (named "worker N" by `thread_name` metadata events).
 * Timestamps are relative to the recorder's creation.
 *
 * Fragile: slices come from the worker's own clock (events carry it), so nested compiles nest
 * properly on their track; events that never finish (Racket died mid-compile) are closed at
 * the time the task ended.
 */
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { CompileEvent } from '@nx-raco/cm-core';

export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: 'X' | 'M';
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: Readonly<Record<string, unknown>>;
}

const START_KIND: Partial<Record<CompileEvent['type'], string>> = {
  'start-compile': 'compile',
  'start-recompile': 'recompile',
  'start-touch': 'touch',
};
const FINISH_KIND: Partial<Record<CompileEvent['type'], string>> = {
  'finish-compile': 'compile',
  'finish-recompile': 'recompile',
  'finish-touch': 'touch',
};

export class TraceRecorder {
  readonly #origin: number;
  readonly #cwd: string;
  readonly #events: TraceEvent[] = [];
  readonly #open = new Map<string, { kind: string; at: number; reason: string }>();
  readonly #locking = new Map<string, number>();
  readonly #workers = new Set<number>();

  /** @param origin epoch milliseconds that become `ts` 0 @param cwd paths under it are shown relative */
  constructor(origin: number, cwd: string) {
    this.#origin = origin;
    this.#cwd = cwd;
  }

  /** Records one compile event of `worker`, which happened at `at` (epoch milliseconds, high resolution). */
  record(worker: number, event: CompileEvent, at: number): void {
    this.#workers.add(worker);
    const key = `${worker}\0${event.path}`;
    if (event.type === 'locking') {
      this.#locking.set(key, at);
      return;
    }
    const lockedAt = this.#locking.get(key);
    if (lockedAt !== undefined) {
      this.#locking.delete(key);
      if (at > lockedAt) this.#slice(worker, `lock wait: ${this.#name(event.path)}`, 'lock', lockedAt, at, { outcome: event.type });
    }
    const startKind = START_KIND[event.type];
    if (startKind !== undefined) {
      this.#open.set(key, { kind: startKind, at, reason: event.reason });
      return;
    }
    const finishKind = FINISH_KIND[event.type];
    const open = this.#open.get(key);
    if (finishKind !== undefined && open !== undefined) {
      this.#open.delete(key);
      this.#slice(worker, this.#name(event.path), open.kind, open.at, at, { reason: open.reason });
    }
  }

  /** Closes `worker`'s unfinished slices at `at` (its task ended, e.g. because Racket died). */
  closeWorker(worker: number, at: number): void {
    for (const [key, open] of this.#open) {
      if (!key.startsWith(`${worker}\0`)) continue;
      this.#open.delete(key);
      this.#slice(worker, this.#name(key.slice(key.indexOf('\0') + 1)), open.kind, open.at, Math.max(at, open.at), { reason: open.reason, unfinished: true });
    }
  }

  /** The trace as Chrome's JSON object format. */
  toJSON(): { traceEvents: TraceEvent[]; displayTimeUnit: 'ms' } {
    const meta: TraceEvent[] = [{ name: 'process_name', ph: 'M', ts: 0, pid: 1, tid: 0, args: { name: 'nx-raco parallel build' } }];
    for (const w of [...this.#workers].sort((a, b) => a - b)) {
      meta.push({ name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: w + 1, args: { name: `worker ${w}` } });
    }
    return { traceEvents: [...meta, ...this.#events], displayTimeUnit: 'ms' };
  }

  write(file: string): void {
    writeFileSync(file, `${JSON.stringify(this.toJSON())}\n`);
  }

  #slice(worker: number, name: string, cat: string, from: number, to: number, args: Record<string, unknown>): void {
    const ts = Math.round((from - this.#origin) * 1000);
    this.#events.push({ name, cat, ph: 'X', ts, dur: Math.max(0, Math.round((to - this.#origin) * 1000) - ts), pid: 1, tid: worker + 1, args });
  }

  #name(path: string): string {
    const rel = relative(this.#cwd, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  }
}
