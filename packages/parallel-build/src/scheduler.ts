/**
 * Which module to compile next: the ready module (every known dependency finished) with the
 * longest remaining path, i.e. critical-path-first list scheduling on the `ModuleGraph`.
 *
 * A module's priority is its own weight plus the largest priority among its dependents: the
 * total estimated work of the longest chain that cannot start before it. Starting such modules
 * first keeps the chain that bounds the build's length moving while other workers fill in.
 * Ties go to the module tracked first (command-line order).
 *
 * The graph may contain cycles (a static scan can be wrong; Racket rejects real cycles when it
 * compiles them). Priorities and readiness are computed on a topological order in which, when
 * no module is free of unordered dependencies, a module on a cycle is let go and its edges to
 * still-unordered dependencies are ignored. Whatever the graph, every tracked module becomes
 * ready eventually.
 *
 * Fragile: all derived data is recomputed (linear time) when the graph changes; that happens
 * only when a build discovers modules, so it is rare after the start.
 */
import { ParallelBuildBug } from './errors.js';
import type { ModuleGraph } from './module-graph.js';

export type TaskState = 'pending' | 'running' | 'finished';

export class Scheduler {
  readonly #graph: ModuleGraph;
  readonly #state = new Map<string, TaskState>();
  readonly #order = new Map<string, number>();
  readonly #priority = new Map<string, number>();
  /** Unfinished, not ignored dependencies of each pending module. */
  readonly #waitingOn = new Map<string, number>();
  readonly #ready = new Set<string>();
  /** `from\0to` edges ignored to break cycles. */
  #ignored = new Set<string>();
  #graphVersion = -1;

  constructor(graph: ModuleGraph) {
    this.#graph = graph;
  }

  /**
   * Adds modules as tasks; already tracked ones are ignored. A path that is not a graph node
   * (a file given explicitly that the graph does not take) is a task without dependencies.
   */
  track(paths: Iterable<string>): void {
    for (const path of paths) {
      if (this.#state.has(path)) continue;
      this.#state.set(path, 'pending');
      this.#order.set(path, this.#order.size);
    }
    this.#graphVersion = -1;
  }

  isTracked(path: string): boolean {
    return this.#state.has(path);
  }

  stateOf(path: string): TaskState | undefined {
    return this.#state.get(path);
  }

  get total(): number {
    return this.#state.size;
  }

  get finished(): number {
    let n = 0;
    for (const s of this.#state.values()) if (s === 'finished') n += 1;
    return n;
  }

  /** Whether some task has not been started yet. */
  get hasPending(): boolean {
    for (const s of this.#state.values()) if (s === 'pending') return true;
    return false;
  }

  /** The critical-path priority of a tracked module. */
  priorityOf(path: string): number | undefined {
    this.#refresh();
    return this.#priority.get(path);
  }

  /**
   * The ready module with the highest priority, skipping those `skip` rejects (e.g. a module
   * another worker is compiling right now); `undefined` when there is none.
   * @example scheduler.next() //=> '/p/base.rkt'
   */
  next(skip: (path: string) => boolean = () => false): string | undefined {
    this.#refresh();
    let best: string | undefined;
    for (const path of this.#ready) {
      if (skip(path)) continue;
      if (best === undefined || this.#isBefore(path, best)) best = path;
    }
    return best;
  }

  /** Every ready module, best first (for tests and progress displays). */
  readyInOrder(): string[] {
    this.#refresh();
    return [...this.#ready].sort((a, b) => (this.#isBefore(a, b) ? -1 : 1));
  }

  start(path: string): void {
    if (this.#state.get(path) !== 'pending') throw new ParallelBuildBug(`started ${path} in state ${String(this.#state.get(path))}`);
    this.#state.set(path, 'running');
    this.#ready.delete(path);
  }

  finish(path: string): void {
    const state = this.#state.get(path);
    if (state === undefined || state === 'finished') return;
    this.#state.set(path, 'finished');
    this.#ready.delete(path);
    if (this.#graphVersion !== this.#graph.version) return; // recomputed on next use
    for (const dependent of this.#graph.nodes.get(path)?.dependents ?? []) {
      if (this.#ignored.has(`${dependent}\0${path}`)) continue;
      const n = this.#waitingOn.get(dependent);
      if (n === undefined) continue;
      this.#waitingOn.set(dependent, n - 1);
      if (n - 1 === 0 && this.#state.get(dependent) === 'pending') this.#ready.add(dependent);
    }
  }

  #isBefore(a: string, b: string): boolean {
    const pa = this.#priority.get(a) ?? 0;
    const pb = this.#priority.get(b) ?? 0;
    return pa !== pb ? pa > pb : (this.#order.get(a) ?? 0) < (this.#order.get(b) ?? 0);
  }

  /**
   * Following unplaced dependencies from `start` (every unplaced module has one when Kahn's
   * algorithm is stuck) must come back to some module: that one is on a cycle.
   */
  #nodeOnCycle(start: string, placed: ReadonlySet<string>): string {
    const seen = new Set<string>();
    let current = start;
    while (!seen.has(current)) {
      seen.add(current);
      const next = [...(this.#graph.nodes.get(current)?.deps ?? [])].find((d) => this.#state.has(d) && !placed.has(d));
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  #refresh(): void {
    if (this.#graphVersion === this.#graph.version) return;
    this.#graphVersion = this.#graph.version;
    const nodes = this.#graph.nodes;
    const tracked = [...this.#state.keys()].sort((a, b) => this.#order.get(a)! - this.#order.get(b)!);
    const inTasks = (p: string): boolean => this.#state.has(p);
    // Kahn's algorithm over tracked modules, dependencies first, breaking cycles in track order.
    const remaining = new Map<string, number>();
    for (const p of tracked) remaining.set(p, [...(nodes.get(p)?.deps ?? [])].filter(inTasks).length);
    const ignored = new Set<string>();
    const topo: string[] = [];
    const placed = new Set<string>();
    const queue = tracked.filter((p) => remaining.get(p) === 0);
    while (topo.length < tracked.length) {
      if (queue.length === 0) {
        const forced = this.#nodeOnCycle(tracked.find((p) => !placed.has(p))!, placed);
        for (const d of nodes.get(forced)?.deps ?? []) if (inTasks(d) && !placed.has(d)) ignored.add(`${forced}\0${d}`);
        remaining.set(forced, 0);
        queue.push(forced);
      }
      const p = queue.shift()!;
      if (placed.has(p)) continue;
      placed.add(p);
      topo.push(p);
      for (const dependent of nodes.get(p)?.dependents ?? []) {
        if (!inTasks(dependent) || placed.has(dependent) || ignored.has(`${dependent}\0${p}`)) continue;
        const n = (remaining.get(dependent) ?? 1) - 1;
        remaining.set(dependent, n);
        if (n === 0) queue.push(dependent);
      }
    }
    this.#ignored = ignored;
    // Priorities: dependents first (reverse topological order).
    this.#priority.clear();
    for (let i = topo.length - 1; i >= 0; i -= 1) {
      const p = topo[i]!;
      let best = 0;
      for (const dependent of nodes.get(p)?.dependents ?? []) {
        if (!inTasks(dependent) || ignored.has(`${dependent}\0${p}`)) continue;
        best = Math.max(best, this.#priority.get(dependent) ?? 0);
      }
      this.#priority.set(p, (nodes.get(p)?.weight ?? 0) + best);
    }
    // Readiness from the current task states.
    this.#waitingOn.clear();
    this.#ready.clear();
    for (const p of tracked) {
      if (this.#state.get(p) !== 'pending') continue;
      let n = 0;
      for (const d of nodes.get(p)?.deps ?? []) {
        if (inTasks(d) && this.#state.get(d) !== 'finished' && !ignored.has(`${p}\0${d}`)) n += 1;
      }
      this.#waitingOn.set(p, n);
      if (n === 0) this.#ready.add(p);
    }
  }
}
