import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../../testing/fixtures/temp-workspace.js';
import { listModuleFiles } from './module-files.js';

describe('executors/setup/module-files', () => {
  const files = {
    'c/info.rkt': '#lang info\n(define compile-omit-paths \'("scratch" "old.rkt"))\n(define compile-omit-files \'("older.ss"))\n',
    'c/main.rkt': '',
    'c/old.rkt': '',
    'c/older.ss': '',
    'c/util.scm': '',
    'c/data.rktd': '',
    'c/notes.txt': '',
    'c/scratch/x.rkt': '',
    'c/private/p.rkt': '',
    'c/private/compiled/p_rkt.zo': '',
    'c/tests/info.rkt': "#lang info\n(define compile-omit-paths 'all)\n",
    'c/tests/t.rkt': '',
    'c/sub/info.rkt': '#lang info\n(define compile-omit-paths \'("skip.rkt"))\n',
    'c/sub/skip.rkt': '',
    'c/sub/keep.rkt': '',
    'c/scribblings/c.scrbl': '',
    'c/.hidden/h.rkt': '',
    'c/node_modules/n.rkt': '',
  };

  it('lists module files, honouring compile-omit-paths in every directory', () => {
    const ws = createTempWorkspace(files);
    const rel = listModuleFiles(ws.path('c'), { noDocs: false }).map((f) => f.slice(ws.root.length + 1));
    expect(rel).toEqual(['c/main.rkt', 'c/private/p.rkt', 'c/scribblings/c.scrbl', 'c/sub/keep.rkt', 'c/util.scm']);
  });

  it('leaves out .scrbl files with noDocs', () => {
    const ws = createTempWorkspace(files);
    expect(listModuleFiles(ws.path('c'), { noDocs: true }).some((f) => f.endsWith('.scrbl'))).toBe(false);
  });

  it('ignores a bad nested info.rkt', () => {
    const ws = createTempWorkspace({ 'c/info.rkt': '#lang info\n(define x (\n', 'c/a.rkt': '' });
    expect(listModuleFiles(ws.path('c'), { noDocs: false })).toEqual([ws.path('c/a.rkt')]);
  });
});
