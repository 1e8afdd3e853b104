import { describe, expect, it } from 'vitest';
import { depText, graphOver, relativeTo as rel } from './testing/fixtures/graph.js';
import { useTempDir } from './testing/fixtures/temp-dir.js';

describe('parallel-build/module-graph', () => {
  it('follows static requires: relative strings and collections, not the installation or missing files', () => {
    const dir = useTempDir({
      'a.rkt': '#lang racket/base\n(require "b.rkt" mylib/util racket/base "missing.rkt" (file "inst/x/i.rkt"))',
      'b.rkt': '#lang racket/base\n(require "c.rkt")',
      'c.rkt': '#lang racket/base',
      'colls/mylib/util.rkt': '#lang racket/base\n(require "../mylib/helper.rkt")',
      'colls/mylib/helper.rkt': '#lang racket/base',
      'inst/x/i.rkt': '#lang racket/base\n(require "inst-dep.rkt")',
    });
    const graph = graphOver(dir);
    const added = graph.add(dir.path('a.rkt'));
    expect(rel(dir, added)).toEqual(['a.rkt', 'b.rkt', 'c.rkt', 'colls/mylib/helper.rkt', 'colls/mylib/util.rkt']);
    expect(rel(dir, graph.nodes.get(dir.path('a.rkt'))!.deps)).toEqual(['b.rkt', 'colls/mylib/util.rkt']);
    expect(rel(dir, graph.nodes.get(dir.path('c.rkt'))!.dependents)).toEqual(['b.rkt']);
    expect(graph.add(dir.path('b.rkt'))).toEqual([]);
  });

  it('takes only what compiling needs first: not the #lang language, not lazy-require or dynamic-require', () => {
    const dir = useTempDir({
      'a.rkt': "#lang mylang\n(require racket/lazy-require)\n(lazy-require [\"lazy.rkt\" (f)])\n(define (g) (dynamic-require 'mylib/dyn 'h))",
      'lazy.rkt': '#lang racket/base',
      'colls/mylang/main.rkt': '#lang racket/base',
      'colls/mylib/dyn.rkt': '#lang racket/base',
    });
    expect(rel(dir, graphOver(dir).add(dir.path('a.rkt')))).toEqual(['a.rkt']);
  });

  it('adds the dependencies recorded in an existing .dep file, skipping ext and indirect entries', () => {
    const dir = useTempDir({
      'a.rkt': '#lang racket/base', // the source no longer says; the last build's .dep does
      'hidden.rkt': '#lang racket/base',
      'colls/lib/l.rkt': '#lang racket/base',
      'data.txt': 'x',
      'ind.rkt': '#lang racket/base',
    });
    dir.write(
      'compiled/a_rkt.dep',
      depText(
        `#"${dir.path('hidden.rkt')}"`,
        '(collects #"lib" #"l.rkt")',
        '(collects #"racket" #"base.rkt")',
        `(ext . #"${dir.path('data.txt')}")`,
        `(indirect . #"${dir.path('ind.rkt')}")`,
      ),
    );
    const graph = graphOver(dir);
    graph.add(dir.path('a.rkt'));
    expect(rel(dir, graph.nodes.get(dir.path('a.rkt'))!.deps)).toEqual(['colls/lib/l.rkt', 'hidden.rkt']);
  });

  it('treats a corrupt .dep file as no record', () => {
    const dir = useTempDir({ 'a.rkt': '#lang racket/base\n(require "b.rkt")', 'b.rkt': '#lang racket/base' });
    dir.write('compiled/a_rkt.dep', '("8.7" garbage');
    const graph = graphOver(dir);
    expect(rel(dir, graph.add(dir.path('a.rkt')))).toEqual(['a.rkt', 'b.rkt']);
  });

  it('weighs modules by source size and changes its version when it grows', () => {
    const dir = useTempDir({ 'small.rkt': '#lang racket/base', 'big.rkt': `#lang racket/base\n${';'.repeat(5000)}` });
    const graph = graphOver(dir);
    const v0 = graph.version;
    graph.add(dir.path('small.rkt'));
    const v1 = graph.version;
    graph.add(dir.path('big.rkt'));
    expect(v1).toBeGreaterThan(v0);
    expect(graph.version).toBeGreaterThan(v1);
    expect(graph.nodes.get(dir.path('big.rkt'))!.weight - graph.nodes.get(dir.path('small.rkt'))!.weight).toBe(5001);
  });
});
