import { describe, expect, it } from 'vitest';
import { listSetupCollections } from '../setup-command/collection-files.js';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { compareDocTargets, listDocTargets } from './doc-target.js';

describe('docs/doc-target', () => {
  it('lists documents in (order hint, name) order with their destinations', () => {
    const ws = createTempWorkspace({
      'a/info.rkt': `#lang info\n(define scribblings '(("z.scrbl" (main-doc)) ("scribblings/m.scrbl" (multi-page user-doc) (tool) "guide") ("first.scrbl" () (library) #f 1 -1)))\n`,
      'a/sub/info.rkt': `#lang info\n(define scribblings '(("s.scrbl" (user-doc-root))))\n`,
    });
    const ccs = listSetupCollections([{ name: 'a', dir: ws.path('a') }], [], { noDocs: false });
    const { targets, errors } = listDocTargets(ccs, ws.root);
    expect(errors).toEqual([]);
    expect(targets.map((t) => [t.id, t.collection, t.srcPath.slice(ws.root.length)])).toEqual([
      ['a/doc/first', 'a', '/a/first.scrbl'],
      ['a/doc/guide', 'a', '/a/scribblings/m.scrbl'],
      ['a/sub/doc/s', 'a/sub', '/a/sub/s.scrbl'],
      ['a/doc/z', 'a', '/a/z.scrbl'],
    ]);
    expect(targets[1]!.destDir).toBe(ws.path('a/doc/guide'));
  });

  it('reports a bad field or a name clash per collection and keeps the others', () => {
    const ws = createTempWorkspace({
      'bad/info.rkt': `#lang info\n(define scribblings '(("x.scrbl" (nope))))\n`,
      'twice/info.rkt': `#lang info\n(define scribblings '(("a.scrbl") ("b.scrbl" () (library) "a")))\n`,
      'ok/info.rkt': `#lang info\n(define scribblings '(("ok.scrbl")))\n`,
    });
    const ccs = ['bad', 'twice', 'ok'].flatMap((name) => listSetupCollections([{ name, dir: ws.path(name) }], [], { noDocs: false }));
    const { targets, errors } = listDocTargets(ccs, ws.root);
    expect(targets.map((t) => t.id)).toEqual(['twice/doc/a', 'ok/doc/ok']);
    expect(errors.map((e) => [e.collection, e.during])).toEqual([[ws.path('bad'), 'building docs'], [ws.path('twice'), 'building docs']]);
    expect(errors[1]!.message).toBe(`${ws.path('twice/info.rkt')}: documents a.scrbl and b.scrbl are both named \`a\`; give one of them another name (the fourth element of its scribblings entry).`);
  });

  it('orders like raco doc<?', () => {
    const t = (name: string, orderHint: number) => ({ name, orderHint, id: name }) as Parameters<typeof compareDocTargets>[0];
    expect([t('b', 0), t('a', 0), t('z', -10), t('B', 0)].sort(compareDocTargets).map((x) => x.name)).toEqual(['z', 'B', 'a', 'b']);
  });
});
