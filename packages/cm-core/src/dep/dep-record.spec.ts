import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readAll } from '../data/reader.js';
import { decodeDepEntry, encodeDepEntry, formatDepRecord, parseDepRecord, readDepFile, sortDepEntries } from './dep-record.js';

const INSTALLED = '/usr/lib/racket/compiled';

function findDeps(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) findDeps(p, out);
    else if (e.name.endsWith('.dep')) out.push(p);
  }
  return out;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nx-raco-dep-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const datum = (text: string) => readAll(text)[0]!;

describe('cm-core/dep/dep-record', () => {
  it('reads every installed .dep and writes it back byte for byte', () => {
    const files = findDeps(INSTALLED);
    expect(files.length).toBeGreaterThan(4000);
    for (const file of files) {
      const result = readDepFile(file);
      if (!result.ok) throw new Error(`${file}: ${result.reason}: ${result.detail}`);
      expect(formatDepRecord(result.record), file).toBe(readFileSync(file, 'utf8'));
    }
  });

  // text | expected decoding (kind of path, indirect, external)
  it.each([
    ['#"/ex/b.rkt"', { path: { kind: 'absolute', path: '/ex/b.rkt' }, indirect: false, external: false }],
    ['(collects #"racket" #"base.rkt")', { path: { kind: 'collects', elements: ['racket', 'base.rkt'] }, indirect: false, external: false }],
    ['(ext . #"/ex/data.rktd")', { path: { kind: 'absolute', path: '/ex/data.rktd' }, indirect: false, external: true }],
    ['(ext collects #"srfi" #"25" #"arlib.scm")', { path: { kind: 'collects', elements: ['srfi', '25', 'arlib.scm'] }, indirect: false, external: true }],
    ['(indirect collects #"racket" #"match" #"gen-match.rkt")', { path: { kind: 'collects', elements: ['racket', 'match', 'gen-match.rkt'] }, indirect: true, external: false }],
    ['(indirect . #"/ex/mod2.rkt")', { path: { kind: 'absolute', path: '/ex/mod2.rkt' }, indirect: true, external: false }],
    ['(indirect ext . #"/ex/x.txt")', { path: { kind: 'absolute', path: '/ex/x.txt' }, indirect: true, external: true }],
  ])('decodes %s', (text, expected) => {
    expect(decodeDepEntry(datum(text))).toMatchObject(expected);
  });

  it.each(['#"/ex/b.rkt"', '(collects #"racket" #"base.rkt")', '(ext . #"/ex/data.rktd")', '(indirect collects #"a" #"b.rkt")', '(indirect ext . #"/x")'])(
    'encodes %s back to the same value',
    (text) => {
      const decoded = decodeDepEntry(datum(text))!;
      const encoded = encodeDepEntry(decoded.path, decoded);
      expect(formatDepRecord({ version: '8.7', machine: 'ta6le', sourceSha1: 'a'.repeat(40), importsSha1: 'b'.repeat(40), deps: [encoded] })).toBe(
        `("8.7" ta6le ("${'a'.repeat(40)}" . "${'b'.repeat(40)}") ${text})\n`,
      );
    },
  );

  it('keeps the ASSUME hash and the machine-independent #f', () => {
    const text = `("8.7" #f ("${'1'.repeat(40)}" "${'2'.repeat(40)}" . "${'3'.repeat(40)}"))\n`;
    const result = parseDepRecord(datum(text));
    expect(result).toMatchObject({ ok: true, record: { machine: null, assumeSha1: '3'.repeat(40) } });
    if (result.ok) expect(formatDepRecord(result.record)).toBe(text);
  });

  // content | reason — every bad record is a reason, never an exception
  it.each([
    ['', 'unreadable'],
    ['("8.7" ta6le', 'unreadable'],
    ['42', 'bad-shape'],
    ['("8.7")', 'bad-shape'],
    ['("8.7" ta6le ("abc" . "def"))', 'bad-shape'],
    ['("8.7" ta6le ("x" . "y") 5)', 'bad-shape'],
    [`(8.7 ta6le ("${'a'.repeat(40)}" . "${'b'.repeat(40)}"))`, 'bad-shape'],
    [`("8.7" ta6le ("${'a'.repeat(40)}" . "${'b'.repeat(40)}") (collects))`, 'bad-shape'],
    [')("8.7")', 'unreadable'],
    ['\u0000\u0001\u00ff', 'bad-shape'],
  ])('reports %j as %s', (content, reason) => {
    const file = join(tempDir(), 'x_rkt.dep');
    writeFileSync(file, content, 'latin1');
    expect(readDepFile(file)).toMatchObject({ ok: false, reason });
  });

  it('reports a missing file as missing', () => {
    expect(readDepFile(join(tempDir(), 'nope_rkt.dep'))).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('sorts as Racket does: byte-string paths, then collects, then ext, then indirect', () => {
    const entries = ['(indirect . #"/z.rkt")', '(ext . #"/a.txt")', '(collects #"racket" #"contract" #"base.rkt")', '(collects #"racket" #"base.rkt")', '#"/ex/b.rkt"', '#"/ex/b.rkt"'].map(
      (t) => decodeDepEntry(datum(t))!,
    );
    const sorted = sortDepEntries(entries).map((e) => formatDepRecord({ version: 'v', machine: null, sourceSha1: 'a'.repeat(40), importsSha1: 'a'.repeat(40), deps: [e] }));
    expect(sorted.map((s) => s.slice(s.indexOf(') ') + 2, -2))).toEqual([
      '#"/ex/b.rkt"',
      '(collects #"racket" #"base.rkt")',
      '(collects #"racket" #"contract" #"base.rkt")',
      '(ext . #"/a.txt")',
      '(indirect . #"/z.rkt")',
    ]);
  });
});
