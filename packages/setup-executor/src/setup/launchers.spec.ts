import { evaluateInfo } from '@nx-raco/cm-core';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { LauncherInfoError, LauncherNameError } from './launcher-errors.js';
import { listDeclaredLauncherFiles, listProjectCollections, planLaunchers } from './launchers.js';

function info(body: string) {
  return evaluateInfo(`#lang info\n${body}`, 'coll/info.rkt');
}

/**
 * Columns: info.rkt body, launchers as `kind file-name flags…`, warnings. Warning texts are
 * raco's (setup-core.rkt:1534-1538, 1654-1662), as observed in create-launchers.spec.ts.
 */
const PLANS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['', [], []],
  [`(define racket-launcher-names '())`, [], []],
  [`(define racket-launcher-names '("hello")) (define racket-launcher-libraries '("main.rkt"))`, ['racket hello -l- coll/main.rkt'], []],
  [`(define racket-launcher-names '("My Tool")) (define racket-launcher-libraries '("tool/run.rkt"))`, ['racket my-tool -l- coll/tool/run.rkt'], []],
  [`(define racket-launcher-names '("x")) (define racket-launcher-flags '(("-e" "(display 1)")))`, ['racket x -e (display 1)'], []],
  // Flags win over libraries.
  [
    `(define racket-launcher-names '("x" "y")) (define racket-launcher-libraries '("a.rkt" "b.rkt")) (define racket-launcher-flags '(("-l" "z") ("-l" "w")))`,
    ['racket x -l z', 'racket y -l w'],
    [],
  ],
  [`(define racket-launcher-names '("x"))`, [], ['console launcher name list ("x") has no matching library/flags lists']],
  [`(define racket-launcher-names '("x")) (define racket-launcher-libraries #f)`, [], ['console launcher name list ("x") has no matching library/flags lists']],
  [
    `(define racket-launcher-names '("a" "b")) (define racket-launcher-libraries '("main.rkt"))`,
    [],
    [`console launcher name list ("a" "b") doesn't match library list; ("main.rkt")`],
  ],
  [
    `(define racket-launcher-names '("a")) (define racket-launcher-libraries '("main.rkt")) (define racket-launcher-flags '(("-l") ("-l")))`,
    [],
    [`console launcher name list ("a") doesn't match flags list; (("-l") ("-l"))`],
  ],
  [`(define gracket-launcher-names '("m"))`, [], ['gui launcher name list ("m") has no matching library/flags lists']],
  // raco's order: gracket, mred, racket, mzscheme.
  [
    `(define mzscheme-launcher-names '("z")) (define mzscheme-launcher-libraries '("z.rkt"))
     (define racket-launcher-names '("r")) (define racket-launcher-libraries '("r.rkt"))
     (define mred-launcher-names '("m")) (define mred-launcher-libraries '("m.rkt"))
     (define gracket-launcher-names '("g")) (define gracket-launcher-libraries '("g.rkt"))`,
    ['gracket g -l- coll/g.rkt', 'mred m -l- coll/m.rkt', 'racket r -l- coll/r.rkt', 'mzscheme z -l- coll/z.rkt'],
    [],
  ],
];

describe('setup/launchers', () => {
  it('plans launchers and warnings as raco setup does', () => {
    for (const [body, launchers, warnings] of PLANS) {
      const plan = planLaunchers(info(body), ['coll']);
      expect(
        plan.launchers.map((l) => [l.kind, l.fileName, ...l.flags].join(' ')),
        body,
      ).toEqual(launchers);
      expect(plan.warnings, body).toEqual(warnings);
    }
  });

  it('prefixes the library with every element of the collection path', () => {
    const plan = planLaunchers(info(`(define racket-launcher-names '("x")) (define racket-launcher-libraries '("main.rkt"))`), ['a', 'b']);
    expect(plan.launchers[0]!.flags).toEqual(['-l-', 'a/b/main.rkt']);
  });

  it('plans nothing without an info.rkt', () => {
    expect(planLaunchers(undefined, ['coll'])).toEqual({ launchers: [], warnings: [] });
  });

  it("rejects launcher fields of the wrong shape with raco's wording", () => {
    /** Columns: info.rkt body, message. */
    const table: [string, string][] = [
      [`(define racket-launcher-names '("a" 5))`, `coll/info.rkt: racket-launcher-names: result is not a list of relative path strings: '("a" 5); fix the field.`],
      [`(define racket-launcher-names "a")`, 'coll/info.rkt: racket-launcher-names: result is not a list of relative path strings: "a"; fix the field.'],
      [`(define racket-launcher-names '("/abs"))`, `coll/info.rkt: racket-launcher-names: result is not a list of relative path strings: '("/abs"); fix the field.`],
      [`(define racket-launcher-names '("")) (define racket-launcher-libraries '("x"))`, `coll/info.rkt: racket-launcher-names: result is not a list of relative path strings: '(""); fix the field.`],
      [`(define gracket-launcher-libraries '(x))`, `coll/info.rkt: gracket-launcher-libraries: result is not a list of relative path strings: '(x); fix the field.`],
      [`(define mred-launcher-flags '("-l" "x"))`, `coll/info.rkt: mred-launcher-flags: result is not a list of strings: '("-l" "x"); fix the field.`],
    ];
    for (const [body, message] of table) {
      expect(() => planLaunchers(info(body), ['coll']), body).toThrow(new LauncherInfoError(message));
    }
  });

  it('refuses names that are not plain file names, before planning anything', () => {
    const body = `(define racket-launcher-names '("ok" "../evil")) (define racket-launcher-libraries '("a.rkt" "b.rkt"))`;
    expect(() => planLaunchers(info(body), ['coll'])).toThrow(LauncherNameError);
    expect(() => planLaunchers(info(`(define racket-launcher-names '("a/b")) (define racket-launcher-flags '(()))`), ['coll'])).toThrow(
      'coll/info.rkt: racket-launcher-names: Expected a launcher name without "/" or "..", got "a/b" (string).',
    );
  });

  it('lists the collections of single and multi projects', () => {
    expect(listProjectCollections('/ws/hello', { kind: 'single', collections: ['hello'] })).toEqual([{ name: 'hello', dir: '/ws/hello' }]);
    expect(listProjectCollections('/ws/hello', undefined)).toEqual([{ name: 'hello', dir: '/ws/hello' }]);
    expect(listProjectCollections('/ws/pkg', { kind: 'multi', collections: ['a', 'b'] })).toEqual([
      { name: 'a', dir: '/ws/pkg/a' },
      { name: 'b', dir: '/ws/pkg/b' },
    ]);
  });

  it('lists declared launcher files for the outputs, ignoring bad collections', () => {
    const ws = createTempWorkspace({
      'pkg/info.rkt': "#lang info\n(define collection 'multi)\n",
      'pkg/a/info.rkt': `#lang info\n(define racket-launcher-names '("Tool A" "zed")) (define racket-launcher-libraries '("a.rkt" "z.rkt"))\n`,
      'pkg/b/info.rkt': `#lang info\n(define racket-launcher-names '("../b")) (define racket-launcher-libraries '("b.rkt"))\n`,
      'pkg/c/info.rkt': '#lang info\n(define racket-launcher-names\n',
    });
    expect(listDeclaredLauncherFiles(ws.path('pkg'), { kind: 'multi', collections: ['a', 'b', 'c', 'd'] })).toEqual(['tool-a', 'zed']);
  });
});
