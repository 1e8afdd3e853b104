import { describe, expect, it } from 'vitest';
import { createTempWorkspace, EXAMPLE_WORKSPACE } from '../testing/fixtures/temp-workspace.js';
import { createWorkspaceEnv, findWorkspaceCollectionDirs, formatCollectsPath, formatWorkspaceEnv, getProjectCollectionDirs } from './workspace-env.js';

describe('plugin/workspace-env', () => {
  /** Columns: dirs, current PLTCOLLECTS, expected PLTCOLLECTS. */
  const PATHS: readonly (readonly [string[], string | undefined, string])[] = [
    [['/ws/libs'], undefined, '/ws/libs:'],
    [['/ws/a', '/ws/b'], '', '/ws/a:/ws/b:'],
    [['/ws/libs'], '/opt/x', '/ws/libs:/opt/x:'],
    [['/ws/libs'], '/ws/libs:/opt/x:', '/ws/libs:/opt/x:'],
    [['/ws/libs'], ':/opt/x', '/ws/libs::/opt/x'],
  ];
  it.each(PATHS)('formatCollectsPath(%j, %j) is %j', (dirs, base, expected) => {
    expect(formatCollectsPath(dirs, base)).toBe(expected);
  });

  it('extends the environment only when there are collections', () => {
    expect(createWorkspaceEnv(['/ws/libs'], { PATH: '/bin' })).toEqual({ PATH: '/bin', PLTCOLLECTS: '/ws/libs:' });
    expect(createWorkspaceEnv([], { PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });

  it("takes the collection directories from the projects' metadata", () => {
    const racket = (collectionRoot: string) => ({ racket: { kind: 'single', collections: [], collectionRoot, packageName: '', deps: [], buildDeps: [] } });
    const projects = {
      a: { root: 'libs/a', metadata: racket('libs') },
      b: { root: 'libs/b', metadata: racket('libs') },
      m: { root: 'pkgs/m', metadata: racket('pkgs/m') },
      js: { root: 'js' },
    };
    expect(getProjectCollectionDirs('/ws', projects)).toEqual(['/ws/libs', '/ws/pkgs/m']);
  });

  it('walks the workspace for top-level info.rkt files', () => {
    const ws = createTempWorkspace({
      'libs/a/info.rkt': '#lang info\n',
      'libs/a/sub/info.rkt': '#lang info\n',
      'pkgs/m/info.rkt': "#lang info\n(define collection 'multi)\n",
      'node_modules/x/info.rkt': '#lang info\n',
      '.cache/y/info.rkt': '#lang info\n',
    });
    expect(findWorkspaceCollectionDirs(ws.root)).toEqual([ws.path('libs'), ws.path('pkgs/m')]);
    expect(formatWorkspaceEnv(ws.root, {})).toBe(`export PLTCOLLECTS='${ws.path('libs')}:${ws.path('pkgs/m')}:'\n`);
  });

  it('formats the example workspace for a shell', () => {
    expect(formatWorkspaceEnv(EXAMPLE_WORKSPACE, {})).toBe(`export PLTCOLLECTS='${EXAMPLE_WORKSPACE}:'\n`);
    expect(formatWorkspaceEnv(createTempWorkspace().root, {})).toBe('');
  });
});
