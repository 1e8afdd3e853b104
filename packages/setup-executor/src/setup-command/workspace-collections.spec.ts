import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { findSetupWorkspaceRoot, listWorkspaceCollections } from './workspace-collections.js';

describe('setup-command/workspace-collections', () => {
  it('finds the workspace root above cwd, or keeps cwd', () => {
    const ws = createTempWorkspace({ 'package.json': '{}', 'libs/a/info.rkt': '#lang info\n' });
    expect(findSetupWorkspaceRoot(ws.path('libs/a'))).toBe(ws.root);
    const bare = createTempWorkspace({ 'x/info.rkt': '#lang info\n' });
    expect(findSetupWorkspaceRoot(bare.path('x'))).toBe(bare.path('x'));
  });

  it('lists top-level collections, multi-collection packages, never .git/.svn or node_modules', () => {
    const ws = createTempWorkspace({
      'libs/a/info.rkt': '#lang info\n',
      'libs/a/sub/info.rkt': '#lang info\n',
      'pkgs/m/info.rkt': "#lang info\n(define collection 'multi)\n",
      'pkgs/m/one/main.rkt': '',
      'pkgs/m/two/main.rkt': '',
      '.git/info.rkt': '',
      'x/.svn/info.rkt': '',
      'node_modules/n/info.rkt': '',
    });
    expect(listWorkspaceCollections(ws.root).map((c) => [c.name, c.dir.slice(ws.root.length + 1)])).toEqual([
      ['a', 'libs/a'],
      ['one', 'pkgs/m/one'],
      ['two', 'pkgs/m/two'],
    ]);
  });
});
