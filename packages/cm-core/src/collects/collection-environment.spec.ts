import { describe, expect, it } from 'vitest';
import { findAddonDir, findUserHome, normalizeCollectionEnvironment, resolveAgainst } from './collection-environment.js';

describe('collects/collection-environment', () => {
  it('defaults to this machine’s Racket 8.7', () => {
    const env = normalizeCollectionEnvironment({ env: {} });
    expect(env).toMatchObject({ configDir: '/etc/racket', collectsDir: '/usr/share/racket/collects/', version: '8.7', userSpecific: true });
  });

  it('rejects unknown options and names the caller', () => {
    expect(() => normalizeCollectionEnvironment({ environment: {} } as never, 'findCollectionDir')).toThrow(
      /findCollectionDir: unknown option `environment`/,
    );
  });

  // Columns: environment, cwd, addon dir. Observed with `(find-system-path 'addon-dir)` in Racket 8.7.
  const ADDON: readonly (readonly [Record<string, string>, string])[] = [
    [{ HOME: '/root' }, '/root/.local/share/racket/'],
    [{ HOME: '/root', XDG_DATA_HOME: '/tmp/xdg' }, '/tmp/xdg/racket/'],
    [{ HOME: '/root', XDG_DATA_HOME: 'rel' }, '/root/.local/share/racket/'],
    [{ HOME: '/root', XDG_DATA_HOME: '' }, '/root/.local/share/racket/'],
    [{ HOME: '/root', PLTUSERHOME: '/tmp/uh' }, '/tmp/uh/.local/share/racket/'],
    [{ HOME: '/root', PLTUSERHOME: '/tmp/uh', XDG_DATA_HOME: '/tmp/xdg' }, '/tmp/uh/.local/share/racket/'],
    [{ HOME: '/root', PLTADDONDIR: '/tmp/ad' }, '/tmp/ad/'],
    [{ HOME: '/root', PLTADDONDIR: 'rel/ad' }, '/tmp/rel/ad/'],
    [{ HOME: '/tmp/hh' }, '/tmp/hh/.local/share/racket/'],
  ];
  it.each(ADDON)('addon dir for %j', (vars, expected) => {
    expect(findAddonDir(normalizeCollectionEnvironment({ env: vars, cwd: '/tmp' }))).toBe(expected);
  });

  it('finds the user home from PLTUSERHOME, then HOME', () => {
    expect(findUserHome(normalizeCollectionEnvironment({ env: { HOME: '/h', PLTUSERHOME: '/u' } }))).toBe('/u');
    expect(findUserHome(normalizeCollectionEnvironment({ env: { HOME: '/h' } }))).toBe('/h');
  });

  it('completes relative paths', () => {
    expect(resolveAgainst('/a', 'b')).toBe('/a/b');
    expect(resolveAgainst('/a/', '/b')).toBe('/b');
  });
});
