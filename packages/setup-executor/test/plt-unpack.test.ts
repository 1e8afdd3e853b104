/**
 * `unpackPlt` against archives written by the real `raco pack`, and against hand-built malicious
 * or damaged archives that must be refused with a reason while leaving the disk byte-for-byte
 * unchanged (racket-notes §8; issue 6, `-A ARCHIVE.plt`).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PltArchiveError, unpackPlt, type PltErrorCode } from '../src/plt/index.js';
import { listFiles, useTempTree } from './support/temp-tree.js';
import { hasRacketAndRaco } from './support/tool-runs.js';

const INFO_DEFAULT =
  '(lambda (request failure) (case request ((name) "archive") ((unpacker) (quote mzscheme)) ((requires) (quote ())) ((conflicts) (quote ())) ((plt-relative?) #f) ((plt-home-relative?) #f) ((test-plt-dirs) #f) (else (failure))))';
const UNIT = (colls: string): string => `(unit (import main-collects-parent-dir mzuntar) (export) (mzuntar void) (quote ${colls}))`;

/** A `.plt` file's text for `payload`, as `raco pack` writes it: base64 of gzip, 72-character lines. */
function encodePlt(payload: Buffer | string): string {
  const b64 = gzipSync(Buffer.from(payload)).toString('base64');
  return `${b64.match(/.{1,72}/g)?.join('\n') ?? ''}\n`;
}

/** `file` entry text with correct length. */
const fileEntry = (path: readonly string[], data: string, tag = 'file'): string =>
  `${tag}\n(${path.map((p) => JSON.stringify(p)).join(' ')})\n${Buffer.byteLength(data)}\n*${data}`;
const dirEntry = (path: readonly string[]): string => `dir\n(${path.map((p) => JSON.stringify(p)).join(' ')})\n`;
const payloadOf = (entries: string, colls = '(("mycoll"))', info = INFO_DEFAULT): string => `PLT\n${info}\n${UNIT(colls)}\n${entries}`;

/** Every path under `root` (lstat, no symlink following) with kind, mode and content hash. */
function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    const abs = rel === '' ? root : join(root, rel);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(abs)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${st.mode.toString(8)}`;
      for (const name of readdirSync(abs).sort()) walk(rel === '' ? name : `${rel}/${name}`);
    } else out[rel] = `file ${st.mode.toString(8)} ${createHash('sha1').update(readFileSync(abs)).digest('hex')}`;
  };
  walk('');
  return out;
}

async function expectRefused(archive: string, options: Parameters<typeof unpackPlt>[1], code: PltErrorCode, reason: RegExp): Promise<void> {
  const error = await unpackPlt(archive, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PltArchiveError);
  const e = error as PltArchiveError;
  expect({ code: e.code, reason: e.reason }).toMatchObject({ code, reason: expect.stringMatching(reason) });
  expect(e.message).toContain(archive);
  expect(e.message).toMatch(/nothing was written\.$/);
}

const racket = hasRacketAndRaco();

describe.skipIf(!racket)('setup-executor/test/plt-unpack: archives from raco pack', () => {
  const source = {
    'src/collects/zc/info.rkt': '#lang info\n(define name "Z Collection")\n',
    'src/collects/zc/a.txt': 'hello\n',
    'src/collects/zc/sub/m.rkt': '#lang racket/base\n(provide x)\n(define x 1)\n',
    'src/collects/zc/bin.dat': new Uint8Array([0, 1, 2, 255, 42, 10, 13, 0x2a]),
    'src/collects/zc/sp ace "q".txt': 'odd name\n',
  };

  it('unpacks `raco pack --collect` into the workspace collections and names the collection', async () => {
    const tree = useTempTree(source, 'nx-raco-plt-');
    const env = { ...process.env, PLTCOLLECTS: `${tree.path('src/collects')}:` };
    execFileSync('raco', ['pack', '--collect', tree.path('zc.plt'), 'zc'], { cwd: tree.root, env, stdio: 'pipe' });
    const ws = tree.path('ws');
    const status: string[] = [];
    const result = await unpackPlt(tree.path('zc.plt'), { targetDir: ws, collectsDir: join(ws, 'collects'), onStatus: (l) => status.push(l) });
    expect(result.collections).toEqual([['zc']]);
    expect(result.name).toBe('Z Collection');
    expect(listFiles(join(ws, 'collects/zc'))).toEqual(listFiles(tree.path('src/collects/zc')));
    for (const rel of listFiles(tree.path('src/collects/zc'))) {
      expect(readFileSync(join(ws, 'collects/zc', rel))).toEqual(readFileSync(tree.path(`src/collects/zc/${rel}`)));
    }
    expect(result.files).toContain(join(ws, 'collects/zc/sub/m.rkt'));
    expect(status[0]).toBe(`Unpacking Z Collection from ${tree.path('zc.plt')}`);
    // `--collect` declares the collection as a conflict: a second unpack is refused, as by raco.
    const before = snapshotTree(tree.root);
    await expectRefused(tree.path('zc.plt'), { targetDir: ws }, 'RKT_PLT_CONFLICT', /conflict with installed collection \["zc"\]/);
    expect(snapshotTree(tree.root)).toEqual(before);
  });

  it('unpacks a plain `raco pack` archive relative to targetDir, skipping existing files as raco does', async () => {
    const tree = useTempTree(source, 'nx-raco-plt-');
    execFileSync('raco', ['pack', tree.path('plain.plt'), 'zc'], { cwd: tree.path('src/collects'), stdio: 'pipe' });
    const result = await unpackPlt(tree.path('plain.plt'), { targetDir: tree.path('out') });
    expect(result).toMatchObject({ name: 'archive', collections: [], skipped: [] });
    expect(listFiles(tree.path('out/zc'))).toEqual(listFiles(tree.path('src/collects/zc')));
    expect(readFileSync(tree.path('out/zc/bin.dat'))).toEqual(Buffer.from(source['src/collects/zc/bin.dat']));
    // the same tree, modes included, as the real `raco unpack` makes
    mkdirSync(tree.path('by-raco'));
    execFileSync('raco', ['unpack', tree.path('plain.plt')], { cwd: tree.path('by-raco'), stdio: 'pipe' });
    expect(snapshotTree(tree.path('out'))).toEqual(snapshotTree(tree.path('by-raco')));
    tree.write('out/zc/a.txt', 'local edit\n');
    const again = await unpackPlt(tree.path('plain.plt'), { targetDir: tree.path('out') });
    expect(again.files).toEqual([]);
    expect(again.skipped).toContain(tree.path('out/zc/a.txt'));
    expect(tree.read('out/zc/a.txt')).toBe('local edit\n');
  });

  it('sends `collects/` of a `raco pack --at-plt` archive to collectsDir and other tops to targetDir', async () => {
    const tree = useTempTree({ ...source, 'src/share/x.txt': 'shared\n' }, 'nx-raco-plt-');
    execFileSync('raco', ['pack', '--at-plt', '++setup', 'zc', tree.path('at.plt'), 'collects', 'share'], { cwd: tree.path('src'), stdio: 'pipe' });
    const result = await unpackPlt(tree.path('at.plt'), { targetDir: tree.path('ws'), collectsDir: tree.path('ws/my-collects') });
    expect(result.collections).toEqual([['zc']]);
    expect(listFiles(tree.path('ws'))).toEqual([...listFiles(tree.path('src/collects')).map((f) => `my-collects/${f}`), 'share/x.txt'].sort());
  });

  it('replaces existing files for `raco pack --replace`', async () => {
    const tree = useTempTree(source, 'nx-raco-plt-');
    execFileSync('raco', ['pack', '--replace', tree.path('r.plt'), 'zc'], { cwd: tree.path('src/collects'), stdio: 'pipe' });
    tree.write('out/zc/a.txt', 'local edit\n');
    chmodSync(tree.path('out/zc/a.txt'), 0o750);
    await unpackPlt(tree.path('r.plt'), { targetDir: tree.path('out') });
    expect(tree.read('out/zc/a.txt')).toBe('hello\n');
    expect(statSync(tree.path('out/zc/a.txt')).mode & 0o777).toBe(0o750);
  });
});

/*
 * Malicious and damaged archives. Columns: title, archive text (or bytes), expected code,
 * expected reason. Each target holds a pre-existing file; the whole temp root must be unchanged.
 */
const good = payloadOf(dirEntry(['mycoll']) + fileEntry(['mycoll', 'a.txt'], 'hello\n'));
const goodText = encodePlt(good);
const REFUSED: readonly [string, string | Buffer, PltErrorCode, RegExp][] = [
  ['traversal ../x after a valid file', encodePlt(payloadOf(fileEntry(['mycoll', 'ok.txt'], 'ok') + fileEntry(['..', 'x'], 'pwned'))), 'RKT_PLT_UNSAFE_PATH', /unsafe path.*"\.\."/],
  ['nested traversal', encodePlt(payloadOf(fileEntry(['mycoll', '..', '..', 'x'], 'pwned'))), 'RKT_PLT_UNSAFE_PATH', /unsafe path/],
  ['absolute /tmp/x', encodePlt(payloadOf(fileEntry(['/tmp/x'], 'pwned'))), 'RKT_PLT_UNSAFE_PATH', /unsafe path.*"\/tmp\/x"/],
  ['a separator inside an element', encodePlt(payloadOf(fileEntry(['mycoll/../../x'], 'pwned'))), 'RKT_PLT_UNSAFE_PATH', /unsafe path/],
  ['directory ..', encodePlt(payloadOf(dirEntry(['..', 'evil']))), 'RKT_PLT_UNSAFE_PATH', /unsafe path/],
  ['collection to set up with ..', encodePlt(payloadOf('', '(("..") ("x"))')), 'RKT_PLT_UNSAFE_PATH', /unsafe path/],
  ['truncated file data', encodePlt(good.slice(0, -3)), 'RKT_PLT_INVALID', /shorter than declared \(3 of 6 bytes/],
  ['missing * before data', encodePlt(payloadOf('file\n("mycoll" "a.txt")\n6\nhello\n')), 'RKT_PLT_INVALID', /Expected `\*`/],
  ['bad header', encodePlt(`PLX${good.slice(3)}`), 'RKT_PLT_INVALID', /no `PLT` header/],
  ['bad base64', goodText.replace(/^(.{10})./, '$1!'), 'RKT_PLT_INVALID', /Expected base64 text, got `!`/],
  ['truncated base64 text', goodText.slice(0, Math.floor(goodText.length / 2)), 'RKT_PLT_INVALID', /truncated|gzip/],
  ['bad gzip (corrupt body)', corruptGzip(good), 'RKT_PLT_INVALID', /gzip stream is corrupt or truncated/],
  ['not gzip at all', `${Buffer.from('PLT\nhello world, not compressed').toString('base64')}\n`, 'RKT_PLT_INVALID', /bad gzip header/],
  ['info of the wrong shape', encodePlt(payloadOf('', '()', INFO_DEFAULT.replace('mzscheme', 'sh'))), 'RKT_PLT_INVALID', /info-procedure S-expression/],
  ['info that would run code', encodePlt(payloadOf('', '()', '(begin (system "touch pwned") (lambda (request failure) 1))')), 'RKT_PLT_INVALID', /info-procedure/],
  ['unit of the wrong shape', encodePlt(`PLT\n${INFO_DEFAULT}\n(unit (import a mzuntar) (export) (system "x") (quote ()))\n`), 'RKT_PLT_INVALID', /`unit` S-expression/],
  ['unknown entry tag', encodePlt(payloadOf('link\n("mycoll" "l")\n"/etc/passwd"\n')), 'RKT_PLT_INVALID', /unknown file tag `link`/],
  ['negative size', encodePlt(payloadOf('file\n("mycoll" "a")\n-1\n*')), 'RKT_PLT_INVALID', /Expected a file size/],
  ['empty file', '', 'RKT_PLT_INVALID', /empty/],
];

function corruptGzip(payload: string): string {
  const gz = gzipSync(Buffer.from(payload));
  const i = Math.floor(gz.length / 2);
  gz[i] = (gz[i] ?? 0) ^ 0xff;
  return `${gz.toString('base64')}\n`;
}

describe('setup-executor/test/plt-unpack: refused archives change nothing', () => {
  it.each(REFUSED)('%s', async (_title, text, code, reason) => {
    const tree = useTempTree({ 'ws/mycoll/keep.txt': 'keep\n', 'outside/secret.txt': 'secret\n' }, 'nx-raco-plt-');
    writeFileSync(tree.path('evil.plt'), text);
    const before = snapshotTree(tree.root);
    await expectRefused(tree.path('evil.plt'), { targetDir: tree.path('ws') }, code, reason);
    expect(snapshotTree(tree.root)).toEqual(before);
  });

  it('refuses to write through a symbolic link that leaves the target', async () => {
    const tree = useTempTree({ 'outside/secret.txt': 'secret\n', 'ws/.keep': '' }, 'nx-raco-plt-');
    symlinkSync(tree.path('outside'), tree.path('ws/mycoll'));
    writeFileSync(tree.path('evil.plt'), encodePlt(payloadOf(fileEntry(['mycoll', 'secret.txt'], 'pwned', 'file-replace'))));
    const before = snapshotTree(tree.root);
    await expectRefused(tree.path('evil.plt'), { targetDir: tree.path('ws') }, 'RKT_PLT_UNSAFE_PATH', /symbolic link/);
    expect(snapshotTree(tree.root)).toEqual(before);
  });

  it('refuses a file where the archive needs a directory', async () => {
    const tree = useTempTree({ 'ws/mycoll': 'a file\n' }, 'nx-raco-plt-');
    writeFileSync(tree.path('x.plt'), goodText);
    const before = snapshotTree(tree.root);
    await expectRefused(tree.path('x.plt'), { targetDir: tree.path('ws') }, 'RKT_PLT_CONFLICT', /needs a directory/);
    expect(snapshotTree(tree.root)).toEqual(before);
  });

  it('unpacks the hand-built good archive (the table is not vacuous)', async () => {
    const tree = useTempTree({}, 'nx-raco-plt-');
    mkdirSync(tree.path('ws'));
    writeFileSync(tree.path('ok.plt'), goodText);
    const result = await unpackPlt(tree.path('ok.plt'), { targetDir: tree.path('ws') });
    expect(result).toMatchObject({ collections: [['mycoll']], files: [tree.path('ws/mycoll/a.txt')], directories: [tree.path('ws/mycoll')] });
    expect(tree.read('ws/mycoll/a.txt')).toBe('hello\n');
  });

  it('rejects unknown options, naming the call', async () => {
    await expect(unpackPlt('x.plt', { targetDir: '/tmp', colectsDir: '/tmp' } as never)).rejects.toThrow(/unpackPlt received unknown option\(s\): colectsDir/);
  });
});
