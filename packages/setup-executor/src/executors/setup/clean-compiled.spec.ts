import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../../testing/fixtures/temp-workspace.js';
import { cleanCompiledFiles } from './clean-compiled.js';

describe('executors/setup/clean-compiled', () => {
  it('deletes the files of every compiled/ directory of the project, and nothing else', () => {
    const ws = createTempWorkspace({
      'ws/a/main.rkt': '',
      'ws/a/compiled/main_rkt.zo': '',
      'ws/a/compiled/main_rkt.dep': '',
      'ws/a/compiled/errortrace/main_rkt.zo': '',
      'ws/a/private/compiled/p_rkt.zo': '',
      'ws/a/node_modules/compiled/x.zo': '',
      'ws/b/compiled/main_rkt.zo': '',
    });
    const result = cleanCompiledFiles(ws.path('ws'), ws.path('ws/a'));
    expect(result.refused).toEqual([]);
    expect(result.deleted.map((f) => f.slice(ws.root.length + 1)).sort()).toEqual([
      'ws/a/compiled/errortrace/main_rkt.zo',
      'ws/a/compiled/main_rkt.dep',
      'ws/a/compiled/main_rkt.zo',
      'ws/a/private/compiled/p_rkt.zo',
    ]);
    expect(existsSync(ws.path('ws/a/compiled'))).toBe(false);
    expect(existsSync(ws.path('ws/a/main.rkt'))).toBe(true);
    expect(existsSync(ws.path('ws/a/node_modules/compiled/x.zo'))).toBe(true);
    expect(existsSync(ws.path('ws/b/compiled/main_rkt.zo'))).toBe(true);
  });

  it('refuses a compiled link and removes links inside compiled/ without following them', () => {
    const ws = createTempWorkspace({ 'outside/keep.zo': '', 'ws/a/main.rkt': '', 'ws/a/sub/x.rkt': '' });
    symlinkSync(ws.path('outside'), ws.path('ws/a/compiled'));
    mkdirSync(ws.path('ws/a/sub/compiled'));
    symlinkSync(ws.path('outside'), ws.path('ws/a/sub/compiled/linked'));
    writeFileSync(ws.path('ws/a/sub/compiled/x_rkt.zo'), '');
    const result = cleanCompiledFiles(ws.path('ws'), ws.path('ws/a'));
    expect(result.refused).toEqual([`${ws.path('ws/a/compiled')} is a symbolic link; delete it by hand if its target may go`]);
    expect(result.deleted.length).toBe(2);
    expect(existsSync(ws.path('outside/keep.zo'))).toBe(true);
    expect(existsSync(ws.path('ws/a/compiled'))).toBe(true);
  });

  it('refuses a project outside the workspace', () => {
    const ws = createTempWorkspace({ 'ws/x': '', 'other/compiled/a.zo': '' });
    symlinkSync(ws.path('other'), ws.path('ws/linked'));
    expect(cleanCompiledFiles(ws.path('ws'), ws.path('ws/linked')).refused[0]).toContain('is not a directory inside the workspace');
    expect(cleanCompiledFiles(ws.path('ws'), ws.path('other')).deleted).toEqual([]);
    expect(existsSync(ws.path('other/compiled/a.zo'))).toBe(true);
  });
});
