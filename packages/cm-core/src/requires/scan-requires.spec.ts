import { describe, expect, it } from 'vitest';
import { str, sym } from '../data/values.js';
import { formatModuleReference } from '../testing/fixtures/module-path-text.js';
import { scanRequires } from './scan-requires.js';

const L = 'lang c:racket/base.rkt';

describe('requires/scan-requires', () => {
  /** Columns: title, source text, the references found, in order (see module-path-text.ts). */
  const CASES: readonly (readonly [string, string, readonly string[]])[] = [
    ['collection symbol', '#lang racket/base\n(require b/x)', [L, 'c:b/x.rkt']],
    ['bare collection', '#lang racket/base\n(require b)', [L, 'c:b/main.rkt']],
    ['collections, nested', '#lang racket/base\n(require srfi/1 racket)', [L, 'c:srfi/1.rkt', 'c:racket/main.rkt']],
    ['lib, one string', '#lang racket/base\n(require (lib "b/x.rkt"))', [L, 'c:b/x.rkt']],
    ['lib, file and collection', '#lang racket/base\n(require (lib "x.rkt" "b" "sub"))', [L, 'c:b/sub/x.rkt']],
    ['lib forms', '#lang racket/base\n(require (lib "srfi/19/time.rkt") (lib "a.rkt" "x" "y") (lib "solo"))', [L, 'c:srfi/19/time.rkt', 'c:x/y/a.rkt', 'c:solo/main.rkt']],
    ['lib, mzlib shorthand', '#lang racket/base\n(require (lib "x.rkt"))', [L]],
    ['only-in keeps ids out', '#lang racket/base\n(require (only-in b/x first second))', [L, 'c:b/x.rkt']],
    ['prefix-in', '#lang racket/base\n(require (prefix-in p: b))', [L, 'c:b/main.rkt']],
    ['rename-in', '#lang racket/base\n(require (rename-in b [x y]))', [L, 'c:b/main.rkt']],
    [
      'wrappers around relative strings',
      '#lang racket/base\n(require (only-in "a.rkt" f) (prefix-in p: "b.rkt") (rename-in "c.rkt" [x y]) (except-in "d.rkt" z))',
      [L, 'r:a.rkt', 'r:b.rkt', 'r:c.rkt', 'r:d.rkt'],
    ],
    ['for-syntax and for-label', '#lang racket/base\n(require (for-syntax b) (for-label c/d))', [L, 'c:b/main.rkt', 'c:c/d.rkt']],
    ['for-meta', '#lang racket/base\n(require (for-meta 1 b (only-in c z)))', [L, 'c:b/main.rkt', 'c:c/main.rkt']],
    [
      'phase wrappers around relative strings',
      '#lang racket/base\n(require (for-syntax racket/base "s.rkt") (for-meta 2 "m.rkt") (for-label "l.rkt") (combine-in "c1.rkt" (only-in "c2.rkt")))',
      [L, 'c:racket/base.rkt', 'r:s.rkt', 'r:m.rkt', 'r:l.rkt', 'r:c1.rkt', 'r:c2.rkt'],
    ],
    ['submod', '#lang racket/base\n(require (submod b/x test) (submod "." inner))', [L, 'c:b/x.rkt', 'submodule']],
    ['submod of relative strings', '#lang racket/base\n(require (submod "a.rkt" inner) (submod "." x) (submod ".." y))', [L, 'r:a.rkt', 'submodule', 'submodule']],
    ['relative strings', '#lang racket/base\n(require "sub/c.rkt" "../up.rkt" "noext" "a.ss")', [L, 'r:sub/c.rkt', 'r:../up.rkt', 'r:noext', 'r:a.ss']],
    ['file form', '#lang racket/base\n(require (file "/abs/x.rkt") (file "rel.rkt"))', [L, 'f:/abs/x.rkt', 'f:rel.rkt']],
    ['planet, quote and relative-in', '#lang racket/base\n(require (planet foo/bar) (quote m) (relative-in "x" "y.rkt"))', [L, 'planet', 'quoted', 'r:x']],
    ['unknown transformer ignored', '#lang racket/base\n(require (my-in b))', [L]],
    ['module+ submodule', '#lang racket/base\n(module+ test (require rackunit b))', [L, 'c:rackunit/main.rkt', 'c:b/main.rkt']],
    [
      'module and module+ bodies',
      '#lang racket/base\n(module+ test (require "t.rkt"))\n(module sub "lang.rkt" (require "in.rkt"))',
      [L, 'r:t.rkt', 'module r:lang.rkt', 'r:in.rkt'],
    ],
    ['quoted data ignored', "#lang racket/base\n(define x '(require b))", [L]],
    ['quoted relative string ignored', "#lang racket/base\n(define x '(require \"quoted.rkt\"))", [L]],
    ['module form language', '(module m racket/base (require b))', ['module c:racket/base.rkt', 'c:b/main.rkt']],
    ['module* and #%require', '(module* m racket/base (#%require "k.rkt"))', ['module c:racket/base.rkt', 'r:k.rkt']],
    ['#%require raw forms', "(module m '#%kernel (#%require (prefix p: b) (all-except c x)))", ['module quoted', 'c:b/main.rkt', 'c:c/main.rkt']],
    ['s-exp language', '#lang s-exp b/lang\n(x)', ['lang c:b/lang.rkt']],
    ['s-exp language, relative string not followed', '#lang s-exp "lang.rkt"\n(x)', []],
    ['#! language line', '#!racket/base\n(require b)', [L, 'c:b/main.rkt']],
    ['#! script line', '#!/usr/bin/env racket\n(require b)', ['c:b/main.rkt']],
    ['comments before #lang', ';; header\n#| block |#\n#lang racket/base', [L]],
    ['lazy-require is dynamic', '#lang racket/base\n(require racket/lazy-require)\n(lazy-require [b/x (f)])', [L, 'c:racket/lazy-require.rkt', 'lazy-require c:b/x.rkt']],
    ['dynamic-require of a quoted path', "#lang racket/base\n(dynamic-require 'b/x 'f)", [L, 'dynamic-require c:b/x.rkt']],
    ['dynamic-require of an expression ignored', '#lang racket/base\n(dynamic-require (string->path "x.rkt") \'f)', [L]],
    ['every occurrence is reported', '#lang racket/base\n(require b)\n(require b)', [L, 'c:b/main.rkt', 'c:b/main.rkt']],
    ['unreadable text falls back', '#lang scribble/manual\n@(require (for-label b))\n@title{It|s}', ['lang c:scribble/manual.rkt', 'c:b/main.rkt']],
    ['an unreadable form costs only itself', '#lang racket/base\n(require (\n', [L]],
    ['#reader falls back', '#reader(lib "x")\n(require b)', ['c:b/main.rkt']],
    ['#reader with a relative string', '#reader"x.rkt" (require "b.rkt")', ['r:b.rkt']],
  ];

  it.each(CASES)('%s', (_title, text, expected) => {
    expect(scanRequires(text).map(formatModuleReference)).toEqual(expected);
  });

  it('says where each reference is: the form start, or the #lang line', () => {
    const text = ';; x\n#lang racket/base\r\n(require a\n  (only-in "b.rkt" f))\r(lazy-require [c (g)])';
    expect(scanRequires(text).map(({ form, dynamic, index, line }) => ({ form, dynamic, index, line }))).toEqual([
      { form: 'lang', dynamic: false, index: text.indexOf('#lang'), line: 2 },
      { form: 'require', dynamic: false, index: text.indexOf('(require'), line: 3 },
      { form: 'require', dynamic: false, index: text.indexOf('(require'), line: 3 },
      { form: 'lazy-require', dynamic: true, index: text.indexOf('(lazy'), line: 5 },
    ]);
  });

  it('keeps the module path as written, without the require sub-forms', () => {
    const [, ref] = scanRequires('#lang racket/base\n(require (for-syntax (submod "a.rkt" m)))');
    expect(ref?.spec).toMatchObject({ kind: 'list', items: [sym('submod'), str('a.rkt'), sym('m')] });
  });

  it('reads bytes as UTF-8', () => {
    const bytes = new TextEncoder().encode('#lang racket/base\n;; λ\n(require "λ.rkt")');
    expect(scanRequires(bytes).map((r) => [formatModuleReference(r), r.line])).toEqual([
      [L, 1],
      ['r:λ.rkt', 3],
    ]);
  });
});
