import { describe, expect, it } from 'vitest';
import { readAll } from '../data/reader.js';
import { writeValue } from '../data/writer.js';
import { SyntaxFailure } from './info-limits.js';
import { checkInfoModuleBegin, describePlainModuleBegin } from './info-module-begin.js';

function check(text: string): string {
  const forms = readAll(text);
  try {
    return checkInfoModuleBegin(forms, readAll(`(#%module-begin ${text})`)[0]!)
      .map((d) => d.name)
      .join(' ');
  } catch (error) {
    if (error instanceof SyntaxFailure) return `ERR ${error.message} at ${writeValue(error.subForm!)} ${error.subForm!.loc?.column}`;
    throw error;
  }
}

describe('info/info-module-begin', () => {
  // Columns: body, declared names or the error with its `at:` form and column.
  const CASES: readonly (readonly [string, string])[] = [
    ['(define a 1) (define b 2)', 'a b'],
    ['(define a 1) (require x)', 'a'],
    ['(define a 1) (define a 2)', 'ERR infotab-module: duplicate definition at a 21'],
    ['(define a 1) (define b 2) (define b 3) (define a 4)', 'ERR infotab-module: duplicate definition at b 34'],
    ['(define a 1) 5', 'ERR infotab-module: not a well-formed definition at 5 13'],
    ['(define (f) 1)', 'ERR infotab-module: not a well-formed definition at (define (f) 1) 0'],
    ['(define a 1) (define a 2) (display 1)', 'ERR infotab-module: not a well-formed definition at (display 1) 26'],
    ['(require a b)', 'ERR infotab-module: not a well-formed definition at (require a b) 0'],
  ];
  it.each(CASES)('%s → %s', (text, expected) => {
    expect(check(text)).toBe(expected);
  });

  it('shows the expansion as Racket prints it', () => {
    const text = writeValue(describePlainModuleBegin(readAll('(define x 1)'), [{ name: 'x', id: { kind: 'symbol', name: 'x' } }]));
    expect(text).toBe(
      '(#%plain-module-begin (define x 1) (define #%info-lookup (case-lambda ((n) (#%info-lookup n (lambda () (error (quote info.rkt) "no info for ~a" n)))) ((n fail) (unless (and (procedure? fail) (procedure-arity-includes? fail 0)) (error (quote info.rkt) "expected second argument to be a procedure that takes no arguments, got: ~e" fail)) (case n ((x) x) (else (fail)))))) (define (#%info-domain) (quote (x))) (provide #%info-lookup #%info-domain))',
    );
  });
});
