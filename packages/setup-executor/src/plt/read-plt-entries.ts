/**
 * The entry stream after the unit S-expression (racket-notes §8.1 item 4, `unpack.rkt`
 * `unmztar`): `dir PATH`, or `file|file-replace PATH SIZE` then whitespace, `*`, and exactly SIZE
 * raw bytes. The data are returned as views into the payload, so nothing is copied and nothing
 * is written here: the caller sees every entry, fully checked, before touching the disk.
 */
import { PltFormatError } from './plt-error.js';
import { isSexpWhitespace, isSymbol, readSexp, showSexp, type Sexp } from './read-sexp.js';

/** One entry; `path` is the archive's path list with `'same` elements dropped. */
export type PltEntry =
  | { readonly kind: 'dir'; readonly path: readonly string[] }
  | { readonly kind: 'file' | 'file-replace'; readonly path: readonly string[]; readonly data: Uint8Array };

/**
 * Reads all entries from `payload` starting at `pos`.
 * @throws PltFormatError `RKT_PLT_INVALID` on an unknown tag, a malformed path or size, a
 *   missing `*`, or data shorter than declared.
 * @example readPltEntries(Buffer.from('dir\n("c")\nfile\n("c" "a")\n2\n*hi'), 0).length //=> 2
 */
export function readPltEntries(payload: Uint8Array, pos: number): PltEntry[] {
  const entries: PltEntry[] = [];
  let p = pos;
  for (;;) {
    const tag = readSexp(payload, p);
    if (tag === undefined) return entries;
    const kind = isSymbol(tag.value) ? tag.value.symbol : undefined;
    if (kind !== 'dir' && kind !== 'file' && kind !== 'file-replace') {
      throw new PltFormatError('RKT_PLT_INVALID', `it has an unknown file tag \`${showSexp(tag.value)}\` (Expected dir, file or file-replace)`);
    }
    const pathDatum = readSexp(payload, tag.end);
    const path = toPathList(pathDatum?.value, kind);
    p = pathDatum?.end ?? payload.length;
    if (kind === 'dir') {
      entries.push({ kind, path });
      continue;
    }
    const shown = path.join('/');
    if (path.length === 0) throw new PltFormatError('RKT_PLT_INVALID', `it has a ${kind} entry with an empty path`);
    const size = readSexp(payload, p);
    if (size === undefined || typeof size.value !== 'bigint' || size.value < 0n) {
      throw new PltFormatError('RKT_PLT_INVALID', `Expected a file size for \`${shown}\`, got \`${showSexp(size?.value)}\``);
    }
    p = size.end;
    while (p < payload.length && isSexpWhitespace(payload[p])) p++;
    if (p >= payload.length || payload[p] !== 0x2a) {
      const got = p >= payload.length ? 'end of data' : `\`${String.fromCharCode(payload[p] ?? 0)}\``;
      throw new PltFormatError('RKT_PLT_INVALID', `Expected \`*\` before the data of \`${shown}\`, got ${got} (truncated archive?)`);
    }
    p++;
    const available = BigInt(payload.length - p);
    if (size.value > available) {
      throw new PltFormatError('RKT_PLT_INVALID', `the data of \`${shown}\` is shorter than declared (${available} of ${size.value} bytes; truncated archive)`);
    }
    const end = p + Number(size.value);
    entries.push({ kind, path, data: payload.subarray(p, end) });
    p = end;
  }
}

/** The string elements of an entry path; checks of the elements' safety come later. */
function toPathList(v: Sexp | undefined, kind: string): string[] {
  if (!Array.isArray(v)) {
    throw new PltFormatError('RKT_PLT_INVALID', `Expected a list of path strings after \`${kind}\`, got \`${showSexp(v)}\``);
  }
  const out: string[] = [];
  for (const el of v as readonly Sexp[]) {
    if (isSymbol(el, 'same')) continue;
    if (typeof el !== 'string') {
      throw new PltFormatError('RKT_PLT_INVALID', `Expected a list of path strings after \`${kind}\`, got \`${showSexp(v)}\``);
    }
    out.push(el);
  }
  return out;
}
