import { describe, expect, it } from 'vitest';
import { skipAtmosphere } from './read-atmosphere.js';
import { RacketReadError } from './read-error.js';
import { Scanner } from './read-scanner.js';

function rest(text: string): string {
  const sc = Scanner.of(text, 'f.rkt', 'read-syntax');
  skipAtmosphere(sc);
  return sc.text(sc.i, sc.end);
}

describe('data/read-atmosphere', () => {
  // columns: text, what is left
  const cases: [string, string][] = [
    ['  \t\n x', 'x'],
    ['\u00a0\u2028\u3000\u0085x', 'x'],
    ['\ufeffx', 'x'],
    ['; comment\nx', 'x'],
    ['; comment\rstill comment\nx', 'x'], // only LF ends a `;` comment
    ['#| block |# x', 'x'],
    ['#| a #| nested |# b |# x', 'x'],
    ['#|#|x|#|# x', 'x'],
    ['#||# x', 'x'],
    ['#! line\nx', 'x'],
    ['#!/usr/bin/env racket\nx', 'x'],
    ['#! continued \\\nline\nx', 'x'],
    ['#!racket', '#!racket'], // a `#lang` shorthand, not a comment
    ['#;x', '#;x'], // datum comments need the datum reader
    ['x ; y', 'x ; y'],
    ['', ''],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(rest(text)).toBe(expected);
  });

  it('reports an unterminated block comment at its `|`, as Racket does', () => {
    let error: unknown;
    try {
      rest('\n #| never closed');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RacketReadError);
    const e = error as RacketReadError;
    expect(e.racketMessage).toBe('read-syntax: end of file in `#|` comment');
    expect([e.line, e.column, e.position]).toEqual([2, 2, 4]);
  });
});
