import { describe, expect, it } from 'vitest';
import { PltFormatError } from './plt-error.js';
import { readSexp, showSexp, sym } from './read-sexp.js';

const read = (text: string, pos = 0) => readSexp(Buffer.from(text), pos);

describe('setup-executor/src/plt/read-sexp', () => {
  // text | expected datum | offset after it
  const OK: readonly [string, unknown, number][] = [
    ['file\n("a")', sym('file'), 4],
    ['  ("a" "b c")*x', ['a', 'b c'], 13],
    ['[(name) "archive"]', [[sym('name')], 'archive'], 18],
    ["'mzscheme", [sym('quote'), sym('mzscheme')], 9],
    ['(quote ())', [sym('quote'), []], 10],
    ['43\n*', 43n, 2],
    ['#t #f', true, 2],
    ['plt-relative?)', sym('plt-relative?'), 13],
    ['"q\\"\\\\\\n\\u00e9\\x41"', 'q"\\\né\u0041', 19],
    ['"caf\u00e9"', 'café', 7],
    ['99999999999999999999', 99999999999999999999n, 20],
    ['|x y|', sym('x y'), 5],
    ['; a comment\n(a)', [sym('a')], 15],
  ];
  it.each(OK)('reads %j', (text, value, end) => {
    expect(read(text)).toEqual({ value, end });
  });

  it('returns undefined at end of input', () => {
    expect(read('  \n')).toBeUndefined();
    expect(read('abc', 3)).toBeUndefined();
  });

  // text | reason
  const BAD: readonly [string, RegExp][] = [
    ['(a b', /expected a `\)` to close `\(`/],
    ['"abc', /expected a closing `"`/],
    [')', /unexpected `\)`/],
    ['(a]', /found instead `\]`/],
    ['(a . b)', /unsupported token `\.`/],
    ['1.5', /unsupported datum of kind flonum/],
    ['#:kw', /unsupported datum of kind keyword/],
    ['"\\q"', /unknown escape sequence/],
    [`${'('.repeat(100)}${')'.repeat(100)}`, /nesting deeper than/],
  ];
  it.each(BAD)('refuses %j', (text, reason) => {
    expect(() => read(text)).toThrow(PltFormatError);
    expect(() => read(text)).toThrow(reason);
  });

  it('shows data as Racket writes them, truncated', () => {
    expect(showSexp([sym('quote'), ['a', 1n, true]])).toBe('(quote ("a" 1 #t))');
    expect(showSexp('x'.repeat(200), 10)).toBe('"xxxxxx...');
    expect(showSexp(undefined)).toBe('#<eof>');
  });
});
