/**
 * The public types of the static require scanner (`scan-requires.ts`). Adding to this file is a
 * maintenance commitment: the Nx plugin's project graph and the parallel build's module graph
 * both switch over `kind` and `form`, so a new variant must be handled by both.
 */
import type { RacketValue } from '../data/types.js';

/** Which form a reference was found in. */
export type RequireForm =
  /** The `#lang` line: its name, or the datum after `#lang s-exp`/`reader`/`at-exp`. */
  | 'lang'
  /** The language of `(module name lang …)` or `(module* name lang …)`. */
  | 'module'
  /** `require` or `#%require`, anywhere in the file (submodules, `begin-for-syntax`, …). */
  | 'require'
  /** A clause of `lazy-require`. */
  | 'lazy-require'
  /** `dynamic-require` of a quoted module path. */
  | 'dynamic-require';

/** A module path, by how it names its module (Racket's `module-path?` grammar). */
export type ModulePath =
  /** `"x.rkt"`, `"../sub/y"`: `/`-separated, relative to the directory of the file it is in; as written. */
  | { readonly kind: 'relative'; readonly path: string }
  /** `(file "…")`: an absolute path, or one relative to the file's directory; as written. */
  | { readonly kind: 'file'; readonly path: string }
  /**
   * `a/b`, `(lib "a/b.rkt")`, `(lib "b.rkt" "a")`: file `file` (with its `.rkt` suffix) of the
   * collection `collection` (`['a']`, `'b.rkt'`). `a` alone is `['a']`, `'main.rkt'`.
   */
  | { readonly kind: 'collection'; readonly collection: readonly string[]; readonly file: string }
  /** `(planet …)`: a PLaneT package. */
  | { readonly kind: 'planet' }
  /** `(submod "." …)`, `(submod ".." …)`: a submodule of the same file. */
  | { readonly kind: 'submodule' }
  /** `(quote id)`: a submodule, or a module declared without a file (`'#%kernel`). */
  | { readonly kind: 'quoted' };

/** A module that a source file refers to, and where. */
export type ModuleReference = ModulePath & {
  /** The module path as written: `submod` kept, require sub-forms (`only-in`, `for-syntax`, …) removed. */
  readonly spec: RacketValue;
  readonly form: RequireForm;
  /** Whether only running the file needs the module (`lazy-require`, `dynamic-require`), not compiling it. */
  readonly dynamic: boolean;
  /** Where the form starts: its opening parenthesis, or the `#` of `#lang` (UTF-16 index into the text). */
  readonly index: number;
  /** The 1-based line of `index` (CR, LF and CR-LF end a line). */
  readonly line: number;
};

/**
 * `(collection-file-path file collection …)`: the absolute path of `file` in `collection`, or
 * `undefined` when it cannot be found.
 */
export type CollectionFileResolver = (collection: readonly string[], file: string) => string | undefined;
