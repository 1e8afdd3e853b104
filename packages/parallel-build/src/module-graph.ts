/**
 * The module graph a parallel build starts from, known before anything is compiled: for each
 * module, the union of what its existing `.dep` file records (the last build's truth) and what a
 * static scan of its source requires (cm-core's `scanRequires`, for edits since then and for
 * modules never built). Only modules outside the Racket installation whose source exists are
 * nodes; the installation is compiled already and never written to.
 *
 * The graph grows: `add` follows everything reachable from a path that is not known yet, so a
 * module first seen while compiling (a dependency only expansion revealed) brings its own
 * dependencies in as separate tasks.
 *
 * The scan is a guess: a dependency it misses is compiled when the expander asks for it, under
 * the lock manager; a false one only delays a module a little. Only what compiling needs first
 * is taken: not the `#lang` line (its language is nearly always installed, and its reader
 * module is not what the name says), not `lazy-require`/`dynamic-require` (needed at run time).
 *
 * Fragile: `.dep` entries marked `indirect` are not edges (they do not force compilation
 * order, cm-minimal.rkt); neither are external (`ext`) files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readDepFile, resolveModuleReference, scanRequires, type DepEntry } from '@nx-raco/cm-core';

export interface ModuleNode {
  /** Absolute source path. */
  readonly path: string;
  /** Dependencies that are nodes of the graph. */
  readonly deps: ReadonlySet<string>;
  /** Nodes that depend on this one. */
  readonly dependents: ReadonlySet<string>;
  /** Estimated relative compile cost (from the source size). */
  readonly weight: number;
}

interface MutableNode extends ModuleNode {
  readonly deps: Set<string>;
  readonly dependents: Set<string>;
}

export interface ModuleGraphOptions {
  /** Whether `path` belongs to the Racket installation (never a node). */
  readonly isInstallationPath: (path: string) => boolean;
  /** `(collection-file-path file coll …)`; `undefined` when it cannot be resolved. */
  readonly resolveCollection: (collection: readonly string[], file: string) => string | undefined;
  /** Where `path`'s existing `.dep` file is, if any. */
  readonly depFileOf: (path: string) => string | undefined;
  /** Reads a source file; `undefined` when it cannot be read. @default readFileSync */
  readonly readSource?: (path: string) => Uint8Array | undefined;
}

/** Every module costs at least this much, however small its source. */
const BASE_WEIGHT = 1_000;

function readOrUndefined(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

export class ModuleGraph {
  readonly #nodes = new Map<string, MutableNode>();
  readonly #options: ModuleGraphOptions;
  readonly #readSource: (path: string) => Uint8Array | undefined;
  /** `resolveCollection` answers (the same few collections appear in every file). */
  readonly #collectionCache = new Map<string, string | undefined>();
  /** Bumped whenever a node or an edge is added. */
  #version = 0;

  constructor(options: ModuleGraphOptions) {
    this.#options = options;
    this.#readSource = options.readSource ?? readOrUndefined;
  }

  get nodes(): ReadonlyMap<string, ModuleNode> {
    return this.#nodes;
  }

  /** Changes whenever the graph does (for callers caching derived data). */
  get version(): number {
    return this.#version;
  }

  /** Whether `path` can be a node: outside the installation, with a source file. */
  isEligible(path: string): boolean {
    return !this.#options.isInstallationPath(path) && existsSync(path);
  }

  /**
   * Adds `path` and every eligible module reachable from it that is not a node yet; returns the
   * new nodes' paths in discovery order (`[]` when `path` is known or not eligible).
   * @example graph.add('/p/a.rkt') //=> ['/p/a.rkt', '/p/b.rkt']
   */
  add(path: string): string[] {
    const start = resolve(path);
    if (this.#nodes.has(start) || !this.isEligible(start)) return [];
    const added: string[] = [];
    const queue = [start];
    this.#insert(start);
    added.push(start);
    while (queue.length > 0) {
      const current = queue.shift()!;
      const node = this.#nodes.get(current)!;
      for (const dep of this.#dependenciesOf(current)) {
        if (dep === current) continue;
        if (!this.#nodes.has(dep)) {
          if (!this.isEligible(dep)) continue;
          this.#insert(dep);
          added.push(dep);
          queue.push(dep);
        }
        if (!node.deps.has(dep)) {
          node.deps.add(dep);
          this.#nodes.get(dep)!.dependents.add(current);
          this.#version += 1;
        }
      }
    }
    return added;
  }

  #insert(path: string): void {
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // Vanished since `isEligible`: the compile will say so.
    }
    this.#nodes.set(path, { path, deps: new Set(), dependents: new Set(), weight: BASE_WEIGHT + size });
    this.#version += 1;
  }

  /** Dependencies from the `.dep` file and the source, resolved to absolute paths. */
  #dependenciesOf(path: string): Set<string> {
    const out = new Set<string>();
    const depFile = this.#options.depFileOf(path);
    if (depFile !== undefined) {
      const read = readDepFile(depFile);
      if (read.ok) for (const entry of read.record.deps) this.#addDepEntry(out, entry);
    }
    const source = this.#readSource(path);
    if (source !== undefined) {
      const resolveCollection = (collection: readonly string[], file: string) => this.#findCollectionFile(collection, file);
      for (const ref of scanRequires(source)) {
        if (ref.form === 'lang' || ref.dynamic) continue;
        const dep = resolveModuleReference(ref, dirname(path), resolveCollection);
        if (dep !== undefined) out.add(dep);
      }
    }
    return out;
  }

  #addDepEntry(out: Set<string>, entry: DepEntry): void {
    if (entry.external || entry.indirect) return;
    const p = entry.path;
    const dep = p.kind === 'absolute' ? resolve(p.path) : this.#findCollectionFile(p.elements.slice(0, -1), p.elements.at(-1) ?? '');
    if (dep !== undefined) out.add(dep);
  }

  /** `resolveCollection`, cached, absolute, and `undefined` when it throws. */
  #findCollectionFile(collection: readonly string[], file: string): string | undefined {
    const key = [...collection, file].join('\0');
    if (this.#collectionCache.has(key)) return this.#collectionCache.get(key);
    let path: string | undefined;
    try {
      const found = this.#options.resolveCollection(collection, file);
      path = found === undefined ? undefined : resolve(found);
    } catch {
      // An unresolvable collection is the expander's business, not the scheduler's.
    }
    this.#collectionCache.set(key, path);
    return path;
  }
}
