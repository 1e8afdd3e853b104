import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler.js';
import { depText, graphOver } from './testing/fixtures/graph.js';
import { useTempDir, type TempDir } from './testing/fixtures/temp-dir.js';

const SIZE = 100;
/** A module source of exactly SIZE bytes (so every module weighs the same) requiring `deps`. */
function mod(...deps: string[]): string {
  const text = `#lang racket/base\n(require ${deps.map((d) => JSON.stringify(d)).join(' ')})\n`;
  return text.padEnd(SIZE - 1, ';') + '\n';
}

const WEIGHT = 1_000 + SIZE;

/** Runs the scheduler to the end with one worker; returns the order modules were started in. */
function drain(scheduler: Scheduler, dir: TempDir): string[] {
  const order: string[] = [];
  for (let next = scheduler.next(); next !== undefined; next = scheduler.next()) {
    scheduler.start(next);
    order.push(next.slice(dir.root.length + 1));
    scheduler.finish(next);
  }
  return order;
}

describe('parallel-build/scheduler', () => {
  it('starts the module with the longest chain of dependents first (critical path)', () => {
    const dir = useTempDir({
      'top.rkt': mod('mid.rkt', 'leafA.rkt'),
      'mid.rkt': mod('deep1.rkt'),
      'deep1.rkt': mod('deep2.rkt'),
      'deep2.rkt': mod(),
      'leafA.rkt': mod(),
      'leafB.rkt': mod(),
    });
    const graph = graphOver(dir);
    const scheduler = new Scheduler(graph);
    // leafB is given first: without priorities it would win the tie.
    for (const root of ['leafB.rkt', 'top.rkt']) scheduler.track(graph.add(dir.path(root)));
    // module | priority = its weight plus the longest chain of dependents
    const table: readonly [string, number][] = [
      ['deep2.rkt', 4 * WEIGHT],
      ['deep1.rkt', 3 * WEIGHT],
      ['mid.rkt', 2 * WEIGHT],
      ['leafA.rkt', 2 * WEIGHT],
      ['top.rkt', WEIGHT],
      ['leafB.rkt', WEIGHT],
    ];
    for (const [m, p] of table) expect([m, scheduler.priorityOf(dir.path(m))]).toEqual([m, p]);
    expect(scheduler.readyInOrder().map((p) => p.slice(dir.root.length + 1))).toEqual(['deep2.rkt', 'leafA.rkt', 'leafB.rkt']);
    // mid and leafA tie: mid was found first.
    expect(drain(scheduler, dir)).toEqual(['deep2.rkt', 'deep1.rkt', 'mid.rkt', 'leafA.rkt', 'leafB.rkt', 'top.rkt']);
  });

  it('uses edges known only from .dep files', () => {
    const dir = useTempDir({ 'a.rkt': mod(), 'b.rkt': mod() });
    dir.write('compiled/a_rkt.dep', depText(`#"${dir.path('b.rkt')}"`));
    const graph = graphOver(dir);
    const scheduler = new Scheduler(graph);
    scheduler.track(graph.add(dir.path('a.rkt')));
    expect(scheduler.readyInOrder()).toEqual([dir.path('b.rkt')]);
  });

  it('never starts a module before its dependencies finished, and skips what the caller rejects', () => {
    const dir = useTempDir({ 'a.rkt': mod('b.rkt', 'c.rkt'), 'b.rkt': mod('d.rkt'), 'c.rkt': mod('d.rkt'), 'd.rkt': mod(), 'e.rkt': mod() });
    const graph = graphOver(dir);
    const scheduler = new Scheduler(graph);
    scheduler.track([...graph.add(dir.path('a.rkt')), ...graph.add(dir.path('e.rkt'))]);
    expect(scheduler.next((p) => p.endsWith('d.rkt'))).toBe(dir.path('e.rkt'));
    scheduler.start(dir.path('d.rkt'));
    expect(scheduler.next((p) => p.endsWith('e.rkt'))).toBeUndefined(); // b and c wait for d
    scheduler.finish(dir.path('d.rkt'));
    expect(scheduler.readyInOrder().map((p) => p.slice(dir.root.length + 1)).sort()).toEqual(['b.rkt', 'c.rkt', 'e.rkt']);
    expect(scheduler.stateOf(dir.path('d.rkt'))).toBe('finished');
    expect(scheduler.finished).toBe(1);
    expect(scheduler.total).toBe(5);
  });

  it('lets every module of a cycle run eventually (Racket reports the cycle when compiling)', () => {
    const dir = useTempDir({ 'a.rkt': mod('b.rkt'), 'b.rkt': mod('c.rkt'), 'c.rkt': mod('a.rkt'), 'top.rkt': mod('a.rkt') });
    const graph = graphOver(dir);
    const scheduler = new Scheduler(graph);
    scheduler.track(graph.add(dir.path('top.rkt')));
    const order = drain(scheduler, dir);
    expect([...order].sort()).toEqual(['a.rkt', 'b.rkt', 'c.rkt', 'top.rkt']);
    // The cycle is broken inside it (at a), not at top, which still waits for a.
    expect(order[0]).toBe('a.rkt');
    expect(order.indexOf('top.rkt')).toBeGreaterThan(order.indexOf('a.rkt'));
  });

  it('folds in modules discovered during the build', () => {
    const dir = useTempDir({ 'a.rkt': mod(), 'late.rkt': mod('late-dep.rkt'), 'late-dep.rkt': mod() });
    const graph = graphOver(dir);
    const scheduler = new Scheduler(graph);
    scheduler.track(graph.add(dir.path('a.rkt')));
    scheduler.start(dir.path('a.rkt'));
    scheduler.track(graph.add(dir.path('late.rkt')));
    expect(scheduler.hasPending).toBe(true);
    expect(scheduler.next()).toBe(dir.path('late-dep.rkt'));
  });

  it('runs a tracked file that is not a graph node (e.g. missing) without dependencies', () => {
    const dir = useTempDir({});
    const graph = graphOver(dir);
    const scheduler = new Scheduler(graph);
    scheduler.track([dir.path('nope.rkt')]);
    expect(scheduler.next()).toBe(dir.path('nope.rkt'));
  });
});
