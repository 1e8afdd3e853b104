import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { hasRacket } from '../testing/racket-available.js';
import { getCompilationDirAndName, getCompiledOutputPath, pathAddExtension, rerootPath } from './compilation-path.js';

describe('cm-core/paths/compilation-path', () => {
  // name | suffix | expected (each observed with racket's path-add-extension)
  it.each([
    ['a.rkt', '.zo', 'a_rkt.zo'],
    ['a.b.rkt', '.zo', 'a.b_rkt.zo'],
    ['foo', '.zo', 'foo.zo'],
    ['.rkt', '.zo', '.rkt.zo'],
    ['a.', '.zo', 'a_.zo'],
    ['..x', '.zo', '._x.zo'],
    ['x.scrbl', '.dep', 'x_scrbl.dep'],
    ['a..rkt', '.zo', 'a._rkt.zo'],
  ])('pathAddExtension(%s, %s) = %s', (name, suffix, expected) => {
    expect(pathAddExtension(name, suffix)).toBe(expected);
  });

  it.each([
    ['/usr/share/x/', '/usr/lib/c', '/usr/lib/c/usr/share/x/'],
    ['/a/b.rkt', '/r', '/r/a/b.rkt'],
    ['/', '/r', '/r'],
  ])('rerootPath(%s, %s) = %s', (path, root, expected) => {
    expect(rerootPath(path, root)).toBe(expected);
  });

  it('uses the first root and mode when nothing is compiled yet', () => {
    const none = (): boolean => false;
    expect(getCompilationDirAndName('/ex/a.rkt', { modes: ['compiled'], roots: ['same'], fileExists: none })).toEqual({
      dir: '/ex/compiled',
      name: 'a.rkt',
    });
    expect(getCompilationDirAndName('/ex/a.rkt', { modes: ['compiled'], roots: ['/out', 'same'], fileExists: none })).toEqual({
      dir: '/out/ex/compiled',
      name: 'a.rkt',
    });
    expect(getCompilationDirAndName('/ex/a.rkt', { modes: ['compiled/errortrace'], roots: ['build'], fileExists: none }).dir).toBe(
      '/ex/build/compiled/errortrace',
    );
  });

  it('finds an existing .zo under a later root, as the Debian split-root layout needs', () => {
    const search = {
      modes: ['compiled'],
      roots: ['same', '/usr/lib/racket/compiled'],
    };
    expect(getCompilationDirAndName('/usr/share/racket/collects/racket/base.rkt', search).dir).toBe(
      '/usr/lib/racket/compiled/usr/share/racket/collects/racket/compiled',
    );
    expect(getCompiledOutputPath('/usr/share/racket/collects/racket/base.rkt', '.zo', search)).toBe(
      '/usr/share/racket/collects/racket/compiled/base_rkt.zo',
    );
  });

  it.skipIf(!hasRacket())('agrees with racket get-compilation-dir+name over roots × modes × existing files', () => {
    const root = mkdtempSync(join(tmpdir(), 'nx-raco-cpath-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const src = join(root, 'src', 'a.b.rkt');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(src, '');
    // Place .zo files in some of the candidate locations so the search has something to find.
    const zoDirs = [join(root, 'out', root, 'src', 'm2'), join(root, 'src', 'rel', 'm1')];
    for (const dir of zoDirs) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'a.b_rkt.zo'), '');
    }
    const cases: { modes: string[]; roots: string[] }[] = [
      { modes: ['compiled'], roots: ['same'] },
      { modes: ['m1', 'm2'], roots: ['same', join(root, 'out')] },
      { modes: ['m1'], roots: ['same', 'rel'] },
      { modes: ['m2', 'm1'], roots: [join(root, 'out'), 'rel'] },
      { modes: ['m3'], roots: ['same', 'rel', join(root, 'out')] },
    ];
    const racketRoots = (roots: string[]): string => roots.map((r) => (r === 'same' ? "'same" : JSON.stringify(r))).join(' ');
    const program = cases
      .map(
        (c) =>
          `(let-values ([(d n) (get-compilation-dir+name ${JSON.stringify(src)} #:modes (list ${c.modes.map((m) => JSON.stringify(m)).join(' ')}) #:roots (list ${racketRoots(c.roots)}))]) (printf "~a\\n" d))`,
      )
      .join(' ');
    const out = execFileSync('racket', ['-l', 'racket/base', '-l', 'compiler/compilation-path', '-e', program], { encoding: 'utf8' });
    const expected = out.trim().split('\n');
    const ours = cases.map((c) => getCompilationDirAndName(src, c).dir);
    // Racket prints directories without a trailing slash only when built with build-path; normalise.
    expect(ours.map((d) => d.replace(/\/$/, ''))).toEqual(expected.map((d) => d.replace(/\/$/, '')));
  });
});
