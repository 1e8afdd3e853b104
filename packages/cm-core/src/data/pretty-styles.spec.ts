import { describe, expect, it } from 'vitest';
import { prettyWriteValue } from './pretty-write.js';
import type { RacketValue } from './types.js';
import { int, makeList, sym } from './values.js';

/** Builds a value from a tiny s-expression syntax: integers, symbols and parens. */
function parse(text: string): RacketValue {
  const tokens = text.match(/[()]|[^\s()]+/g)!;
  let i = 0;
  const read = (): RacketValue => {
    const t = tokens[i++]!;
    if (/^\d+$/.test(t)) return int(BigInt(t));
    if (t !== '(') return sym(t);
    const items: RacketValue[] = [];
    while (tokens[i] !== ')') items.push(read());
    i++;
    return makeList(items);
  };
  return read();
}

// Columns: datum | width | expected output of Racket 8.7 `pretty-write`
const CASES: [string, number, string][] = [
  ['(define (f x) (g x) (h x))', 30, '(define (f x) (g x) (h x))\n'],
  ['(lambda (x y) (list x y x y))', 20, '(lambda (x y)\n  (list x y x y))\n'],
  ['(let loop ((i 0) (j 1)) (loop i j))', 20, '(let loop ((i 0)\n           (j 1))\n  (loop i j))\n'],
  ['(let ((i 0) (j 1)) (+ i j) (* i j))', 20, '(let ((i 0) (j 1))\n  (+ i j)\n  (* i j))\n'],
  ['(if (zero? xxxxx) yyyyyyyyy zzzzzzzzzz)', 20, '(if (zero? xxxxx)\n  yyyyyyyyy\n  zzzzzzzzzz)\n'],
  ['(cond (aaaaaaa bbbbbbb) (else ccccccc dddddd))', 20, '(cond\n (aaaaaaa bbbbbbb)\n (else\n  ccccccc\n  dddddd))\n'],
  ['(and aaaaaaa bbbbbbb ccccccc)', 20, '(and aaaaaaa\n     bbbbbbb\n     ccccccc)\n'],
  ['(begin aaaaaaa bbbbbbb ccccccc)', 20, '(begin\n  aaaaaaa\n  bbbbbbb\n  ccccccc)\n'],
  ['(do ((i 0 (add1 i))) ((= i 10)) (display i))', 20, '(do ((i 0 (add1 i)))\n    ((= i 10))\n  (display i))\n'],
  ['(module m racket/base (define x 1) (provide x))', 20, '(module m racket/base\n  (define x 1)\n  (provide x))\n'],
  ['(syntax-case stx () (_ x) (x y))', 15, '(syntax-case stx ()\n  (_ x)\n  (x y))\n'],
  ['(make-object cls aaaaaa bbbbbb)', 20, '(make-object cls\n  aaaaaa\n  bbbbbb)\n'],
  ['(case xxxxxxx ((1) aaaaa) (else bbbbbb))', 20, '(case xxxxxxx\n  ((1) aaaaa)\n  (else bbbbbb))\n'],
  ['(define)', 5, '(define)\n'],
  ['(define xxxxxxxxxx)', 5, '(define xxxxxxxxxx)\n'], // the first item stays on the head line
];

describe('data/pretty-styles', () => {
  it.each(CASES)('%s at width %d', (datum, width, expected) => {
    expect(prettyWriteValue(parse(datum), { width })).toBe(expected);
  });
});
