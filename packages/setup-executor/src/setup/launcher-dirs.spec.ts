import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { findLauncherDirs, findLauncherDirsCacheFile } from './launcher-dirs.js';

const hasRacket = spawnSync('racket', ['-n', '-e', ''], { stdio: 'ignore' }).status === 0;

function racketSays(expression: string): string {
  return spawnSync('racket', ['-l', 'racket/base', '-l', 'setup/dirs', '-e', expression], { encoding: 'utf8' }).stdout;
}

describe('setup/launcher-dirs', () => {
  it.skipIf(!hasRacket)("answers Racket's console bin dir and the lib dir holding gracket, and caches them", () => {
    const ws = createTempWorkspace({ 'node_modules/.keep': '' });
    const cacheFile = findLauncherDirsCacheFile(ws.root)!;
    expect(cacheFile).toBe(ws.path('node_modules/.cache/nx-raco/launcher-dirs.json'));
    const dirs = findLauncherDirs({ cacheFile });
    expect(dirs.consoleBinDir).toBe(racketSays('(display (find-console-bin-dir))'));
    expect(statSync(`${dirs.consoleBinDir}/racket`).isFile()).toBe(true);
    if (dirs.guiLibDir !== null) expect(statSync(`${dirs.guiLibDir}/gracket`).isFile()).toBe(true);

    // The second answer comes from the cache: doctor it and see it come back.
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { format: number; entries: Record<string, unknown> };
    expect(cache.format).toBe(1);
    const [key] = Object.keys(cache.entries);
    writeFileSync(cacheFile, JSON.stringify({ format: 1, entries: { [key!]: { consoleBinDir: '/cached', guiLibDir: null } } }));
    expect(findLauncherDirs({ cacheFile })).toEqual({ consoleBinDir: '/cached', guiLibDir: null });
    // A corrupt cache means "ask again".
    writeFileSync(cacheFile, '{');
    expect(findLauncherDirs({ cacheFile })).toEqual(dirs);
  });

  it('fails as cm-core does when Racket is missing', () => {
    const ws = createTempWorkspace();
    expect(() => findLauncherDirs({ racket: ws.path('nowhere/racket') })).toThrow(expect.objectContaining({ code: 'RKT_RACKET_NOT_FOUND' }));
    expect(() => findLauncherDirs({ racket: 'racket', env: { PATH: ws.path('empty') } })).toThrow('it is not on PATH');
  });

  it('says why when Racket fails', () => {
    const ws = createTempWorkspace({ 'fake/racket': '#!/bin/sh\necho broken >&2\nexit 3\n' });
    spawnSync('chmod', ['+x', ws.path('fake/racket')]);
    expect(() => findLauncherDirs({ racket: ws.path('fake/racket') })).toThrow(
      expect.objectContaining({ code: 'RKT_LAUNCHER_BINDIR', message: expect.stringContaining('it exited with status 3: broken') }),
    );
  });

  it('has no cache file outside a node_modules tree', () => {
    expect(findLauncherDirsCacheFile('/')).toBeUndefined();
  });
});
