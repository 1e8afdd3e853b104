import { describe, expect, it } from 'vitest';
import { resolveModuleReference } from './resolve-module-reference.js';
import { scanRequires } from './scan-requires.js';
import type { CollectionFileResolver, ModulePath } from './types.js';

/** Every collection resolves to `/colls/<collection>/<file>`, except `missing`. */
const resolveCollection: CollectionFileResolver = (collection, file) =>
  collection[0] === 'missing' ? undefined : ['/colls', ...collection, file].join('/');

describe('requires/resolve-module-reference', () => {
  /** Columns: title, module path in /p/dir, the file it names. */
  const CASES: readonly (readonly [string, ModulePath, string | undefined])[] = [
    ['relative', { kind: 'relative', path: 'b.rkt' }, '/p/dir/b.rkt'],
    ['relative, up and down', { kind: 'relative', path: '../sub/c' }, '/p/sub/c.rkt'],
    ['relative, .ss', { kind: 'relative', path: 'a.ss' }, '/p/dir/a.rkt'],
    ['relative, absolute (Racket rejects it)', { kind: 'relative', path: '/abs.rkt' }, undefined],
    ['file, absolute', { kind: 'file', path: '/abs/x.rkt' }, '/abs/x.rkt'],
    ['file, relative, no suffix added', { kind: 'file', path: 'x' }, '/p/dir/x'],
    ['collection', { kind: 'collection', collection: ['srfi'], file: '1.rkt' }, '/colls/srfi/1.rkt'],
    ['collection not found', { kind: 'collection', collection: ['missing'], file: 'main.rkt' }, undefined],
    ['planet', { kind: 'planet' }, undefined],
    ['submodule', { kind: 'submodule' }, undefined],
    ['quoted', { kind: 'quoted' }, undefined],
  ];
  it.each(CASES)('%s', (_title, path, expected) => {
    expect(resolveModuleReference(path, '/p/dir', resolveCollection)).toBe(expected);
  });

  it('resolves no collection without a collection resolver', () => {
    expect(resolveModuleReference({ kind: 'collection', collection: ['srfi'], file: '1.rkt' }, '/p')).toBeUndefined();
  });

  describe('the compile-time dependencies of /p/dir/m.rkt (what parallel-build takes: no #lang, nothing dynamic)', () => {
    /** Columns: source text, the files it requires, in order, duplicates included. */
    const SOURCES: readonly (readonly [string, readonly string[]])[] = [
      ['#lang racket/base\n(require "b.rkt")', ['/p/dir/b.rkt']],
      ['#lang racket/base\n(require "sub/c.rkt" "../up.rkt" "noext")', ['/p/dir/sub/c.rkt', '/p/up.rkt', '/p/dir/noext.rkt']],
      ['#lang racket/base\n(require (file "/abs/x.rkt") (file "rel.rkt"))', ['/abs/x.rkt', '/p/dir/rel.rkt']],
      ['#lang racket/base\n(require srfi/1 racket)', ['/colls/srfi/1.rkt', '/colls/racket/main.rkt']],
      ['#lang racket/base\n(require (lib "srfi/19/time.rkt") (lib "a.rkt" "x" "y") (lib "solo"))', ['/colls/srfi/19/time.rkt', '/colls/x/y/a.rkt', '/colls/solo/main.rkt']],
      [
        '#lang racket/base\n(require (only-in "a.rkt" f) (prefix-in p: "b.rkt") (rename-in "c.rkt" [x y]) (except-in "d.rkt" z))',
        ['/p/dir/a.rkt', '/p/dir/b.rkt', '/p/dir/c.rkt', '/p/dir/d.rkt'],
      ],
      [
        '#lang racket/base\n(require (for-syntax racket/base "s.rkt") (for-meta 2 "m.rkt") (for-label "l.rkt") (combine-in "c1.rkt" (only-in "c2.rkt")))',
        ['/colls/racket/base.rkt', '/p/dir/s.rkt', '/p/dir/m.rkt', '/p/dir/l.rkt', '/p/dir/c1.rkt', '/p/dir/c2.rkt'],
      ],
      ['#lang racket/base\n(require (submod "a.rkt" inner) (submod "." x) (submod ".." y))', ['/p/dir/a.rkt']],
      ['#lang racket/base\n(require (planet foo/bar) (quote m) (relative-in "x" "y.rkt"))', ['/p/dir/x.rkt']],
      ['#lang racket/base\n(module+ test (require "t.rkt"))\n(module sub "lang.rkt" (require "in.rkt"))', ['/p/dir/t.rkt', '/p/dir/lang.rkt', '/p/dir/in.rkt']],
      ['(module m racket/base (#%require "k.rkt"))', ['/colls/racket/base.rkt', '/p/dir/k.rkt']],
      ["#lang racket/base\n(define x '(require \"quoted.rkt\"))", []],
      ['#lang racket/base\n(require "a.ss" "/abs.rkt" missing/x)', ['/p/dir/a.rkt']],
      ['#lang racket/base\n(require (', []],
      ['#reader"x.rkt" (require "b.rkt")', ['/p/dir/b.rkt']],
      ['#lang s-exp "lang.rkt"\n(lazy-require ["lazy.rkt" (f)])', []],
    ];
    it.each(SOURCES)('%j', (text, expected) => {
      const deps = scanRequires(text)
        .filter((ref) => ref.form !== 'lang' && !ref.dynamic)
        .map((ref) => resolveModuleReference(ref, '/p/dir', resolveCollection))
        .filter((path) => path !== undefined);
      expect(deps).toEqual(expected);
    });
  });
});
