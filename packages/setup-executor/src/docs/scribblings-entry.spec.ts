import { evaluateInfo } from '@nx-raco/cm-core';
import { describe, expect, it } from 'vitest';
import { ScribblingsError } from './docs-errors.js';
import { parseScribblings } from './scribblings-entry.js';

const info = (scribblings: string) => evaluateInfo(`#lang info\n(define scribblings ${scribblings})\n`, '/ws/c/info.rkt');

describe('docs/scribblings-entry', () => {
  // [scribblings value, expected entries (partial)]
  const good: [string, object[]][] = [
    [`'(("a.scrbl"))`, [{ src: 'a.scrbl', name: 'a', flags: [], category: 'library', sortNumber: 0, outCount: 1, orderHint: 0 }]],
    [`'(("doc/x.y.scrbl" (multi-page) (tool 12) "guide" 3))`, [{ src: 'doc/x.y.scrbl', name: 'guide', flags: ['multi-page'], category: 'tool', sortNumber: 12, outCount: 3 }]],
    [`'(("a.scrbl" () ("My Section" 1/2) #f 1 -5))`, [{ name: 'a', category: { label: 'My Section' }, sortNumber: 0.5, orderHint: -5 }]],
    [`'(("a.scrbl" (always-run no-depend-on keep-style no-search depends-all-user)))`, [{ flags: ['always-run', 'no-depend-on', 'keep-style', 'no-search', 'depends-all-user'] }]],
    [`'(("a.scrbl" () (unheard-of 2.5) "a%20b"))`, [{ category: 'unheard-of', sortNumber: 2.5, name: 'a%20b' }]],
    [`'()`, []],
  ];
  it.each(good)('accepts %s', (text, expected) => {
    expect(parseScribblings(info(text))).toMatchObject(expected);
  });

  it('returns [] when the field is absent', () => {
    expect(parseScribblings(evaluateInfo('#lang info\n(define name "x")\n', '/ws/c/info.rkt'))).toEqual([]);
  });

  // [scribblings value, expected message part]
  const bad: [string, string][] = [
    [`"a.scrbl"`, 'expected a list of documents, got `"a.scrbl"` (string)'],
    [`'(("a.scrbl" (multi-page bogus)))`, 'document 1: expected a mode symbol (main-doc, '],
    [`'(("a.scrbl") ("/abs.scrbl"))`, 'document 2: expected a relative path string as the source, got `"/abs.scrbl"` (string)'],
    [`'((a.scrbl))`, 'expected a relative path string as the source, got `a.scrbl` (symbol)'],
    [`'(())`, 'expected 1 to 6 elements, got 0'],
    [`'(("a.scrbl" () (library x)))`, 'expected a real sort number in the category, got `x` (symbol)'],
    [`'(("a.scrbl" () (library 1 2)))`, 'expected a category (symbol [sort-number]), got `(library 1 2)` (list)'],
    [`'(("a.scrbl" () (library) "a/b"))`, 'expected a name string of letters, digits, +, _, - and %XX, got `"a/b"` (string)'],
    [`'(("a.scrbl" () (library) "a%zz"))`, 'got `"a%zz"`'],
    [`'(("a.scrbl" () (library) "a" 0))`, 'expected a positive exact integer as out-k, got `0` (integer)'],
    [`'(("a.scrbl" () (library) "a" 1.0))`, 'expected a positive exact integer as out-k, got `1.0` (flonum)'],
    [`'(("a.scrbl" () (library) "a" 1 x))`, 'expected a real order hint, got `x` (symbol)'],
    [`'(("a.scrbl" () (library) "a" 1 0 extra))`, 'expected 1 to 6 elements, got 7'],
  ];
  it.each(bad)('rejects %s', (text, part) => {
    const error = (() => {
      try {
        parseScribblings(info(text));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ScribblingsError);
    expect((error as ScribblingsError).code).toBe('RKT_BAD_SCRIBBLINGS');
    expect((error as Error).message).toContain('/ws/c/info.rkt: bad `scribblings`: ');
    expect((error as Error).message).toContain(part);
    expect((error as Error).message).toMatch(/Fix the field; none of this collection's documents is built until then\.$/);
  });
});
