import { describe, expect, it } from 'vitest';
import { scanSourceRequires, type ModuleRef } from './require-scan.js';

const file = (path: string): ModuleRef => ({ kind: 'file', path });
const coll = (collection: string[], f: string): ModuleRef => ({ kind: 'collection', collection, file: f });

describe('parallel-build/require-scan', () => {
  // source text of /p/dir/m.rkt | the modules it requires
  const table: readonly [string, ModuleRef[]][] = [
    ['#lang racket/base\n(require "b.rkt")', [file('/p/dir/b.rkt')]],
    ['#lang racket/base\n(require "sub/c.rkt" "../up.rkt" "noext")', [file('/p/dir/sub/c.rkt'), file('/p/up.rkt'), file('/p/dir/noext.rkt')]],
    ['#lang racket/base\n(require (file "/abs/x.rkt") (file "rel.rkt"))', [file('/abs/x.rkt'), file('/p/dir/rel.rkt')]],
    ['#lang racket/base\n(require srfi/1 racket)', [coll(['srfi'], '1.rkt'), coll(['racket'], 'main.rkt')]],
    ['#lang racket/base\n(require (lib "srfi/19/time.rkt") (lib "a.rkt" "x" "y") (lib "solo"))', [coll(['srfi', '19'], 'time.rkt'), coll(['x', 'y'], 'a.rkt'), coll(['solo'], 'main.rkt')]],
    [
      '#lang racket/base\n(require (only-in "a.rkt" f) (prefix-in p: "b.rkt") (rename-in "c.rkt" [x y]) (except-in "d.rkt" z))',
      [file('/p/dir/a.rkt'), file('/p/dir/b.rkt'), file('/p/dir/c.rkt'), file('/p/dir/d.rkt')],
    ],
    [
      '#lang racket/base\n(require (for-syntax racket/base "s.rkt") (for-meta 2 "m.rkt") (for-label "l.rkt") (combine-in "c1.rkt" (only-in "c2.rkt")))',
      [coll(['racket'], 'base.rkt'), file('/p/dir/s.rkt'), file('/p/dir/m.rkt'), file('/p/dir/l.rkt'), file('/p/dir/c1.rkt'), file('/p/dir/c2.rkt')],
    ],
    ['#lang racket/base\n(require (submod "a.rkt" inner) (submod "." x) (submod ".." y))', [file('/p/dir/a.rkt')]],
    ['#lang racket/base\n(require (planet foo/bar) (quote m) (relative-in "x" "y.rkt"))', []],
    ['#lang racket/base\n(module+ test (require "t.rkt"))\n(module sub "lang.rkt" (require "in.rkt"))', [file('/p/dir/t.rkt'), file('/p/dir/lang.rkt'), file('/p/dir/in.rkt')]],
    ['(module m racket/base (#%require "k.rkt"))', [coll(['racket'], 'base.rkt'), file('/p/dir/k.rkt')]],
    ["#lang racket/base\n(define x '(require \"quoted.rkt\"))", []],
    ['#lang racket/base\n(require "a.ss")', [file('/p/dir/a.rkt')]],
    ['#lang racket/base\n(require (', []],
    ['#reader"x.rkt" (require "b.rkt")', []],
  ];

  it.each(table)('%j', (source, expected) => {
    expect(scanSourceRequires('/p/dir/m.rkt', source)).toEqual(expected);
  });
});
