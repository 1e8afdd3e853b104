import { afterAll, describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { listSetupCollections } from './collection-files.js';
import { reportCopyStep, type CopyStep } from './copy-steps.js';

describe('setup-command/copy-steps', () => {
  const ws = createTempWorkspace(
    {
      'a/info.rkt': '#lang info\n(define copy-man-pages (list "a.1"))\n(define move-foreign-libs (list "liba.so"))\n',
      'b/info.rkt': '#lang info\n(define copy-shared-files (list))\n',
    },
    { suite: true },
  );
  afterAll(() => ws.dispose());
  const ccs = listSetupCollections(['a', 'b'].map((name) => ({ name, dir: ws.path(name) })), [], { noDocs: false });
  const report = (step: CopyStep): string[] => {
    const out: string[] = [];
    reportCopyStep(step, ccs, new Date(2026, 0, 1, 9, 5, 7), { stdout: (text) => out.push(text) });
    return out.join('').replaceAll(ws.root, '<ws>').split('\n').filter((line) => line !== '');
  };

  // step | the WARNING lines after its banner (empty lists ask for nothing)
  const table: [CopyStep, string[]][] = [
    ['foreign libraries', ['move-foreign-libs']],
    ['shared files', []],
    ['man pages', ['copy-man-pages']],
  ];
  it.each(table)('installing %s: raco\'s banner, then a WARNING for %j', (step, fields) => {
    const lines = report(step);
    expect(lines[0]).toBe(`nx-raco setup: ${`--- installing ${step} ---`.padEnd(55)}[9:05:07]`);
    expect(lines.slice(1)).toEqual(
      fields.map((field) => `nx-raco setup: WARNING: <ws>/a/info.rkt: ${field} is not supported; nothing was installed (nx-raco writes only inside the workspace, and Racket's ${step} directories are not).`),
    );
  });
});
