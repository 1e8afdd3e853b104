import { describe, expect, it } from 'vitest';
import type { RacketValue } from '../data/types.js';
import { int, makeList, str, sym } from '../data/values.js';
import { formatModulePath } from '../testing/fixtures/module-path-text.js';
import { addRequireSpec, type SpecModulePath } from './require-spec.js';

const list = (...items: RacketValue[]) => makeList(items);

function pathsOf(spec: RacketValue, relativeAllowed = true): string[] {
  const out: SpecModulePath[] = [];
  addRequireSpec(spec, out, relativeAllowed);
  return out.map(formatModulePath);
}

describe('requires/require-spec', () => {
  /** Columns: title, spec, the module paths it names (see module-path-text.ts). */
  const CASES: readonly (readonly [string, RacketValue, readonly string[]])[] = [
    ['symbol', sym('a/b/c'), ['c:a/b/c.rkt']],
    ['invalid symbol', sym('a b'), []],
    ['relative string', str('x.rkt'), ['r:x.rkt']],
    ['lib with a collection list', list(sym('lib'), str('f.rkt'), str('a'), str('sub')), ['c:a/sub/f.rkt']],
    ['file', list(sym('file'), str('/x.rkt')), ['f:/x.rkt']],
    ['submod ..', list(sym('submod'), str('..'), sym('x')), ['submodule']],
    ['for-meta skips the phase', list(sym('for-meta'), int(1), sym('a'), sym('b')), ['c:a/main.rkt', 'c:b/main.rkt']],
    ['only-in skips identifiers', list(sym('only-in'), sym('a'), sym('first')), ['c:a/main.rkt']],
    ['except-in, rename-in', list(sym('combine-in'), list(sym('except-in'), str('d.rkt'), sym('z')), list(sym('rename-in'), str('c.rkt'), list(sym('x'), sym('y')))), ['r:d.rkt', 'r:c.rkt']],
    ['prefix-in skips the prefix', list(sym('prefix-in'), sym('p:'), str('b.rkt')), ['r:b.rkt']],
    ['for-space, just-meta', list(sym('for-space'), sym('sp'), list(sym('just-meta'), int(0), sym('a'))), ['c:a/main.rkt']],
    ['#%require raw forms', list(sym('for-meta'), int(1), list(sym('prefix'), sym('p:'), sym('b')), list(sym('all-except'), sym('c'), sym('x')), list(sym('only'), sym('d'), sym('y'))), ['c:b/main.rkt', 'c:c/main.rkt', 'c:d/main.rkt']],
    ['relative-in keeps the base and the collection specs inside', list(sym('relative-in'), sym('a/x'), str('y.rkt'), sym('b')), ['c:a/x.rkt', 'c:b/main.rkt']],
    ['nested wrappers', list(sym('for-syntax'), list(sym('prefix-in'), sym('p:'), list(sym('only-in'), sym('a'), sym('f')))), ['c:a/main.rkt']],
    ['unknown transformer', list(sym('my-in'), sym('b')), []],
    ['improper wrapper', makeList([sym('for-syntax'), sym('a')], sym('b')), []],
  ];
  it.each(CASES)('%s', (_title, spec, expected) => {
    expect(pathsOf(spec)).toEqual(expected);
  });

  it('keeps the datum each module path was read from', () => {
    const spec = list(sym('submod'), str('a.rkt'), sym('test'));
    const out: SpecModulePath[] = [];
    addRequireSpec(list(sym('for-label'), spec), out);
    expect(out).toEqual([{ kind: 'relative', path: 'a.rkt', spec }]);
  });

  it('drops path strings where they are not relative to the file', () => {
    expect(pathsOf(str('x.rkt'), false)).toEqual([]);
  });
});
