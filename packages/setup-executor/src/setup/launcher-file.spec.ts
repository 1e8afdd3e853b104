import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { LauncherWriteError } from './launcher-errors.js';
import { LAUNCHER_MODE, writeLauncherFile } from './launcher-file.js';

const umask = process.umask();
afterEach(() => {
  process.umask(umask);
});

describe('setup/launcher-file', () => {
  it('creates the directory and an executable file, whatever the umask', () => {
    const ws = createTempWorkspace();
    process.umask(0o077);
    expect(writeLauncherFile(ws.path('bin/hello'), '#!/bin/sh\n')).toBe('created');
    expect(readFileSync(ws.path('bin/hello'), 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(ws.path('bin/hello')).mode & 0o7777).toBe(LAUNCHER_MODE);
    expect(readdirSync(ws.path('bin'))).toEqual(['hello']);
  });

  it('leaves an identical launcher alone and rewrites a different one', () => {
    const ws = createTempWorkspace();
    writeLauncherFile(ws.path('bin/hello'), 'one\n');
    const before = statSync(ws.path('bin/hello'));
    expect(writeLauncherFile(ws.path('bin/hello'), 'one\n')).toBe('unchanged');
    expect(statSync(ws.path('bin/hello')).ino).toBe(before.ino);
    expect(writeLauncherFile(ws.path('bin/hello'), 'two\n')).toBe('updated');
    expect(readFileSync(ws.path('bin/hello'), 'utf8')).toBe('two\n');
    // A new inode: the old file was replaced by rename, never truncated in place.
    expect(statSync(ws.path('bin/hello')).ino).not.toBe(before.ino);
  });

  it('restores the mode of an identical but non-executable launcher', () => {
    const ws = createTempWorkspace();
    mkdirSync(ws.path('bin'));
    writeFileSync(ws.path('bin/hello'), 'one\n', { mode: 0o644 });
    expect(writeLauncherFile(ws.path('bin/hello'), 'one\n')).toBe('updated');
    expect(statSync(ws.path('bin/hello')).mode & 0o7777).toBe(LAUNCHER_MODE);
  });

  it('fails with the path and the fs error, leaving no temp file', () => {
    const ws = createTempWorkspace();
    mkdirSync(ws.path('bin/hello'), { recursive: true });
    expect(() => writeLauncherFile(ws.path('bin/hello'), 'x')).toThrow(LauncherWriteError);
    expect(() => writeLauncherFile(ws.path('bin/hello'), 'x')).toThrow(`Could not write the launcher ${ws.path('bin/hello')}:`);
    expect(readdirSync(ws.path('bin'))).toEqual(['hello']);
  });
});
