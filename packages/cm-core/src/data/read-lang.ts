/**
 * The `#lang NAME` / `#!NAME` line that may start a module file (Racket's `read-lang` in
 * `read/extension.rkt`), for `readLangFile`.
 *
 * Rules (Racket 8.7): exactly one space after `#lang`; the name is ASCII letters, digits,
 * `-`, `+`, `_` and `/`, ends at whitespace or end of file, and neither starts nor ends with `/`.
 * `#!` is the same shorthand without the space (`#!racket/base`), while `#! ` and `#!/` are line
 * comments. All errors are reported at the `#`.
 *
 * `#reader` is not supported: nx-raco never runs reader modules, so a file that picks its reader
 * with `#reader` gets a clear error instead (the info-file evaluator recognises the allowed
 * `#reader` forms before calling the reader).
 */
import { EOF, type Scanner } from './read-scanner.js';
import { isWhitespace } from './read-char-class.js';
import { isLangChar } from './read-dispatch.js';
import type { SrcLoc } from './types.js';

const NAME_CHARS = 'alphanumeric, `-`, `+`, `_`, or `/`';
const HINT = 'Write the language line as `#lang NAME` with one space, e.g. `#lang info`.';

/** The language of a module file. */
export interface LangLine {
  readonly name: string;
  /** Where the name is (Racket resolves the reader module there). */
  readonly loc: SrcLoc;
}

/** Reads `#lang NAME` or `#!NAME` at the cursor if there is one; otherwise leaves the cursor alone. */
export function readLangLine(sc: Scanner): LangLine | undefined {
  const at = sc.i;
  if (sc.peek() !== 0x23) return undefined;
  if (sc.peek(1) === 0x72 && sc.peek(2) === 0x65) {
    return sc.fail('`#reader` is not supported', at, 'nx-raco never runs reader modules; start the file with `#lang NAME` instead.');
  }
  if (sc.peek(1) === 0x21 && isLangChar(sc.peek(2))) {
    sc.i += 2;
    return readLangName(sc, '#!', false, at);
  }
  if (sc.peek(1) !== 0x6c) return undefined;
  let text = '#l';
  sc.i += 2;
  for (const expected of 'ang') {
    const c = sc.next();
    text += c === EOF ? '' : String.fromCodePoint(c);
    if (c !== expected.codePointAt(0)) sc.fail(`bad syntax \`${text}\``, at, HINT);
  }
  if (sc.next() !== 0x20) sc.fail('expected a single space after `#lang`', at, HINT);
  return readLangName(sc, '#lang', true, at);
}

function readLangName(sc: Scanner, who: string, oneSpace: boolean, at: number): LangLine {
  const nameAt = sc.i;
  const start = sc.place(nameAt);
  let name = '';
  for (;;) {
    const c = sc.peek();
    if (c === EOF || (isWhitespace(c) && name !== '')) break;
    if (oneSpace && c === 0x20) sc.fail(`expected a single space after \`${who}\``, at, HINT);
    sc.next();
    if (!isLangChar(c) && c !== 0x2f) {
      sc.fail(`expected only ${NAME_CHARS} characters for \`${who}\`, found \`${String.fromCodePoint(c)}\``, at, HINT);
    }
    name += String.fromCodePoint(c);
  }
  if (name === '') sc.fail(`expected a non-empty sequence of ${NAME_CHARS} after \`${who}${oneSpace ? ' ' : ''}\``, at, HINT);
  if (name.startsWith('/')) sc.fail(`expected a name that does not start \`/\` after \`${who}\``, at, HINT);
  if (name.endsWith('/')) sc.fail(`expected a name that does not end \`/\` after \`${who}\``, at, HINT);
  return { name, loc: sc.locFrom(start) };
}
