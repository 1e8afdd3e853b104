import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDepFile } from '../dep/dep-record.js';
import { combineDepHashes } from '../hash/combined-hash.js';
import { sha1Hex } from '../hash/sha1.js';
import { useTmpTree } from '../testing/fixtures/manager-fixtures.js';
import { FileFacts } from './file-facts.js';
import { compiledZoPath, getCompiledSha1, getCompiledTime, timeOf, tryFileSha1, type CompiledHashContext } from './compiled-sha1.js';

const SRC = 'a'.repeat(40);
const IMPORTS = 'b'.repeat(40);
const ASSUME = 'c'.repeat(40);
const INSTALLED_ROOT = '/usr/lib/racket/compiled';
const COLLECTS = '/usr/share/racket/collects';

function context(overrides: Partial<CompiledHashContext> = {}): CompiledHashContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    version: '8.7',
    targetMachine: 'ta6le',
    search: { modes: ['compiled'], roots: ['same'] },
    fileCheck: 'modify-seconds',
    trace: (line) => lines.push(line),
    facts: new FileFacts(),
    lines,
    ...overrides,
  };
}

/** The compiled hash of an installed module computed independently: SHA-1 of its .zo + IMPORTS of its .dep. */
function installedCompiledHash(collectsRelative: string): string {
  const base = `${INSTALLED_ROOT}${COLLECTS}/${collectsRelative.replace(/([^/]+)\.rkt$/, 'compiled/$1_rkt')}`;
  const imports = /^\("8\.7" ta6le \("[0-9a-f]{40}" \. "([0-9a-f]{40})"\)/.exec(readFileSync(`${base}.dep`, 'utf8'))![1]!;
  return sha1Hex(readFileSync(`${base}.zo`)) + imports;
}

describe('cm-core/manager/compiled-sha1', () => {
  describe('tryFileSha1', () => {
    it('is the .zo SHA-1 followed by the IMPORTS hash of its .dep', () => {
      const tree = useTmpTree({ 'compiled/a_rkt.zo': '#~zo', 'compiled/a_rkt.dep': `("8.7" ta6le ("${SRC}" . "${IMPORTS}"))\n` });
      const ctx = context();
      const zo = tree.path('compiled/a_rkt.zo');
      expect(tryFileSha1(zo, tree.path('compiled/a_rkt.dep'), ctx)).toBe(sha1Hex('#~zo') + IMPORTS);
      expect(ctx.lines).toEqual([`compiled hash for ${zo}: ${sha1Hex('#~zo')} #f ${IMPORTS}`]);
    });

    it('uses the ASSUME hash of a recompiled machine-independent module instead of the .zo SHA-1', () => {
      const tree = useTmpTree({ 'compiled/a_rkt.zo': '#~zo', 'compiled/a_rkt.dep': `("8.7" ta6le ("${SRC}" "${IMPORTS}" . "${ASSUME}"))\n` });
      const ctx = context();
      expect(tryFileSha1(tree.path('compiled/a_rkt.zo'), tree.path('compiled/a_rkt.dep'), ctx)).toBe(ASSUME + IMPORTS);
      expect(ctx.lines[0]).toMatch(new RegExp(`: ${ASSUME} #t ${IMPORTS}$`));
    });

    it('uses the ASSUME hash even when the .zo is gone', () => {
      const tree = useTmpTree({ 'compiled/a_rkt.dep': `("8.7" ta6le ("${SRC}" "${IMPORTS}" . "${ASSUME}"))\n` });
      expect(tryFileSha1(tree.path('compiled/a_rkt.zo'), tree.path('compiled/a_rkt.dep'), context())).toBe(ASSUME + IMPORTS);
    });

    it('accepts a machine-independent (#f) .dep', () => {
      const tree = useTmpTree({ 'compiled/a_rkt.zo': '#~zo', 'compiled/a_rkt.dep': `("8.7" #f ("${SRC}" . "${IMPORTS}"))\n` });
      expect(tryFileSha1(tree.path('compiled/a_rkt.zo'), tree.path('compiled/a_rkt.dep'), context())).toBe(sha1Hex('#~zo') + IMPORTS);
    });

    // .dep text | why its IMPORTS (and ASSUME) must be ignored
    it.each([
      [`("8.6" ta6le ("${SRC}" "${IMPORTS}" . "${ASSUME}"))\n`, 'older version'],
      [`("8.7" tarm64le ("${SRC}" "${IMPORTS}" . "${ASSUME}"))\n`, 'other machine'],
      ['("8.7" ta6le', 'unreadable'],
      ['garbage', 'bad shape'],
    ])('gives the .zo SHA-1 alone for %j (%s)', (dep) => {
      const tree = useTmpTree({ 'compiled/a_rkt.zo': '#~zo', 'compiled/a_rkt.dep': dep });
      expect(tryFileSha1(tree.path('compiled/a_rkt.zo'), tree.path('compiled/a_rkt.dep'), context())).toBe(sha1Hex('#~zo'));
    });

    it('gives the .zo SHA-1 alone when the .dep is missing', () => {
      const tree = useTmpTree({ 'compiled/a_rkt.zo': '#~zo' });
      expect(tryFileSha1(tree.path('compiled/a_rkt.zo'), tree.path('compiled/a_rkt.dep'), context())).toBe(sha1Hex('#~zo'));
    });

    it('is undefined when the .zo is missing and nothing is assumed', () => {
      const tree = useTmpTree({ 'compiled/a_rkt.dep': `("8.7" ta6le ("${SRC}" . "${IMPORTS}"))\n` });
      const ctx = context();
      expect(tryFileSha1(tree.path('compiled/a_rkt.zo'), tree.path('compiled/a_rkt.dep'), ctx)).toBeUndefined();
      expect(ctx.lines[0]).toMatch(/: #f #f b{40}$/);
    });
  });

  describe('getCompiledSha1', () => {
    it('is "" when there is no .zo', () => {
      const tree = useTmpTree({ 'a.rkt': '' });
      expect(getCompiledSha1(tree.path('a.rkt'), context())).toBe('');
    });

    it('finds the compiled files of a source through the search', () => {
      const tree = useTmpTree({ 'a.rkt': '', 'compiled/a_rkt.zo': '#~zo', 'compiled/a_rkt.dep': `("8.7" ta6le ("${SRC}" . "${IMPORTS}"))\n` });
      expect(getCompiledSha1(tree.path('a.rkt'), context())).toBe(sha1Hex('#~zo') + IMPORTS);
      tree.setTime('compiled/a_rkt.zo', 1_600_000_000);
      expect(getCompiledTime(tree.path('a.rkt'), context())).toBe(1_600_000_000);
      expect(getCompiledTime(tree.path('a.rkt'), context({ fileCheck: 'exists' }))).toBe(0);
      expect(getCompiledTime(tree.path('b.rkt'), context())).toBeUndefined();
      expect(compiledZoPath(tree.path('b.rkt'), context())).toBe(tree.path('compiled/b_rkt.zo'));
    });

    const installed = existsSync(`${INSTALLED_ROOT}${COLLECTS}/racket/compiled/base_rkt.zo`);
    const debian = context({ search: { modes: ['compiled'], roots: ['same', INSTALLED_ROOT] } });

    it.skipIf(!installed)('matches racket/base compiled hash (zo SHA-1 + its .dep IMPORTS) in the Debian split layout', () => {
      expect(getCompiledSha1(`${COLLECTS}/racket/base.rkt`, debian)).toBe(installedCompiledHash('racket/base.rkt'));
      expect(getCompiledSha1(`${COLLECTS}/racket/base.rkt`, debian)).toHaveLength(80);
    });

    it.skipIf(!installed)('reproduces the IMPORTS hash Racket recorded for file/gzip.rkt', () => {
      const read = readDepFile(`${INSTALLED_ROOT}${COLLECTS}/file/compiled/gzip_rkt.dep`);
      if (!read.ok) throw new Error(read.detail);
      const hashes = read.record.deps.map((dep) => {
        if (dep.path.kind !== 'collects') throw new Error('expected collects deps only');
        return { hash: getCompiledSha1(`${COLLECTS}/${dep.path.elements.join('/')}`, debian), dep: dep.value };
      });
      expect(hashes).toHaveLength(2);
      expect(combineDepHashes(hashes)).toBe(read.record.importsSha1);
    });
  });

  // mtime (ms) | check | seconds
  it.each([
    [1_700_000_000_999, 'modify-seconds', 1_700_000_000],
    [1_700_000_000_000, 'exists', 0],
    [undefined, 'modify-seconds', undefined],
    [undefined, 'exists', undefined],
  ] as const)('timeOf(%s, %s) = %s', (mtime, check, expected) => {
    expect(timeOf(mtime, check)).toBe(expected);
  });

  it('compiledZoPath searches the later roots and is recomputed after an invalidation', () => {
    const tree = useTmpTree({ 'src/a.rkt': '' });
    const ctx = context({ search: { modes: ['compiled'], roots: ['same', tree.path('out')] } });
    expect(compiledZoPath(tree.path('src/a.rkt'), ctx)).toBe(tree.path('src/compiled/a_rkt.zo'));
    const later = tree.write(`out${tree.path('src/compiled/a_rkt.zo')}`, '#~');
    expect(compiledZoPath(tree.path('src/a.rkt'), ctx)).toBe(tree.path('src/compiled/a_rkt.zo'));
    ctx.facts.invalidate(later);
    expect(compiledZoPath(tree.path('src/a.rkt'), ctx)).toBe(later);
  });
});
