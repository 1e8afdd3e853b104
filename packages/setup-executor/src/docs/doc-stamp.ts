/**
 * The record of one built document, `<doc dir>/nx-raco-doc.json`, and the hashes it compares.
 *
 * On-disk format (JSON, one object):
 *
 *     { "format": 1,
 *       "racket": "8.7 chez-scheme",              // (version) and (system-type 'vm)
 *       "entry": { "src", "flags", "name", "outCount", "upLink" },
 *       "source": "<.zo SHA-1><.dep imports SHA-1>", // raco's get-compiled-file-sha1 of the source
 *       "title": "My Manual",                     // for the workspace index page
 *       "refs": { "<doc id>": "<out hash>" },     // workspace documents it took links from
 *       "undefined": ["<tag>", ...] }             // tags it could not resolve (`~s` text)
 *
 * Crash safety: the stamp is removed before a document is run and written (temp file, then
 * rename) only after its HTML, so a build that dies half-way leaves no stamp and is redone.
 * A missing, corrupt or other-format stamp means "never built".
 *
 * Out hash (raco's `get-info-out-hash`): the SHA-1 of the concatenated SHA-1s of the
 * document's `out<i>.sxref` files (a missing file counts as `#f`); it changes exactly when the
 * document's cross-reference data changes.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileSha1, getCompiledFilePath, readDepFile, sha1Hex, type CompilationSearch } from '@nx-raco/cm-core';
import type { DocTarget } from './doc-target.js';

export const STAMP_FILE = 'nx-raco-doc.json';
const STAMP_FORMAT = 1;

export interface DocStampEntry {
  readonly src: string;
  readonly flags: readonly string[];
  readonly name: string;
  readonly outCount: number;
  readonly upLink: string;
}

export interface DocStamp {
  readonly racket: string;
  readonly entry: DocStampEntry;
  readonly source: string;
  readonly title: string;
  readonly refs: Readonly<Record<string, string>>;
  readonly undefined: readonly string[];
}

export function getStampPath(target: Pick<DocTarget, 'destDir'>): string {
  return join(target.destDir, STAMP_FILE);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** The stamp of `target`, or `undefined` when it is missing, corrupt or of another format. */
export function readDocStamp(target: Pick<DocTarget, 'destDir'>): DocStamp | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(getStampPath(target), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const entry = data['entry'] as Record<string, unknown> | undefined;
  const refs = data['refs'];
  if (
    data['format'] !== STAMP_FORMAT ||
    typeof data['racket'] !== 'string' ||
    typeof data['source'] !== 'string' ||
    typeof data['title'] !== 'string' ||
    !isStringArray(data['undefined']) ||
    typeof refs !== 'object' || refs === null || !Object.values(refs).every((v) => typeof v === 'string') ||
    typeof entry !== 'object' || entry === null ||
    typeof entry['src'] !== 'string' || !isStringArray(entry['flags']) || typeof entry['name'] !== 'string' ||
    typeof entry['outCount'] !== 'number' || typeof entry['upLink'] !== 'string'
  ) {
    return undefined;
  }
  return data as unknown as DocStamp;
}

/** Writes `stamp` for `target` atomically (temp file, then rename). */
export function writeDocStamp(target: Pick<DocTarget, 'destDir'>, stamp: DocStamp): void {
  const path = getStampPath(target);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ format: STAMP_FORMAT, ...stamp }, null, 1)}\n`);
  renameSync(tmp, path);
}

export function removeDocStamp(target: Pick<DocTarget, 'destDir'>): void {
  rmSync(getStampPath(target), { force: true });
}

/**
 * raco's `get-compiled-file-sha1` of `src`'s compiled form: the `.zo`'s SHA-1 followed by the
 * combined dependency SHA-1 of its `.dep` (empty when the `.dep` is unusable); `''` when there is
 * no `.zo`.
 * @example getCompiledSourceHash('/ws/mc/scribblings/mc.scrbl', { modes: ['compiled'], roots: ['same'] }) //=> '3f…'+'9a…'
 */
export function getCompiledSourceHash(src: string, search: CompilationSearch): string {
  const zo = getCompiledFilePath(src, '.zo', search);
  const zoSha1 = fileSha1(zo);
  if (zoSha1 === undefined) return '';
  const dep = readDepFile(`${zo.slice(0, -'.zo'.length)}.dep`);
  return zoSha1 + (dep.ok ? dep.record.importsSha1 : '');
}

/** raco's `get-info-out-hash` of `target` (see the module comment). */
export function getOutHash(target: Pick<DocTarget, 'destDir' | 'outCount'>): string {
  let text = '';
  for (let i = 0; i <= target.outCount; i += 1) text += fileSha1(join(target.destDir, `out${i}.sxref`)) ?? '#f';
  return sha1Hex(text);
}
