import { mkdirSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { InfoFileError } from './info-error.js';
import { makeTempTree } from './info-fixtures.test.js';
import { getInfo, readInfoFile } from './read-info-file.js';

function tree(files: Record<string, string>) {
  const t = makeTempTree(files);
  onTestFinished(() => t.dispose());
  return t;
}

describe('info/read-info-file', () => {
  it('reads info.rkt, else info.ss, like get-info/full', () => {
    const t = tree({
      'both/info.rkt': '#lang info\n(define from "rkt")',
      'both/info.ss': '#lang info\n(define from "ss")',
      'ss/info.ss': '#lang info\n(define from "ss")',
      'none/README': '',
    });
    expect(getInfo(t.path('both'))?.get('from')).toEqual(expect.objectContaining({ value: 'rkt' }));
    expect(getInfo(t.path('ss'))?.get('from')).toEqual(expect.objectContaining({ value: 'ss' }));
    expect(getInfo(t.path('none'))).toBeUndefined();
    expect(getInfo(t.path('missing'))).toBeUndefined();
  });

  it('does not fall back to info.ss when info.rkt is bad', () => {
    const t = tree({ 'd/info.rkt': '#lang info\n(define a (+ 1 2))', 'd/info.ss': '#lang info\n(define a 1)' });
    expect(() => getInfo(t.path('d'))).toThrow(InfoFileError);
  });

  it('skips an info.rkt that is a directory, as file-exists? does', () => {
    const t = tree({ 'd/info.ss': '#lang info\n(define a 1)' });
    mkdirSync(t.path('d/info.rkt'));
    expect(getInfo(t.path('d'))?.names).toEqual(['a']);
  });

  // Columns: how the file is broken, Racket's wording (`open-input-file` as `with-input-from-file` reports it).
  it('reports unreadable files with Racket’s wording', () => {
    const t = tree({});
    mkdirSync(t.path('dir'));
    const missing = (() => {
      try {
        readInfoFile(t.path('nope/info.rkt'));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(missing).toMatchObject({
      kind: 'io',
      racketMessage: `open-input-file: cannot open input file\n  path: ${t.path('nope/info.rkt')}\n  system error: No such file or directory; errno=2`,
    });
    expect(() => readInfoFile(t.path('dir'))).toThrow(/path refers to a directory; rkt_err=9/);
  });

  it('refuses files above the size limit before reading them', () => {
    const t = tree({ 'info.rkt': `#lang info\n(define a "${'x'.repeat(200)}")` });
    expect(() => readInfoFile(t.path('info.rkt'), { limits: { maxFileBytes: 100 } })).toThrow(/larger than 100 bytes/);
  });

  it('rejects unknown options', () => {
    expect(() => readInfoFile('x', { env: {}, cache: true } as never)).toThrow(/readInfoFile: unknown option `cache`/);
    expect(() => getInfo('x', { cache: true } as never)).toThrow(/getInfo: unknown option `cache`/);
  });
});
