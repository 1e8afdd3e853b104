/**
 * Module paths named by one `require` spec, reduced to what the project graph needs: the
 * collection a collection-based path starts with, or the file a relative/`file` path names.
 *
 * Follows Racket's `require` sub-forms (racket/base `require` and the raw `#%require` forms):
 * a table says which positions of each wrapper form hold nested specs, so identifiers such as
 * `first` in `(only-in racket/list first)` are never mistaken for module paths. Unknown forms
 * (user-defined require transformers) and `planet` paths are ignored.
 */
import type { RacketValue } from '@nx-raco/cm-core';

/** A module that a source file refers to. */
export type ModuleReference =
  /** A collection-based path (`a/b`, `(lib "a/b.rkt")`): only its first collection matters. */
  | { readonly kind: 'collection'; readonly collection: string; readonly dynamic: boolean }
  /** A path: relative to the referring file's directory (`"x.rkt"`), or absolute (`(file "/x.rkt")`). */
  | { readonly kind: 'file'; readonly path: string; readonly dynamic: boolean };

/** Which items of a wrapper form are specs: `[from, to)` (to = undefined: to the end). */
const NESTED_SPECS: Readonly<Record<string, readonly [number, number | undefined]>> = {
  'only-in': [1, 2],
  'except-in': [1, 2],
  'rename-in': [1, 2],
  'prefix-in': [2, 3],
  'combine-in': [1, undefined],
  'for-syntax': [1, undefined],
  'for-template': [1, undefined],
  'for-label': [1, undefined],
  'for-meta': [2, undefined],
  'for-space': [2, undefined],
  'only-meta-in': [2, undefined],
  'only-space-in': [2, undefined],
  'just-meta': [2, undefined],
  'just-space': [2, undefined],
  // #%require's raw forms.
  prefix: [2, 3],
  'all-except': [1, 2],
  'prefix-all-except': [2, 3],
  rename: [1, 2],
  only: [1, 2],
};

const MODULE_PATH_SYMBOL = /^[a-zA-Z0-9_+\-.%]+(\/[a-zA-Z0-9_+\-.%]+)*$/;

function firstSegment(path: string): string | undefined {
  const first = path.split('/')[0];
  return first === undefined || first === '' || first === '.' || first === '..' ? undefined : first;
}

function fromLib(items: readonly RacketValue[], dynamic: boolean, out: ModuleReference[]): void {
  const strings = items.slice(1).map((item) => (item.kind === 'string' ? item.value : undefined));
  if (strings.length === 0 || strings.includes(undefined)) return;
  const [file, collection] = strings as string[];
  // (lib "file" "coll" …) names coll/…/file; (lib "a/b.rkt") names a/b.rkt; (lib "x.rkt") names mzlib/x.rkt.
  const path = collection ?? (file!.includes('/') || !file!.includes('.') ? file! : undefined);
  const first = path === undefined ? undefined : firstSegment(path);
  if (first !== undefined) out.push({ kind: 'collection', collection: first, dynamic });
}

/**
 * Adds the modules named by require spec `spec` to `out`.
 * @example const out = []; addRequireSpec(<(only-in a/b x)>, false, out); out //=> [{ kind: 'collection', collection: 'a', dynamic: false }]
 */
export function addRequireSpec(spec: RacketValue, dynamic: boolean, out: ModuleReference[], stringsAllowed = true): void {
  switch (spec.kind) {
    case 'symbol': {
      if (!MODULE_PATH_SYMBOL.test(spec.name)) return;
      const first = firstSegment(spec.name);
      if (first !== undefined) out.push({ kind: 'collection', collection: first, dynamic });
      return;
    }
    case 'string':
      if (stringsAllowed && spec.value !== '') out.push({ kind: 'file', path: spec.value, dynamic });
      return;
    case 'list':
      break;
    default:
      return;
  }
  const head = spec.items[0];
  if (head?.kind !== 'symbol') return;
  const arg = spec.items[1];
  switch (head.name) {
    case 'lib':
      fromLib(spec.items, dynamic, out);
      return;
    case 'file':
      if (arg?.kind === 'string' && stringsAllowed) out.push({ kind: 'file', path: arg.value, dynamic });
      return;
    case 'submod':
      if (arg !== undefined && !(arg.kind === 'string' && (arg.value === '.' || arg.value === '..'))) addRequireSpec(arg, dynamic, out, stringsAllowed);
      return;
    case 'relative-in':
      // Specs inside are relative to the base, not to this file: only collection paths are kept.
      if (arg !== undefined) addRequireSpec(arg, dynamic, out, stringsAllowed);
      for (const item of spec.items.slice(2)) addRequireSpec(item, dynamic, out, false);
      return;
    default: {
      const range = NESTED_SPECS[head.name];
      if (range === undefined) return;
      for (const item of spec.items.slice(range[0], range[1])) addRequireSpec(item, dynamic, out, stringsAllowed);
    }
  }
}
