import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { cleanCollection } from './clean-collection.js';
import { cleanTransitively, getCompiledPaths } from './clean-transitive.js';

const SHA = '("5e38c69ff282eee2dc087cac28c267db7e78988c" . "911d89c2c69f93d3e798001ce83ebe14bb5b1ecc")';
const dep = (...deps: string[]): string => `("8.7" ta6le ${SHA} ${deps.join(' ')})\n`;

describe('setup-command/clean-transitive', () => {
  it('names compiled files as raco does', () => {
    expect(getCompiledPaths('/ws/a/main.rkt', 'compiled')).toEqual({ zo: '/ws/a/compiled/main_rkt.zo', dep: '/ws/a/compiled/main_rkt.dep' });
    expect(getCompiledPaths('/ws/a/a.b.rkt', 'compiled')).toEqual({ zo: '/ws/a/compiled/a.b_rkt.zo', dep: '/ws/a/compiled/a.b_rkt.dep' });
  });

  it('follows .dep files through workspace modules that have both .zo and .dep, never outside', () => {
    const ws = createTempWorkspace({
      'hello/main.rkt': '',
      'hello/compiled/main_rkt.zo': '',
      'hello/compiled/main_rkt.dep': dep('(collects #"greeting" #"main.rkt")', '(collects #"racket" #"base.rkt")', '#"/etc/passwd"'),
      'hello/info.rkt': '#lang info\n',
      'greeting/info.rkt': '#lang info\n(define clean (list "none"))\n',
      'greeting/main.rkt': '',
      'greeting/compiled/main_rkt.zo': '',
      'greeting/compiled/main_rkt.dep': dep('(collects #"greeting" #"util.rkt")', '(collects #"greeting" #"lonely.rkt")'),
      'greeting/compiled/util_rkt.zo': '',
      'greeting/compiled/util_rkt.dep': dep(),
      'greeting/compiled/lonely_rkt.zo': '',
      'greeting/compiled/info_rkt.zo': '',
      'greeting/compiled/info_rkt.dep': dep(),
    });
    const collections = new Map([['hello', ws.path('hello')], ['greeting', ws.path('greeting')]]);
    const first = cleanCollection('hello', ws.path('hello'), undefined);
    expect(first.recordedDeps).toEqual([
      { kind: 'collects', elements: ['greeting', 'main.rkt'] },
      { kind: 'collects', elements: ['racket', 'base.rkt'] },
      { kind: 'absolute', path: '/etc/passwd' },
    ]);
    const deleted = cleanTransitively(first.recordedDeps, ws.root, collections);
    expect(deleted).toEqual([ws.path('greeting/compiled/main_rkt.zo'), ws.path('greeting/compiled/util_rkt.zo')]);
    // No .dep beside it: kept, as raco keeps it.
    expect(existsSync(ws.path('greeting/compiled/lonely_rkt.zo'))).toBe(true);
    expect(existsSync(ws.path('greeting/compiled/info_rkt.zo'))).toBe(true);
  });
});
