import { describe, expect, it } from 'vitest';
import type { DocStamp } from './doc-stamp.js';
import type { DocFlag } from './scribblings-entry.js';
import { decideOwnRebuild, findTriggeredRebuilds, type DocFacts } from './rebuild-decision.js';

const ENTRY = { src: 'a.scrbl', flags: [], name: 'a', outCount: 1, upLink: '../../../doc/index.html' };
const STAMP: DocStamp = { racket: '8.7 chez-scheme', entry: ENTRY, source: 'src', title: 'A', refs: { 'b/doc/b': 'hb' }, undefined: ['(t u)'] };
const FACTS: DocFacts = { racket: '8.7 chez-scheme', entry: ENTRY, source: 'src', outputsExist: true, outHash: (id) => ({ 'b/doc/b': 'hb' })[id] };

describe('docs/rebuild-decision', () => {
  // [case, flags, stamp, facts, expected reason]
  const table: [string, DocFlag[], DocStamp | undefined, Partial<DocFacts>, string | undefined][] = [
    ['up to date', [], STAMP, {}, undefined],
    ['no stamp', [], undefined, {}, 'never-built'],
    ['other Racket', [], STAMP, { racket: '8.8 chez-scheme' }, 'racket-changed'],
    ['other flags', [], STAMP, { entry: { ...ENTRY, flags: ['multi-page'] } }, 'entry-changed'],
    ['other out-k', [], STAMP, { entry: { ...ENTRY, outCount: 2 } }, 'entry-changed'],
    ['moved up link', [], STAMP, { entry: { ...ENTRY, upLink: '../x.html' } }, 'entry-changed'],
    ['outputs gone', [], STAMP, { outputsExist: false }, 'output-missing'],
    ['source changed', [], STAMP, { source: 'other' }, 'source-changed'],
    ['no .zo', [], { ...STAMP, source: '' }, { source: '' }, 'source-changed'],
    ['always-run', ['always-run'], STAMP, {}, 'always-run'],
    ['reference changed', [], STAMP, { outHash: () => 'new' }, 'reference-changed'],
    ['reference gone', [], STAMP, { outHash: () => undefined }, 'reference-changed'],
  ];
  it.each(table)('%s', (_name, flags, stamp, facts, expected) => {
    expect(decideOwnRebuild({ flags }, stamp, { ...FACTS, ...facts })).toBe(expected);
  });

  it('triggers references, newly defined tags and depends-all documents', () => {
    const doc = (id: string, flags: DocFlag[] = []) => ({ id, flags });
    const waiting: { target: { id: string; flags: DocFlag[] }; stamp: DocStamp }[] = [
      { target: doc('refs'), stamp: { ...STAMP, refs: { b: 'old' } } },
      { target: doc('undef'), stamp: { ...STAMP, refs: {}, undefined: ['(t u)'] } },
      { target: doc('all', ['depends-all']), stamp: { ...STAMP, refs: {}, undefined: [] } },
      { target: doc('all-main', ['depends-all-main']), stamp: { ...STAMP, refs: {}, undefined: [] } },
      { target: doc('quiet'), stamp: { ...STAMP, refs: {}, undefined: [] } },
    ];
    const outHash = (id: string): string | undefined => (id === 'b' ? 'new' : undefined);
    const built = [{ target: doc('b'), provides: new Set(['(t u)']) }];
    expect(findTriggeredRebuilds(waiting, built, outHash).map((t) => [t.target.id, t.reason])).toEqual([
      ['refs', 'reference-changed'],
      ['undef', 'undefined-tag-defined'],
      ['all', 'depends-all'],
    ]);
  });

  it("does not count 'no-depend-on documents or the document itself for depends-all", () => {
    const all = { id: 'all', flags: ['depends-all'] as DocFlag[] };
    const waiting = [{ target: all, stamp: { ...STAMP, refs: {}, undefined: [] } }];
    expect(findTriggeredRebuilds(waiting, [{ target: { id: 'clock', flags: ['always-run', 'no-depend-on'] }, provides: new Set() }], () => undefined)).toEqual([]);
    expect(findTriggeredRebuilds(waiting, [{ target: all, provides: new Set() }], () => undefined)).toEqual([]);
  });
});
