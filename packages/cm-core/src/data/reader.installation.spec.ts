/**
 * Reads the whole installed Racket: every compiled `.dep` record under /usr/lib/racket/compiled
 * (4,779 in Debian's Racket 8.7), the installation's links.rktd and every info.rkt under
 * /usr/share/racket (397). Each must read without error, each `.dep` must have the shape of
 * racket-notes §1.1, and reading all `.dep` files must be fast.
 *
 * Skipped, with a visible reason in the test name, where that installation is absent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAll, readLangFile } from './reader.js';
import type { RacketValue } from './types.js';

const COMPILED = '/usr/lib/racket/compiled';
const SHARE = '/usr/share/racket';
const present = existsSync(COMPILED) && existsSync(SHARE);

function filesNamed(root: string, test: (name: string) => boolean): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((rel) => test(rel.split('/').pop()!))
    .map((rel) => join(root, rel))
    .sort();
}

const SHA1 = /^[0-9a-f]{40}$/;
const isSha1 = (v: RacketValue | undefined): boolean => v?.kind === 'string' && SHA1.test(v.value);

/** Why `v` is not a `.dep` record as racket-notes §1.1 describes it, or `undefined`. */
function depShapeProblem(v: RacketValue): string | undefined {
  if (v.kind !== 'list' || v.tail !== undefined || v.items.length < 3) return 'not a proper list of at least 3 elements';
  const [version, machine, hashes, ...deps] = v.items as [RacketValue, RacketValue, RacketValue, ...RacketValue[]];
  if (version.kind !== 'string') return 'version is not a string';
  if (machine.kind !== 'symbol' && !(machine.kind === 'boolean' && !machine.value)) return 'machine is neither a symbol nor #f';
  if (hashes.kind !== 'list' || hashes.tail === undefined || !isSha1(hashes.tail)) return 'hashes are not (SRC . IMPORTS) or (SRC IMPORTS . ASSUME)';
  if (!(hashes.items.length === 1 || hashes.items.length === 2) || !hashes.items.every(isSha1)) return 'bad SHA-1 hashes';
  for (const dep of deps) {
    if (dep.kind === 'bytes') continue;
    const head = dep.kind === 'list' ? dep.items[0] : undefined;
    if (head?.kind !== 'symbol' || !['collects', 'ext', 'indirect'].includes(head.name)) return `bad dependency ${dep.kind}`;
  }
  return undefined;
}

describe.skipIf(!present)(`data/reader on the installed Racket${present ? '' : ' (skipped: no Racket installation under /usr)'}`, () => {
  it('reads every .dep file, each with the documented shape, well under a second', () => {
    const files = filesNamed(COMPILED, (n) => n.endsWith('.dep'));
    expect(files.length).toBeGreaterThanOrEqual(4_779);
    const contents = files.map((f) => readFileSync(f));
    const started = performance.now();
    const records = contents.map((bytes, k) => readAll(bytes, { source: files[k], who: 'read' }));
    const elapsed = performance.now() - started;
    const problems = records.flatMap((data, k) => {
      if (data.length !== 1) return [`${files[k]}: ${data.length} data`];
      const problem = depShapeProblem(data[0]!);
      return problem === undefined ? [] : [`${files[k]}: ${problem}`];
    });
    expect(problems).toEqual([]);
    // Typically 200–550 ms (all 4,779 trees kept alive); the margin absorbs a loaded CI machine.
    expect(elapsed).toBeLessThan(1_500);
  });

  it('reads links.rktd', () => {
    const [links, more] = readAll(readFileSync(join(SHARE, 'links.rktd')), { source: 'links.rktd', who: 'read' });
    expect(more).toBeUndefined();
    expect(links?.kind).toBe('list');
  });

  it('reads every info.rkt: `#lang info`, `#lang setup/infotab` or one `(module info …)` form', () => {
    const files = filesNamed(SHARE, (n) => n === 'info.rkt');
    expect(files.length).toBeGreaterThanOrEqual(397);
    const langs = new Map<string, number>();
    for (const file of files) {
      const { lang, forms } = readLangFile(readFileSync(file), { source: file });
      const key = lang?.name ?? (forms.length === 1 && forms[0]!.kind === 'list' ? 'module form' : `${forms.length} forms`);
      langs.set(key, (langs.get(key) ?? 0) + 1);
    }
    expect([...langs.keys()].sort()).toEqual(['info', 'module form', 'setup/infotab']);
  });
});
