/**
 * From a scanned module path to the absolute path of its source file, the way Racket's module
 * name resolver would find it: relative strings get the default `.rkt` suffix (`"x"` is
 * `x.rkt`, `"x.ss"` is `x.rkt`), `(file …)` paths are taken as written, and collection paths go
 * through the caller's `collection-file-path`.
 *
 * Fragile: nothing here checks that the file exists; PLaneT packages, submodules of the same file
 * and quoted module names have no file and resolve to `undefined`.
 */
import { isAbsolute, resolve } from 'node:path';
import { addRktSuffix } from './module-path.js';
import type { CollectionFileResolver, ModulePath } from './types.js';

/**
 * The absolute path of the file `ref` names, for a source file in `directory`; `undefined` when
 * it names no file, or `resolveCollection` does not find its collection.
 * @param ref a module path, e.g. a `scanRequires` result
 * @param directory the absolute directory of the file that contains `ref`
 * @param resolveCollection `(collection-file-path file collection …)`; without it, collection paths resolve to `undefined`
 * @example resolveModuleReference({ kind: 'relative', path: '../b' }, '/p/dir') //=> '/p/b.rkt'
 * @example resolveModuleReference({ kind: 'collection', collection: ['srfi'], file: '1.rkt' }, '/p', (c, f) => `/colls/${c.join('/')}/${f}`)
 * //=> '/colls/srfi/1.rkt'
 */
export function resolveModuleReference(ref: ModulePath, directory: string, resolveCollection?: CollectionFileResolver): string | undefined {
  switch (ref.kind) {
    case 'relative':
      // A relative string is always `/`-separated and relative; Racket rejects an absolute one.
      return isAbsolute(ref.path) ? undefined : resolve(directory, addRktSuffix(ref.path));
    case 'file':
      return resolve(directory, ref.path);
    case 'collection': {
      const found = resolveCollection?.(ref.collection, ref.file);
      return found === undefined ? undefined : resolve(found);
    }
    case 'planet':
    case 'submodule':
    case 'quoted':
      return undefined;
    default:
      return ref satisfies never;
  }
}
