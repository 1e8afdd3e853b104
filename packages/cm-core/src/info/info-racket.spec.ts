/**
 * Hand-written info files, each checked against what Racket 8.7's `get-info/full` itself does:
 * the same fields and values (`equal?` in Racket), or the same error message and position.
 * Racket runs once for the whole table (info-oracle.rkt).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRacket } from '../testing/racket-available.js';
import { InfoFileError } from './info-error.js';
import { askRacket, compareWithRacket, makeTempTree, oracleEntry, type RacketAnswer, type TempTree } from './info-fixtures.test.js';
import type { InfoTable } from './info-table.js';
import { readInfoFile } from './read-info-file.js';

// Columns: label, info.rkt text.
const ERROR_CASES: readonly (readonly [string, string])[] = [
  ['illegal #lang', '#lang racket/base\n(define a 1)'],
  ['illegal #lang before a read error', '#lang racket/base\n(define a (1 2'],
  ['illegal #reader', '#reader racket/base\n(define a 1)'],
  ['#reader of a missing collection', '#reader info/lang/reader\n(define a 1)'],
  ['#reader of a missing submodule', '#reader(submod setup/infotab reader)\n(define a 1)'],
  ['two spaces after #lang', '#lang  info\n(define a 1)'],
  ['illegal #lang after a block comment', '#|block|#\n#lang racket\n(define a 1)'],
  ['illegal #!', '#!racket/base\n(define a 1)'],
  ['require', '#lang info\n(require racket/list)'],
  ['require after a definition, before an unbound id', '#lang info\n(define a 1)\n(require x)\n(define b (+ 1 2))'],
  ['(require) with no library', '#lang info\n(require)'],
  ['(require a b)', '#lang info\n(require a b)'],
  ['require inside an expression', '#lang info\n(define a (require x))'],
  ['unbound +', '#lang info\n(define x (+ 1 2))'],
  ['duplicate definition', '#lang info\n(define x 1)\n(define x 2)'],
  ['duplicate definition after an unbound id', '#lang info\n(define b (+ 1 2))\n(define a 1)\n(define a 2)'],
  ['two top-level expressions', '(module info setup/infotab (define a 1))\n(define b 2)'],
  ['a read error after two data', '(module info setup/infotab (define a 1))\n(define b 2)\n(oops'],
  ['a read error in the second datum', '(module info setup/infotab (define a 1))\n(oops'],
  ['unterminated list', '#lang info\n(define a (1 2'],
  ['unterminated module form', '(module info setup/infotab (define a 1)'],
  ['bare number', '#lang info\n5'],
  ['non-define form', '#lang info\n(display 1)'],
  ['(define)', '#lang info\n(define)'],
  ['(define x)', '#lang info\n(define x)'],
  ['(define x 1 2)', '#lang info\n(define a 1 2)'],
  ['function definition', '#lang info\n(define (f x) 1)'],
  ['define-values', '#lang info\n(define-values (a) 1)'],
  ['malformed form shown with quote', "#lang info\n(define a 'x)\n(define b \"str\" 'y)"],
  ['long form is truncated', `#lang info\n(define a '(${'a'.repeat(60)} ${'b'.repeat(60)} ${'c'.repeat(60)} ${'d'.repeat(60)}))\n(display 1)`],
  ['unbound id', '#lang info\n(define a b)'],
  ['reference before definition', '#lang info\n(define a b)\n(define b 1)'],
  ['(car 5)', '#lang info\n(define a (car 5))'],
  ['runtime error after syntax check of later forms', "#lang info\n(define a 'x)\n(define b (car a))\n(define c (+ 1 2))"],
  ['runtime error before a later unbound id', '#lang info\n(define a (car 5))\n(define b c)'],
  ['syntax error order', '#lang info\n(define a (quote x y))\n(define b (require x))'],
  ['if without else', '#lang info\n(define a (if 1 2))'],
  ['if with too many parts', '#lang info\n(define a (if 1 2 3 4))'],
  ['(if)', '#lang info\n(define a (if))'],
  ['(quote)', '#lang info\n(define a (quote))'],
  ['(quote 1 2)', '#lang info\n(define a (quote 1 2))'],
  ['(quote . x)', '#lang info\n(define a (quote . x))'],
  ['unquote outside quasiquote', '#lang info\n(define a (unquote 1))'],
  ['unquote-splicing outside quasiquote', '#lang info\n(define a (unquote-splicing 1))'],
  ['(quasiquote)', '#lang info\n(define a (quasiquote))'],
  ['(quasiquote a b)', '#lang info\n(define a (quasiquote a b))'],
  ['unquote with two expressions', '#lang info\n(define a `(1 unquote 2 3))'],
  ['top-level unquote-splicing', '#lang info\n(define a `,@x)'],
  ['empty unquote-splicing', '#lang info\n(define a `(1 (unquote-splicing)))'],
  ['#(unquote x)', '#lang info\n(define a `#(unquote x))'],
  ['splice of a non-list', '#lang info\n(define x 5)\n(define a `(1 ,@x 2))'],
  ['unquoted unbound id', '#lang info\n(define a `(1 ,y))'],
  ['lib', '#lang info\n(define a lib)'],
  ['(lib "x")', '#lang info\n(define a (lib "x"))'],
  ['define as a value', '#lang info\n(define a define)'],
  ['define in an expression', '#lang info\n(define a (define b 1))'],
  ['quote as a value', '#lang info\n(define a quote)'],
  ['if as a value', '#lang info\n(define a if)'],
  ['unquote as a value', '#lang info\n(define a unquote)'],
  ['require as a value', '#lang info\n(define a require)'],
  ['#%app as a value', '#lang info\n(define a #%app)'],
  ['#%datum as a value', '#lang info\n(define a #%datum)'],
  ['#%top as a value', '#lang info\n(define a #%top)'],
  ['#%module-begin as a value', '#lang info\n(define a #%module-begin)'],
  ['#%module-begin in an expression', '#lang info\n(define a (#%module-begin (define x 1)))'],
  ['empty application', '#lang info\n(define a ())'],
  ['(#%app)', '#lang info\n(define a (#%app))'],
  ['(#%app . 5)', '#lang info\n(define a (#%app . 5))'],
  ['(#%app list . 5)', '#lang info\n(define a (#%app list . 5))'],
  ['(#%app 5 6)', '#lang info\n(define a (#%app 5 6))'],
  ['improper application', '#lang info\n(define a (list 1 . 2))'],
  ['keyword as an expression', '#lang info\n(define a #:x)'],
  ['(#%datum . #:x)', '#lang info\n(define a (#%datum . #:x))'],
  ['(#%top x)', '#lang info\n(define a (#%top x))'],
  ['(#%top)', '#lang info\n(define a (#%top))'],
  ['(#%top . 5)', '#lang info\n(define a (#%top . 5))'],
  ['(#%top . zz)', '#lang info\n(define a (#%top . zz))'],
  ['unbound void', '#lang info\n(define b (void))'],
  ['applying a number', '#lang info\n(define a (1 2))'],
  ['applying a string', '#lang info\n(define a ("a"))'],
  ['applying a redefined builtin', '#lang info\n(define list 5)\n(define a (list 1))'],
  ['builtin redefined later', '#lang info\n(define a (list 1))\n(define list 5)'],
  ['car redefined later', "#lang info\n(define b (car '(1)))\n(define car 5)"],
  ['quote redefined', "#lang info\n(define quote 5)\n(define b (list 'x))"],
  ['keywords to list', '#lang info\n(define a (list #:x 1))'],
  ['missing keyword argument', '#lang info\n(define a (list #:x))'],
  ['missing keyword argument after a quoted keyword', "#lang info\n(define a (list '#:x #:y))"],
  ['duplicate keyword', '#lang info\n(define a (collection-path "nope" #:fail list #:fail list))'],
  ['unexpected keyword', '#lang info\n(define a (collection-path "nope" #:bad list))'],
  ['bad #:fail', '#lang info\n(define a (collection-path "nope" #:fail 5))'],
  ['#:fail of the wrong arity', '#lang info\n(define a (collection-path "nope" #:fail hash-update))'],
  ['#:fail that fails', '#lang info\n(define a (collection-path "nope" #:fail car))'],
  ['collection not found', '#lang info\n(define a (collection-path "nope-not-here"))'],
  ['sub-collection not found', '#lang info\n(define a (collection-path "racket" "nope"))'],
  ['collection-path contract', '#lang info\n(define a (collection-path 5))'],
  ['collection-path absolute', '#lang info\n(define a (collection-path "/abs"))'],
  ['collection-path rest contract', '#lang info\n(define a (collection-path "racket" 5))'],
  ['collection-path arity', '#lang info\n(define a (collection-path))'],
  ['list* arity', '#lang info\n(define a (list*))'],
  ['list* through a variable', '#lang info\n(define f list*)\n(define a (f))'],
  ['car arity through a variable', '#lang info\n(define f car)\n(define a (f 1 2))'],
  ['make-immutable-hash arity', '#lang info\n(define a (make-immutable-hash 1 2))'],
  ['make-immutable-hash contract', "#lang info\n(define a (make-immutable-hash '(1 2)))"],
  ['hash odd', "#lang info\n(define a (hash 'a))"],
  ['hash-set contract', "#lang info\n(define a (hash-set 5 'a 1))"],
  ['hash-set arity', "#lang info\n(define a (hash-set (hash) 'a))"],
  ['hash-set* contract', "#lang info\n(define a (hash-set* 5 'a 1))"],
  ['hash-set* odd', "#lang info\n(define a (hash-set* (hash) 'a 1 'b))"],
  ['hash-set* arity', '#lang info\n(define a (hash-set*))'],
  ['hash-remove contract', "#lang info\n(define a (hash-remove 5 'a))"],
  ['hash-remove arity', '#lang info\n(define a (hash-remove (hash)))'],
  ['hash-clear contract', '#lang info\n(define a (hash-clear 5))'],
  ['hash-clear arity', '#lang info\n(define a (hash-clear))'],
  ['hash-update contract', "#lang info\n(define a (hash-update 5 'a car))"],
  ['hash-update missing key', "#lang info\n(define a (hash-update (hash 'a '(1)) 'b car))"],
  ['hash-update bad updater', "#lang info\n(define a (hash-update (hash 'a '(1)) 'a 5))"],
  ['hash-update failing updater', "#lang info\n(define a (hash-update (hash 'a 1) 'a car))"],
  ['hash-update failing thunk', "#lang info\n(define a (hash-update (hash 'a '(1)) 'b car list))"],
  ['hash-update arity', "#lang info\n(define a (hash-update (hash) 'a car 1 2))"],
  ['string-append contract', '#lang info\n(define a (string-append "a" "b" 5 6))'],
  ['path->string contract', '#lang info\n(define a (path->string "a"))'],
  ['path->string arity', '#lang info\n(define a (path->string))'],
  ['build-path contract', '#lang info\n(define a (build-path "a" 5))'],
  ['build-path absolute', '#lang info\n(define a (build-path (build-path "/x") "/y"))'],
  ['build-path empty', '#lang info\n(define a (build-path ""))'],
  ['build-path nul', '#lang info\n(define a (build-path "a" "b\\u0000"))'],
  ['system-library-subpath contract', "#lang info\n(define a (system-library-subpath 'foo))"],
  ['system-library-subpath arity', '#lang info\n(define a (system-library-subpath #f 1))'],
  ['getenv contract', '#lang info\n(define a (getenv 5))'],
  ['getenv bad name', '#lang info\n(define a (getenv "A=B"))'],
  ['getenv arity', '#lang info\n(define a (getenv))'],
  ['reverse contract', "#lang info\n(define a (reverse '(1 . 2)))"],
  ['reverse arity', '#lang info\n(define a (reverse))'],
  ['append contract', "#lang info\n(define a (append '(1) 5 '(2)))"],
  ['cons arity', '#lang info\n(define a (cons 1))'],
  ['cdr contract', '#lang info\n(define a (cdr 5))'],
  ['equal? arity', '#lang info\n(define a (equal? 1))'],
  ['car of a path', '#lang info\n(define a (car (build-path "a")))'],
  ['car of a procedure', '#lang info\n(define a (car car))'],
  ['car of a long string', `#lang info\n(define a (car "${'a'.repeat(300)}"))`],
  ['a quoted form in a message', "#lang info\n(define a (string-append ''x))"],
  ['a quasiquoted form in a message', "#lang info\n(define a (string-append '(1 `(a ,b ,@c))))"],
  ['module with a wrong language', '(module info racket/base (define a (list 1 2)))'],
  ['module with a wrong name', '(module foo info (define a (list 1 2)))'],
  ['#%module-begin plus another form', '(module info setup/infotab (#%module-begin (define a (list 1 2))) (define b 1))'],
  ['improper #%module-begin', '(module info setup/infotab (#%module-begin (define a 1) . 5))'],
  ['improper module body', '(module info setup/infotab (define a 1) . 5)'],
  ['(module info)', '(module info)'],
  ['a bare number file', '5'],
  ['an empty file', ''],
  ['lone define-values', '(module info setup/infotab (define-values (a) 1))'],
  ['lone define-values plus a define', '(module info setup/infotab (define-values (a) 1) (define b 2))'],
  ['lone number', '(module info setup/infotab 5)'],
  ['lone (display 1)', '(module info setup/infotab (display 1))'],
  ['lone (define x)', '(module info setup/infotab (define x))'],
  ['lone (define x 1 2)', '(module info setup/infotab (define x 1 2))'],
  ['lone (define)', '(module info setup/infotab (define))'],
  ['lone (define 5 1)', '(module info setup/infotab (define 5 1))'],
  ['lone (define (f)))', '(module info setup/infotab (define (f)))'],
  ['lone (define (5) 1)', '(module info setup/infotab (define (5) 1))'],
  ['lone (define x . 1)', '(module info setup/infotab (define x . 1))'],
  ['lone function with an unbound id', '(module info setup/infotab (define (f x) y))'],
  ['lone function with a duplicate argument', '(module info setup/infotab (define (f x x) 1))'],
  ['lone function with a keyword argument', '(module info setup/infotab (define (f #:k k) k))'],
  ['lone unbound define', '(module info setup/infotab (define x (+ 1 2)))'],
  ['lone require', '(module info setup/infotab (require))'],
  ['lone #%module-begin . 5', '(module info setup/infotab (#%module-begin . 5))'],
  ['lone identifier', '(module info setup/infotab x)'],
  ['lone (unquote 1)', '(module info setup/infotab (unquote 1))'],
  ['lone (if 1 2)', '(module info setup/infotab (if 1 2))'],
  ['lone (lib "x")', '(module info setup/infotab (lib "x"))'],
  ['lone (list . 1)', '(module info setup/infotab (list . 1))'],
  ['lone define', '(module info setup/infotab define)'],
  ['lone bad quasiquote', '(module info setup/infotab (quasiquote (unquote)))'],
  ['lone ()', '(module info setup/infotab ())'],
  ['lone (#%app)', '(module info setup/infotab (#%app))'],
  ['lone (list #:x)', '(module info setup/infotab (list #:x))'],
  ['redefined define', '#lang info\n(define define 5)\n(define b (list 1))'],
  ['keywords to a number', '#lang info\n(define a (5 #:x 1))'],
  ['keyword in operator position', '#lang info\n(define a (#:x 1))'],
  ['keyword followed by a keyword', '#lang info\n(define a (list #:x #:y 1))'],
  ['hash-update with an updater of the wrong arity', "#lang info\n(define a (hash-update (hash 'a 1) 'a hash-update))"],
  ['hash-update with a thunk of the wrong arity', "#lang info\n(define a (hash-update (hash 'a 1) 'b car car))"],
  ['vector template with an improper list', '#lang info\n(define x 5)\n(define a `#(1 unquote x))'],
  ['collection-path with #:fail and a bad rest', '#lang info\n(define a (collection-path "racket" 5 #:fail list))'],
];

const VALUE_CASES: readonly (readonly [string, string])[] = [
  ['literals (fast path)', '#lang info\n(define a 1)\n(define b "s")\n(define c #t)\n(define d 1.5)\n(define e 1/2)\n(define f \'(x "y" #\\z #"b"))'],
  ['#lang setup/infotab', '#lang setup/infotab\n(define a (list 1 2))'],
  ['#reader setup/infotab/lang/reader', '#reader setup/infotab/lang/reader\n(define a (list 1 2))'],
  ['#reader(submod info reader)', '#reader(submod info reader)\n(define a (list 1 2))'],
  ['#!info', '#!info\n(define a 1)'],
  ['#lang info after a comment', ';; comment\n#lang info\n(define a 1)'],
  ['#reader (submod info reader) on one line', '#reader (submod info reader) (define a 1)'],
  ['expanded module', '(module info setup/infotab (#%module-begin (define a (list 1 2)) (define b \'x)))'],
  ['(module info info …)', '(module info info (define a (list 1 2)))'],
  ['(lib "infotab.ss" "setup")', '(module info (lib "infotab.ss" "setup") (#%module-begin (define a (list 1 2))))'],
  ['(lib "setup/infotab.rkt")', '(module info (lib "setup/infotab.rkt") (define a 1) (define b (list a)))'],
  ['(lib "main.rkt" "info")', '(module info (lib "main.rkt" "info") (define a 1))'],
  ['lone define', '(module info setup/infotab (define x 1))'],
  ['lone function definition', '(module info setup/infotab (define (f x) x))'],
  ['lone curried function', '(module info setup/infotab (define ((f a) b) (list a b)))'],
  ['lone function with rest and optional arguments', '(module info setup/infotab (define (f [x 1] . r) (list x r)))'],
  ['empty module', '(module info setup/infotab)'],
  ['empty #%module-begin', '(module info setup/infotab (#%module-begin))'],
  ['empty #lang info', '#lang info\n'],
  ['references and list operations', "#lang info\n(define a '(1 2))\n(define b (append a (list 3) (reverse a)))\n(define c (cons 0 b))\n(define d (list* 1 2 '(3)))\n(define e (car b))\n(define f (cdr b))"],
  ['if', "#lang info\n(define a (if #t 1 (car 5)))\n(define b (if 0 'yes 'no))\n(define c (if #f 1 2))\n(define d (if '() 1 2))"],
  ['equal?', "#lang info\n(define a (equal? (hash 'a 1) (make-immutable-hash '((a . 1)))))\n(define b (equal? '(1) '(2)))"],
  ['hashes', "#lang info\n(define a (hash 'a 1 'b '(2)))\n(define b (hash-set a 'c 3))\n(define c (hash-set* a 'a 5 'd 6))\n(define d (hash-remove a 'a))\n(define e (hash-clear #hasheq((a . 1))))"],
  ['hash-update', "#lang info\n(define a (hash-update (hash 'a '(1)) 'a car))\n(define b (hash-update (hash 'a 1) 'b list list))\n(define c (hash-update (hash 'a 1) 'b list '(5)))"],
  ['make-immutable-hash', "#lang info\n(define a (make-immutable-hash '((a . 1) (a . 2) (b 3))))\n(define b (make-immutable-hash))"],
  ['strings and paths', '#lang info\n(define a (string-append "a" "b"))\n(define b (build-path "a" "b"))\n(define c (path->string (build-path "/a" \'up "b" \'same)))\n(define d (build-path "a/" "b/"))'],
  ['system-library-subpath', "#lang info\n(define a (system-library-subpath))\n(define b (system-library-subpath #f))\n(define c (system-library-subpath 'cgc))\n(define d (system-library-subpath '3m))\n(define e (system-library-subpath 'cs))"],
  ['collection-path', '#lang info\n(define a (collection-path "racket"))\n(define b (collection-path "racket" "private"))\n(define c (collection-path "racket/private"))\n(define d (collection-path "racket/"))\n(define e (collection-path "2d"))\n(define f (collection-path "syntax"))\n(define g (collection-path (build-path "racket")))'],
  ['collection-path #:fail', '#lang info\n(define a (collection-path "nope" #:fail list))\n(define b (collection-path "racket" #:fail list))\n(define c (collection-path "2d" "nope" #:fail list))'],
  ['procedures as values', "#lang info\n(define x list)\n(define y (x 1 2))\n(define z (if #f 1 (x)))\n(define c (list car list))"],
  ['quasiquote', "#lang info\n(define x 5)\n(define a `(1 ,@x))\n(define b `(1 . ,x))\n(define c `(1 ,@(list 2 3) 4 ,x #(1 ,x) #&,x #s(p ,x) #hash((k . ,x)) (nest `(a ,(b ,x)))))\n(define d `(,@(list 1) ,@'()))\n(define e `,x)\n(define f `(a ,@'(b c) . d))"],
  ['quasiquote without unquote', "#lang info\n(define a `(1 (2 #(3))))\n(define b `x)"],
  ['shadowed unquote', '#lang info\n(define unquote 5)\n(define b `(1 ,unquote))'],
  ['explicit #%app, #%datum, #%top', '#lang info\n(define a (#%app list 1 2))\n(define b (#%datum . 5))\n(define c (#%top . a))\n(define d (#%datum 1 2))\n(define e (#%datum))\n(define f (#%datum . x))'],
  ['self-quoting data', '#lang info\n(define a #(1 x))\n(define b #&x)\n(define c #hash((a . b)))\n(define d #s(p x))\n(define e #rx"a")\n(define f #\\a)\n(define g #"bytes")'],
  ['getenv is filtered', '#lang info\n(define a (getenv "HOME"))\n(define b (getenv "PATH"))\n(define c (getenv ""))'],
  ['redefined define (fast path)', '#lang info\n(define define 5)\n(define b 1)'],
  ['redefined quote (fast path)', "#lang info\n(define quote 5)\n(define b 'x)"],
  ['define redefined after use', '#lang info\n(define b (list 1))\n(define define 5)'],
  ['keywords as data', "#lang info\n(define a '#:x)"],
  ['require is ignored by the shape check only', '#lang info\n(define require 5)\n(define a (list require))'],
  ['vector template with a dotted unquote', '#lang info\n(define a `#(1 unquote (list 2)))'],
  ['more paths', '#lang info\n(define a (build-path \'up))\n(define b (collection-path "racket" "private/"))\n(define c (build-path "/"))'],
  ['equal? on procedures', '#lang info\n(define a (equal? car car))\n(define b (equal? car cdr))'],
  ['string keys', '#lang info\n(define a (hash "a" 1 "a" 2))\n(define b (hash-set* (hash) "a" 1 "a" 2))\n(define c (make-immutable-hash (list (cons 1 2) (cons 1 3))))'],
  ['hash literals', "#lang info\n(define a #hasheqv((1 . 2)))\n(define b (hash-set #hasheq((a . 1)) 'b 2))\n(define c `#hasheqv((1 . ,(list 2))))"],
  ['hash-update with a failure value', "#lang info\n(define a (hash-update (hash) 'k car '(9)))"],
];

describe('info/info-racket: errors and values agree with get-info/full', () => {
  let tree: TempTree;
  const cases = [...ERROR_CASES, ...VALUE_CASES];
  const ours = new Map<string, InfoTable | InfoFileError>();
  let answers: Map<string, RacketAnswer>;

  beforeAll(() => {
    tree = makeTempTree(Object.fromEntries(cases.map(([, text], i) => [`case-${i}/info.rkt`, text])));
    const entries: string[] = [];
    cases.forEach((_, i) => {
      const dir = tree.path(`case-${i}`);
      let result: InfoTable | InfoFileError;
      try {
        result = readInfoFile(`${dir}/info.rkt`, { env: process.env });
      } catch (error) {
        if (!(error instanceof InfoFileError)) throw error;
        result = error;
      }
      ours.set(dir, result);
      entries.push(oracleEntry(dir, result));
    });
    answers = hasRacket() ? new Map(askRacket(entries).map((answer) => [answer.dir, answer])) : new Map();
  });
  afterAll(() => tree.dispose());

  it.skipIf(!hasRacket()).each(cases.map(([label], i) => [label, i] as const))('%s', (_label, i) => {
    const dir = tree.path(`case-${i}`);
    const answer = answers.get(dir)!;
    expect(compareWithRacket(ours.get(dir)!, answer)).toEqual([]);
  });

  it.skipIf(!hasRacket())('fails exactly where Racket fails', () => {
    ERROR_CASES.forEach(([label], i) => expect([label, answers.get(tree.path(`case-${i}`))?.ok]).toEqual([label, false]));
    VALUE_CASES.forEach(([label], i) => expect([label, answers.get(tree.path(`case-${ERROR_CASES.length + i}`))?.ok]).toEqual([label, true]));
  });
});

describe('info/info-racket: getenv and PLT_INFO_ALLOW_VARS', () => {
  it.skipIf(!hasRacket())('sees only the allowed variables, as Racket does', () => {
    const tree = makeTempTree({
      'info.rkt': '#lang info\n(define a (getenv "NXRACO_A"))\n(define b (getenv "NXRACO_B"))\n(define c (getenv "NXRACO_C"))\n(define d (getenv "PLT_INFO_ALLOW_VARS"))',
    });
    try {
      const base = { ...process.env, NXRACO_A: 'x', NXRACO_B: '', NXRACO_C: 'y' };
      for (const env of [base, { ...base, PLT_INFO_ALLOW_VARS: 'NXRACO_A;NXRACO_B;;NXRACO_MISSING;PLT_INFO_ALLOW_VARS' }]) {
        const result = readInfoFile(tree.path('info.rkt'), { env });
        const [answer] = askRacket([oracleEntry(tree.root, result)], env);
        expect(compareWithRacket(result, answer!)).toEqual([]);
      }
    } finally {
      tree.dispose();
    }
  });
});
