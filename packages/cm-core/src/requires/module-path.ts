/**
 * One module path (Racket's `module-path?` grammar), reduced to what graph builders need: a
 * relative or `file` path as written, or the collection and file a collection-based path names.
 *
 * Collection paths follow `collection-file-path`'s input: `a` is `a/main.rkt`, `a/b` is
 * `a/b.rkt`, `(lib "a/b.rkt")` is itself, `(lib "b.rkt" "a" "c")` is `a/c/b.rkt`, and a `.ss`
 * suffix becomes `.rkt` (Racket falls back to the `.rkt` file when the `.ss` one is missing).
 *
 * Fragile: the legacy `(lib "x.rkt")` (no `/`, meaning `mzlib/x.rkt`) is not reported; neither
 * is a path with empty, `.` or `..` collection elements, which Racket rejects.
 */
import type { RacketValue } from '../data/types.js';
import type { ModulePath } from './types.js';

/** Symbols that are module paths: `/`-separated elements of Racket's path characters. */
const MODULE_PATH_SYMBOL = /^[a-zA-Z0-9_+\-.%]+(\/[a-zA-Z0-9_+\-.%]+)*$/;

/**
 * `file` with Racket's default suffix: `.rkt` added when it has none, `.ss` replaced by `.rkt`.
 * @example addRktSuffix('a/b') //=> 'a/b.rkt'
 */
export function addRktSuffix(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (!base.includes('.')) return `${file}.rkt`;
  return file.endsWith('.ss') ? `${file.slice(0, -3)}.rkt` : file;
}

function parseCollectionPath(text: string): ModulePath | undefined {
  const parts = text.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return undefined;
  if (parts.length === 1) return { kind: 'collection', collection: parts, file: 'main.rkt' };
  return { kind: 'collection', collection: parts.slice(0, -1), file: addRktSuffix(parts.at(-1)!) };
}

function parseLib(args: readonly RacketValue[]): ModulePath | undefined {
  const strings = args.map((arg) => (arg.kind === 'string' ? arg.value : undefined));
  if (strings.length === 0 || strings.includes(undefined)) return undefined;
  const [file, ...collection] = strings as [string, ...string[]];
  if (collection.length > 0) return parseCollectionPath([...collection, file].join('/'));
  if (file.includes('/')) return parseCollectionPath(file);
  return file.includes('.') ? undefined : parseCollectionPath(`${file}/main.rkt`);
}

/**
 * The module path `value` is, or `undefined` when it is not one (a require sub-form such as
 * `only-in`, or anything else). With `relativeAllowed` false, relative strings and `(file …)`
 * are not module paths (inside `relative-in` they are relative to another module).
 * @example parseModulePath(<(lib "srfi/19/time.ss")>, true) //=> { kind: 'collection', collection: ['srfi', '19'], file: 'time.rkt' }
 */
export function parseModulePath(value: RacketValue, relativeAllowed: boolean): ModulePath | undefined {
  switch (value.kind) {
    case 'symbol':
      return MODULE_PATH_SYMBOL.test(value.name) ? parseCollectionPath(value.name) : undefined;
    case 'string':
      return relativeAllowed && value.value !== '' ? { kind: 'relative', path: value.value } : undefined;
    case 'list':
      break;
    default:
      return undefined;
  }
  const [head, ...args] = value.items;
  if (head?.kind !== 'symbol' || value.tail !== undefined) return undefined;
  const arg = args[0];
  switch (head.name) {
    case 'lib':
      return parseLib(args);
    case 'file':
      return relativeAllowed && arg?.kind === 'string' && arg.value !== '' ? { kind: 'file', path: arg.value } : undefined;
    case 'planet':
      return { kind: 'planet' };
    case 'quote':
      return arg?.kind === 'symbol' ? { kind: 'quoted' } : undefined;
    case 'submod':
      if (arg?.kind === 'string' && (arg.value === '.' || arg.value === '..')) return { kind: 'submodule' };
      return arg === undefined ? undefined : parseModulePath(arg, relativeAllowed);
    default:
      return undefined;
  }
}
