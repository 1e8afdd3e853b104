/**
 * Which collections `nx-raco setup` sets up and which files it compiles in each, as raco
 * setup chooses them (`setup-core.rkt:353-474`, `compiler.rkt:95-169`,
 * `setup/private/omitted-paths.rkt`; racket-notes §5.4, §7.3).
 *
 * - A collection is a directory found through the workspace's collection roots (the top-level
 *   `info.rkt` directories; each subdirectory of a `'multi` project), and every subdirectory of
 *   it that is not omitted is a subcollection, set up as a collection of its own.
 * - Never collections or compiled: `compiled`, `CVS`, names starting with `.` (so `.git`,
 *   `.svn`), `doc` (only the main installation's collects compiles `doc`), `node_modules`;
 *   whatever `compile-omit-paths` / `compile-omit-files` of the directory or an ancestor lists
 *   (`'all` omits the directory); with `-D`, a `scribblings` subdirectory.
 * - Files of one collection: those directly in it whose name ends in `.rkt`, `.ss` or `.scm`
 *   (any case; raco setup's `'libs` suffix group, so a `.scrbl` file is compiled only as a
 *   `scribblings` source), plus the first element of each `scribblings` entry (unless `-D`),
 *   plus `compile-include-files`, minus omitted paths. `info.rkt` is compiled too, as raco does.
 *
 * A bad `info.rkt` never throws here: the collection carries the error (file:line:column and
 * reason from cm-core) and has no files; the caller reports it and sets up the others.
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { getInfo, type InfoTable, type RacketValue } from '@nx-raco/cm-core';

/** One collection to set up (raco's `cc`). */
export interface SetupCollection {
  /** `/`-separated collection path, e.g. `hello/private`. */
  readonly name: string;
  /** Absolute directory. */
  readonly dir: string;
  /** Its `info.rkt`, when present and readable. */
  readonly info: InfoTable | undefined;
  /** Why its `info.rkt` could not be read, when it could not. */
  readonly infoError: Error | undefined;
  /** Absolute paths of the files to compile, sorted. */
  readonly files: readonly string[];
}

/**
 * raco's `cc-name`, how steps and the error summary name a collection: the directory, then
 * ` (<name>)` when its info.rkt defines a string `name`.
 * @example formatCollectionName(cc) //=> '/ws/mc (My Collection)'
 */
export function formatCollectionName(cc: SetupCollection): string {
  const name = cc.info?.get('name');
  return name?.kind === 'string' ? `${cc.dir} (${name.value})` : cc.dir;
}

/** `ccs` in raco's order (`sort-collections`: by `cc-name`, as strings). */
export function sortCollections(ccs: readonly SetupCollection[]): SetupCollection[] {
  return ccs
    .map((cc) => ({ cc, key: formatCollectionName(cc) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ cc }) => cc);
}

/** `(get-module-suffix-regexp #:group 'libs)`, which raco setup compiles by (`setup-core.rkt:1163`). */
const MODULE_SUFFIX = /^(.*)\.(rkt|scm|ss)$/i;
const IMPLICIT_OMITS = new Set(['compiled', 'CVS', 'doc', 'node_modules']);

function readInfo(dir: string): { info: InfoTable | undefined; error: Error | undefined } {
  try {
    return { info: getInfo(dir), error: undefined };
  } catch (error) {
    return { info: undefined, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

function stringItems(info: InfoTable | undefined, field: string): string[] {
  const value = info?.get(field);
  if (value?.kind !== 'list') return [];
  return value.items.flatMap((item) => (item.kind === 'string' || item.kind === 'path' ? [item.value] : []));
}

/** A regexp entry of `compile-omit-paths`, with the path from its declaring directory. */
interface OmitRegexp {
  /** `''` in the declaring directory, else `sub/dir/` (with the trailing `/`). */
  readonly prefix: string;
  readonly rx: RegExp;
}

/**
 * A Racket `#rx`/`#px` as a JavaScript RegExp, or undefined when JavaScript cannot read it
 * (Racket-only syntax): such an entry then omits nothing.
 */
function toRegExp(value: RacketValue): RegExp | undefined {
  if (value.kind !== 'regexp') return undefined;
  const source = value.source.kind === 'string' ? value.source.value : new TextDecoder().decode(value.source.value);
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

/** The absolute paths and the regexps `info` omits below `dir`, or `'all'`. */
function omittedPaths(dir: string, info: InfoTable | undefined): { paths: Set<string>; rxs: RegExp[] } | 'all' {
  const paths = new Set<string>();
  const rxs: RegExp[] = [];
  for (const field of ['compile-omit-paths', 'compile-omit-files']) {
    const value = info?.get(field);
    if (value?.kind === 'symbol' && value.name === 'all') return 'all';
    for (const item of stringItems(info, field)) paths.add(resolve(dir, item));
    if (value?.kind === 'list') rxs.push(...value.items.flatMap((item) => toRegExp(item) ?? []));
  }
  return { paths, rxs };
}

function scribblingSources(info: InfoTable | undefined): string[] {
  const value = info?.get('scribblings');
  if (value?.kind !== 'list') return [];
  return value.items.flatMap((doc) => {
    const first = doc.kind === 'list' ? doc.items[0] : undefined;
    return first?.kind === 'string' || first?.kind === 'path' ? [first.value] : [];
  });
}

function sortedEntries(dir: string): import('node:fs').Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** Whether a directory entry named `name` is implicitly omitted. */
function isImplicitlyOmitted(name: string): boolean {
  return IMPLICIT_OMITS.has(name) || name.startsWith('.');
}

/**
 * Visits collection `name` at `dir`. As `omitted-paths.rkt`: a regexp is matched against each
 * entry name of its declaring directory, and against `sub/…/name` in nested ones.
 */
function visit(name: string, dir: string, inherited: ReadonlySet<string>, inheritedRxs: readonly OmitRegexp[], noDocs: boolean, out: SetupCollection[]): void {
  const { info, error } = readInfo(dir);
  const own = omittedPaths(dir, info);
  if (own === 'all') return;
  const rxs = [...inheritedRxs, ...own.rxs.map((rx) => ({ prefix: '', rx }))];
  const entries = sortedEntries(dir);
  const omitted = new Set([...inherited, ...own.paths]);
  for (const entry of entries) {
    if (rxs.some(({ prefix, rx }) => rx.test(`${prefix}${entry.name}`))) omitted.add(join(dir, entry.name));
  }
  const candidates = [
    ...entries.filter((e) => !e.isDirectory() && MODULE_SUFFIX.test(e.name)).map((e) => join(dir, e.name)),
    ...(noDocs ? [] : scribblingSources(info).map((s) => resolve(dir, s))),
    ...stringItems(info, 'compile-include-files').map((s) => resolve(dir, s)),
  ];
  const files = error === undefined ? [...new Set(candidates)].filter((f) => !omitted.has(f)).sort() : [];
  out.push({ name, dir, info, infoError: error, files });
  for (const entry of entries) {
    if (!entry.isDirectory() || isImplicitlyOmitted(entry.name)) continue;
    if (noDocs && entry.name === 'scribblings') continue;
    const sub = join(dir, entry.name);
    if (omitted.has(sub)) continue;
    visit(`${name}/${entry.name}`, sub, omitted, rxs.map(({ prefix, rx }) => ({ prefix: `${prefix}${entry.name}/`, rx })), noDocs, out);
  }
}

/**
 * The collections under the top-level collection directories `roots` (name → directory),
 * restricted to `selected` (collection paths such as `hello` or `hello/private`; each selects
 * that collection and its subcollections), with their files.
 * @example listSetupCollections([{ name: 'hello', dir: '/ws/hello' }], [], { noDocs: false }).map((c) => c.name)
 * //=> ['hello', 'hello/private']
 */
export function listSetupCollections(
  roots: readonly { readonly name: string; readonly dir: string }[],
  selected: readonly string[],
  options: { readonly noDocs: boolean },
): SetupCollection[] {
  const all: SetupCollection[] = [];
  for (const root of roots) {
    if (isImplicitlyOmitted(basename(root.dir))) continue;
    visit(root.name, resolve(root.dir), new Set(), [], options.noDocs, all);
  }
  if (selected.length === 0) return all;
  const wanted = selected.map((s) => s.replace(/\/+$/, ''));
  return all.filter((cc) => wanted.some((w) => cc.name === w || cc.name.startsWith(`${w}/`)));
}

/** Names in `selected` that match no collection of `collections` (for raco's "collection not found"). */
export function findUnknownCollections(collections: readonly SetupCollection[], selected: readonly string[]): string[] {
  return selected.filter((s) => !collections.some((cc) => cc.name === s.replace(/\/+$/, '')));
}
