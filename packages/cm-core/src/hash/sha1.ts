/**
 * SHA-1 as Racket's CM uses it: lowercase hex of the raw bytes (`(call-with-input-file p sha1)`),
 * for sources, compiled files and the combined dependency string.
 *
 * `crypto.hash` (Node ≥ 20.12) is a one-shot hash without a Hash object; `createHash` is the
 * fallback for older runtimes.
 */
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';

type OneShotHash = (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string;
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;

/**
 * Lowercase hex SHA-1 of `data` (a string is hashed as UTF-8, as Racket hashes `write` output).
 * @example sha1Hex('()') //=> 'f9065fa7389750e16fe00d7ba36748f61d3e0df6'
 */
export function sha1Hex(data: string | Uint8Array): string {
  return oneShot ? oneShot('sha1', data, 'hex') : crypto.createHash('sha1').update(data).digest('hex');
}

/** SHA-1 of a file's bytes, or `undefined` when it cannot be read (Racket: `#f`). */
export function fileSha1(path: string): string | undefined {
  try {
    return sha1Hex(readFileSync(path));
  } catch {
    return undefined;
  }
}
