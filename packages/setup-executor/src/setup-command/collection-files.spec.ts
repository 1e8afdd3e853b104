import { afterAll, describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { findUnknownCollections, listSetupCollections } from './collection-files.js';

const TREE = {
  'a/info.rkt': '#lang info\n(define compile-omit-paths (list "skip.rkt" "gen" "deep/x.rkt"))\n(define compile-include-files (list "extra.txt"))\n(define scribblings (quote (("doc/a.scrbl"))))\n',
  'a/main.rkt': '#lang racket/base\n',
  'a/util.SS': '',
  'a/old.scm': '',
  'a/notes.txt': '',
  'a/extra.txt': '',
  'a/skip.rkt': '',
  'a/page.scrbl': '',
  'a/gen/g.rkt': '',
  'a/deep/x.rkt': '',
  'a/deep/y.rkt': '',
  'a/compiled/c.rkt': '',
  'a/CVS/v.rkt': '',
  'a/.git/h.rkt': '',
  'a/.svn/s.rkt': '',
  'a/doc/d.rkt': '',
  'a/doc/a.scrbl': '',
  'a/scribblings/s.scrbl': '',
  'a/none/info.rkt': "#lang info\n(define compile-omit-paths 'all)\n",
  'a/none/n.rkt': '',
  'b/main.rkt': '',
  'bad/info.rkt': '#lang info\n(define x (+ 1 2))\n',
  'bad/main.rkt': '',
};

describe('setup-command/collection-files', () => {
  const ws = createTempWorkspace(TREE, { suite: true });
  afterAll(() => ws.dispose());
  const roots = ['a', 'b', 'bad'].map((name) => ({ name, dir: ws.path(name) }));
  const rel = (files: readonly string[]): string[] => files.map((f) => f.slice(ws.root.length + 1));

  // collection | files compiled (docs on) | files compiled with -D
  const table: [string, string[], string[]][] = [
    // page.scrbl and scribblings/s.scrbl are not `scribblings` sources: raco never compiles them.
    ['a', ['a/doc/a.scrbl', 'a/extra.txt', 'a/info.rkt', 'a/main.rkt', 'a/old.scm', 'a/util.SS'], ['a/extra.txt', 'a/info.rkt', 'a/main.rkt', 'a/old.scm', 'a/util.SS']],
    ['a/deep', ['a/deep/y.rkt'], ['a/deep/y.rkt']],
    ['a/scribblings', [], []],
    ['b', ['b/main.rkt'], ['b/main.rkt']],
    ['bad', [], []],
  ];

  it('finds the collections and subcollections raco would, skipping implicit and info omits', () => {
    expect(listSetupCollections(roots, [], { noDocs: false }).map((cc) => cc.name)).toEqual(['a', 'a/deep', 'a/scribblings', 'b', 'bad']);
    expect(listSetupCollections(roots, [], { noDocs: true }).map((cc) => cc.name)).toEqual(['a', 'a/deep', 'b', 'bad']);
  });

  it.each(table)('%s compiles the right files', (name, withDocs, noDocs) => {
    const find = (docs: boolean): string[] | undefined => {
      const cc = listSetupCollections(roots, [], { noDocs: docs }).find((c) => c.name === name);
      return cc === undefined ? undefined : rel(cc.files);
    };
    expect(find(false)).toEqual(withDocs);
    if (noDocs.length > 0 || name !== 'a/scribblings') expect(find(true)).toEqual(noDocs);
  });

  it('omits what a regexp entry matches: names in its directory, sub/…/name below it', () => {
    const rx = createTempWorkspace({
      'r/info.rkt': '#lang info\n(define compile-omit-paths (list #rx"^tmp-" #rx"^deep/old"))\n',
      'r/main.rkt': '',
      'r/tmp-scratch.rkt': '',
      'r/tmp-dir/t.rkt': '',
      'r/deep/old.rkt': '',
      'r/deep/tmp-keep.rkt': '',
      'r/deep/new.rkt': '',
    });
    try {
      const ccs = listSetupCollections([{ name: 'r', dir: rx.path('r') }], [], { noDocs: false });
      expect(ccs.map((cc) => [cc.name, cc.files.map((f) => f.slice(rx.root.length + 1))])).toEqual([
        ['r', ['r/info.rkt', 'r/main.rkt']],
        ['r/deep', ['r/deep/new.rkt', 'r/deep/tmp-keep.rkt']],
      ]);
    } finally {
      rx.dispose();
    }
  });

  it('keeps a bad info.rkt as an error of its collection', () => {
    const bad = listSetupCollections(roots, ['bad'], { noDocs: false });
    expect(bad).toHaveLength(1);
    expect(bad[0]!.infoError?.message).toMatch(/info\.rkt:2:11: \+: unbound identifier/);
  });

  it('selects named collections with their subcollections', () => {
    expect(listSetupCollections(roots, ['a'], { noDocs: true }).map((cc) => cc.name)).toEqual(['a', 'a/deep']);
    expect(listSetupCollections(roots, ['a/deep'], { noDocs: true }).map((cc) => cc.name)).toEqual(['a/deep']);
    const ccs = listSetupCollections(roots, ['b', 'nope'], { noDocs: true });
    expect(findUnknownCollections(ccs, ['b', 'nope'])).toEqual(['nope']);
  });
});
