/**
 * Racket 8.7 CS's `write` and `display` over the data model, byte for byte: `.dep` files are
 * written with `write` (one line plus a newline the caller adds) and compared textually by
 * `raco make` (`s-exp<?` sorts dependencies by their `~s` text), so any difference in quoting
 * or number formatting changes hashes and orderings.
 *
 * Rules beyond the atoms (see write-number.ts, write-string.ts, write-symbol.ts):
 * - no reader abbreviations: `print-reader-abbreviations` is `#f` by default, so `'a` prints
 *   as `(quote a)`; improper lists `(a b . c)`; vectors `#(…)`; boxes `#&v`;
 * - hashes `#hash((k . v) …)`, `#hasheqv(…)`, `#hasheq(…)`, entries ordered as in
 *   hash-order.ts; prefabs `#s(key field …)` with the key normalised (prefab-key.ts);
 * - regexps `#rx"…"`, `#px"…"`, `#rx#"…"`, `#px#"…"` (also under `display`);
 * - `#t`, `#f`, `#<void>`, `#<path:/x>`, `#<procedure:name>`.
 * `display` prints strings, characters, byte strings, symbols and keywords raw, paths as their
 * text, and everything else as `write` does, recursively.
 *
 * Fragile: `display` of a byte string returns text, so bytes that are not UTF-8 become U+FFFD
 * (Racket writes the raw bytes). Mixed-key hashes cannot follow Racket's internal order.
 */
import { orderEntriesForWrite } from './hash-order.js';
import { normalizePrefabKey } from './prefab-key.js';
import type { RacketValue } from './types.js';
import { writeFlonum, writeRational } from './write-number.js';
import { writeBytes, writeChar, writeString } from './write-string.js';
import { writeKeyword, writeSymbol } from './write-symbol.js';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Prints one atom (anything but a list, vector, box, hash or prefab) as `write` or `display`
 * would. Shared with the pretty printer.
 * @internal
 */
export function writeAtom(value: RacketValue, display: boolean): string {
  switch (value.kind) {
    case 'symbol':
      return display ? value.name : writeSymbol(value.name);
    case 'keyword':
      return display ? `#:${value.name}` : writeKeyword(value.name);
    case 'string':
      return display ? value.value : writeString(value.value);
    case 'bytes':
      return display ? utf8.decode(value.value) : writeBytes(value.value);
    case 'char':
      return display ? value.value : writeChar(value.value);
    case 'integer':
      return value.value.toString();
    case 'rational':
      return writeRational(value.numerator, value.denominator);
    case 'flonum':
      return writeFlonum(value.value);
    case 'boolean':
      return value.value ? '#t' : '#f';
    case 'regexp': {
      const prefix = value.pregexp ? '#px' : '#rx';
      const source = value.source;
      return source.kind === 'string' ? prefix + writeString(source.value) : prefix + writeBytes(source.value);
    }
    case 'path':
      return display ? value.value : `#<path:${value.value}>`;
    case 'void':
      return '#<void>';
    case 'procedure':
      return `#<procedure:${value.name}>`;
    case 'list':
    case 'vector':
    case 'box':
    case 'hash':
    case 'prefab':
      throw new Error(`writeAtom: ${value.kind} is not an atom. This is a bug in @nx-raco/cm-core.`);
    default:
      return value satisfies never;
  }
}

/** The `#hash`/`#hasheqv`/`#hasheq` prefix of a hash literal. */
export function hashPrefix(equiv: 'equal' | 'eqv' | 'eq'): string {
  return equiv === 'equal' ? '#hash' : equiv === 'eqv' ? '#hasheqv' : '#hasheq';
}

function print(value: RacketValue, display: boolean, out: string[]): void {
  switch (value.kind) {
    case 'list': {
      out.push('(');
      value.items.forEach((item, i) => {
        if (i > 0) out.push(' ');
        print(item, display, out);
      });
      if (value.tail !== undefined) {
        out.push(' . ');
        print(value.tail, display, out);
      }
      out.push(')');
      return;
    }
    case 'vector':
      out.push('#');
      print({ kind: 'list', items: value.items }, display, out);
      return;
    case 'box':
      out.push('#&');
      print(value.value, display, out);
      return;
    case 'prefab':
      out.push('#s');
      print({ kind: 'list', items: [normalizePrefabKey(value.key), ...value.fields] }, display, out);
      return;
    case 'hash': {
      out.push(hashPrefix(value.equiv), '(');
      orderEntriesForWrite(value.entries).forEach(([k, v], i) => {
        out.push(i > 0 ? ' (' : '(');
        print(k, display, out);
        out.push(' . ');
        print(v, display, out);
        out.push(')');
      });
      out.push(')');
      return;
    }
    default:
      out.push(writeAtom(value, display));
  }
}

/**
 * Racket's `write`: the text `(write value)` prints, without a trailing newline.
 * @param value any value of the data model
 * @example writeValue(makeList([str('8.7'), sym('ta6le')])) //=> '("8.7" ta6le)'
 * @example writeValue(bytes(Uint8Array.of(0, 49, 1, 50))) //=> '#"\\0001\\0012"'
 */
export function writeValue(value: RacketValue): string {
  const out: string[] = [];
  print(value, false, out);
  return out.join('');
}

/**
 * Racket's `display`: the text `(display value)` prints.
 * @param value any value of the data model
 * @example displayValue(makeList([str('a b'), sym('c d')])) //=> '(a b c d)'
 */
export function displayValue(value: RacketValue): string {
  const out: string[] = [];
  print(value, true, out);
  return out.join('');
}
