import { describe, expect, it } from 'vitest';
import type { CollectionResolver } from '../collects/find-collection.js';
import { evaluateInfo, type EvaluateInfoOptions } from './evaluate-info.js';
import { InfoFileError } from './info-error.js';
import { formatInfoField } from './info-table.js';

function fields(source: string, options: EvaluateInfoOptions = { env: {} }): string[] {
  return evaluateInfo(source, '/ex/info.rkt', options).fields.map(formatInfoField);
}

function failure(source: string, options: EvaluateInfoOptions = { env: {} }): InfoFileError {
  try {
    evaluateInfo(source, '/ex/info.rkt', options);
  } catch (error) {
    if (error instanceof InfoFileError) return error;
    throw error;
  }
  throw new Error('expected an InfoFileError');
}

// Columns: info.rkt text, the fields as `nx-raco info` prints them.
const VALUES: readonly (readonly [string, string[]])[] = [
  ['#lang info\n(define deps \'("base"))\n(define version "1.0")', ['(deps "base")', '(version . "1.0")']],
  ['#lang setup/infotab\n(define a (list 1 2))', ['(a 1 2)']],
  ['(module info setup/infotab (#%module-begin (define a 1) (define b (list a))))', ['(a . 1)', '(b 1)']],
  ['(module info info (define a 1) (define b (list a)))', ['(a . 1)', '(b 1)']],
  ['(module info (lib "infotab.rkt" "setup") (define a 1))', ['(a . 1)']],
  ['(module info setup/infotab)', []],
  ['#lang info', []],
  ['#lang info\n(define a (if #f 1 2))\n(define b (if \'() 1 2))', ['(a . 2)', '(b . 1)']],
  ['#lang info\n(define a (cons 1 2))\n(define b (list* 1 2 \'(3)))', ['(a 1 . 2)', '(b 1 2 3)']],
  ['#lang info\n(define a (hash-update (hash \'a \'(1)) \'a car))', ['(a . #hash((a . 1)))']],
  ['#lang info\n(define a (build-path "x" "y"))\n(define b (path->string a))', ['(a . #<path:x/y>)', '(b . "x/y")']],
  ['#lang info\n(define a car)', ['(a . #<procedure:car>)']],
  ['#lang info\n(define a (system-library-subpath))', ['(a . #<path:x86_64-linux/cs>)']],
  ['(module info setup/infotab (define (f x) x))', ['(f . #<procedure:f>)']],
];

describe('info/evaluate-info', () => {
  it.each(VALUES)('%j', (source, expected) => {
    expect(fields(source)).toEqual(expected);
  });

  it('takes literal-only files as data, as get-info/full’s fast path does', () => {
    // Expanding this file would fail: `b` is a call to the variable `define`.
    expect(fields('#lang info\n(define define 5)\n(define b 1)')).toEqual(['(define . 5)', '(b . 1)']);
  });

  it('records where each field is defined', () => {
    const table = evaluateInfo('#lang info\n(define a 1)\n  (define b (list a))', 'info.rkt', { env: {} });
    expect(table.fields.map((f) => [f.name, f.loc?.line, f.loc?.column])).toEqual([
      ['a', 2, 0],
      ['b', 3, 2],
    ]);
    expect(table.get('b')).toMatchObject({ kind: 'list' });
    expect(table.get('c')).toBeUndefined();
    expect(table.names).toEqual(['a', 'b']);
  });

  it('lets getenv see only PLT_INFO_ALLOW_VARS names', () => {
    const source = '#lang info\n(define h (getenv "HOME"))\n(define f (getenv "FOO"))';
    expect(fields(source, { env: { HOME: '/root', FOO: 'x' } })).toEqual(['(h . #f)', '(f . #f)']);
    expect(fields(source, { env: { HOME: '/root', FOO: 'x', PLT_INFO_ALLOW_VARS: 'HOME' } })).toEqual(['(h . "/root")', '(f . #f)']);
    expect(fields(source, { env: { HOME: '/root', FOO: 'x', PLT_INFO_ALLOW_VARS: 'FOO;HOME' } })).toEqual(['(h . "/root")', '(f . "x")']);
  });

  it('uses the given collection resolver, creating it lazily', () => {
    let made = 0;
    const resolver: CollectionResolver = {
      searchPath: { collectionPaths: [], linksFiles: [] },
      find: (c) => `/fake/${c.join('/')}`,
      describeNotFound: () => '',
      candidates: () => [],
    };
    const factory = (): CollectionResolver => {
      made++;
      return resolver;
    };
    expect(fields('#lang info\n(define a 1)', { env: {}, collectionResolver: factory })).toEqual(['(a . 1)']);
    expect(made).toBe(0);
    expect(fields('#lang info\n(define a (collection-path "x" "y"))\n(define b (collection-path "z"))', { env: {}, collectionResolver: factory })).toEqual([
      '(a . #<path:/fake/x/y>)',
      '(b . #<path:/fake/z>)',
    ]);
    expect(made).toBe(1);
  });

  it('rejects unknown options', () => {
    expect(() => evaluateInfo('#lang info', 'info.rkt', { environment: {} } as never)).toThrow(/evaluateInfo: unknown option `environment`/);
  });
});

describe('info/evaluate-info errors', () => {
  it('reports Racket’s wording, the position and what to do, in one paragraph', () => {
    const error = failure('#lang info\n(define x (+ 1 2))');
    expect(error).toMatchObject({
      code: 'RKT_INFO_ERROR',
      kind: 'syntax',
      file: '/ex/info.rkt',
      line: 2,
      column: 11,
      position: 23,
      racketMessage: '+: unbound identifier\n  in: +',
    });
    expect(error.message).toBe(
      '/ex/info.rkt:2:11: +: unbound identifier; in: +. An info file may contain only `(define name expr)` forms whose expressions use quote, quasiquote, if, the list, hash, string and path operations of the info language, and earlier definitions; fix the form at that position.',
    );
    expect(error.message).not.toContain('\n');
  });

  // Columns: info.rkt text, kind, Racket's message.
  const ERRORS: readonly (readonly [string, string, string])[] = [
    ['#lang racket/base\n(define a (', 'illegal-reader', 'get-info: info file has illegal #lang or #reader in /ex/info.rkt'],
    ['(module info info) 5', 'multiple-expressions', 'get-info: info file has multiple expressions in /ex/info.rkt'],
    ['(module info racket/base)', 'bad-shape', 'get-info: info file does not contain a module of the right shape in /ex/info.rkt'],
    ['', 'bad-shape', 'get-info: info file does not contain a module of the right shape in /ex/info.rkt'],
    ['#lang info\n(define a (1 2', 'read', 'read: expected a `)` to close `(`'],
    ['#lang info\n(define a (car 5))', 'runtime', 'car: contract violation\n  expected: pair?\n  given: 5'],
    [
      '#lang info\n(define a b)\n(define b 1)',
      'runtime',
      'b: undefined;\n cannot reference an identifier before its definition\n  in module: "/ex/info.rkt"',
    ],
  ];
  it.each(ERRORS)('%j → %s', (source, kind, message) => {
    expect(failure(source)).toMatchObject({ kind, racketMessage: message });
  });

  it('locates run-time errors at the failing application', () => {
    expect(failure('#lang info\n(define a (list 1\n  (car 5)))')).toMatchObject({ line: 3, column: 2 });
  });
});

describe('info/evaluate-info limits', () => {
  const time = (run: () => void): number => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };

  it('stops exponential growth by append', () => {
    const defs = Array.from({ length: 60 }, (_, i) => `(define a${i + 1} (append a${i} a${i}))`).join('\n');
    const source = `#lang info\n(define a0 (list 1 2 3 4 5 6 7 8))\n${defs}`;
    let error: InfoFileError | undefined;
    expect(time(() => (error = failure(source)))).toBeLessThan(5_000);
    expect(error).toMatchObject({ kind: 'limit' });
    expect(error!.racketMessage).toMatch(/units of work|has more than 2000000 parts/);
  });

  it('stops exponential growth by sharing', () => {
    const defs = Array.from({ length: 80 }, (_, i) => `(define b${i + 1} (list b${i} b${i}))`).join('\n');
    const error = failure(`#lang info\n(define b0 1)\n${defs}`);
    expect(error).toMatchObject({ kind: 'limit' });
    expect(error.racketMessage).toMatch(/has more than 2000000 parts/);
  });

  it('stops exponential growth by string-append', () => {
    const defs = Array.from({ length: 60 }, (_, i) => `(define s${i + 1} (string-append s${i} s${i}))`).join('\n');
    expect(failure(`#lang info\n(define s0 "xxxxxxxx")\n${defs}`)).toMatchObject({ kind: 'limit' });
  });

  it('stops exponential comparison of shared structure', () => {
    const defs = Array.from({ length: 18 }, (_, i) => `(define p${i + 1} (list p${i} p${i}))\n(define q${i + 1} (list q${i} q${i}))`).join('\n');
    const source = `#lang info\n(define p0 (list 1))\n(define q0 (list 1))\n${defs}\n${Array.from({ length: 200 }, (_, i) => `(define e${i} (equal? p18 q18))`).join('\n')}`;
    let error: InfoFileError | undefined;
    expect(time(() => (error = failure(source)))).toBeLessThan(5_000);
    expect(error).toMatchObject({ kind: 'limit' });
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const depth = 100_000;
    let error: InfoFileError | undefined;
    expect(time(() => (error = failure(`#lang info\n(define a '${'('.repeat(depth)}${')'.repeat(depth)})`)))).toBeLessThan(5_000);
    expect(['limit', 'read']).toContain(error!.kind);
    const nested = `#lang info\n(define a ${'(list '.repeat(500)}1${')'.repeat(500)})`;
    expect(fields(nested)).toHaveLength(1);
    expect(failure(nested, { env: {}, limits: { maxDepth: 100 } })).toMatchObject({ kind: 'limit' });
  });

  it('refuses enormous files', () => {
    const error = failure(`#lang info\n(define a "${'x'.repeat(1_000)}")`, { env: {}, limits: { maxFileBytes: 100 } });
    expect(error).toMatchObject({ kind: 'limit' });
    expect(error.message).toMatch(/larger than 100 bytes/);
  });

  it('rejects unknown limits', () => {
    expect(() => evaluateInfo('#lang info', 'info.rkt', { limits: { maxSteps: 1 } as never })).toThrow(/unknown limit `maxSteps`/);
  });
});
