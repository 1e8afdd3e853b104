/**
 * The `.dep` file: reading, validating and writing the dependency record that sits next to
 * every `.zo` (Racket's `compiler/private/cm-dep.rkt` and `dep.rkt`).
 *
 * On-disk format (Racket 8.7, one `write`-printed datum on one line, then `\n`):
 *
 *     ("8.7" ta6le ("<src-sha1>" . "<imports-sha1>") <dep> ...)
 *     ("8.7" ta6le ("<src-sha1>" "<imports-sha1>" . "<assume-sha1>") <dep> ...)
 *
 * - version string; target machine symbol, or `#f` for machine-independent code;
 * - the source SHA-1 and the combined dependency SHA-1 (`combined-hash.ts`), plus the SHA-1 that
 *   dependents must assume after a machine-independent `.zo` was recompiled;
 * - each dep: `#"/abs/path.rkt"`, `(collects #"coll" … #"file.rkt")`, either wrapped as
 *   `(ext . <path>)` for a non-module file, and optionally prefixed `(indirect . <dep>)`.
 *
 * Deps are de-duplicated and sorted by their `write` text with `string<?` (`cm-minimal.rkt:998`).
 *
 * Unlike Racket, which crashes on a `.dep` that does not read or has the wrong shape, a bad record
 * here is never an exception: `readDepFile` returns the reason, and the compilation manager treats
 * it as "no record", i.e. rebuild — the same outcome Racket reaches for a missing file.
 */
import { readFileSync } from 'node:fs';
import { readFirst } from '../data/reader.js';
import type { RacketBytes, RacketValue } from '../data/types.js';
import { bytes, isEqual, makeList, str, sym } from '../data/values.js';
import { writeValue } from '../data/writer.js';

/** Where a dependency lives: inside a collection, or at an absolute path. */
export type EncodedPath =
  | { readonly kind: 'collects'; readonly elements: readonly string[] }
  | { readonly kind: 'absolute'; readonly path: string };

export interface DepEntry {
  /** The entry as it appears in the file (kept so that rewriting is byte-exact). */
  readonly value: RacketValue;
  /** `(indirect . …)`: registered with `#:indirect? #t`; does not force compilation order. */
  readonly indirect: boolean;
  /** `(ext . …)`: a non-module file (e.g. `include`d data); only its bytes and mtime matter. */
  readonly external: boolean;
  readonly path: EncodedPath;
}

export interface DepRecord {
  readonly version: string;
  /** Target machine (`ta6le`), or `null` for machine-independent code (`#f`). */
  readonly machine: string | null;
  readonly sourceSha1: string;
  readonly importsSha1: string;
  /** Present after a machine-independent `.zo` was recompiled in place. */
  readonly assumeSha1?: string;
  readonly deps: readonly DepEntry[];
}

export type DepReadResult =
  | { readonly ok: true; readonly record: DepRecord }
  | { readonly ok: false; readonly reason: 'missing' | 'unreadable' | 'bad-shape'; readonly detail: string };

const SHA1 = /^[0-9a-f]{40}$/;
const decoder = new TextDecoder();

function decodeEncodedPath(v: RacketValue): EncodedPath | undefined {
  if (v.kind === 'bytes') return { kind: 'absolute', path: decoder.decode(v.value) };
  if (v.kind !== 'list' || v.tail !== undefined || v.items.length < 2) return undefined;
  const [head, ...rest] = v.items;
  if (head?.kind !== 'symbol' || head.name !== 'collects') return undefined;
  if (!rest.every((e): e is RacketBytes => e.kind === 'bytes')) return undefined;
  return { kind: 'collects', elements: rest.map((e) => decoder.decode(e.value)) };
}

/** Splits `(tag . rest)` into the tag name and `rest`, undoing the list normalisation. */
function splitTagged(v: RacketValue): { tag: string; rest: RacketValue } | undefined {
  if (v.kind !== 'list' || v.items.length === 0) return undefined;
  const [head, ...more] = v.items;
  if (head?.kind !== 'symbol') return undefined;
  const rest = more.length === 0 ? v.tail : makeList(more, v.tail);
  return rest === undefined ? undefined : { tag: head.name, rest };
}

/** Decodes one dep entry as `dep.rkt` does (`indirect` stripped first, then `ext`). */
export function decodeDepEntry(value: RacketValue): DepEntry | undefined {
  let rest = value;
  let indirect = false;
  let external = false;
  const outer = splitTagged(rest);
  if (outer?.tag === 'indirect') {
    indirect = true;
    rest = outer.rest;
  }
  const inner = splitTagged(rest);
  if (inner?.tag === 'ext') {
    external = true;
    rest = inner.rest;
  }
  const path = decodeEncodedPath(rest);
  return path && { value, indirect, external, path };
}

/** Builds the dep entry value for a path, as `write-deps` does (`(indirect . (ext . p))` order). */
export function encodeDepEntry(path: EncodedPath, flags: { indirect?: boolean; external?: boolean } = {}): DepEntry {
  let value: RacketValue =
    path.kind === 'absolute' ? bytes(path.path) : makeList([sym('collects'), ...path.elements.map((e) => bytes(e))]);
  if (flags.external) value = makeList([sym('ext')], value);
  if (flags.indirect) value = makeList([sym('indirect')], value);
  return { value, indirect: flags.indirect ?? false, external: flags.external ?? false, path };
}

/** Parses a `.dep` datum; `undefined` fields mean the shape is not one Racket 8.7 writes. */
export function parseDepRecord(datum: RacketValue): DepReadResult {
  const bad = (detail: string): DepReadResult => ({ ok: false, reason: 'bad-shape', detail });
  if (datum.kind !== 'list' || datum.tail !== undefined || datum.items.length < 3) return bad('expected a list of at least three elements');
  const [version, machine, hashes, ...rest] = datum.items;
  if (version?.kind !== 'string') return bad('expected the version string first');
  if (!(machine?.kind === 'symbol' || (machine?.kind === 'boolean' && !machine.value))) return bad('expected a machine symbol or #f second');
  if (hashes?.kind !== 'list' || hashes.tail === undefined) return bad('expected a (source-sha1 . imports-sha1) pair third');
  const strings = [...hashes.items, hashes.tail];
  if (strings.length > 3 || !strings.every((s) => s.kind === 'string' && SHA1.test(s.value))) {
    return bad('expected 40-digit lowercase hex SHA-1 strings in the hash pair');
  }
  const [src, imports, assume] = strings.map((s) => (s as { value: string }).value);
  const deps: DepEntry[] = [];
  for (const value of rest) {
    const entry = decodeDepEntry(value);
    if (!entry) return bad(`unrecognised dependency ${writeValue(value).slice(0, 200)}`);
    deps.push(entry);
  }
  const record: DepRecord = {
    version: version.value,
    machine: machine.kind === 'symbol' ? machine.name : null,
    sourceSha1: src!,
    importsSha1: imports!,
    ...(assume === undefined ? {} : { assumeSha1: assume }),
    deps,
  };
  return { ok: true, record };
}

/** Reads and validates a `.dep` file. Never throws: problems come back as a reason. */
export function readDepFile(path: string): DepReadResult {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', detail: String(error) };
  }
  try {
    const first = readFirst(text, { source: path });
    return first ? parseDepRecord(first.value) : { ok: false, reason: 'unreadable', detail: 'the file is empty' };
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** De-duplicates (by `equal?`) and sorts deps by their `write` text, as `cm-minimal.rkt:998` does. */
export function sortDepEntries(deps: readonly DepEntry[]): DepEntry[] {
  const keyed = deps.map((d) => ({ d, key: writeValue(d.value) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out: DepEntry[] = [];
  for (const { d } of keyed) if (!out.some((o) => isEqual(o.value, d.value))) out.push(d);
  return out;
}

/** The exact file text for a record: `write` of the list, then one newline. Deps are written in the given order. */
export function formatDepRecord(record: DepRecord): string {
  const hashes =
    record.assumeSha1 === undefined
      ? makeList([str(record.sourceSha1)], str(record.importsSha1))
      : makeList([str(record.sourceSha1), str(record.importsSha1)], str(record.assumeSha1));
  const machine: RacketValue = record.machine === null ? { kind: 'boolean', value: false } : sym(record.machine);
  return `${writeValue(makeList([str(record.version), machine, hashes, ...record.deps.map((d) => d.value)]))}\n`;
}
