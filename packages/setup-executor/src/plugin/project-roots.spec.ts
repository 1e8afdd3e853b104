import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { findProjectRoots, selectProjectRoots } from './project-roots.js';

describe('plugin/project-roots', () => {
  /** Columns: title, info.rkt files, expected roots. */
  const CASES: readonly (readonly [string, readonly string[], readonly string[]])[] = [
    ['one per directory', ['a/info.rkt', 'b/info.rkt'], ['a', 'b']],
    ['nested ones belong to the outer project', ['pkg/info.rkt', 'pkg/coll/info.rkt', 'pkg/coll/sub/info.rkt'], ['pkg']],
    ['order does not matter', ['pkg/coll/info.rkt', 'pkg/info.rkt'], ['pkg']],
    ['siblings below a non-project directory', ['libs/a/info.rkt', 'libs/b/info.rkt'], ['libs/a', 'libs/b']],
    ['skipped directories', ['node_modules/x/info.rkt', 'a/compiled/info.rkt', '.git/info.rkt', 'c/.svn/info.rkt'], []],
    ['the workspace root', ['info.rkt', 'sub/info.rkt'], ['.']],
    ['backslashes', ['libs\\a\\info.rkt'], ['libs/a']],
    ['prefix is not an ancestor', ['ab/info.rkt', 'a/info.rkt'], ['a', 'ab']],
  ];
  it.each(CASES)('%s', (_title, files, roots) => {
    expect(selectProjectRoots(files)).toEqual(roots);
  });

  it.each(CASES.filter(([title]) => title !== 'backslashes'))('finds the same roots on disk: %s', (_title, files, roots) => {
    const ws = createTempWorkspace(Object.fromEntries(files.map((file) => [file, '#lang info\n'])));
    expect(findProjectRoots(ws.root)).toEqual(roots);
  });
});
