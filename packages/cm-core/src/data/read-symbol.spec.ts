import { describe, expect, it } from 'vitest';
import { RacketReadError } from './read-error.js';
import { Scanner } from './read-scanner.js';
import { readSymbolOrNumber, type TokenMode } from './read-symbol.js';
import type { RacketValue } from './types.js';

function readToken(text: string, mode: TokenMode = 'symbol-or-number', fold = false, skip = 0): { value: RacketValue; rest: string } {
  const sc = Scanner.of(text, 'f.rkt', 'read-syntax');
  sc.i = skip;
  const value = readSymbolOrNumber(sc, { at: 0, mode, fold });
  delete value.loc;
  return { value, rest: sc.text(sc.i, sc.end) };
}

const symbol = (name: string): RacketValue => ({ kind: 'symbol', name });

describe('data/read-symbol', () => {
  // columns: text, value, rest
  const cases: [string, RacketValue, string][] = [
    ['abc', symbol('abc'), ''],
    ['ABC', symbol('ABC'), ''], // case-sensitive
    ['1+', symbol('1+'), ''],
    ['...', symbol('...'), ''],
    ['->', symbol('->'), ''],
    ['a.b', symbol('a.b'), ''],
    ['.a', symbol('.a'), ''],
    ['a#b', symbol('a#b'), ''],
    ['λ', symbol('λ'), ''],
    ['|a b|', symbol('a b'), ''],
    ['|a b|c\\ d', symbol('a bc d'), ''],
    ['||', symbol(''), ''],
    ['|.|', symbol('.'), ''],
    ['\\.', symbol('.'), ''],
    ['|1|', symbol('1'), ''], // quoted: never a number
    ['a|\\|', symbol('a\\'), ''], // no escapes inside bars
    ['abc(d', symbol('abc'), '(d'],
    ['abc"d"', symbol('abc'), '"d"'],
    ['abc;c', symbol('abc'), ';c'],
    ['a\u00a0b', symbol('a'), '\u00a0b'],
    ['a\ufeffb', symbol('a'), '\ufeffb'], // the BOM ends a symbol in Racket 8.7
    ['42', { kind: 'integer', value: 42n }, ''],
    ['1/2)', { kind: 'rational', numerator: 1n, denominator: 2n }, ')'],
    ['-1.5', { kind: 'flonum', value: -1.5 }, ''],
  ];
  it.each(cases)('%j', (text, value, rest) => {
    expect(readToken(text)).toEqual({ value, rest });
  });

  it('reads keywords after `#:`', () => {
    expect(readToken('#:kw', 'keyword', false, 2).value).toEqual({ kind: 'keyword', name: 'kw' });
    expect(readToken('#:1', 'keyword', false, 2).value).toEqual({ kind: 'keyword', name: '1' });
    expect(readToken('#: a', 'keyword', false, 2).value).toEqual({ kind: 'keyword', name: '' });
    expect(readToken('#:a|B c|', 'keyword', false, 2).value).toEqual({ kind: 'keyword', name: 'aB c' });
  });

  it('folds case outside quotes under #ci', () => {
    expect(readToken('ABC', 'symbol-or-number', true).value).toEqual(symbol('abc'));
    expect(readToken('|A|B\\C', 'symbol-or-number', true).value).toEqual(symbol('AbC'));
    expect(readToken('Straße', 'symbol-or-number', true).value).toEqual(symbol('strasse'));
    expect(readToken('ΣΑΣ', 'symbol-or-number', true).value).toEqual(symbol('σασ'));
    expect(readToken('ı', 'symbol-or-number', true).value).toEqual(symbol('ı'));
  });

  it('requires a number after a prefix', () => {
    expect(readToken('#e1.5', '#e', false, 2).value).toEqual({ kind: 'rational', numerator: 3n, denominator: 2n });
    expect(readToken('#x#e10', '#x', false, 2).value).toEqual({ kind: 'integer', value: 16n });
  });

  // columns: text, mode, chars to skip, Racket's message
  const errors: [string, TokenMode, number, string][] = [
    ['.', 'symbol-or-number', 0, 'illegal use of `.`'],
    ['#:.', 'keyword', 2, 'illegal use of `.`'],
    ['a\\', 'symbol-or-number', 0, 'end-of-file following `\\` in symbol'],
    ['|abc', 'symbol-or-number', 0, 'end-of-file following `|` in symbol'],
    ['#:|k', 'keyword', 2, 'end-of-file following `|` in keyword'],
    ['#e|1|', '#e', 2, 'bad number: `#e1`'],
    ['#xg', '#x', 2, 'bad digit `g`'],
    ['#o.', '#o', 2, 'illegal use of `.`'],
    ['1/0', 'symbol-or-number', 0, 'division by zero in `1/0`'],
    ['1+2i', 'symbol-or-number', 0, 'complex number `1+2i` is not supported'],
    ['1.0t0', 'symbol-or-number', 0, 'extflonum `1.0t0` is not supported'],
  ];
  it.each(errors)('%j fails', (text, mode, skip, message) => {
    let error: unknown;
    try {
      readToken(text, mode, false, skip);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RacketReadError);
    expect((error as RacketReadError).racketMessage).toBe(`read-syntax: ${message}`);
  });
});
