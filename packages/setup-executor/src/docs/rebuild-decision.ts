/**
 * Whether a document is built in this run, and why (raco's `get-doc-info` out-of-date test and
 * the dependency loop of `setup-scribblings`, reduced to what a workspace needs).
 *
 * A document's own reasons, checked before Racket starts (`decideOwnRebuild`), first match wins:
 * `never-built` (no usable stamp), `racket-changed`, `entry-changed` (flags, name, out-k, source
 * path or up link), `output-missing` (`index.html` or an `out<i>.sxref`), `source-changed` (the
 * compiled source's SHA-1 + dependency hash), `always-run`, `reference-changed` (a workspace
 * document it took links from has other cross-reference data now).
 *
 * Reasons that depend on what this run built (`findTriggeredRebuilds`, repeated until nothing
 * is added): `reference-changed` (its out hash changed in this run), `undefined-tag-defined` (a
 * built document now defines a tag it could not resolve), `depends-all` (`'depends-all` or
 * `'depends-all-user`: another document without `'no-depend-on` was built). `'depends-all-main`
 * counts only main-installation documents, and this step builds none, so it never triggers.
 */
import { hasFlag, type DocTarget } from './doc-target.js';
import type { DocStamp, DocStampEntry } from './doc-stamp.js';

export type DocRebuildReason =
  | 'never-built'
  | 'racket-changed'
  | 'entry-changed'
  | 'output-missing'
  | 'source-changed'
  | 'always-run'
  | 'reference-changed'
  | 'undefined-tag-defined'
  | 'depends-all';

/** One decision, for logs and tests. */
export interface DocDecision {
  readonly id: string;
  readonly src: string;
  /** `undefined`: up to date, not built. */
  readonly reason: DocRebuildReason | undefined;
}

/** What the own-reason check compares, read from the file system by the caller. */
export interface DocFacts {
  /** `"<version> <vm>"`. */
  readonly racket: string;
  readonly entry: DocStampEntry;
  /** `getCompiledSourceHash` of the source now. */
  readonly source: string;
  readonly outputsExist: boolean;
  /** The current out hash of a workspace document, by id (`undefined`: unknown document). */
  readonly outHash: (id: string) => string | undefined;
}

function sameEntry(a: DocStampEntry, b: DocStampEntry): boolean {
  return a.src === b.src && a.name === b.name && a.outCount === b.outCount && a.upLink === b.upLink && a.flags.join(' ') === b.flags.join(' ');
}

function changedReference(stamp: DocStamp, outHash: (id: string) => string | undefined): boolean {
  return Object.entries(stamp.refs).some(([id, hash]) => outHash(id) !== hash);
}

/**
 * The document's own reason to be built, or `undefined` when it is up to date.
 * @example decideOwnRebuild(target, undefined, facts) //=> 'never-built'
 */
export function decideOwnRebuild(target: Pick<DocTarget, 'flags'>, stamp: DocStamp | undefined, facts: DocFacts): DocRebuildReason | undefined {
  if (stamp === undefined) return 'never-built';
  if (stamp.racket !== facts.racket) return 'racket-changed';
  if (!sameEntry(stamp.entry, facts.entry)) return 'entry-changed';
  if (!facts.outputsExist) return 'output-missing';
  if (stamp.source !== facts.source || facts.source === '') return 'source-changed';
  if (hasFlag(target, 'always-run')) return 'always-run';
  if (changedReference(stamp, facts.outHash)) return 'reference-changed';
  return undefined;
}

/** A document built (run) in this run, with the tags it defines (`~s` text). */
export interface BuiltDoc {
  readonly target: Pick<DocTarget, 'id' | 'flags'>;
  readonly provides: ReadonlySet<string>;
}

/**
 * The documents among `waiting` that this run's builds now require, with their reasons.
 * @example findTriggeredRebuilds([{ target: all, stamp }], [{ target: a, provides }], outHash) //=> [{ target: all, reason: 'depends-all' }]
 */
export function findTriggeredRebuilds<T extends Pick<DocTarget, 'id' | 'flags'>>(
  waiting: readonly { readonly target: T; readonly stamp: DocStamp | undefined }[],
  built: readonly BuiltDoc[],
  outHash: (id: string) => string | undefined,
): { target: T; reason: DocRebuildReason }[] {
  const out: { target: T; reason: DocRebuildReason }[] = [];
  for (const { target, stamp } of waiting) {
    if (stamp !== undefined && changedReference(stamp, outHash)) {
      out.push({ target, reason: 'reference-changed' });
    } else if (stamp !== undefined && stamp.undefined.some((tag) => built.some((b) => b.provides.has(tag)))) {
      out.push({ target, reason: 'undefined-tag-defined' });
    } else if (
      (hasFlag(target, 'depends-all') || hasFlag(target, 'depends-all-user')) &&
      built.some((b) => b.target.id !== target.id && !hasFlag(b.target, 'no-depend-on'))
    ) {
      out.push({ target, reason: 'depends-all' });
    }
  }
  return out;
}
