import { describe, expect, it } from 'vitest';
import { buildPath, pathElements, simplifyPath } from './racket-path.js';

describe('collects/racket-path', () => {
  // Columns: base, elements, result. Observed with `(build-path …)` in Racket 8.7.
  const BUILD: readonly (readonly [string, string[], string])[] = [
    ['a', ['b'], 'a/b'],
    ['a/', ['b/'], 'a/b/'],
    ['a//b', ['c'], 'a//b/c'],
    ['/a', ['..', 'b', '.'], '/a/../b/.'],
    ['/', ['a'], '/a'],
    ['/usr/share/racket/collects/', ['racket'], '/usr/share/racket/collects/racket'],
  ];
  it.each(BUILD)('buildPath(%j, …%j) → %j', (base, elements, expected) => {
    expect(buildPath(base, ...elements)).toBe(expected);
  });

  // Columns: path, result. Observed with `(simplify-path p #f)` in Racket 8.7.
  const SIMPLIFY: readonly (readonly [string, string])[] = [
    ['/tmp/lk/ad/8.7/../../c1/foo', '/tmp/lk/c1/foo'],
    ['/a/b/..', '/a/'],
    ['/a/./', '/a/'],
    ['/a/.', '/a/'],
    ['a/../..', '../'],
    ['/..', '/'],
    ['a//b', 'a/b'],
    ['./a', 'a'],
    ['.', './'],
    ['/', '/'],
  ];
  it.each(SIMPLIFY)('simplifyPath(%j) → %j', (path, expected) => {
    expect(simplifyPath(path)).toBe(expected);
  });

  it('splits relative paths into elements', () => {
    expect(pathElements('a//b/')).toEqual(['a', 'b']);
  });
});
