import { describe, expect, it } from 'vitest';
import { scanModuleReferences } from './require-scan.js';

/** Columns: title, source text, expected references as `c:coll`, `f:path`, with `~` for dynamic. */
const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ['collection symbol', '#lang racket/base\n(require b/x)', ['c:racket', 'c:b']],
  ['bare collection', '#lang racket/base\n(require b)', ['c:racket', 'c:b']],
  ['lib, one string', '#lang racket/base\n(require (lib "b/x.rkt"))', ['c:racket', 'c:b']],
  ['lib, file and collection', '#lang racket/base\n(require (lib "x.rkt" "b" "sub"))', ['c:racket', 'c:b']],
  ['lib, mzlib shorthand', '#lang racket/base\n(require (lib "x.rkt"))', ['c:racket']],
  ['only-in keeps ids out', '#lang racket/base\n(require (only-in b/x first second))', ['c:racket', 'c:b']],
  ['prefix-in', '#lang racket/base\n(require (prefix-in p: b))', ['c:racket', 'c:b']],
  ['rename-in', '#lang racket/base\n(require (rename-in b [x y]))', ['c:racket', 'c:b']],
  ['for-syntax and for-label', '#lang racket/base\n(require (for-syntax b) (for-label c/d))', ['c:racket', 'c:b', 'c:c']],
  ['for-meta', '#lang racket/base\n(require (for-meta 1 b (only-in c z)))', ['c:racket', 'c:b', 'c:c']],
  ['submod', '#lang racket/base\n(require (submod b/x test) (submod "." inner))', ['c:racket', 'c:b']],
  ['relative string', '#lang racket/base\n(require "../other/x.rkt")', ['c:racket', 'f:../other/x.rkt']],
  ['file form', '#lang racket/base\n(require (file "/abs/x.rkt"))', ['c:racket', 'f:/abs/x.rkt']],
  ['planet ignored', '#lang racket/base\n(require (planet foo/bar))', ['c:racket']],
  ['unknown transformer ignored', '#lang racket/base\n(require (my-in b))', ['c:racket']],
  ['module+ submodule', '#lang racket/base\n(module+ test (require rackunit b))', ['c:racket', 'c:rackunit', 'c:b']],
  ['quoted data ignored', "#lang racket/base\n(define x '(require b))", ['c:racket']],
  ['module form language', '(module m racket/base (require b))', ['c:racket', 'c:b']],
  ['#%require raw forms', '(module m \'#%kernel (#%require (prefix p: b) (all-except c x)))', ['c:b', 'c:c']],
  ['s-exp language', '#lang s-exp b/lang\n(x)', ['c:b']],
  ['lazy-require is dynamic', '#lang racket/base\n(require racket/lazy-require)\n(lazy-require [b/x (f)])', ['c:racket', '~c:b']],
  ['dynamic-require of a quoted path', "#lang racket/base\n(dynamic-require 'b/x 'f)", ['c:racket', '~c:b']],
  ['duplicates removed', '#lang racket/base\n(require b)\n(require b/x)', ['c:racket', 'c:b']],
  ['unreadable text falls back', '#lang scribble/manual\n@(require (for-label b))\n@title{It|s}', ['c:scribble', 'c:b']],
  ['#reader falls back', '#reader(lib "x")\n(require b)', ['c:b']],
];

function format(refs: ReturnType<typeof scanModuleReferences>): string[] {
  return refs.map((r) => `${r.dynamic ? '~' : ''}${r.kind === 'collection' ? `c:${r.collection}` : `f:${r.path}`}`);
}

describe('plugin/require-scan', () => {
  it.each(CASES)('%s', (_title, text, expected) => {
    expect(format(scanModuleReferences(text))).toEqual(expected);
  });
});
