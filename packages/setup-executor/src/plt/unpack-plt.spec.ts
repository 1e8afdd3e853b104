import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PltArchiveError } from './plt-error.js';
import { unpackPlt } from './unpack-plt.js';

const root = mkdtempSync(join(tmpdir(), 'nx-raco-plt-unpack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** Writes a `.plt` holding `entries` after a `plt-relative?` header; returns its path. */
function archive(entries: string, opts: { rel?: boolean; requires?: string; conflicts?: string } = {}): string {
  const info = `(lambda (request failure) (case request ((name) "t") ((unpacker) (quote mzscheme)) ((requires) (quote ${opts.requires ?? '()'})) ((conflicts) (quote ${opts.conflicts ?? '()'})) ((plt-relative?) ${opts.rel ? '#t' : '#f'}) ((plt-home-relative?) #f) ((test-plt-dirs) #f) (else (failure))))`;
  const payload = `PLT\n${info}\n(unit (import main-collects-parent-dir mzuntar) (export) (mzuntar void) (quote (("zc"))))\n${entries}`;
  const path = join(root, `a${n++}.plt`);
  writeFileSync(path, `${gzipSync(payload).toString('base64')}\n`);
  return path;
}
const ws = (name: string): string => join(root, name);

describe('setup-executor/src/plt/unpack-plt', () => {
  it('plans without writing in dryRun', async () => {
    const result = await unpackPlt(archive('dir\n("collects" "zc")\nfile\n("collects" "zc" "a")\n1\n*x', { rel: true }), { targetDir: ws('dry'), dryRun: true });
    expect(result).toMatchObject({ name: 't', collections: [['zc']], directories: [join(ws('dry'), 'collects/zc')], files: [join(ws('dry'), 'collects/zc/a')] });
    expect(existsSync(ws('dry'))).toBe(false);
  });

  it('checks requires and conflicts in collectsDir, downgraded to warnings by force', async () => {
    const a = archive('', { requires: '((("base") (8)))', conflicts: '(("zc"))' });
    await expect(unpackPlt(a, { targetDir: ws('deps') })).rejects.toMatchObject({ code: 'RKT_PLT_CONFLICT', reason: expect.stringMatching(/missing required collection \["base"\]/) });
    const lines: string[] = [];
    const result = await unpackPlt(a, { targetDir: ws('deps'), force: true, onStatus: (l) => lines.push(l) });
    expect(result.warnings).toEqual(['missing required collection ["base"]']);
    expect(lines).toContain('warning: missing required collection ["base"]');
  });

  it('asks isCollectionInstalled when given', async () => {
    const asked: string[][] = [];
    const a = archive('', { conflicts: '(("zc" "sub"))' });
    const installed = (c: readonly string[]): boolean => (asked.push([...c]), true);
    await expect(unpackPlt(a, { targetDir: ws('lookup'), isCollectionInstalled: installed })).rejects.toMatchObject({ reason: 'cannot install; conflict with installed collection ["zc","sub"]' });
    expect(asked).toEqual([['zc', 'sub']]);
  });

  it('removes what it created when a write fails, and says so', async () => {
    const long = 'n'.repeat(250);
    const a = archive(`dir\n("zc")\nfile\n("zc" "a")\n1\n*xfile\n("zc" "${long}")\n1\n*y`);
    const error = await unpackPlt(a, { targetDir: ws('fail/deep') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PltArchiveError);
    expect(error).toMatchObject({ code: 'RKT_PLT_WRITE_FAILED', reason: expect.stringMatching(/ENAMETOOLONG.*was removed/) });
    expect(readdirSync(root)).not.toContain('fail');
  });

  it('reports an unreadable archive', async () => {
    await expect(unpackPlt(join(root, 'missing.plt'), { targetDir: ws('x') })).rejects.toMatchObject({ code: 'RKT_PLT_INVALID', reason: 'the file could not be read (ENOENT)' });
  });

  it.each([
    [{ targetDir: '' }, /Expected `targetDir` to be a directory path/],
    [{ targetDir: '/t', maxPayloadBytes: 0 }, /Expected `maxPayloadBytes` to be a positive integer/],
    [{ targetDir: '/t', nope: 1 }, /unknown option\(s\): nope/],
  ])('validates options %j', async (options, message) => {
    await expect(unpackPlt('x.plt', options as never)).rejects.toThrow(message);
  });
});
