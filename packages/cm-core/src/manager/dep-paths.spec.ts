import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCollectionResolver } from '../collects/find-collection.js';
import { readFirst } from '../data/reader.js';
import { decodeDepEntry, type DepEntry } from '../dep/dep-record.js';
import { findRacket, hasRacket } from '../testing/racket-available.js';
import { useTmpTree } from '../testing/fixtures/manager-fixtures.js';
import { collectionFilePath, createDepPathResolver } from './dep-paths.js';

const COLLECTS = '/usr/share/racket/collects';
const PKGS = '/usr/share/racket/pkgs';
const installed = existsSync(`${COLLECTS}/racket/base.rkt`);

/** The environment without a PLTCOLLECTS that would change the search path. */
function baseEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const { PLTCOLLECTS: _ignored, ...env } = process.env;
  return { ...env, ...extra };
}

function entry(text: string): DepEntry {
  const decoded = decodeDepEntry(readFirst(text, { source: 'spec', who: 'read' })!.value);
  if (decoded === undefined) throw new Error(`not a dep entry: ${text}`);
  return decoded;
}

describe('cm-core/manager/dep-paths', () => {
  describe.skipIf(!installed)('collectionFilePath in the installation', () => {
    const resolver = createCollectionResolver({ env: baseEnv() });

    it('finds racket/base.rkt in the main collects', () => {
      expect(collectionFilePath(resolver, ['racket'], 'base.rkt')).toBe(`${COLLECTS}/racket/base.rkt`);
      expect(collectionFilePath(resolver, ['racket', 'private'], 'base.rkt')).toBe(`${COLLECTS}/racket/private/base.rkt`);
    });

    it('finds a file of the split `data` collection in a later place that holds it', () => {
      // `data` exists in the main collects (queue.rkt …), data-lib and data-enumerate-lib.
      expect(resolver.find(['data'])).toBe(`${COLLECTS}/data`);
      expect(collectionFilePath(resolver, ['data'], 'queue.rkt')).toBe(`${COLLECTS}/data/queue.rkt`);
      expect(collectionFilePath(resolver, ['data'], 'gvector.rkt')).toBe(`${PKGS}/data-lib/data/gvector.rkt`);
      expect(collectionFilePath(resolver, ['data'], 'enumerate.rkt')).toBe(`${PKGS}/data-enumerate-lib/data/enumerate.rkt`);
    });

    it('falls back to the first directory of the collection when no place has the file', () => {
      expect(collectionFilePath(resolver, ['data'], 'no-such-file.rkt')).toBe(`${COLLECTS}/data/no-such-file.rkt`);
    });

    it.skipIf(!hasRacket())('agrees with racket collection-file-path', () => {
      const cases: [string[], string][] = [
        [['racket'], 'base.rkt'],
        [['data'], 'gvector.rkt'],
        [['data'], 'enumerate.rkt'],
        [['data'], 'no-such-file.rkt'],
        [['racket', 'private'], 'list.rkt'],
      ];
      const program = cases.map(([coll, file]) => `(displayln (collection-file-path ${JSON.stringify(file)} ${coll.map((c) => JSON.stringify(c)).join(' ')}))`).join(' ');
      const racket = execFileSync(findRacket()!, ['-e', program], { encoding: 'utf8', env: baseEnv() as NodeJS.ProcessEnv });
      expect(cases.map(([coll, file]) => collectionFilePath(resolver, coll, file))).toEqual(racket.trimEnd().split('\n'));
    });
  });

  describe('collectionFilePath over PLTCOLLECTS', () => {
    it('takes the first place that has the file or its .ss twin, else the first place of the collection', () => {
      const tree = useTmpTree({ 'c1/mycoll/a.rkt': '', 'c2/mycoll/a.rkt': '', 'c2/mycoll/b.rkt': '', 'c2/mycoll/old.ss': '' });
      const resolver = createCollectionResolver({ env: baseEnv({ PLTCOLLECTS: `${tree.path('c1')}:${tree.path('c2')}:` }) });
      expect(collectionFilePath(resolver, ['mycoll'], 'a.rkt')).toBe(tree.path('c1/mycoll/a.rkt'));
      expect(collectionFilePath(resolver, ['mycoll'], 'b.rkt')).toBe(tree.path('c2/mycoll/b.rkt'));
      expect(collectionFilePath(resolver, ['mycoll'], 'old.rkt')).toBe(tree.path('c2/mycoll/old.rkt'));
      expect(collectionFilePath(resolver, ['mycoll'], 'none.rkt')).toBe(tree.path('c1/mycoll/none.rkt'));
    });

    it('uses the first collection path when the collection does not exist at all', () => {
      const tree = useTmpTree({ 'c1/other/x.rkt': '' });
      const resolver = createCollectionResolver({ env: baseEnv({ PLTCOLLECTS: `${tree.path('c1')}:` }) });
      expect(collectionFilePath(resolver, ['nocoll', 'sub'], 'x.rkt')).toBe(tree.path('c1/nocoll/sub/x.rkt'));
    });

    it('accepts a place that has only the compiled form of the file, as Racket does', () => {
      const tree = useTmpTree({ 'c1/mycoll/compiled/z_rkt.zo': '#~', 'c2/mycoll/z.rkt': '' });
      const resolver = createCollectionResolver({ env: baseEnv({ PLTCOLLECTS: `${tree.path('c1')}:${tree.path('c2')}:` }) });
      expect(collectionFilePath(resolver, ['mycoll'], 'z.rkt')).toBe(tree.path('c1/mycoll/z.rkt'));
    });
  });

  describe('createDepPathResolver', () => {
    it('returns absolute entries unchanged, for modules and external files alike', () => {
      const resolve = createDepPathResolver(createCollectionResolver({ env: baseEnv() }));
      expect(resolve(entry('#"/ex/cmtest/b.rkt"'))).toBe('/ex/cmtest/b.rkt');
      expect(resolve(entry('(ext . #"/ex/cmtest/data.rktd")'))).toBe('/ex/cmtest/data.rktd');
      expect(resolve(entry('(indirect . #"/ex/cmind/mod2.rkt")'))).toBe('/ex/cmind/mod2.rkt');
    });

    it.skipIf(!installed)('resolves collects entries, with or without ext/indirect', () => {
      const resolve = createDepPathResolver(createCollectionResolver({ env: baseEnv() }));
      expect(resolve(entry('(collects #"racket" #"base.rkt")'))).toBe(`${COLLECTS}/racket/base.rkt`);
      expect(resolve(entry('(indirect collects #"racket" #"match" #"gen-match.rkt")'))).toBe(`${COLLECTS}/racket/match/gen-match.rkt`);
      expect(resolve(entry('(ext collects #"srfi" #"25" #"arlib.scm")'))).toBe(`${PKGS}/srfi-lib/srfi/25/arlib.scm`);
    });

    it('caches each collects entry for the resolver\'s lifetime', () => {
      const tree = useTmpTree({ 'c1/mycoll/keep': '', 'c2/mycoll/a.rkt': '' });
      const collections = createCollectionResolver({ env: baseEnv({ PLTCOLLECTS: `${tree.path('c1')}:${tree.path('c2')}:` }) });
      const resolve = createDepPathResolver(collections);
      const a = entry('(collects #"mycoll" #"a.rkt")');
      expect(resolve(a)).toBe(tree.path('c2/mycoll/a.rkt'));
      tree.write('c1/mycoll/a.rkt', '');
      expect(resolve(a)).toBe(tree.path('c2/mycoll/a.rkt'));
      expect(resolve(entry('(indirect collects #"mycoll" #"a.rkt")'))).toBe(tree.path('c2/mycoll/a.rkt'));
      expect(createDepPathResolver(collections)(a)).toBe(tree.path('c1/mycoll/a.rkt'));
    });
  });
});
