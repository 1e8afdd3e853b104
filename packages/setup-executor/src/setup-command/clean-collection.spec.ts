import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getInfo } from '@nx-raco/cm-core';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { CleanRefusedError, cleanCollection } from './clean-collection.js';

describe('setup-command/clean-collection', () => {
  it('deletes the files of compiled/ by default, keeping directories and other files', () => {
    const ws = createTempWorkspace({
      'c/main.rkt': '',
      'c/compiled/main_rkt.zo': 'z',
      'c/compiled/main_rkt.dep': 'd',
      'c/compiled/errortrace/x_rkt.zo': 'z',
      'c/gen.txt': 'g',
    });
    const result = cleanCollection('c', ws.path('c'), undefined);
    expect(result.deleted.map((p) => p.slice(ws.root.length + 1)).sort()).toEqual(['c/compiled/main_rkt.dep', 'c/compiled/main_rkt.zo']);
    expect(result.deletedDeps).toEqual([ws.path('c/compiled/main_rkt.dep')]);
    expect(existsSync(ws.path('c/compiled'))).toBe(true);
    expect(existsSync(ws.path('c/compiled/errortrace/x_rkt.zo'))).toBe(true);
    expect(existsSync(ws.path('c/gen.txt'))).toBe(true);
  });

  it('uses the clean field instead, files and directories alike', () => {
    const ws = createTempWorkspace({
      'c/info.rkt': '#lang info\n(define clean (list "out" "gen.txt" "missing"))\n',
      'c/out/a': '',
      'c/out/sub/b': '',
      'c/gen.txt': '',
      'c/compiled/main_rkt.zo': '',
    });
    const result = cleanCollection('c', ws.path('c'), getInfo(ws.path('c')));
    expect(result.deleted.map((p) => p.slice(ws.root.length + 1)).sort()).toEqual(['c/gen.txt', 'c/out/a']);
    expect(existsSync(ws.path('c/out/sub/b'))).toBe(true);
    expect(existsSync(ws.path('c/compiled/main_rkt.zo'))).toBe(true);
  });

  // clean entries | why refused
  const escaping: [string, RegExp][] = [
    ['(list "compiled" "../victim")', /leaves the collection/],
    ['(list "compiled" "sub/../../victim")', /leaves the collection/],
    ['(list "compiled" "/tmp/x")', /not a relative path/],
    ['(list "compiled" "../does-not-exist")', /leaves the collection/],
    ['(list "compiled" "link/f")', /symbolic link/],
    ['(list "compiled" "link")', /symbolic link/],
  ];
  it.each(escaping)('refuses clean %s and deletes nothing', (entries, reason) => {
    const ws = createTempWorkspace({
      'c/info.rkt': `#lang info\n(define clean ${entries})\n`,
      'c/compiled/main_rkt.zo': '',
      'victim/f': '',
    });
    symlinkSync(ws.path('victim'), ws.path('c/link'));
    let error: unknown;
    try {
      cleanCollection('c', ws.path('c'), getInfo(ws.path('c')));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CleanRefusedError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toMatch(/^c: clean entry/);
    expect(existsSync(ws.path('c/compiled/main_rkt.zo'))).toBe(true);
    expect(existsSync(ws.path('victim/f'))).toBe(true);
  });

  it('refuses a default compiled/ that is a link out of the collection', () => {
    const ws = createTempWorkspace({ 'c/main.rkt': '', 'victim/f.zo': '' });
    mkdirSync(ws.path('c'), { recursive: true });
    symlinkSync(ws.path('victim'), ws.path('c/compiled'));
    expect(() => cleanCollection('c', ws.path('c'), undefined)).toThrow(CleanRefusedError);
    expect(existsSync(ws.path('victim/f.zo'))).toBe(true);
  });
});
