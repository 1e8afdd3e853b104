/**
 * The module paths named by one `require` spec.
 *
 * Follows Racket's `require` sub-forms (racket/base `require` and the raw `#%require` forms):
 * a table says which positions of each wrapper form hold nested specs, so identifiers such as
 * `first` in `(only-in racket/list first)` are never mistaken for module paths. Unknown forms
 * (user-defined require transformers) are ignored.
 *
 * Fragile: inside `(relative-in base spec …)` the relative specs name files relative to `base`,
 * which is not resolved here; only `base` itself and the collection-based specs are reported
 * (`base` is usually in the same project as those files).
 */
import type { RacketValue } from '../data/types.js';
import { parseModulePath } from './module-path.js';
import type { ModulePath } from './types.js';

/** A module path and the datum it was read from. */
export type SpecModulePath = ModulePath & { readonly spec: RacketValue };

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

/**
 * Adds the module paths named by require spec `spec` to `out`, in order.
 * @param relativeAllowed whether relative strings and `(file …)` count (false inside `relative-in`)
 * @default relativeAllowed true
 * @example const out = []; addRequireSpec(<(only-in a/b x)>, out); out //=> [{ kind: 'collection', collection: ['a'], file: 'b.rkt', spec: <a/b> }]
 */
export function addRequireSpec(spec: RacketValue, out: SpecModulePath[], relativeAllowed = true): void {
  const path = parseModulePath(spec, relativeAllowed);
  if (path !== undefined) {
    out.push({ ...path, spec });
    return;
  }
  if (spec.kind !== 'list' || spec.tail !== undefined) return;
  const head = spec.items[0];
  if (head?.kind !== 'symbol') return;
  if (head.name === 'relative-in') {
    const base = spec.items[1];
    if (base !== undefined) addRequireSpec(base, out, relativeAllowed);
    for (const item of spec.items.slice(2)) addRequireSpec(item, out, false);
    return;
  }
  const range = NESTED_SPECS[head.name];
  if (range === undefined) return;
  for (const item of spec.items.slice(range[0], range[1])) addRequireSpec(item, out, relativeAllowed);
}
