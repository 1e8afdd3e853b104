import { describe, expect, it } from 'vitest';
import { writeValue } from '../data/writer.js';
import { evaluateInfo } from './evaluate-info.js';
import { InfoFileError } from './info-error.js';

/** Evaluates `(define r <expr>)` after `(define a '(1 2))`. */
function evaluate(expr: string): string {
  try {
    const table = evaluateInfo(`#lang info\n(define a '(1 2))\n(define r ${expr})`, '/ex/info.rkt', { env: {} });
    return writeValue(table.get('r')!);
  } catch (error) {
    if (error instanceof InfoFileError) return `ERR ${error.racketMessage} @${error.line}:${error.column}`;
    throw error;
  }
}

const LIB = "lib: misuse of module-path constructor (not within, e.g., `require' or `provide')";
const EMPTY_APP = '#%app: missing procedure expression;\n probably originally (), which is an illegal empty application\n  in: (#%app)';

// Columns: expression, result as `write` text or "ERR <Racket message> @line:column".
// Messages observed with Racket 8.7; info-racket.spec.ts re-checks them against Racket.
const CASES: readonly (readonly [string, string])[] = [
  // self-quoting data
  ['1', '1'],
  ['"s"', '"s"'],
  ['#t', '#t'],
  ['#\\a', '#\\a'],
  ['#(1 x)', '#(1 x)'],
  ['#&x', '#&x'],
  ['#hash((a . b))', '#hash((a . b))'],
  ['#s(p x)', '#s(p x)'],
  ['#rx"a"', '#rx"a"'],
  ['#:x', 'ERR #%datum: keyword misused as an expression\n  at: #:x @3:10'],
  ['()', `ERR ${EMPTY_APP} @3:10`],
  // identifiers
  ['a', '(1 2)'],
  ['car', '#<procedure:car>'],
  ['b', 'ERR b: unbound identifier\n  in: b @3:10'],
  ['define', 'ERR define: not allowed in an expression context\n  in: define @3:10'],
  ['quote', 'ERR quote: bad syntax\n  in: quote @3:10'],
  ['unquote', 'ERR unquote: not in quasiquote\n  in: unquote @3:10'],
  ['lib', `ERR ${LIB}\n  in: lib @3:10`],
  ['#%app', 'ERR #%app: illegal use\n  in: #%app @3:10'],
  // quote
  ["'x", 'x'],
  ["'(quote x)", '(quote x)'],
  ['(quote)', 'ERR quote: bad syntax\n  in: (quote) @3:10'],
  ['(quote 1 2)', 'ERR quote: bad syntax\n  in: (quote 1 2) @3:10'],
  // if
  ['(if #f 1 2)', '2'],
  ["(if '() 1 2)", '1'],
  ['(if #t 1 (car 5))', '1'],
  ['(if 1 2)', 'ERR if: missing an "else" expression\n  in: (if 1 2) @3:10'],
  ['(if 1 2 3 4)', 'ERR if: bad syntax\n  in: (if 1 2 3 4) @3:10'],
  ['(if 1 . 2)', 'ERR if: bad syntax\n  in: (if 1 . 2) @3:10'],
  // applications
  ['(list 1 a)', '(1 (1 2))'],
  ['((if #t car cdr) a)', '1'],
  ['(1 2)', 'ERR application: not a procedure;\n expected a procedure that can be applied to arguments\n  given: 1 @3:10'],
  ['(list . 1)', 'ERR #%app: bad syntax\n  in: (#%app list . 1) @3:10'],
  ['(list #:x)', 'ERR application: missing argument expression after keyword\n  at: #:x\n  in: (#%app list #:x) @3:16'],
  ['(list #:x #:y 1)', 'ERR #%datum: keyword misused as an expression\n  at: #:y @3:20'],
  ['(5 #:x 1)', 'ERR application: not a procedure;\n expected a procedure that can be applied to arguments\n  given: 5\n  arguments...:\n   #:x 1 @3:10'],
  ['(list #:x 1)', 'ERR application: procedure does not accept keyword arguments\n  procedure: list\n  arguments...:\n   #:x 1 @3:10'],
  ['(display 1)', 'ERR display: unbound identifier\n  in: display @3:11'],
  // explicit #%app, #%datum, #%top
  ['(#%app list 1 2)', '(1 2)'],
  ['(#%app)', `ERR ${EMPTY_APP} @3:10`],
  ['(#%app . 5)', 'ERR #%app: bad syntax\n  in: (#%app . 5) @3:10'],
  ['(#%datum . 5)', '5'],
  ['(#%datum 1 2)', '(1 2)'],
  ['(#%datum)', '()'],
  ['(#%datum . x)', 'x'],
  ['(#%datum . #:x)', 'ERR #%datum: keyword misused as an expression\n  at: #:x @3:21'],
  ['(#%top . a)', '(1 2)'],
  ['(#%top . zz)', 'ERR zz: unbound identifier\n  in: zz @3:19'],
  ['(#%top x)', 'ERR #%top: not an identifier\n  at: (x)\n  in: (#%top x) @3:10'],
  ['(#%top . 5)', 'ERR #%top: not an identifier\n  at: 5\n  in: (#%top . 5) @3:19'],
  // forms that are errors in an expression
  ['(define b 1)', 'ERR define: not allowed in an expression context\n  in: (define b 1) @3:10'],
  ['(require x)', 'ERR require: bad syntax\n  in: (require x) @3:10'],
  ['(lib "x")', `ERR ${LIB}\n  in: (lib "x") @3:10`],
  ['(unquote 1)', 'ERR unquote: not in quasiquote\n  in: (unquote 1) @3:10'],
  ['(unquote-splicing 1)', 'ERR unquote-splicing: not in quasiquote\n  in: (unquote-splicing 1) @3:10'],
];

describe('info/info-compile', () => {
  it.each(CASES)('%s → %s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });

  it('reports syntax errors of later definitions before running earlier ones', () => {
    expect(evaluate('(car 5))\n(define s (+ 1 2)')).toBe('ERR +: unbound identifier\n  in: + @4:11');
  });
});
