import { describe, expect, it } from 'vitest';
import { readAll } from '../data/reader.js';
import { writeValue } from '../data/writer.js';
import { normalizeInfoLimits, RuntimeFailure, WorkBudget } from './info-limits.js';
import { runInfoModule } from './info-eval.js';
import { expandInfoModule } from './info-module.js';

function run(text: string): string {
  const budget = new WorkBudget(normalizeInfoLimits());
  const module = expandInfoModule({ kind: 'forms', forms: readAll(text) }, budget, '/ex/info.rkt');
  try {
    return runInfoModule(
      module,
      {
        budget,
        environment: new Map(),
        collectionResolver: () => {
          throw new Error('not used');
        },
        platform: 'x86_64-linux',
        vm: 'cs',
      },
      '/ex/info.rkt',
    )
      .map(({ name, value }) => `${name}=${writeValue(value)}`)
      .join(' ');
  } catch (error) {
    if (error instanceof RuntimeFailure) return `ERR ${error.message} @${error.loc?.line}:${error.loc?.column}`;
    throw error;
  }
}

describe('info/info-eval', () => {
  // Columns: module body, field values or the run-time error and its location.
  const CASES: readonly (readonly [string, string])[] = [
    ['(define a 1) (define b (list a a))', 'a=1 b=(1 1)'],
    ['(define f car) (define b (f (list 1)))', 'f=#<procedure:car> b=1'],
    ['(define b (hash-update (hash) 1 list list))', 'b=#hash((1 . (())))'],
    ['(define a b) (define b 1)', 'ERR b: undefined;\n cannot reference an identifier before its definition\n  in module: "/ex/info.rkt" @1:10'],
    ['(define a (list 1\n (car 5)))', 'ERR car: contract violation\n  expected: pair?\n  given: 5 @2:1'],
    ['(define a (list (car 5) (cdr 5)))', 'ERR car: contract violation\n  expected: pair?\n  given: 5 @1:16'],
    ['(define a (hash-update (hash 1 2) 1 car))', 'ERR car: contract violation\n  expected: pair?\n  given: 2 @1:10'],
  ];
  it.each(CASES)('%s → %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });
});
