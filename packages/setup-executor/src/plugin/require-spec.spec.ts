import { sym, str, makeList, int, type RacketValue } from '@nx-raco/cm-core';
import { describe, expect, it } from 'vitest';
import { addRequireSpec, type ModuleReference } from './require-spec.js';

const list = (...items: RacketValue[]) => makeList(items);

function refs(spec: RacketValue, stringsAllowed = true): string[] {
  const out: ModuleReference[] = [];
  addRequireSpec(spec, false, out, stringsAllowed);
  return out.map((r) => (r.kind === 'collection' ? `c:${r.collection}` : `f:${r.path}`));
}

describe('plugin/require-spec', () => {
  /** Columns: title, spec, expected references. */
  const CASES: readonly (readonly [string, RacketValue, readonly string[]])[] = [
    ['symbol', sym('a/b/c'), ['c:a']],
    ['invalid symbol', sym('a b'), []],
    ['leading slash symbol', sym('/a'), []],
    ['relative string', str('x.rkt'), ['f:x.rkt']],
    ['lib with a collection list', list(sym('lib'), str('f.rkt'), str('a'), str('sub')), ['c:a']],
    ['lib with a non-string', list(sym('lib'), sym('x')), []],
    ['file', list(sym('file'), str('/x.rkt')), ['f:/x.rkt']],
    ['submod of a collection', list(sym('submod'), sym('a/b'), sym('test')), ['c:a']],
    ['submod ..', list(sym('submod'), str('..'), sym('x')), []],
    ['for-meta skips the phase', list(sym('for-meta'), int(1), sym('a'), sym('b')), ['c:a', 'c:b']],
    ['only-in skips identifiers', list(sym('only-in'), sym('a'), sym('first')), ['c:a']],
    ['relative-in keeps only collection specs inside', list(sym('relative-in'), sym('a/x'), str('y.rkt'), sym('b')), ['c:a', 'c:b']],
    ['nested wrappers', list(sym('for-syntax'), list(sym('prefix-in'), sym('p:'), list(sym('only-in'), sym('a'), sym('f')))), ['c:a']],
  ];
  it.each(CASES)('%s', (_title, spec, expected) => {
    expect(refs(spec)).toEqual(expected);
  });

  it('drops path strings where they are not relative to the file', () => {
    expect(refs(str('x.rkt'), false)).toEqual([]);
  });
});
