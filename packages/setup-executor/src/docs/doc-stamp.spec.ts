import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha1Hex } from '@nx-raco/cm-core';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { getCompiledSourceHash, getOutHash, readDocStamp, removeDocStamp, writeDocStamp, type DocStamp } from './doc-stamp.js';

const STAMP: DocStamp = {
  racket: '8.7 chez-scheme',
  entry: { src: 'a.scrbl', flags: ['multi-page'], name: 'a', outCount: 1, upLink: '../../doc/index.html' },
  source: 'abc',
  title: 'A',
  refs: { 'b/doc/b': 'ff' },
  undefined: ['(x y)'],
};

describe('docs/doc-stamp', () => {
  it('round-trips a stamp and treats missing, corrupt or foreign ones as absent', () => {
    const ws = createTempWorkspace({});
    const target = { destDir: ws.path('a/doc/a') };
    expect(readDocStamp(target)).toBeUndefined();
    writeDocStamp(target, STAMP);
    expect(readDocStamp(target)).toEqual({ format: 1, ...STAMP });
    for (const text of ['{', '{"format":2}', JSON.stringify({ format: 1, ...STAMP, refs: { x: 1 } }), JSON.stringify({ format: 1, ...STAMP, entry: { ...STAMP.entry, flags: 'multi-page' } })]) {
      writeFileSync(ws.path('a/doc/a/nx-raco-doc.json'), text);
      expect(readDocStamp(target), text).toBeUndefined();
    }
    removeDocStamp(target);
    removeDocStamp(target);
    expect(readDocStamp(target)).toBeUndefined();
  });

  it('hashes the compiled source as raco (zo SHA-1 + imports), empty without a .zo', () => {
    const ws = createTempWorkspace({ 'a/a.scrbl': '#lang scribble/manual\n' });
    const search = { modes: ['compiled'], roots: ['same'] };
    expect(getCompiledSourceHash(ws.path('a/a.scrbl'), search)).toBe('');
    ws.write('a/compiled/a_scrbl.zo', 'zo bytes');
    expect(getCompiledSourceHash(ws.path('a/a.scrbl'), search)).toBe(sha1Hex('zo bytes'));
    const imports = '1'.repeat(40);
    ws.write('a/compiled/a_scrbl.dep', `("8.7" ta6le ("${'2'.repeat(40)}" . "${imports}") #"/x.rkt")\n`);
    expect(getCompiledSourceHash(ws.path('a/a.scrbl'), search)).toBe(sha1Hex('zo bytes') + imports);
  });

  it('hashes the out<i>.sxref files as raco get-info-out-hash', () => {
    const ws = createTempWorkspace({ 'd/out0.sxref': 'zero' });
    const target = { destDir: ws.path('d'), outCount: 1 };
    expect(getOutHash(target)).toBe(sha1Hex(`${sha1Hex('zero')}#f`));
    ws.write('d/out1.sxref', 'one');
    expect(getOutHash(target)).toBe(sha1Hex(sha1Hex('zero') + sha1Hex('one')));
  });
});
