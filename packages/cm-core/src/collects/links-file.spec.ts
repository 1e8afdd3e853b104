import { describe, expect, it } from 'vitest';
import type { RacketValue } from '../data/types.js';
import { bytes, makeList, str, sym } from '../data/values.js';
import { normalizeCollectionEnvironment } from './collection-environment.js';
import { inMemoryFileSystem } from './in-memory-file-system.test.js';
import { decodeLinkPath, readLinksFile } from './links-file.js';

const LAYOUT = {
  '/lk/c1/foo/': '',
  '/lk/c2/bar/': '',
  '/lk/r/qux/': '',
  '/lk/r/foo/sub/': '',
  '/lk/s/stat/': '',
  '/lk/s/README': 'not a directory',
};

function table(links: string) {
  const fs = inMemoryFileSystem({ ...LAYOUT, '/lk/ad/8.7/links.rktd': links });
  return readLinksFile('/lk/ad/8.7/links.rktd', normalizeCollectionEnvironment({ env: {}, fs }));
}

function summary(links: string): Record<string, string[]> {
  const t = table(links);
  const out: Record<string, string[]> = { '#f': t.roots.map((r) => r.dir) };
  for (const [name, targets] of t.byName) out[name] = targets.map((r) => (r.isCollectionDir ? `#&${r.dir}` : r.dir));
  return out;
}

describe('collects/links-file decodeLinkPath', () => {
  // Columns: encoded path, decoded path (undefined: not `encoded-link-path?`).
  const CASES: readonly (readonly [RacketValue, string | undefined])[] = [
    [str('../../c1/foo'), '../../c1/foo'],
    [bytes('../../c2/bar'), '../../c2/bar'],
    [makeList([sym('up'), sym('up'), bytes('c3'), bytes('baz')]), '../../c3/baz'],
    [makeList([bytes('pkgs'), bytes('base')]), 'pkgs/base'],
    [makeList([sym('same'), bytes('x')]), './x'],
    [makeList([bytes('..//..'), bytes('c1')]), undefined],
    [makeList([bytes('..')]), undefined],
    [makeList([str('pkgs')]), undefined],
    [makeList([]), undefined],
    [str(''), undefined],
    [sym('up'), undefined],
  ];
  it.each(CASES)('%j → %j', (value, expected) => {
    expect(decodeLinkPath(value)).toBe(expected);
  });
});

describe('collects/links-file readLinksFile', () => {
  // Each case was run through Racket 8.7 with PLTADDONDIR=/tmp/lk/ad (same layout under /tmp).
  it('reads named entries in every path encoding and root entries', () => {
    expect(summary('(("foo" "../../c1/foo") ("bar" #"../../c2/bar") ("baz" (up up #"c3" #"baz")) (root (up up #"r")))')).toEqual({
      '#f': ['/lk/r'],
      foo: ['#&/lk/c1/foo', '/lk/r'],
      bar: ['#&/lk/c2/bar', '/lk/r'],
      baz: ['#&/lk/c3/baz', '/lk/r'],
    });
  });

  it('skips entries whose version regexp does not match and lists static roots once', () => {
    expect(summary('(("foo" "../../c1/foo" #rx"^8") ("bar" "../../c2/bar" #rx"^7") (static-root "../../s"))')).toEqual({
      '#f': [],
      foo: ['#&/lk/c1/foo'],
      stat: ['/lk/s'],
    });
  });

  it('adds a root to the names seen before it, not after', () => {
    expect(summary('((root "../../r") ("foo" "../../c1/foo") (root "../../s"))')).toEqual({
      '#f': ['/lk/r', '/lk/s'],
      foo: ['#&/lk/c1/foo', '/lk/s'],
    });
  });

  it('keeps absolute paths', () => {
    expect(summary('(("foo" "/lk/c1/foo"))').foo).toEqual(['#&/lk/c1/foo']);
  });

  // Columns: content, the error Racket logs ("error reading collection links file …: <error>").
  const BAD: readonly (readonly [string, string])[] = [
    ['(("foo" "../../c1/foo") (bogus "x"))', 'ill-formed content'],
    ['(("foo" "../../c1/foo")) extra', 'expected a single S-expression'],
    ['(("foo" (#"..//.." #"c1" #"foo")))', 'ill-formed content'],
    ['(("foo" (same #"../../c1/foo")))', 'ill-formed content'],
    ['(("foo" "x" "not a regexp"))', 'ill-formed content'],
    ['5', 'ill-formed content'],
    ['', 'ill-formed content'],
  ];
  it.each(BAD)('ignores %j (%s)', (content, error) => {
    const t = table(content);
    expect(t.error).toBe(error);
    expect(t.byName.size + t.roots.length).toBe(0);
  });

  it('treats a missing file as empty', () => {
    const env = normalizeCollectionEnvironment({ env: {}, fs: inMemoryFileSystem({}) });
    expect(readLinksFile('/nope/links.rktd', env)).toMatchObject({ roots: [] });
  });

  it('reads the installation links file', () => {
    const env = normalizeCollectionEnvironment({ env: {} });
    const installed = readLinksFile('/usr/share/racket/links.rktd', env);
    expect(installed.error).toBeUndefined();
    expect(installed.roots.length).toBe(166);
    expect(installed.byName.get('2d')?.[0]).toEqual({ dir: '/usr/share/racket/pkgs/2d-lib', isCollectionDir: true });
  });
});
