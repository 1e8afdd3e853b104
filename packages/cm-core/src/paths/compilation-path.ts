/**
 * Where compiled files live: Racket's `get-compilation-dir+name` (compiler/compilation-path.rkt)
 * and `path-add-extension`, for POSIX paths.
 *
 * A source `dir/name.ext` compiles to `<root-dir>/<mode>/name_ext.zo` (+ `.dep`), where for each
 * root in the compiled-file roots: `same` → `dir`, a relative root `r` → `dir/r`, an absolute
 * root `R` → `R` + `dir` (Racket's `reroot-path`). Reading searches roots × modes for an existing
 * `.zo` (first root with the first mode first); writing always uses the first root and first mode
 * (`cm-minimal.rkt:724-731`), which is also the lock key.
 *
 * Fragile: the search consults the file system (`existsSync`) exactly where Racket does, so the
 * answer for a multi-root setup changes as `.zo` files appear; callers must not cache it across
 * writes.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';

/** A compiled-file root: the symbol `same`, or a directory (absolute or relative to the source's directory). */
export type CompiledRoot = 'same' | string;

export interface CompilationSearch {
  /** `(use-compiled-file-paths)`, e.g. `['compiled']`; non-empty, each relative. */
  readonly modes: readonly string[];
  /** `(current-compiled-file-roots)`, e.g. `['same']`; non-empty. */
  readonly roots: readonly CompiledRoot[];
  /**
   * The root used when no `.zo` is found anywhere.
   * @default the first root
   */
  readonly defaultRoot?: CompiledRoot;
  /**
   * Existence test, injectable for tests.
   * @default fs.existsSync
   */
  readonly fileExists?: (path: string) => boolean;
}

/**
 * Racket's `path-add-extension`: the last `.` of the file name (not a leading one) becomes `_`,
 * then `suffix` is appended.
 * @example pathAddExtension('a.b.rkt', '.zo') //=> 'a.b_rkt.zo'
 * @example pathAddExtension('.rkt', '.zo') //=> '.rkt.zo'
 */
export function pathAddExtension(name: string, suffix: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}_${name.slice(dot + 1)}${suffix}` : `${name}${suffix}`;
}

/**
 * Racket's `reroot-path` for absolute POSIX paths: `root` followed by `path` without its leading `/`.
 * @example rerootPath('/usr/share/x/', '/usr/lib/c') //=> '/usr/lib/c/usr/share/x/'
 */
export function rerootPath(path: string, root: string): string {
  const rest = path.replace(/^\/+/, '');
  if (rest === '') return root;
  return `${root.endsWith('/') ? root : `${root}/`}${rest}`;
}

function splitSource(path: string): { base: string | undefined; name: string } {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return { base: undefined, name: path };
  return { base: path.slice(0, slash + 1), name: path.slice(slash + 1) };
}

function compiledDirFor(path: string, mode: string, root: CompiledRoot): string {
  const { base } = splitSource(path);
  if (base === undefined) return root === 'same' ? mode : join(root, mode);
  const rootDir = root === 'same' ? base : isAbsolute(root) ? rerootPath(base, root) : join(base, root);
  return posix.join(rootDir, mode);
}

/**
 * Racket's `get-compilation-dir+name`: the directory holding `path`'s compiled files and the
 * file name (without `.zo`/`.dep`) they are derived from.
 * @example getCompilationDirAndName('/ex/a.rkt', { modes: ['compiled'], roots: ['same'] })
 * //=> { dir: '/ex/compiled', name: 'a.rkt' }
 */
export function getCompilationDirAndName(path: string, search: CompilationSearch): { dir: string; name: string } {
  const { modes, roots } = search;
  const firstMode = modes[0];
  const firstRoot = roots[0];
  if (firstMode === undefined || firstRoot === undefined) {
    throw new TypeError(`getCompilationDirAndName: expected non-empty modes and roots, got modes ${JSON.stringify(modes)} and roots ${JSON.stringify(roots)}`);
  }
  const exists = search.fileExists ?? existsSync;
  const { name } = splitSource(path);
  const hasZo = (dir: string): boolean => exists(join(dir, pathAddExtension(name, '.zo')));
  const first = compiledDirFor(path, firstMode, firstRoot);
  if ((roots.length === 1 && modes.length === 1) || hasZo(first)) return { dir: first, name };
  for (const root of roots.slice(1)) {
    for (const mode of modes) {
      const dir = compiledDirFor(path, mode, root);
      if (hasZo(dir)) return { dir, name };
    }
  }
  const defaultRoot = search.defaultRoot ?? firstRoot;
  return { dir: defaultRoot === firstRoot ? first : compiledDirFor(path, firstMode, defaultRoot), name };
}

/** Where `path`'s compiled file with `suffix` (`.zo`, `.dep`) is read from, searching all roots. */
export function getCompiledFilePath(path: string, suffix: string, search: CompilationSearch): string {
  const { dir, name } = getCompilationDirAndName(path, search);
  return join(dir, pathAddExtension(name, suffix));
}

/** Where `path`'s compiled file with `suffix` is written: first root, first mode. Also the lock key for `.zo`. */
export function getCompiledOutputPath(path: string, suffix: string, search: CompilationSearch): string {
  const first = search.roots[0];
  const mode = search.modes[0];
  if (first === undefined || mode === undefined) {
    throw new TypeError(`getCompiledOutputPath: expected non-empty modes and roots, got modes ${JSON.stringify(search.modes)} and roots ${JSON.stringify(search.roots)}`);
  }
  return getCompiledFilePath(path, suffix, { modes: [mode], roots: [first] });
}
