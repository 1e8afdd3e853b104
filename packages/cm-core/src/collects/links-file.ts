/**
 * Collection links files (`links.rktd`), read the way Racket 8.7's collection resolver reads
 * them (racket/src/expander/boot/collection.rkt `get-linked-collections`).
 *
 * On-disk format: one datum, a list of entries
 *
 *     ("name" <path> [<version-regexp>])     ; the directory of collection "name"
 *     (root <path> [<version-regexp>])       ; a directory whose subdirectories are collections
 *     (static-root <path> [<version-regexp>]) ; same, listed once when the file is read
 *
 * where `<path>` is a string or byte string, or a list of byte-string path elements and the
 * symbols `up`/`same` (`raco link` writes this encoded form), relative to the links file's
 * directory. Entries whose regexp does not match `(version)` are skipped.
 *
 * Order matters: a `root` entry is appended to every name seen so far as well as to the root
 * list, so a root listed after `("x" …)` is searched for `x` before roots listed earlier.
 *
 * A missing file is an empty table; a malformed one is an empty table plus the message Racket
 * logs (`ill-formed content`, `expected a single S-expression`, or the read error), never a throw.
 */
import { readAll } from '../data/reader.js';
import type { RacketRegexp, RacketValue } from '../data/types.js';
import type { NormalizedCollectionEnvironment } from './collection-environment.js';
import { resolveAgainst } from './collection-environment.js';
import { buildPath, simplifyPath } from './racket-path.js';

/** One place to look: a collection's own directory, or a directory holding collections. */
export interface LinkTarget {
  readonly dir: string;
  /** True for a named entry: `dir` is the collection itself (Racket boxes these). */
  readonly isCollectionDir: boolean;
}

export interface LinksTable {
  /** Targets per top-level collection name, in search order. */
  readonly byName: ReadonlyMap<string, readonly LinkTarget[]>;
  /** Directories holding collections (`root`/`static-root`-free part), in search order. */
  readonly roots: readonly LinkTarget[];
  /** Why the file was ignored, when it was. */
  readonly error?: string;
}

const EMPTY: LinksTable = { byName: new Map(), roots: [] };
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder();

function isPathBytes(bytes: Uint8Array): boolean {
  return bytes.length > 0 && !bytes.includes(0);
}

/** Decodes an encoded link path, or `undefined` when it is not `encoded-link-path?`. */
export function decodeLinkPath(value: RacketValue): string | undefined {
  switch (value.kind) {
    case 'string':
      return value.value !== '' && !value.value.includes('\0') ? value.value : undefined;
    case 'path':
      return value.value;
    case 'bytes':
      return isPathBytes(value.value) ? utf8.decode(value.value) : undefined;
    case 'list': {
      if (value.tail !== undefined || value.items.length === 0) return undefined;
      const elements: string[] = [];
      for (const item of value.items) {
        if (item.kind === 'symbol' && (item.name === 'up' || item.name === 'same')) {
          elements.push(item.name === 'up' ? '..' : '.');
          continue;
        }
        if (item.kind !== 'bytes' || !isPathBytes(item.value)) return undefined;
        const element = utf8.decode(item.value);
        if (element.includes('/') || element === '.' || element === '..') return undefined;
        elements.push(element);
      }
      return elements.join('/');
    }
    default:
      return undefined;
  }
}

/** `regexp-match?` of a version regexp against `(version)`; unsupported syntax never matches. */
function matchesVersion(regexp: RacketRegexp, version: string): boolean {
  const source = regexp.source.kind === 'string' ? regexp.source.value : latin1.decode(regexp.source.value);
  try {
    return new RegExp(source).test(version);
  } catch {
    return false;
  }
}

interface Entry {
  readonly key: string | null;
  readonly staticRoot: boolean;
  readonly path: string;
  readonly regexp: RacketRegexp | undefined;
}

function parseEntries(datum: RacketValue): Entry[] | undefined {
  if (datum.kind !== 'list' || datum.tail !== undefined) return undefined;
  const entries: Entry[] = [];
  for (const item of datum.items) {
    if (item.kind !== 'list' || item.tail !== undefined || item.items.length < 2 || item.items.length > 3) return undefined;
    const [head, pathValue, regexp] = item.items as [RacketValue, RacketValue, RacketValue | undefined];
    let key: string | null;
    let staticRoot = false;
    if (head.kind === 'string') key = head.value;
    else if (head.kind === 'symbol' && (head.name === 'root' || head.name === 'static-root')) {
      key = null;
      staticRoot = head.name === 'static-root';
    } else return undefined;
    const path = decodeLinkPath(pathValue);
    if (path === undefined) return undefined;
    if (regexp !== undefined && regexp.kind !== 'regexp') return undefined;
    entries.push({ key, staticRoot, path, regexp });
  }
  return entries;
}

/**
 * Reads and interprets one links file.
 * @example readLinksFile('/usr/share/racket/links.rktd', env).byName.get('2d')?.[0] //=> { dir: '/usr/share/racket/pkgs/2d-lib', isCollectionDir: true }
 */
export function readLinksFile(file: string, env: NormalizedCollectionEnvironment): LinksTable {
  const data = env.fs.readFile(file);
  if (data === undefined) return EMPTY;
  let datums: RacketValue[];
  try {
    datums = readAll(data, { source: file, who: 'read' });
  } catch (error) {
    return { ...EMPTY, error: error instanceof Error ? error.message : String(error) };
  }
  if (datums.length > 1) return { ...EMPTY, error: 'expected a single S-expression' };
  const entries = datums[0] === undefined ? undefined : parseEntries(datums[0]);
  if (entries === undefined) return { ...EMPTY, error: 'ill-formed content' };

  const linksDir = file.slice(0, file.lastIndexOf('/') + 1) || './';
  const byName = new Map<string, LinkTarget[]>();
  let roots: LinkTarget[] | undefined;
  for (const entry of entries) {
    if (entry.regexp !== undefined && !matchesVersion(entry.regexp, env.version)) continue;
    const dir = simplifyPath(resolveAgainst(linksDir, entry.path));
    if (entry.key !== null) {
      const list = byName.get(entry.key) ?? [];
      list.push({ dir, isCollectionDir: true });
      byName.set(entry.key, list);
    } else if (entry.staticRoot) {
      for (const sub of env.fs.listDirectory(dir)) {
        if (!env.fs.isDirectory(buildPath(dir, sub))) continue;
        const list = byName.get(sub) ?? [];
        list.push({ dir, isCollectionDir: false });
        byName.set(sub, list);
      }
    } else {
      roots ??= [];
      roots.push({ dir, isCollectionDir: false });
      for (const list of byName.values()) list.push({ dir, isCollectionDir: false });
    }
  }
  return { byName, roots: roots ?? [] };
}
