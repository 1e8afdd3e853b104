/**
 * Byte-identical round trip of the installed Racket's own files through our reader and writer:
 * every `.dep` (written by `write` plus a newline) and the installation's `links.rktd` (written
 * by `pretty-write`), plus a few other `write`-written data files (info caches, pkgs.rktd).
 * Defaults are the Debian layout; `RACKET_COMPILED_DIR` and
 * `RACKET_LINKS_FILE` point elsewhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRacket } from '../testing/racket-available.js';
import { prettyWriteValue } from './pretty-write.js';
import { readFirst } from './reader.js';
import { writeValue } from './writer.js';

if (!hasRacket()) console.warn('[cm-core] racket is not on PATH: skipping the round trip of installed .dep and links files');

const COMPILED_DIR = process.env.RACKET_COMPILED_DIR ?? '/usr/lib/racket/compiled';
const LINKS_FILE = process.env.RACKET_LINKS_FILE ?? '/usr/share/racket/links.rktd';
/** Other installation files written with `write` plus a newline (hashes, prefabs, byte strings). */
const WRITTEN_FILES = [
  '/usr/share/racket/info-cache.rktd',
  '/usr/share/racket/collects/info-domain/compiled/cache.rktd',
  '/usr/share/racket/pkgs/pkgs.rktd',
  '/usr/share/racket/shares.rktd',
  '/usr/lib/racket/mans.rktd',
  '/usr/lib/racket/system.rktd',
  '/usr/lib/racket/launchers.rktd',
].filter((path) => existsSync(path));

function findDepFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findDepFiles(path));
    else if (entry.name.endsWith('.dep')) found.push(path);
  }
  return found;
}

/** The first difference between two byte strings, for a readable failure. */
function describeMismatch(path: string, expected: Buffer, actual: Buffer): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const around = (b: Buffer): string => JSON.stringify(b.subarray(Math.max(0, i - 30), i + 30).toString('latin1'));
  return `${path} @${i}: expected ${around(expected)}, got ${around(actual)}`;
}

describe.skipIf(!hasRacket())('data/round-trip of installed Racket files', () => {
  it('rewrites every installed .dep byte for byte with writeValue', () => {
    const files = findDepFiles(COMPILED_DIR);
    expect(files.length).toBeGreaterThan(1000);
    const mismatches: string[] = [];
    for (const path of files) {
      const original = readFileSync(path);
      const read = readFirst(original, { who: 'read', source: path });
      const rewritten = Buffer.from(`${read === undefined ? '' : writeValue(read.value)}\n`);
      if (!rewritten.equals(original)) mismatches.push(describeMismatch(path, original, rewritten));
    }
    expect(mismatches.slice(0, 10), `${mismatches.length} of ${files.length} .dep files differ`).toEqual([]);
  });

  it('rewrites links.rktd byte for byte with prettyWriteValue', () => {
    const original = readFileSync(LINKS_FILE);
    const read = readFirst(original, { who: 'read', source: LINKS_FILE });
    expect(read).toBeDefined();
    expect(prettyWriteValue(read!.value)).toBe(original.toString('utf8'));
  });

  it.each(WRITTEN_FILES)('rewrites %s byte for byte with writeValue', (path) => {
    const original = readFileSync(path);
    const read = readFirst(original, { who: 'read', source: path });
    const rewritten = Buffer.from(`${read === undefined ? '' : writeValue(read.value)}\n`);
    expect(rewritten.equals(original), describeMismatch(path, original, rewritten)).toBe(true);
  });
});
