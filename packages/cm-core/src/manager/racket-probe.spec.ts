import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRacket, hasRacket } from '../testing/racket-available.js';
import { useTmpTree, type TmpTree } from '../testing/fixtures/manager-fixtures.js';
import { findProbeCacheFile, probeRacket, RacketNotFoundError } from './racket-probe.js';

/** A `racket` wrapper that appends a line to `count` per run, then runs the real racket. */
function countingRacket(tree: TmpTree): { racket: string; runs: () => number } {
  const count = tree.path('runs.txt');
  const racket = tree.write('bin/racket', `#!/bin/sh\necho run >> '${count}'\nexec '${findRacket()}' "$@"\n`);
  chmodSync(racket, 0o755);
  return { racket, runs: () => (existsSync(count) ? readFileSync(count, 'utf8').split('\n').length - 1 : 0) };
}

/**
 * A stand-in `racket` that prints a probe answer (modes from PLT_ZO_PATH, as Racket 8.7 does)
 * and counts its runs; real Racket would load racket/base from source under PLT_ZO_PATH (~5 s).
 */
function fakeRacket(tree: TmpTree): { racket: string; runs: () => number } {
  const count = tree.path('fake-runs.txt');
  const answer =
    '("8.7" "chez-scheme" "ta6le" ("\'"${PLT_ZO_PATH:-compiled}"\'") ("same") "modify-seconds" ' +
    '"/usr/share/racket/collects" "/etc/racket/" "x86_64-linux" "/usr/share/racket/pkgs")';
  const racket = tree.write('fake-bin/racket', `#!/bin/sh\necho run >> '${count}'\necho '${answer}'\n`);
  chmodSync(racket, 0o755);
  return { racket, runs: () => (existsSync(count) ? readFileSync(count, 'utf8').split('\n').length - 1 : 0) };
}

function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

const PROBE_ENV = ['PLT_ZO_PATH', 'PLTCOMPILEDROOTS', 'PLT_COMPILED_FILE_CHECK', 'PLT_COMPILE_ANY', 'PLT_CS_COMPILE_LIMIT', 'PLTCONFIGDIR', 'PLTCOLLECTS'];

describe('cm-core/manager/racket-probe', () => {
  describe.skipIf(!hasRacket())('probeRacket', () => {
    it('reports the installed Racket 8.7 CS', () => {
      const tree = useTmpTree();
      const { racket } = countingRacket(tree);
      const probe = probeRacket({ racket, env: envWithout(...PROBE_ENV) });
      expect(probe).toMatchObject({
        version: '8.7',
        vm: 'chez-scheme',
        targetMachine: 'ta6le',
        modes: ['compiled'],
        roots: ['same', '/usr/lib/racket/compiled'],
        fileCheck: 'modify-seconds',
        collectsDir: '/usr/share/racket/collects/',
        pkgsDir: '/usr/share/racket/pkgs/',
        configDir: '/etc/racket/',
      });
      expect(probe.librarySubpath).toMatch(/^[\w-]+$/);
    });

    it('writes the cache and answers from it without running racket again', () => {
      const tree = useTmpTree();
      const { racket, runs } = countingRacket(tree);
      const cacheFile = tree.path('node_modules/.cache/nx-raco/racket-probe.json');
      const env = envWithout(...PROBE_ENV);
      const first = probeRacket({ racket, env, cacheFile });
      expect(runs()).toBe(1);
      const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { format: number; entries: Record<string, unknown> };
      expect(cache.format).toBe(1);
      expect(Object.values(cache.entries)).toEqual([first]);
      expect(probeRacket({ racket, env, cacheFile })).toEqual(first);
      expect(runs()).toBe(1);
    });

    it('works when the cache cannot be written (it only costs time)', () => {
      const tree = useTmpTree({ 'file-not-dir': '' });
      expect(probeRacket({ env: envWithout(...PROBE_ENV), cacheFile: tree.path('file-not-dir/racket-probe.json') }).version).toBe('8.7');
    });

    it('reports a racket that fails with RacketNotFoundError, including its stderr', () => {
      const tree = useTmpTree();
      const racket = tree.write('bin/racket', '#!/bin/sh\necho "broken install" >&2\nexit 2\n');
      chmodSync(racket, 0o755);
      expect(() => probeRacket({ racket, env: envWithout(...PROBE_ENV) })).toThrow(/it exited with status 2: broken install/);
    });
  });

  describe('the cache key', () => {
    it('changes with PLT_ZO_PATH, not with unrelated variables', () => {
      const tree = useTmpTree();
      const { racket, runs } = fakeRacket(tree);
      const cacheFile = tree.path('cache/racket-probe.json');
      const env = envWithout(...PROBE_ENV);
      expect(probeRacket({ racket, env, cacheFile }).modes).toEqual(['compiled']);
      expect(probeRacket({ racket, env: { ...env, PLT_ZO_PATH: 'myzo' }, cacheFile }).modes).toEqual(['myzo']);
      expect(runs()).toBe(2);
      expect(probeRacket({ racket, env: { ...env, PLT_ZO_PATH: 'myzo' }, cacheFile }).modes).toEqual(['myzo']);
      expect(probeRacket({ racket, env, cacheFile }).modes).toEqual(['compiled']);
      expect(probeRacket({ racket, env: { ...env, UNRELATED_VARIABLE: '1' }, cacheFile }).modes).toEqual(['compiled']);
      expect(runs()).toBe(2);
      expect(Object.keys((JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: object }).entries)).toHaveLength(2);
    });

    // cache file contents | what is wrong with it
    it.each([
      ['{ not json', 'corrupt'],
      ['{"format": 2, "entries": {}}', 'a future format'],
      ['[]', 'the wrong shape'],
      ['', 'empty'],
    ])('ignores a cache file that is %s (%s) and rewrites it', (text) => {
      const tree = useTmpTree();
      const { racket, runs } = fakeRacket(tree);
      const cacheFile = tree.write('racket-probe.json', text);
      const env = envWithout(...PROBE_ENV);
      expect(probeRacket({ racket, env, cacheFile }).version).toBe('8.7');
      expect(runs()).toBe(1);
      expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toMatchObject({ format: 1 });
      probeRacket({ racket, env, cacheFile });
      expect(runs()).toBe(1);
    });

    it('changes when the racket executable changes', () => {
      const tree = useTmpTree();
      const { racket, runs } = fakeRacket(tree);
      const cacheFile = tree.path('cache/racket-probe.json');
      const env = envWithout(...PROBE_ENV);
      probeRacket({ racket, env, cacheFile });
      writeFileSync(racket, `${readFileSync(racket, 'utf8')}# upgraded\n`);
      probeRacket({ racket, env, cacheFile });
      expect(runs()).toBe(2);
    });

    it('normalises the answer: directories end in /, an empty machine is null', () => {
      const tree = useTmpTree();
      const answer = '("8.7" "chez-scheme" "" ("compiled") ("same") "exists" "/c" "/cfg/" "x86_64-linux" "/p")';
      const racket = tree.write('bin/racket', `#!/bin/sh\necho '${answer}'\n`);
      chmodSync(racket, 0o755);
      expect(probeRacket({ racket, env: {} })).toEqual({
        version: '8.7',
        vm: 'chez-scheme',
        targetMachine: null,
        modes: ['compiled'],
        roots: ['same'],
        fileCheck: 'exists',
        collectsDir: '/c/',
        pkgsDir: '/p/',
        configDir: '/cfg/',
        librarySubpath: 'x86_64-linux',
      });
    });

    it('reports an answer it cannot read', () => {
      const tree = useTmpTree();
      const racket = tree.write('bin/racket', '#!/bin/sh\necho "Welcome to Racket"\n');
      chmodSync(racket, 0o755);
      expect(() => probeRacket({ racket, env: {} })).toThrow(/its answer could not be understood: Welcome to Racket/);
    });
  });

  describe('when racket is missing', () => {
    it('throws RacketNotFoundError (RKT_RACKET_NOT_FOUND) saying what to install', () => {
      const tree = useTmpTree();
      mkdirSync(tree.path('empty-bin'));
      let error: unknown;
      try {
        probeRacket({ env: { PATH: tree.path('empty-bin') } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RacketNotFoundError);
      expect(error).toMatchObject({ code: 'RKT_RACKET_NOT_FOUND', name: 'RacketNotFoundError' });
      expect((error as Error).message).toBe(
        '[@nx-raco/cm-core] Could not run Racket (`racket`): it is not on PATH. Install Racket 8.x (on Debian: ' +
          '`apt-get install -y racket`), or point the `racket` option (CLI: the NX_RACO_RACKET environment variable) at the racket executable.',
      );
    });

    it('names a missing racket given by name', () => {
      expect(() => probeRacket({ racket: 'no-such-racket-nx', env: { PATH: '/nonexistent' } })).toThrow(
        /Could not run Racket \(`no-such-racket-nx`\): it is not on PATH\. Install Racket 8\.x/,
      );
    });

    it('reports a missing racket given by path as RacketNotFoundError', () => {
      expect(() => probeRacket({ racket: '/nonexistent/racket', env: {} })).toThrow(RacketNotFoundError);
    });
  });

  describe('findProbeCacheFile', () => {
    it('uses node_modules/.cache/nx-raco in the nearest directory that has node_modules', () => {
      const tree = useTmpTree({ 'ws/node_modules/.keep': '', 'ws/packages/app/src/.keep': '', 'ws/packages/app/node_modules/.keep': '' });
      expect(findProbeCacheFile(tree.path('ws'))).toBe(tree.path('ws/node_modules/.cache/nx-raco/racket-probe.json'));
      expect(findProbeCacheFile(tree.path('ws/packages/app/src'))).toBe(tree.path('ws/packages/app/node_modules/.cache/nx-raco/racket-probe.json'));
      expect(findProbeCacheFile(tree.path('ws/packages'))).toBe(tree.path('ws/node_modules/.cache/nx-raco/racket-probe.json'));
    });

    it('is undefined when no directory up to the root has node_modules', () => {
      const tree = useTmpTree({ 'a/b/.keep': '' });
      const ancestorsHaveOne = (() => {
        for (let dir = tree.root; ; dir = dirname(dir)) {
          if (existsSync(`${dir}/node_modules`)) return true;
          if (dirname(dir) === dir) return false;
        }
      })();
      if (ancestorsHaveOne) return;
      expect(findProbeCacheFile(tree.path('a/b'))).toBeUndefined();
    });

    it('ignores a node_modules that is a file', () => {
      const tree = useTmpTree({ 'ws/node_modules/.keep': '', 'ws/sub/node_modules': 'not a directory' });
      expect(findProbeCacheFile(tree.path('ws/sub'))).toBe(tree.path('ws/node_modules/.cache/nx-raco/racket-probe.json'));
    });
  });
});
