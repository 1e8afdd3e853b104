import { describe, expect, it } from 'vitest';
import { locateForms } from './form-locator.js';

/** Columns: title, text, expected heads found (in order). */
const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ['plain forms', '(require a) (module m racket/base) (module* n #f) (lazy-require) (dynamic-require x)', ['require', 'module', 'module*', 'lazy-require', 'dynamic-require']],
  ['brackets, braces and space after the paren', '[require a] {require b} ( require c)', ['require', 'require', 'require']],
  ['a head needs a delimiter', '(required a) (requirex) (module+ test) (require)', ['require']],
  ['#%require', '(#%require a)', ['#%require']],
  ['strings are skipped', '(define s "(require a) \\" (require b)") (require c)', ['require']],
  ['line comments are skipped', '; (require a)\n(require b)', ['require']],
  ['nested block comments are skipped', '#| (require a) #| (require b) |# (require c) |#\n(require d)', ['require']],
  ['character constants are skipped', '(list #\\( #\\" #\\; #\\|) (require a)', ['require']],
  ['|symbol| parts are skipped', '(define |(require a)| 1) (require b)', ['require']],
  ['quoted data is skipped', "'(require a) `(require b) #'(require c) (require d)", ['require']],
  ['regexp and byte strings are strings', '#rx"(require a)" #"(require b)" (require c)', ['require']],
];

describe('requires/form-locator', () => {
  it.each(CASES)('%s', (_title, text, heads) => {
    expect(locateForms(text).map((f) => f.head)).toEqual(heads);
  });

  it('reports the index of the opening parenthesis', () => {
    expect(locateForms('(define s "(require x)") (require y)')).toEqual([{ index: 25, head: 'require' }]);
  });
});
