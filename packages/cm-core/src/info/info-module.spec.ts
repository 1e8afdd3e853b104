import { describe, expect, it } from 'vitest';
import { readAll } from '../data/reader.js';
import type { RacketValue } from '../data/types.js';
import { normalizeInfoLimits, SyntaxFailure, WorkBudget } from './info-limits.js';
import { expandInfoModule, type InfoModuleBody } from './info-module.js';

const budget = (): WorkBudget => new WorkBudget(normalizeInfoLimits());
const forms = (text: string): RacketValue[] => readAll(text);

function expand(body: InfoModuleBody): string {
  try {
    const module = expandInfoModule(body, budget(), '/ex/info.rkt');
    return module.items.map((item) => (item.t === 'define' ? `define ${item.name}:${item.expr.t}` : `expression ${item.expr.t}`)).join(', ');
  } catch (error) {
    if (error instanceof SyntaxFailure) return `ERR ${error.message}`;
    throw error;
  }
}

describe('info/info-module', () => {
  // Columns: body forms, what they expand to.
  const FORMS: readonly (readonly [string, string])[] = [
    ["(define a 1) (define b (list a))", 'define a:quote, define b:app'],
    ['(define define 5) (define b (list 1))', 'ERR b: unbound identifier'],
    ['(define b (list 1)) (define define 5)', 'define b:app, define define:quote'],
    ['(define require 5) (require 1)', 'define require:quote, expression app'],
    ['(define a 1) (require x) (define b (+ 1 2))', 'ERR require: bad syntax'],
    ['(define a 1) (display 1)', 'ERR infotab-module: not a well-formed definition'],
  ];
  it.each(FORMS)('%s → %s', (text, expected) => {
    expect(expand({ kind: 'forms', forms: forms(text) })).toBe(expected);
  });

  // Columns: the lone body form, what it expands to (Racket partially expands it first).
  const SINGLE: readonly (readonly [string, string])[] = [
    ['(define a 1)', 'define a:quote'],
    ['(define (f x) x)', 'define f:lambda'],
    ['(define ((f a) b) (list a b))', 'define f:lambda'],
    ['(define (f [x 1] . r) (list x r))', 'define f:lambda'],
    ['(define x)', 'ERR define: bad syntax (missing expression after identifier)'],
    ['(define x 1 2)', 'ERR define: bad syntax (multiple expressions after identifier)'],
    ['(define x . 1)', "ERR define: bad syntax (illegal use of `.')"],
    ['(define (f))', 'ERR define: bad syntax (no expressions for procedure body)'],
    ['(define (5) 1)', 'ERR define: bad syntax (not an identifier for procedure name, and not a nested procedure form)'],
    ['(define (f x x) 1)', 'ERR define: duplicate argument identifier'],
    ['(define (f x) y)', 'ERR y: unbound identifier'],
    ['define', 'ERR define: bad syntax'],
    ['(require)', 'ERR require: bad syntax'],
    ['(quasiquote (unquote))', 'ERR unquote: expects exactly one expression'],
    ['(unquote 1)', 'ERR infotab-module: not a well-formed definition'],
  ];
  it.each(SINGLE)('lone %s → %s', (text, expected) => {
    expect(expand({ kind: 'single', form: forms(text)[0]! })).toBe(expected);
  });

  it('rejects an improper #%module-begin', () => {
    expect(expand({ kind: 'module-begin', form: forms('(#%module-begin (define a 1) . 5)')[0]! })).toBe('ERR #%module-begin: bad syntax');
  });
});
