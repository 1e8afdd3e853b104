import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findRacket, hasRacket } from '../testing/racket-available.js';
import { collectionSearchPath, createCollectionResolver, findCollectionDir } from './find-collection.js';
import { inMemoryFileSystem } from './in-memory-file-system.test.js';

const RACKET = findRacket() ?? 'racket';

function fakeInstallation(extra: Record<string, string> = {}) {
  return inMemoryFileSystem({
    '/etc/racket/config.rktd': '#hash((share-dir . "/share"))',
    '/share/links.rktd': '((root "pkgs/base") ("named" "pkgs/named-lib") (root "pkgs/late") ("named" "pkgs/named-doc"))',
    '/share/collects/racket/private/': '',
    '/share/pkgs/base/racket/draw/': '',
    '/share/pkgs/base/extra/': '',
    '/share/pkgs/named-lib/': '',
    '/share/pkgs/named-doc/sub/': '',
    '/share/pkgs/late/named/other/': '',
    '/home/u/.local/share/racket/8.7/collects/mine/': '',
    ...extra,
  });
}

function resolverFor(env: Record<string, string> = {}, extra: Record<string, string> = {}) {
  return createCollectionResolver({
    env: { HOME: '/home/u', ...env },
    fs: fakeInstallation(extra),
    collectsDir: '/share/collects/',
  });
}

describe('collects/find-collection (in memory)', () => {
  // Columns: collection, directory found (undefined: not found).
  const CASES: readonly (readonly [string[], string | undefined])[] = [
    [['racket'], '/share/collects/racket'],
    [['racket', 'private'], '/share/collects/racket/private'],
    [['racket/private'], '/share/collects/racket/private'],
    [['racket//private'], '/share/collects/racket/private'],
    [['racket/'], '/share/collects/racket'],
    // A sub-collection missing from the first `racket` is looked for in the next one.
    [['racket', 'draw'], '/share/pkgs/base/racket/draw'],
    [['extra'], '/share/pkgs/base/extra'],
    [['mine'], '/home/u/.local/share/racket/8.7/collects/mine'],
    // Named entries win over roots; a root listed after a named entry comes next.
    [['named'], '/share/pkgs/named-lib'],
    [['named', 'sub'], '/share/pkgs/named-doc/sub'],
    [['named', 'other'], '/share/pkgs/late/named/other'],
    [['nope'], undefined],
    [['racket', 'nope'], undefined],
  ];
  it.each(CASES)('%j → %j', (collection, expected) => {
    expect(resolverFor().find(collection)).toBe(expected);
  });

  it('searches in Racket’s order', () => {
    expect(resolverFor().candidates('named').map((t) => (t.isCollectionDir ? `#&${t.dir}` : t.dir))).toEqual([
      '/home/u/.local/share/racket/8.7/collects',
      '/share/collects/',
      '#&/share/pkgs/named-lib',
      '/share/pkgs/late',
      '#&/share/pkgs/named-doc',
      '/share/pkgs/base',
      '/share/pkgs/late',
    ]);
  });

  it('puts PLTCOLLECTS directories where the variable says', () => {
    const resolver = resolverFor({ PLTCOLLECTS: '/ws:' }, { '/ws/racket/': '' });
    expect(resolver.searchPath.collectionPaths).toEqual(['/ws', '/home/u/.local/share/racket/8.7/collects', '/share/collects/']);
    expect(resolver.find(['racket'])).toBe('/ws/racket');
    expect(resolver.find(['racket', 'private'])).toBe('/share/collects/racket/private');
  });

  it('reads the user links file from the addon directory', () => {
    const resolver = resolverFor(
      { PLTADDONDIR: '/addon' },
      { '/addon/8.7/links.rktd': '(("linked" (up #"proj")))', '/addon/proj/': '' },
    );
    expect(resolver.searchPath.linksFiles).toEqual(['/addon/8.7/links.rktd', '/share/links.rktd']);
    expect(resolver.find(['linked'])).toBe('/addon/proj');
  });

  it('describes a failed search as Racket does', () => {
    expect(resolverFor().describeNotFound(['nope'])).toBe(
      'collection not found\n  collection: "nope"\n  in collection directories:\n   /home/u/.local/share/racket/8.7/collects\n   /share/collects/\n   /share/pkgs/base\n   /share/pkgs/late',
    );
    expect(resolverFor().describeNotFound(['named', 'x'])).toBe(
      'collection not found\n  collection: "named/x"\n  in collection directories:\n   /home/u/.local/share/racket/8.7/collects\n   /share/collects/\n   ... [5 additional linked and package directories]\n   sub-collection: "x"\n  in parent directories:\n   /share/pkgs/named-lib\n   /share/pkgs/named-doc',
    );
  });

  it('exposes the search path and a one-shot lookup', () => {
    expect(collectionSearchPath({ env: { HOME: '/home/u' }, fs: fakeInstallation(), collectsDir: '/share/collects/' }).linksFiles).toEqual([
      '/home/u/.local/share/racket/8.7/links.rktd',
      '/share/links.rktd',
    ]);
    expect(findCollectionDir(['extra'], { env: { HOME: '/home/u' }, fs: fakeInstallation(), collectsDir: '/share/collects/' })).toBe(
      '/share/pkgs/base/extra',
    );
  });
});

/** Racket's `collection-path` for each collection, or "FAIL:" + the failure text. */
function askRacket(collections: readonly string[][], env: NodeJS.ProcessEnv): string[] {
  const program = `(for ([c (in-list (read))]) (write (let ([r (keyword-apply collection-path '(#:fail) (list (lambda (m) (string-append "FAIL:" m))) c)]) (if (path? r) (path->string r) r))) (newline))`;
  const input = `(${collections.map((c) => `(${c.map((s) => JSON.stringify(s)).join(' ')})`).join(' ')})`;
  const run = spawnSync(RACKET, ['-e', program], { input, encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string);
}

function ours(collections: readonly string[][], env: NodeJS.ProcessEnv): string[] {
  const resolver = createCollectionResolver({ env });
  return collections.map((c) => resolver.find(c) ?? `FAIL:${resolver.describeNotFound(c)}`);
}

describe.skipIf(!hasRacket())('collects/find-collection (against Racket)', () => {
  const COLLECTIONS = [
    ['racket'],
    ['racket', 'private'],
    ['racket/private'],
    ['racket//private'],
    ['racket/'],
    ['2d'],
    ['2d', 'nope'],
    ['syntax'],
    ['syntax', 'parse'],
    ['ds-store'],
    ['setup'],
    ['pict'],
    ['scribble', 'html'],
    ['nope-not-here'],
    ['racket', 'nope'],
  ];

  it('resolves the installation’s collections as Racket does', () => {
    const env = { ...process.env };
    delete env['PLTCOLLECTS'];
    delete env['PLTADDONDIR'];
    expect(ours(COLLECTIONS, env)).toEqual(askRacket(COLLECTIONS, env));
  });

  it('follows PLTCOLLECTS and a user links file as Racket does', () => {
    const root = mkdtempSync(join(tmpdir(), 'nx-raco-collects-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'ad/8.7/links.rktd': '(("foo" "../../c1/foo") ("bar" #"../../c2/bar") ("baz" (up up #"c3" #"baz")) (root (up up #"r")) (static-root "../../s") ("old" "../../c1/foo" #rx"^7"))',
      'c1/foo/x': '',
      'c2/bar/x': '',
      'c3/baz/x': '',
      'r/qux/x': '',
      'r/foo/sub/x': '',
      's/stat/x': '',
      'ws/racket/x': '',
      'ws/wsonly/x': '',
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), content);
    }
    const env = { ...process.env, PLTADDONDIR: join(root, 'ad'), PLTCOLLECTS: `${join(root, 'ws')}:` };
    const collections = [['foo'], ['bar'], ['baz'], ['qux'], ['stat'], ['foo', 'sub'], ['old'], ['racket'], ['racket', 'private'], ['wsonly'], ['nope'], ['foo', 'nope']];
    expect(ours(collections, env)).toEqual(askRacket(collections, env));
  });
});
