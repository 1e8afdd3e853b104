/**
 * The protocol between `buildDocumentation` and the Racket worker
 * (`packages/setup-executor/racket/render-docs.rkt`, whose header comment is the other copy):
 * one JSON object per line each way, one reply per request, in order.
 */
import type { DocTarget } from './doc-target.js';

/** A document as the worker sees it. */
export interface WorkerDoc {
  readonly id: string;
  /** Absolute source path. */
  readonly src: string;
  /** `(lib <spec> ...)` without `lib`: the source relative to its collection, then the collection's elements. */
  readonly spec: readonly string[];
  readonly destDir: string;
  readonly flags: readonly string[];
  readonly outCount: number;
  /** Absolute path of the workspace index page (the renderer's `up-path`). */
  readonly upPath: string;
  /** The same page relative to the document's directory (what the written HTML links to). */
  readonly upLink: string;
}

export type WorkerRequest =
  | { readonly op: 'init'; readonly docs: readonly WorkerDoc[] }
  | { readonly op: 'run'; readonly doc: WorkerDoc }
  | { readonly op: 'check'; readonly ids: readonly string[] }
  | { readonly op: 'render'; readonly doc: WorkerDoc }
  | { readonly op: 'quit' };

interface Captured {
  /** What the document printed during the request. */
  readonly stdout: string;
  readonly stderr: string;
}

export type WorkerFailure = Captured & { readonly ok: false; readonly error: string };

export type WorkerReply =
  | { readonly op: 'ready' }
  | (Captured & { readonly op: 'ran'; readonly ok: true; readonly outChanged: boolean; readonly provides: readonly string[] })
  | (Captured & { readonly op: 'checked'; readonly ok: true; readonly undefined: Readonly<Record<string, readonly string[]>> })
  | (Captured & { readonly op: 'rendered'; readonly ok: true; readonly title: string | null; readonly refs: readonly string[]; readonly undefined: readonly string[] })
  | (WorkerFailure & { readonly op: 'ran' | 'checked' | 'rendered' | 'error' });

/** The reply op each request op expects. */
export const REPLY_OP = { init: 'ready', run: 'ran', check: 'checked', render: 'rendered' } as const;

/** `target` as the worker sees it. */
export function toWorkerDoc(target: DocTarget, upPath: string, upLink: string): WorkerDoc {
  return {
    id: target.id,
    src: target.srcPath,
    spec: [target.src, ...target.collection.split('/')],
    destDir: target.destDir,
    flags: target.flags,
    outCount: target.outCount,
    upPath,
    upLink,
  };
}

const OPS = new Set(['ready', 'ran', 'checked', 'rendered', 'error']);

/**
 * One reply line, checked for the fields its consumers read.
 * @throws {TypeError} when the line is not a reply.
 * @example parseWorkerReply('{"op":"ready"}') //=> { op: 'ready' }
 */
export function parseWorkerReply(line: string): WorkerReply {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new TypeError(`Expected a JSON reply from the documentation worker, got \`${line.slice(0, 200)}\` (text)`);
  }
  if (typeof data !== 'object' || data === null || !OPS.has(data['op'] as string)) {
    throw new TypeError(`Expected a reply with op ready/ran/checked/rendered/error, got \`${line.slice(0, 200)}\``);
  }
  if (data['op'] === 'ready') return { op: 'ready' };
  if (typeof data['stdout'] !== 'string' || typeof data['stderr'] !== 'string' || typeof data['ok'] !== 'boolean') {
    throw new TypeError(`Expected stdout, stderr and ok in the worker's reply, got \`${line.slice(0, 200)}\``);
  }
  if (data['ok'] === false && typeof data['error'] !== 'string') throw new TypeError(`Expected an error message in the worker's failure, got \`${line.slice(0, 200)}\``);
  return data as unknown as WorkerReply;
}
