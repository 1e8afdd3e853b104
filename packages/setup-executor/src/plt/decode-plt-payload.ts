/**
 * Outer layer of a `.plt` (racket-notes §8.1): base64 text (72-character lines written by
 * `raco pack`) around a gzip stream. Racket's decoder skips any non-base64 byte; this one is
 * strict, because a stray byte means the file was damaged in transit and the gzip CRC would
 * otherwise be the only line of defence.
 */
import { gunzipSync } from 'node:zlib';
import { PltFormatError } from './plt-error.js';

/** Upper bound for the decompressed payload unless the caller raises it. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024;

const BASE64_CHAR = /[A-Za-z0-9+/]/;

/**
 * The gunzipped payload (starting `PLT`) of a `.plt` file's bytes.
 * @throws PltFormatError `RKT_PLT_INVALID` on bad base64 or gzip, or a payload over the limit.
 * @example decodePltPayload(readFileSync('my.plt')).subarray(0, 3).toString() //=> 'PLT'
 */
export function decodePltPayload(text: Uint8Array, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): Buffer {
  const compact = stripBase64(text);
  let gz: Buffer;
  try {
    gz = Buffer.from(compact, 'base64');
  } catch {
    throw new PltFormatError('RKT_PLT_INVALID', 'its base64 text could not be decoded');
  }
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b) {
    throw new PltFormatError('RKT_PLT_INVALID', 'its base64 text does not hold a gzip stream (bad gzip header)');
  }
  try {
    return gunzipSync(gz, { maxOutputLength: maxPayloadBytes });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new PltFormatError('RKT_PLT_INVALID', `its gzip stream is corrupt or truncated (${why})`);
  }
}

/** The base64 characters of `text` (whitespace dropped), after checking alphabet and padding. */
function stripBase64(text: Uint8Array): string {
  let out = '';
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = String.fromCharCode(text[i] ?? 0);
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (ch === '=') {
      padding++;
    } else if (padding > 0 || !BASE64_CHAR.test(ch)) {
      const shown = padding > 0 ? `\`${ch}\` after \`=\` padding` : `\`${JSON.stringify(ch).slice(1, -1)}\``;
      throw new PltFormatError('RKT_PLT_INVALID', `Expected base64 text, got ${shown} at byte ${i}`);
    }
    out += ch;
  }
  if (padding > 2 || out.length % 4 === 1 || (padding > 0 && out.length % 4 !== 0)) {
    throw new PltFormatError('RKT_PLT_INVALID', `Expected base64 text, got ${out.length} characters (truncated or mis-padded)`);
  }
  if (out.length === 0) throw new PltFormatError('RKT_PLT_INVALID', 'the file is empty');
  return out;
}
