/**
 * What a datum starts with: one character, or `#` and what follows (Racket's `read-dispatch`).
 * Returns either a finished atom or an instruction to open a compound datum, which the datum
 * reader (`read-datum.ts`) turns into a stack frame — no recursion here.
 *
 * Syntax that Racket reads but the data model cannot hold is rejected with a clear error:
 * graph labels `#0=`/`#0#`, `#fx(…)`/`#fl(…)`, `#hashalw(…)` (besides complex numbers and
 * extflonums in `read-number.ts`). `#lang`, `#!lang` and `#reader` give Racket's "not enabled"
 * errors; `readLangFile` handles a leading `#lang` itself.
 */
import { EOF, type Scanner } from './read-scanner.js';
import { charText, isDelimiter } from './read-char-class.js';
import { readCharacter } from './read-char.js';
import { readByteString, readHereString, readString } from './read-string.js';
import { readSymbolOrNumber } from './read-symbol.js';
import type { RacketHash, RacketValue } from './types.js';

export type DatumStart =
  | { readonly t: 'atom'; readonly value: RacketValue }
  | { readonly t: 'seq'; readonly shape: 'list' | 'vector' | 'prefab'; readonly opener: number; readonly length?: bigint }
  | { readonly t: 'hash'; readonly equiv: RacketHash['equiv']; readonly opener: number }
  | { readonly t: 'quote'; readonly sym: string; readonly desc: string }
  | { readonly t: 'box' }
  | { readonly t: 'case'; readonly fold: boolean };

const NOT_ENABLED_REASON =
  '\n  possible reason: not allowed again inside a module that already starts `#lang`, or not enabled for interactive evaluation';
const UNSUPPORTED_HINT = 'Racket reads this, but nx-raco\'s reader does not support it; .dep, .rktd and info.rkt files never contain it.';
const LANG_HINT = '`#lang` is only allowed at the start of a module file (use `readLangFile`).';

const isOpener = (c: number): boolean => c === 0x28 || c === 0x5b || c === 0x7b;

/** ASCII letters, digits, `-`, `+`, `_`: what may follow `#!` in a `#!lang` line. */
export function isLangChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x5f;
}

/** Reads or opens the datum at the cursor (not a closer, not EOF, not `#;`). */
export function readDatumStart(sc: Scanner, fold: boolean): DatumStart {
  const at = sc.i;
  const c = sc.next();
  switch (c) {
    case 0x28:
    case 0x5b:
    case 0x7b:
      return { t: 'seq', shape: 'list', opener: c };
    case 0x22:
      return { t: 'atom', value: { kind: 'string', value: readString(sc, at) } };
    case 0x27:
      return { t: 'quote', sym: 'quote', desc: 'quoting "\'"' };
    case 0x60:
      return { t: 'quote', sym: 'quasiquote', desc: 'quasiquoting "`"' };
    case 0x2c:
      if (sc.peek() === 0x40) {
        sc.next();
        return { t: 'quote', sym: 'unquote-splicing', desc: 'unquoting `,@`' };
      }
      return { t: 'quote', sym: 'unquote', desc: 'unquoting `,`' };
    case 0x23:
      return readDispatch(sc, at, fold);
    default:
      sc.i = at;
      return { t: 'atom', value: readSymbolOrNumber(sc, { at, mode: c === 0x7c ? 'symbol' : 'symbol-or-number', fold }) };
  }
}

function readDispatch(sc: Scanner, at: number, fold: boolean): DatumStart {
  const c = sc.next();
  const badSyntax = (text: string): never => sc.fail(`bad syntax \`${text}\``, at);
  const unsupported = (what: string): never => sc.fail(`${what} not supported`, at, UNSUPPORTED_HINT);
  if (c === EOF) badSyntax('#');
  if (c >= 0x30 && c <= 0x39) return readVectorOrGraph(sc, at, c);
  if (isOpener(c)) return { t: 'seq', shape: 'vector', opener: c };
  switch (String.fromCodePoint(c)) {
    case 's': {
      const o = sc.next();
      if (!isOpener(o)) sc.fail('expected `(`, `[`, or `{` after `#s`', at);
      return { t: 'seq', shape: 'prefab', opener: o };
    }
    case '&':
      return { t: 'box' };
    case "'":
      return { t: 'quote', sym: 'syntax', desc: "quoting #'" };
    case '`':
      return { t: 'quote', sym: 'quasisyntax', desc: 'quasiquoting #`' };
    case ',':
      if (sc.peek() === 0x40) {
        sc.next();
        return { t: 'quote', sym: 'unsyntax-splicing', desc: 'unquoting #,@' };
      }
      return { t: 'quote', sym: 'unsyntax', desc: 'unquoting #,' };
    case '\\':
      return { t: 'atom', value: { kind: 'char', value: String.fromCodePoint(readCharacter(sc, at)) } };
    case '"':
      return { t: 'atom', value: { kind: 'bytes', value: readByteString(sc, at) } };
    case '<':
      if (sc.peek() !== 0x3c) badSyntax('#<');
      sc.next();
      return { t: 'atom', value: { kind: 'string', value: readHereString(sc, at) } };
    case '%':
      sc.i--;
      return { t: 'atom', value: readSymbolOrNumber(sc, { at, mode: 'symbol', fold, extraPrefix: '#' }) };
    case ':':
      return { t: 'atom', value: readSymbolOrNumber(sc, { at, mode: 'keyword', fold }) };
    case 't':
    case 'T':
      readConstant(sc, at, c, 'rue');
      return { t: 'atom', value: { kind: 'boolean', value: true } };
    case 'f':
    case 'F': {
      const c2 = sc.peek();
      if (c2 === 0x78 || c2 === 0x6c) {
        if (sc.who === 'read-syntax') sc.fail(`literal f${charText(c2)}vectors not allowed`, at);
        unsupported(`\`#f${charText(c2)}(…)\` vectors are`);
      }
      readConstant(sc, at, c, 'alse');
      return { t: 'atom', value: { kind: 'boolean', value: false } };
    }
    case 'e': case 'E': case 'i': case 'I': case 'd': case 'D': // prettier-ignore
    case 'b': case 'B': case 'o': case 'O': case 'x': case 'X': // prettier-ignore
      return { t: 'atom', value: readSymbolOrNumber(sc, { at, mode: `#${charText(c)}`, fold }) };
    case 'c':
    case 'C': {
      const c2 = sc.next();
      if (c2 === 0x73 || c2 === 0x53) return { t: 'case', fold: false };
      if (c2 === 0x69 || c2 === 0x49) return { t: 'case', fold: true };
      return sc.fail(`expected \`s', \`S\`, \`i\`, or \`I\` after \`#${charText(c)}\``, at);
    }
    case 'h':
    case 'H':
      return readHashPrefix(sc, at, c);
    case 'r':
    case 'p':
      return readRegexpOrReader(sc, at, c);
    case 'l':
      expectLetters(sc, at, '#l', 'ang');
      if (sc.next() !== 0x20) sc.fail('expected a single space after `#lang`', at);
      return sc.fail(`\`#lang\` not enabled${NOT_ENABLED_REASON}`, at, LANG_HINT);
    case '!': {
      const c2 = sc.next();
      if (c2 === EOF || !isLangChar(c2)) badSyntax(`#!${charText(c2)}`);
      return sc.fail(`\`#!\` not enabled${NOT_ENABLED_REASON}`, at, LANG_HINT);
    }
    case '~':
      return sc.fail('`#~` compiled expressions not enabled', at, 'Compiled code (`.zo`) cannot be read as data.');
    default:
      return badSyntax(`#${charText(c)}`);
  }
}

/**
 * After `#t`/`#f`: a delimiter, or the rest of `true`/`false` then a delimiter. Only a
 * lowercase `#t`/`#f` may continue (`#True` is bad syntax), as in Racket.
 */
function readConstant(sc: Scanner, at: number, first: number, rest: string): void {
  let text = `#${charText(first)}`;
  if (isDelimiter(sc.peek())) return;
  const canMatch = first === 0x74 || first === 0x66;
  for (const expected of rest) {
    const c = sc.peek();
    if (isDelimiter(c)) sc.fail(`bad syntax \`${text}\``, at);
    sc.next();
    text += charText(c);
    if (!canMatch || c !== expected.codePointAt(0)) sc.fail(`bad syntax \`${text}\``, at);
  }
  const c = sc.peek();
  if (!isDelimiter(c)) sc.fail(`bad syntax \`${text}${charText(c)}\``, at);
}

/** Consumes `letters` exactly, else `bad syntax` with what was read so far. */
function expectLetters(sc: Scanner, at: number, sofar: string, letters: string): void {
  let text = sofar;
  for (const expected of letters) {
    const c = sc.next();
    text += charText(c);
    if (c !== expected.codePointAt(0)) sc.fail(`bad syntax \`${text}\``, at);
  }
}

function readVectorOrGraph(sc: Scanner, at: number, first: number): DatumStart {
  let digits = charText(first);
  while (sc.peek() >= 0x30 && sc.peek() <= 0x39) digits += charText(sc.next());
  const c = sc.next();
  if (isOpener(c)) return { t: 'seq', shape: 'vector', opener: c, length: BigInt(digits) };
  if (c === 0x3d || c === 0x23) {
    if (sc.who === 'read-syntax') sc.fail(`\`#...${charText(c)}\` forms not enabled for \`read-syntax\` mode`, at);
    return sc.fail(`graph notation \`#${digits}${charText(c)}\` is not supported`, at, UNSUPPORTED_HINT);
  }
  return sc.fail(`bad syntax \`#${digits}${c === EOF ? '#<eof>' : charText(c)}\``, at);
}

function readHashPrefix(sc: Scanner, at: number, h: number): DatumStart {
  let text = `#${charText(h)}`;
  const expect = (lower: string): void => {
    const c = sc.next();
    if (c !== lower.codePointAt(0) && c !== lower.toUpperCase().codePointAt(0)) {
      sc.fail(`expected \`${lower}\` after \`${text}\``, at);
    }
    text += charText(c);
  };
  expect('a');
  expect('s');
  expect('h');
  let equiv: RacketHash['equiv'] | 'equal-always' = 'equal';
  for (;;) {
    const c = sc.next();
    if (isOpener(c)) {
      if (equiv === 'equal-always') return sc.fail('`#hashalw` tables are not supported', at, UNSUPPORTED_HINT);
      return { t: 'hash', equiv, opener: c };
    }
    text += charText(c);
    if ((c === 0x65 || c === 0x45) && equiv === 'equal') {
      expect('q');
      equiv = 'eq';
    } else if ((c === 0x76 || c === 0x56) && equiv === 'eq') {
      equiv = 'eqv';
    } else if ((c === 0x61 || c === 0x41) && equiv === 'equal') {
      expect('l');
      expect('w');
      equiv = 'equal-always';
    } else {
      return sc.fail(`bad syntax \`${text}\``, at);
    }
  }
}

/** `#rx"…"`, `#rx#"…"`, `#px…`, or `#reader` (after `#r`/`#p`). */
function readRegexpOrReader(sc: Scanner, at: number, r: number): DatumStart {
  const prefix = `#${charText(r)}`;
  const c2 = sc.next();
  if (c2 === 0x65 && r === 0x72) {
    expectLetters(sc, at, '#re', 'ader');
    return sc.fail('`#reader` not enabled', at, 'Data files cannot choose their own reader.');
  }
  if (c2 !== 0x78) sc.fail(`bad syntax \`${prefix}${charText(c2)}\``, at);
  const pregexp = r === 0x70;
  const c3 = sc.next();
  if (c3 === 0x22) {
    const source = { kind: 'string', value: readString(sc, at) } as const;
    return { t: 'atom', value: { kind: 'regexp', pregexp, source } };
  }
  if (c3 !== 0x23) sc.fail(`expected \`"\` or \`#\` after \`${prefix}x\``, at);
  if (sc.next() !== 0x22) sc.fail(`expected \`"\` after \`${prefix}x#\``, at);
  const source = { kind: 'bytes', value: readByteString(sc, at) } as const;
  return { t: 'atom', value: { kind: 'regexp', pregexp, source } };
}
