/**
 * The combined dependency hash recorded as IMPORTS in a `.dep` file (`get-dep-sha1s`,
 * `cm-minimal.rkt:881-919`, notes §2.4).
 *
 * For each dep `d` (in `.dep` order) there is a hash string `H(d)`: for a module, the SHA-1 of its
 * `.zo` (or its recorded ASSUME hash) concatenated with its own IMPORTS hash — 80 hex digits — or
 * `""` without a `.zo`; for an `ext` file, the SHA-1 of the file. Racket conses the pairs
 * `(H . d)` while folding (so the list is in *reverse* dep order), sorts it with a *stable* sort on
 * `H` using `string<?`, `write`s it and hashes the UTF-8 bytes of that text.
 *
 * Fragile: the reverse-then-stable-sort order only matters when two deps have the same `H`
 * (e.g. two missing `.zo`s both `""`), but then it decides the result, so it is kept exactly.
 */
import type { RacketValue } from '../data/types.js';
import { makeList, str } from '../data/values.js';
import { writeValue } from '../data/writer.js';
import { sha1Hex } from './sha1.js';

export interface DepHash {
  /** `H(d)`: 80 hex digits for a compiled module, 40 for an external file or source fallback, `""` for none. */
  readonly hash: string;
  /** The dep entry exactly as written in the `.dep` file. */
  readonly dep: RacketValue;
}

/** The text whose SHA-1 is the combined hash; exposed so traces and tests can show it. */
export function formatCombinedHashInput(hashes: readonly DepHash[]): string {
  const pairs = [...hashes].reverse();
  pairs.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)); // stable since ES2019
  return writeValue(makeList(pairs.map((p) => makeList([str(p.hash)], p.dep))));
}

/**
 * The IMPORTS hash for a module whose deps hash to `hashes` (in `.dep` order).
 * @example combineDepHashes([]) //=> 'f9065fa7389750e16fe00d7ba36748f61d3e0df6' (SHA-1 of "()")
 */
export function combineDepHashes(hashes: readonly DepHash[]): string {
  return sha1Hex(formatCombinedHashInput(hashes));
}
