import { describe, expect, it } from 'vitest';
import { parsePltInfo, parsePltUnit } from './match-plt-header.js';
import { readSexp } from './read-sexp.js';

const datum = (text: string) => readSexp(Buffer.from(text), 0)?.value;
const info = (clauses: string) => datum(`(lambda (request failure) (case request ${clauses}))`);
const STD = '((name) "archive") ((unpacker) (quote mzscheme)) ((requires) (quote ())) ((conflicts) (quote ()))';

describe('setup-executor/src/plt/match-plt-header', () => {
  it('matches the info `raco pack` writes (default, --collect, --all-users, quoted with \')', () => {
    expect(parsePltInfo(info(`${STD} ((plt-relative?) #f) ((plt-home-relative?) #f) ((test-plt-dirs) #f) (else (failure))`))).toEqual({
      name: 'archive', requires: [], conflicts: [], pltRelative: false, pltHomeRelative: false, testPltDirs: undefined,
    });
    const collect = info(
      `((name) "Z") ((unpacker) 'mzscheme) ((requires) '((("base") (8 7)))) ((conflicts) (quote (("zc")))) ((plt-relative?) #t) ((plt-home-relative?) #t) ((test-plt-dirs) (quote ("collects" "doc"))) (else (failure))`,
    );
    expect(parsePltInfo(collect)).toEqual({
      name: 'Z', requires: [{ collection: ['base'], version: [8n, 7n] }], conflicts: [['zc']], pltRelative: true, pltHomeRelative: true, testPltDirs: ['collects', 'doc'],
    });
    // the older shape without a test-plt-dirs clause
    expect(parsePltInfo(info(`${STD} ((plt-relative?) #f) ((plt-home-relative?) #f) (else (failure))`)).testPltDirs).toBeUndefined();
  });

  // clauses or whole datum | reason
  const BAD: readonly [string, string, RegExp][] = [
    ['not a lambda', '(define x 1)', /info-procedure S-expression did not have the expected shape/],
    ['other unpacker', info(`((name) "a") ((unpacker) 'sh) ((requires) '()) ((conflicts) '()) ((plt-relative?) #f) ((plt-home-relative?) #f) (else (failure))`) as never, /unpacker must be 'mzscheme/],
    ['numeric name', info(`((name) 3) ((unpacker) 'mzscheme) ((requires) '()) ((conflicts) '()) ((plt-relative?) #f) ((plt-home-relative?) #f) (else (failure))`) as never, /archive name \(Expected a string\)/],
    ['code in the else clause', info(`${STD} ((plt-relative?) #f) ((plt-home-relative?) #f) (else (delete-directory "/"))`) as never, /info-procedure/],
    ['clauses reordered', info(`((unpacker) 'mzscheme) ((name) "a") ((requires) '()) ((conflicts) '()) ((plt-relative?) #f) ((plt-home-relative?) #f) (else (failure))`) as never, /info-procedure/],
    ['corrupt requires', info(`((name) "a") ((unpacker) 'mzscheme) ((requires) '(("x"))) ((conflicts) '()) ((plt-relative?) #f) ((plt-home-relative?) #f) (else (failure))`) as never, /`requires` info/],
    ['non-boolean plt-relative?', info(`${STD} ((plt-relative?) 'yes) ((plt-home-relative?) #f) (else (failure))`) as never, /plt-relative\? \(Expected #t or #f\)/],
  ];
  it.each(BAD)('refuses %s', (_title, v, reason) => {
    expect(() => parsePltInfo(typeof v === 'string' ? datum(v) : v)).toThrow(reason);
  });

  it('matches the unit and returns its collections', () => {
    expect(parsePltUnit(datum('(unit (import main-collects-parent-dir mzuntar) (export) (mzuntar void) (quote (("zc") ("a" "b"))))'))).toEqual([['zc'], ['a', 'b']]);
    expect(parsePltUnit(datum("(unit (import p mzuntar) (export) (mzuntar void) '())"))).toEqual([]);
  });

  it.each([
    ['(unit (import p mzuntar) (export) (mzuntar exit) (quote ()))'],
    ['(unit (import p mzuntar) (export) (mzuntar void) (quote ("zc")))'],
    ['(unit (import p mzuntar) (export) (mzuntar void))'],
    ['(unit (import "p" mzuntar) (export) (mzuntar void) (quote ()))'],
  ])('refuses the unit %s', (text) => {
    expect(() => parsePltUnit(datum(text))).toThrow(/`unit` S-expression/);
  });
});
