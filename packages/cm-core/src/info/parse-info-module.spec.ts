import { describe, expect, it } from 'vitest';
import { writeValue } from '../data/writer.js';
import { parseInfoModule, ShapeFailure } from './parse-info-module.js';

function summary(text: string): string {
  try {
    const parsed = parseInfoModule(text, '/ex/info.rkt');
    switch (parsed.kind) {
      case 'data':
        return `data ${parsed.fields.map((f) => `${f.name}=${writeValue(f.value)}`).join(' ')}`;
      case 'missing-reader':
        return `missing-reader ${parsed.name}`;
      case 'module':
        return parsed.body.kind === 'forms'
          ? `forms ${parsed.body.forms.map(writeValue).join(' ')}`
          : `${parsed.body.kind} ${writeValue(parsed.body.form)}`;
    }
  } catch (error) {
    if (error instanceof ShapeFailure) return `${error.problem}${error.loc ? ` @${error.loc.line}:${error.loc.column}` : ''}`;
    throw error;
  }
}

// Columns: info file text, how it is taken. "data" is getinfo.rkt's fast path (no expansion).
const CASES: readonly (readonly [string, string])[] = [
  ['#lang info\n(define a 1)\n(define b \'x)', 'data a=1 b=x'],
  ['#lang info\n(define a "s") (define b #t) (define c 1.5) (define d 1/2)', 'data a="s" b=#t c=1.5 d=1/2'],
  ['#lang info\n(define a (list 1))', 'module-begin (#%module-begin (define a (list 1)))'],
  ['#lang info\n(define a 1)\n(define a 2)', 'module-begin (#%module-begin (define a 1) (define a 2))'],
  ['#lang info\n(define a #(1))', 'module-begin (#%module-begin (define a #(1)))'],
  ["#lang info\n(define a '1 2)", "module-begin (#%module-begin (define a (quote 1) 2))"],
  ['#lang setup/infotab\n(define a 1)', 'data a=1'],
  ['#!info\n(define a 1)', 'data a=1'],
  ['#reader setup/infotab/lang/reader\n(define a 1)', 'data a=1'],
  ['#reader(submod info reader)\n(define a 1)', 'data a=1'],
  ['#reader info/lang/reader\n(define a 1)', 'missing-reader info/lang/reader'],
  ['#reader racket/base\n(define a 1)', 'illegal-reader @1:0'],
  ['#lang racket/base\n(define a (', 'illegal-reader @1:0'],
  ['\n  #lang racket\n', 'illegal-reader @2:2'],
  ['#!racket\n', 'illegal-reader @1:0'],
  ['(module info setup/infotab (#%module-begin (define a 1)))', 'data a=1'],
  ['(module info setup/infotab (define a 1))', 'single (define a 1)'],
  ['(module info setup/infotab (define a 1) (define b 2))', 'forms (define a 1) (define b 2)'],
  ['(module info setup/infotab)', 'forms '],
  ['(module info info (define a 1))', 'single (define a 1)'],
  ['(module info (lib "infotab.ss" "setup") (define a 1))', 'single (define a 1)'],
  ['(module info (lib "setup/infotab.ss") (define a 1))', 'single (define a 1)'],
  ['(module info (lib "main.rkt" "info") (define a 1))', 'single (define a 1)'],
  ['(module info racket/base (define a 1))', 'bad-shape @1:0'],
  ['(module other info (define a 1))', 'bad-shape @1:0'],
  ['(module info info . 5)', 'bad-shape @1:0'],
  ['5', 'bad-shape @1:0'],
  ['', 'bad-shape'],
  ['(module info info)\n(define b 2)', 'multiple-expressions @2:0'],
];

describe('info/parse-info-module', () => {
  it.each(CASES)('%j → %s', (text, expected) => {
    expect(summary(text)).toBe(expected);
  });
});
