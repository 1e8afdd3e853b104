import { describe, expect, it } from 'vitest';
import type { RacketValue } from '../data/types.js';
import { int, makeList, str, sym } from '../data/values.js';
import { formatModulePath } from '../testing/fixtures/module-path-text.js';
import { addRktSuffix, parseModulePath } from './module-path.js';

const list = (...items: RacketValue[]) => makeList(items);

describe('requires/module-path', () => {
  describe('parseModulePath', () => {
    /** Columns: title, value, the module path (see module-path-text.ts), or undefined when it is not one. */
    const CASES: readonly (readonly [string, RacketValue, string | undefined])[] = [
      ['collection symbol', sym('a/b/c'), 'c:a/b/c.rkt'],
      ['bare collection', sym('a'), 'c:a/main.rkt'],
      ['symbol with a suffix', sym('a/b.ss'), 'c:a/b.rkt'],
      ['symbol with a space', sym('a b'), undefined],
      ['symbol with a leading slash', sym('/a'), undefined],
      ['symbol with a trailing slash', sym('a/'), undefined],
      ['symbol with a .. element', sym('a/../b'), undefined],
      ['relative string, as written', str('../x'), 'r:../x'],
      ['empty string', str(''), undefined],
      ['lib, one string', list(sym('lib'), str('srfi/19/time.rkt')), 'c:srfi/19/time.rkt'],
      ['lib, .ss suffix', list(sym('lib'), str('a/b.ss')), 'c:a/b.rkt'],
      ['lib, no suffix', list(sym('lib'), str('a/b')), 'c:a/b.rkt'],
      ['lib, collection only', list(sym('lib'), str('solo')), 'c:solo/main.rkt'],
      ['lib, file then collections', list(sym('lib'), str('f.rkt'), str('a'), str('sub')), 'c:a/sub/f.rkt'],
      ['lib, legacy mzlib file', list(sym('lib'), str('x.rkt')), undefined],
      ['lib, a non-string', list(sym('lib'), sym('x')), undefined],
      ['lib, empty', list(sym('lib')), undefined],
      ['file, absolute', list(sym('file'), str('/x.rkt')), 'f:/x.rkt'],
      ['file, relative', list(sym('file'), str('x.rkt')), 'f:x.rkt'],
      ['file, empty', list(sym('file'), str('')), undefined],
      ['planet', list(sym('planet'), sym('foo/bar')), 'planet'],
      ['quote', list(sym('quote'), sym('#%kernel')), 'quoted'],
      ['quote of a non-symbol', list(sym('quote'), int(1)), undefined],
      ['submod of a collection', list(sym('submod'), sym('a/b'), sym('test')), 'c:a/b.rkt'],
      ['submod of a relative string', list(sym('submod'), str('a.rkt'), sym('test')), 'r:a.rkt'],
      ['submod "."', list(sym('submod'), str('.'), sym('x')), 'submodule'],
      ['submod ".."', list(sym('submod'), str('..'), sym('x')), 'submodule'],
      ['improper list', makeList([sym('lib'), str('a/b')], str('c')), undefined],
      ['require sub-form', list(sym('only-in'), sym('a'), sym('f')), undefined],
      ['number', int(1), undefined],
    ];
    it.each(CASES)('%s', (_title, value, expected) => {
      const path = parseModulePath(value, true);
      expect(path === undefined ? undefined : formatModulePath(path)).toEqual(expected);
    });

    it('refuses relative strings and file forms when they are not relative to the file', () => {
      expect(parseModulePath(str('x.rkt'), false)).toBeUndefined();
      expect(parseModulePath(list(sym('file'), str('/x.rkt')), false)).toBeUndefined();
      expect(parseModulePath(list(sym('submod'), str('x.rkt'), sym('y')), false)).toBeUndefined();
      expect(parseModulePath(sym('a/b'), false)).toEqual({ kind: 'collection', collection: ['a'], file: 'b.rkt' });
    });
  });

  describe('addRktSuffix', () => {
    /** Columns: file, with the default suffix. */
    const CASES: readonly (readonly [string, string])[] = [
      ['x', 'x.rkt'],
      ['sub/x', 'sub/x.rkt'],
      ['x.rkt', 'x.rkt'],
      ['x.ss', 'x.rkt'],
      ['x.scrbl', 'x.scrbl'],
      ['a.b/x', 'a.b/x.rkt'],
    ];
    it.each(CASES)('%s', (file, expected) => {
      expect(addRktSuffix(file)).toBe(expected);
    });
  });
});
