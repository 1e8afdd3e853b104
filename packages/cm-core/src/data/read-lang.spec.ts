import { describe, expect, it } from 'vitest';
import { RacketReadError } from './read-error.js';
import { readLangLine } from './read-lang.js';
import { Scanner } from './read-scanner.js';

function lang(text: string): { name?: string; rest: string } {
  const sc = Scanner.of(text, 'f.rkt', 'read-syntax');
  const line = readLangLine(sc);
  return { ...(line === undefined ? {} : { name: line.name }), rest: sc.text(sc.i, sc.end) };
}

describe('data/read-lang', () => {
  // columns: text, language name (or none), what is left
  const cases: [string, string | undefined, string][] = [
    ['#lang info', 'info', ''],
    ['#lang racket/base\n(x)', 'racket/base', '\n(x)'],
    ['#lang setup/infotab (define x 1)', 'setup/infotab', ' (define x 1)'],
    ['#lang a-b+c_d9', 'a-b+c_d9', ''],
    ['#!info\n(x)', 'info', '\n(x)'],
    ['#lang x\ty', 'x', '\ty'],
    ['(module info info)', undefined, '(module info info)'],
    ['#t', undefined, '#t'],
  ];
  it.each(cases)('%j', (text, name, rest) => {
    expect(lang(text)).toEqual(name === undefined ? { rest } : { name, rest });
  });

  it('locates the name', () => {
    const sc = Scanner.of('#lang info', 'f.rkt', 'read-syntax');
    expect(readLangLine(sc)?.loc).toEqual({ source: 'f.rkt', line: 1, column: 6, position: 7, span: 4 });
  });

  // columns: text, Racket's message (at the `#`)
  const errors: [string, string][] = [
    ['#lang', 'expected a single space after `#lang`'],
    ['#langx', 'expected a single space after `#lang`'],
    ['#lang  x', 'expected a single space after `#lang`'],
    ['#lang ', 'expected a non-empty sequence of alphanumeric, `-`, `+`, `_`, or `/` after `#lang `'],
    ['#lang x(y)', 'expected only alphanumeric, `-`, `+`, `_`, or `/` characters for `#lang`, found `(`'],
    ['#lang \n', 'expected only alphanumeric, `-`, `+`, `_`, or `/` characters for `#lang`, found `\n`'],
    ['#lang éx', 'expected only alphanumeric, `-`, `+`, `_`, or `/` characters for `#lang`, found `é`'],
    ['#lang /x', 'expected a name that does not start `/` after `#lang`'],
    ['#lang x/', 'expected a name that does not end `/` after `#lang`'],
    ['#!x(', 'expected only alphanumeric, `-`, `+`, `_`, or `/` characters for `#!`, found `(`'],
    ['#lan', 'bad syntax `#lan`'],
    ['#reader x', '`#reader` is not supported'],
  ];
  it.each(errors)('%j fails', (text, message) => {
    let error: unknown;
    try {
      lang(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RacketReadError);
    expect((error as RacketReadError).racketMessage).toBe(`read-syntax: ${message}`);
    expect((error as RacketReadError).column).toBe(0);
  });
});
