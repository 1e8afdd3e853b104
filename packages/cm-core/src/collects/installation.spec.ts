import { describe, expect, it } from 'vitest';
import { normalizeCollectionEnvironment, type CollectionEnvironmentOptions } from './collection-environment.js';
import { inMemoryFileSystem } from './in-memory-file-system.test.js';
import { findLibraryCollectionLinks, findLibraryCollectionPaths, readInstallationConfig } from './installation.js';

function setup(config: string | undefined, options: CollectionEnvironmentOptions = {}) {
  const fs = inMemoryFileSystem(config === undefined ? {} : { '/etc/racket/config.rktd': config });
  const env = normalizeCollectionEnvironment({ env: { HOME: '/root' }, fs, ...options });
  const installation = readInstallationConfig(env);
  return { env, installation };
}

describe('collects/installation', () => {
  it('reads this machine’s /etc/racket/config.rktd', () => {
    const env = normalizeCollectionEnvironment({ env: { HOME: '/root' } });
    const config = readInstallationConfig(env);
    expect(config).toEqual({
      installationName: '8.7',
      linksFile: '/usr/share/racket/links.rktd',
      linksSearchFiles: undefined,
      collectsSearchDirs: undefined,
    });
    // Observed: (current-library-collection-paths) and (current-library-collection-links).
    expect(findLibraryCollectionPaths(env, config)).toEqual(['/root/.local/share/racket/8.7/collects', '/usr/share/racket/collects/']);
    expect(findLibraryCollectionLinks(env, config)).toEqual(['/root/.local/share/racket/8.7/links.rktd', '/usr/share/racket/links.rktd']);
  });

  it('defaults the links file to ../share/links.rktd relative to the collects directory', () => {
    expect(setup(undefined).installation.linksFile).toBe('/usr/share/racket/collects/../share/links.rktd');
    expect(setup('#hash((share-dir . "/opt/share"))').installation.linksFile).toBe('/opt/share/links.rktd');
    expect(setup('#hash((links-file . "lf.rktd"))').installation.linksFile).toBe('/usr/share/racket/collects/lf.rktd');
  });

  it('treats an unreadable config.rktd as empty', () => {
    expect(setup('#hash((share-dir . ').installation.installationName).toBe('8.7');
    expect(setup('(not a hash)').installation.installationName).toBe('8.7');
  });

  it('splices the defaults into collects-search-dirs and links-search-files at #f', () => {
    const { env, installation } = setup(
      '#hash((installation-name . "dev") (share-dir . "/s") (collects-search-dirs . ("/first" #f "/last")) (links-search-files . (#f "/extra/links.rktd")))',
    );
    expect(findLibraryCollectionPaths(env, installation)).toEqual([
      '/first',
      '/root/.local/share/racket/dev/collects',
      '/usr/share/racket/collects/',
      '/last',
    ]);
    expect(findLibraryCollectionLinks(env, installation)).toEqual([
      '/root/.local/share/racket/dev/links.rktd',
      '/s/links.rktd',
      '/extra/links.rktd',
    ]);
  });

  // Columns: PLTCOLLECTS, collection paths. Observed with `racket -e (current-library-collection-paths)`.
  const PLTCOLLECTS: readonly (readonly [string, string[]])[] = [
    ['', ['/root/.local/share/racket/8.7/collects', '/usr/share/racket/collects/']],
    ['/a::/b', ['/a', '/root/.local/share/racket/8.7/collects', '/usr/share/racket/collects/', '/b']],
    ['/a/../b/:', ['/a/../b/', '/root/.local/share/racket/8.7/collects', '/usr/share/racket/collects/']],
    ['/a', ['/a']],
  ];
  it.each(PLTCOLLECTS)('PLTCOLLECTS=%j', (value, expected) => {
    const { env, installation } = setup(undefined, { env: { HOME: '/root', PLTCOLLECTS: value } });
    expect(findLibraryCollectionPaths(env, installation)).toEqual(expected);
  });

  it('leaves out the user directories when user-specific paths are off', () => {
    const { env, installation } = setup(undefined, { userSpecific: false, env: { HOME: '/root', PLTCOLLECTS: '/a:' } });
    expect(findLibraryCollectionPaths(env, installation)).toEqual(['/usr/share/racket/collects/']);
    expect(findLibraryCollectionLinks(env, installation)).toEqual(['/usr/share/racket/collects/../share/links.rktd']);
  });
});
