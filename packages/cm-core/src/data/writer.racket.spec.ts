/**
 * Parity of writeValue / displayValue / prettyWriteValue with the installed Racket.
 *
 * Every case is a value built twice, once in Racket and once with values.ts; ONE racket process
 * prints `write`, `display` and `pretty-write` of every Racket value (each output prefixed by
 * its byte length), and the spec compares those bytes with ours. The hand-written table below
 * holds the tricky cases as [Racket expression, TS value, options]; random flonums, strings,
 * byte strings, symbols and nested data for the pretty printer come from a seeded PRNG and are
 * turned into Racket expressions by `toRacketExpr`.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasRacket } from '../testing/racket-available.js';
import { prettyWriteValue } from './pretty-write.js';
import type { RacketValue } from './types.js';
import { displayValue, writeValue } from './writer.js';
import { bytes, EMPTY_LIST, int, makeList, rational, str, sym } from './values.js';

if (!hasRacket()) console.warn('[cm-core] racket is not on PATH: skipping the Racket parity spec of the writer');

function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const codePointsExpr = (s: string): string => `(list->string (map integer->char '(${Array.from(s, (c) => c.codePointAt(0)).join(' ')})))`;
const stringExpr = (s: string): string => (/^[ !#-[\]-~]*$/.test(s) ? `"${s}"` : codePointsExpr(s));

function flonumExpr(x: number): string {
  if (Number.isNaN(x)) return '+nan.0';
  if (x === Infinity) return '+inf.0';
  if (x === -Infinity) return '-inf.0';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return `(floating-point-bytes->real (integer->integer-bytes #x${view.getBigUint64(0).toString(16)} 8 #f #t) #t)`;
}

/** A Racket expression that builds `value`. */
export function toRacketExpr(value: RacketValue): string {
  switch (value.kind) {
    case 'list':
      if (value.items.length === 0) return "'()";
      return value.tail === undefined
        ? `(list ${value.items.map(toRacketExpr).join(' ')})`
        : `(list* ${[...value.items, value.tail].map(toRacketExpr).join(' ')})`;
    case 'symbol':
      return `(string->symbol ${stringExpr(value.name)})`;
    case 'keyword':
      return `(string->keyword ${stringExpr(value.name)})`;
    case 'string':
      return stringExpr(value.value);
    case 'bytes':
      return `(bytes ${value.value.join(' ')})`;
    case 'integer':
      return value.value.toString();
    case 'rational':
      return `(/ ${value.numerator} ${value.denominator})`;
    case 'flonum':
      return flonumExpr(value.value);
    case 'boolean':
      return value.value ? '#t' : '#f';
    case 'char':
      return `(integer->char ${value.value.codePointAt(0)})`;
    case 'vector':
      return `(vector ${value.items.map(toRacketExpr).join(' ')})`;
    case 'box':
      return `(box ${toRacketExpr(value.value)})`;
    case 'hash': {
      const ctor = value.equiv === 'equal' ? 'hash' : value.equiv === 'eqv' ? 'hasheqv' : 'hasheq';
      return `(${ctor} ${value.entries.flatMap(([k, v]) => [toRacketExpr(k), toRacketExpr(v)]).join(' ')})`;
    }
    case 'prefab':
      return `(make-prefab-struct ${toRacketExpr(value.key)} ${value.fields.map(toRacketExpr).join(' ')})`;
    case 'regexp': {
      const src = value.source;
      const ctor = src.kind === 'string' ? (value.pregexp ? 'pregexp' : 'regexp') : value.pregexp ? 'byte-pregexp' : 'byte-regexp';
      return `(${ctor} ${toRacketExpr(src)})`;
    }
    case 'path':
      return `(string->path ${stringExpr(value.value)})`;
    case 'void':
      return '(void)';
    case 'procedure':
      return value.name;
    default:
      return value satisfies never;
  }
}

// ---------------------------------------------------------------------------------------------
// Hand-written cases

/** [Racket expression, the same value in TS, options]; `skip` names outputs not to compare. */
type ParityCase = [string, RacketValue, { width?: number; skip?: ('write' | 'display' | 'pretty')[] }?];

const fl = (value: number): RacketValue => ({ kind: 'flonum', value });
const ch = (value: string): RacketValue => ({ kind: 'char', value });
const kw = (name: string): RacketValue => ({ kind: 'keyword', name });
const L = (...items: RacketValue[]): RacketValue => makeList(items);
const dotted = (items: RacketValue[], tail: RacketValue): RacketValue => makeList(items, tail);
const vec = (...items: RacketValue[]): RacketValue => ({ kind: 'vector', items });
const box = (value: RacketValue): RacketValue => ({ kind: 'box', value });
const hash = (equiv: 'equal' | 'eqv' | 'eq', ...entries: [RacketValue, RacketValue][]): RacketValue => ({ kind: 'hash', equiv, entries });
const prefab = (key: RacketValue, ...fields: RacketValue[]): RacketValue => ({ kind: 'prefab', key, fields });
const rx = (source: string | Uint8Array, pregexp = false): RacketValue => ({
  kind: 'regexp',
  pregexp,
  source: typeof source === 'string' ? str(source) : bytes(source),
});
const T: RacketValue = { kind: 'boolean', value: true };
const F: RacketValue = { kind: 'boolean', value: false };
const VOID: RacketValue = { kind: 'void' };
const s2s = (text: string): ParityCase => [`(string->symbol ${stringExpr(text)})`, sym(text)];
const kwc = (text: string): ParityCase => [`(string->keyword ${stringExpr(text)})`, kw(text)];
const sc = (text: string): ParityCase => [stringExpr(text), str(text)];
const bc = (...b: number[]): ParityCase => [`(bytes ${b.join(' ')})`, bytes(Uint8Array.from(b))];
const cc = (cp: number): ParityCase => [`(integer->char ${cp})`, ch(String.fromCodePoint(cp))];

const TRICKY_CASES: ParityCase[] = [
  // strings: escapes, blanks, graphic clusters, \u and \U escapes
  sc(''), sc('abc'), sc('"'), sc('\\'), sc('a\nb'), sc('\t'), sc('\x07\b\v\f\r\x1b'), sc('\0'), sc('\x7f'), sc('\x80'),
  sc('\x9f'), sc('\xa0'), sc('\xad'), sc('λ'), sc('日本語'), sc('😀'), sc('e\u0301'), sc('\u0301'), sc('a\u200db'),
  sc('\u200d'), sc(' \u200d'), sc('\u2028'), sc('\u3000'), sc('\ue000'), sc('\u{10ffff}'), sc('\ufeff'),
  sc('\u0d4e"a'), sc('\u0d4e\\'), sc('\u{1f6dc}'), sc('\u0600a'), sc('a\u0600'), sc('\u{e0001}'), sc('🇦🇧🇨'),
  sc('👨\u200d👩\u200d👧'), sc('😀\u200d\u{1f6dc}'), sc('\u1100\u1161\u11a8'), sc('a\u{e0020}\u{e007f}'),
  sc('/ex/cmu/dir with space/été.rkt'),
  // byte strings: octal escapes, shortest unless a digit follows or the byte is >= 64
  bc(0, 49, 1, 50), bc(), bc(7, 8, 9, 10, 11, 12, 13, 27), bc(34, 92), bc(255), bc(1, 56), bc(1, 55), bc(8, 48), bc(63, 48),
  bc(64), bc(127, 48), bc(200, 49, 9, 48), bc(0), bc(0, 0, 0), bc(7, 55), bc(14, 15, 16), bc(0x2f, 0x65, 0x78),
  bc(0xc3, 0xa9), bc(128, 56), bc(31, 32, 126, 127),
  // characters
  cc(0x61), cc(0x20), cc(0), cc(10), cc(0x3bb), cc(1), cc(0x7f), cc(9), cc(13), cc(8), cc(12), cc(11), cc(0xa0),
  cc(0x3000), cc(0x28), cc(0x22), cc(0x5c), cc(0x300), cc(0x200d), cc(0x10ffff), cc(0x1f600), cc(0x1b), cc(7), cc(0x23),
  cc(0xe000), cc(0x2028),
  // symbols
  ...['#%app', '#%', '#', '#a', 'a#', '1/0', '1#/0', '1t2', '1e2', '1E2', '+i', '-i', 'i', '+inf.0', '+inf.f', '+inf.t',
    '-nan.0', '+nan.t', '+INF.0', 'inf.0', '1/2', '1.', '.5', '.', '..', '...', '', '1+2i', '1@2', '1#', '1#.#', '1#e5', '-',
    '+', '+.', '1e', '1e+', 'a b', 'a|b', '|', 'a\\b', '(', 'a(b', "a'b", 'a,b', 'a;b', 'a`b', 'a"b', 'a{b', 'a[b',
    '\ufeff', 'a\xa0b', 'a\tb', 'a\nb', 'A', 'λ', '@a', 'a@', '1/0#', '-0', '1..2', '2..', 'x1', '+1', '-1.5e-3',
    '1/2e3', '1/2.5', '#i1', '1ee2', '1e2.5', '1s2', '1x2', '#:a', 'a\0b', '\u200b', '\u3000', 'a\x85b', 'a\u2028b',
    'a |b', '#|', '| |', '1|', '+inf.0i', '1+inf.0i', '1t2+3i', '1@+inf.0', '+inf.ti', '.#', '1/#', 'quote', 'ta6le',
    '1+', '1-2i', '+I', '1+6I', '3-794I', '1I', '+inf.F', '+inf.T', '+nan.T+1I', '+iNf.0', '1+2/3#I', '1i', '1e1@2', '1/2@3/4', '1#/2#', '-nan.0+i', '1.5e10f', '#hash', 'collects', 'λx', '\u0301'].map(s2s),
  ...['a', '1', '', 'a b', '#', '.', 'a|b', '#%x', '+inf.0', 'λ'].map(kwc),
  // numbers
  ['0', int(0)], ['-5', int(-5)], ['123456789012345678901234567890', int(123456789012345678901234567890n)],
  ['(expt 2 64)', int(2n ** 64n)], ['(- (expt 2 64))', int(-(2n ** 64n))], ['1/2', rational(1n, 2n)],
  ['-3/4', rational(-3n, 4n)], ['(/ (expt 10 30) 7)', rational(10n ** 30n, 7n)],
  ...[1, 0.1, 100, 1e21, 1e20, 1e-7, 1e-6, 1e-5, 1e-4, 0.001, 1.2345678901234568e20, Infinity, -Infinity, NaN, -0, 0, 5e-324,
    2.2250738585072014e-308, 1.7976931348623157e308, 1e22, 1e23, 12345.678, 1e100, 1.5e-10, 123e-20, 0.5, 3e10,
    9007199254740993, 1e13, 1e14, 1e15, 12345678901234.5, 123456789012345.6, 1234567890123000, 1.2345678e14, 0.00012345,
    0.000012345, 105293858634.765625, -1e21, -1.5e-7, 1 / 3, 2 / 3, 4.35, 0.30000000000000004, 2 ** 53, 2 ** -1074,
  ].map((x): ParityCase => [flonumExpr(x), fl(x)]),
  // booleans, void, paths, procedures, regexps
  ['#t', T], ['#f', F], ['(void)', VOID], ['(string->path "/x y")', { kind: 'path', value: '/x y' }],
  ['car', { kind: 'procedure', name: 'car' }], ['(regexp "a\\"b")', rx('a"b')], ['(pregexp "a\\\\d")', rx('a\\d', true)],
  ['(byte-regexp (bytes 0))', rx(Uint8Array.of(0))], ['(byte-pregexp (bytes 97 255 10))', rx(Uint8Array.of(97, 255, 10), true)],
  ['(regexp "λ\\n")', rx('λ\n')],
  // lists: no abbreviations under write, dotted pairs, nesting
  ["'()", EMPTY_LIST], ["'(())", L(EMPTY_LIST)], ["''a", L(sym('quote'), sym('a'))], ["'(quote a b)", L(sym('quote'), sym('a'), sym('b'))],
  ["'(quote . a)", dotted([sym('quote')], sym('a'))], ["'(quote)", L(sym('quote'))], ["'(a quote b)", L(sym('a'), sym('quote'), sym('b'))],
  ["'(a unquote b)", L(sym('a'), sym('unquote'), sym('b'))], ["'(unquote @a)", L(sym('unquote'), sym('@a'))],
  ["'(unquote-splicing @a)", L(sym('unquote-splicing'), sym('@a'))], ["'(unsyntax @a)", L(sym('unsyntax'), sym('@a'))],
  ["'(quasiquote (a (unquote b) (unquote-splicing c)))", L(sym('quasiquote'), L(sym('a'), L(sym('unquote'), sym('b')), L(sym('unquote-splicing'), sym('c'))))],
  ["'(syntax x)", L(sym('syntax'), sym('x'))], ["'(quasisyntax (unsyntax-splicing x))", L(sym('quasisyntax'), L(sym('unsyntax-splicing'), sym('x')))],
  ["'(1 . 2)", dotted([int(1)], int(2))], ["'(1 2 . 3)", dotted([int(1), int(2)], int(3))],
  ["'(a . #(1))", dotted([sym('a')], vec(int(1)))], ["'(#t #f)", L(T, F)],
  [`(list "a" #\\b #"c" (string->symbol "d e") '(quote x))`, L(str('a'), ch('b'), bytes('c'), sym('d e'), L(sym('quote'), sym('x')))],
  // vectors, boxes, hashes, prefabs
  ['(vector)', vec()], ['(vector 1 2 3)', vec(int(1), int(2), int(3))], ["(vector 'quote 'a)", vec(sym('quote'), sym('a'))],
  ["(vector 'a 'unquote 'b)", vec(sym('a'), sym('unquote'), sym('b'))], ['(box 1)', box(int(1))], ['(box (box "x"))', box(box(str('x')))],
  ["(hash 'b 1 'a 2 'c 3 'aa 4 'B 5)", hash('equal', [sym('b'), int(1)], [sym('a'), int(2)], [sym('c'), int(3)], [sym('aa'), int(4)], [sym('B'), int(5)])],
  ['(hash "b" 1 "a" 2)', hash('equal', [str('b'), int(1)], [str('a'), int(2)])],
  ['(hash 3 1 1 2 2.5 3 1/3 4 -inf.0 5)', hash('equal', [int(3), int(1)], [int(1), int(2)], [fl(2.5), int(3)], [rational(1n, 3n), int(4)], [fl(-Infinity), int(5)])],
  ["(hasheq 'z 1 'y 2)", hash('eq', [sym('z'), int(1)], [sym('y'), int(2)])], ['(hasheqv 2 1 1 2)', hash('eqv', [int(2), int(1)], [int(1), int(2)])],
  ['(hash #"b" 1 #"a" 2 #"" 3)', hash('equal', [bytes('b'), int(1)], [bytes('a'), int(2)], [bytes(''), int(3)])],
  ["(hash '#:b 1 '#:a 2)", hash('equal', [kw('b'), int(1)], [kw('a'), int(2)])], ['(hash)', hash('equal')], ['(hasheq)', hash('eq')],
  ["(hash 'a '(1 2) 'b (vector 1))", hash('equal', [sym('a'), L(int(1), int(2))], [sym('b'), vec(int(1))])],
  ["(hash 'quote '(1))", hash('equal', [sym('quote'), L(int(1))])],
  ['(hash (string->symbol (string (integer->char #x10000))) 1 (string->symbol (string (integer->char #xFFFF))) 2)', hash('equal', [sym('\u{10000}'), int(1)], [sym('\uffff'), int(2)])],
  ["(hash 'a 1 \"b\" 2 3 4)", hash('equal', [int(3), int(4)], [str('b'), int(2)], [sym('a'), int(1)]), { skip: ['write', 'display'] }],
  ['(hash #\\z 1)', hash('equal', [ch('z'), int(1)])], ['(hash #t 1 #f 2 #\\a 3 \'() 4 (void) 5)', hash('equal', [T, int(1)], [F, int(2)], [ch('a'), int(3)], [EMPTY_LIST, int(4)], [VOID, int(5)]), { skip: ['write', 'display'] }],
  ["(make-prefab-struct 'point 1 2)", prefab(sym('point'), int(1), int(2))],
  ["(make-prefab-struct '(point 2) 1 2)", prefab(L(sym('point'), int(2)), int(1), int(2))],
  ["(make-prefab-struct '(a #(1 0)) 1 2)", prefab(L(sym('a'), vec(int(1), int(0))), int(1), int(2))],
  ["(make-prefab-struct '(b 1 (0 #f) #() a 1) 1 2)", prefab(L(sym('b'), int(1), L(int(0), F), vec(), sym('a'), int(1)), int(1), int(2))],
  ["(make-prefab-struct 'p)", prefab(sym('p'))], ['(make-prefab-struct \'p "x" #\\y)', prefab(sym('p'), str('x'), ch('y'))],
  // pretty-write layouts
  ["'(define (f x) (let loop ((i 0)) (if (< i 10) (loop (add1 i)) (list 'done i x))))", L(sym('define'), L(sym('f'), sym('x')), L(sym('let'), sym('loop'), L(L(sym('i'), int(0))), L(sym('if'), L(sym('<'), sym('i'), int(10)), L(sym('loop'), L(sym('add1'), sym('i'))), L(sym('list'), L(sym('quote'), sym('done')), sym('i'), sym('x'))))), { width: 30 }],
  ["'(and aaaaaaaaaa bbbbbbbbbb (quote cccccccccc) (unquote @dddddddddd))", L(sym('and'), sym('aaaaaaaaaa'), sym('bbbbbbbbbb'), L(sym('quote'), sym('cccccccccc')), L(sym('unquote'), sym('@dddddddddd'))), { width: 20 }],
  ["'(unquote @aaaaaaaaaaaaaaaaaaaaaaaaa)", L(sym('unquote'), sym('@aaaaaaaaaaaaaaaaaaaaaaaaa')), { width: 10 }],
  ["'(x aaaaaaaaaaaaaaaaaaaa unquote bbbbbbbbbbbbbbbbbbbbbbbbbbbbb)", L(sym('x'), sym('aaaaaaaaaaaaaaaaaaaa'), sym('unquote'), sym('bbbbbbbbbbbbbbbbbbbbbbbbbbbbb')), { width: 30 }],
  ["'(x . (unquote y))", L(sym('x'), sym('unquote'), sym('y'))],
  ["'(aaaaaaaaaa bbbbbbbbbb . cccccccccc)", dotted([sym('aaaaaaaaaa'), sym('bbbbbbbbbb')], sym('cccccccccc')), { width: 15 }],
  ["(hash 'aaaaaaaaaa '(1 2 3 4 5 6 7 8 9) 'define '(x y z w))", hash('equal', [sym('aaaaaaaaaa'), L(...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(int))], [sym('define'), L(sym('x'), sym('y'), sym('z'), sym('w'))]), { width: 12 }],
  ['(box (vector "aaaaaaaaaaaaaaaa" "bbbbbbbbbbbbbbbbbb"))', box(vec(str('aaaaaaaaaaaaaaaa'), str('bbbbbbbbbbbbbbbbbb'))), { width: 20 }],
  ["(list (string->symbol \"a\tb\") 'cccccccccccccccccccc)", L(sym('a\tb'), sym('cccccccccccccccccccc')), { width: 27 }],
  ["(list (string->symbol (string-append (make-string 90 #\\a) \"\\nb\")) 'c)", L(sym(`${'a'.repeat(90)}\nb`), sym('c'))],
  ["(list (make-string 75 #\\a) 'b)", L(str('a'.repeat(75)), sym('b'))], ["(list (make-string 76 #\\a) 'b)", L(str('a'.repeat(76)), sym('b'))],
  ["(list (string-append (make-string 73 #\\a) \"e\u0301\") 'b)", L(str(`${'a'.repeat(73)}e\u0301`), sym('b'))],
];

// ---------------------------------------------------------------------------------------------
// Random cases

/** `RACKET_PARITY_SEED` / `RACKET_PARITY_SCALE` explore more random cases locally. */
const random = seededRandom(Number(process.env.RACKET_PARITY_SEED ?? 20240607));
const SCALE = Number(process.env.RACKET_PARITY_SCALE ?? 1);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const randInt = (n: number): number => Math.floor(random() * n);

function randomFlonum(): number {
  const view = new DataView(new ArrayBuffer(8));
  const mode = randInt(4);
  if (mode === 0) {
    view.setUint32(0, (random() * 2 ** 32) >>> 0);
    view.setUint32(4, (random() * 2 ** 32) >>> 0);
    return view.getFloat64(0); // any bit pattern, subnormals and NaNs included
  }
  if (mode === 1) return (random() - 0.5) * 10 ** (randInt(40) - 20);
  if (mode === 2) return randInt(10 ** (1 + randInt(15))) / 2 ** randInt(30); // short binary fractions: exact ties
  return Number.MIN_VALUE * randInt(10_000); // subnormals
}

function randomCodePoint(): number {
  const r = random();
  if (r < 0.3) return 0x20 + randInt(0x5f);
  if (r < 0.4) return randInt(0x20);
  if (r < 0.6) return 0x80 + randInt(0x780);
  if (r < 0.7) return pick([0x200c, 0x200d, 0x301, 0xfe0f, 0x1f600, 0x1f1e6, 0xd4e, 0x600, 0xe0020, 0x2028, 0x3000, 0xad, 0xfeff]);
  const cp = randInt(0x110000);
  return cp >= 0xd800 && cp <= 0xdfff ? 0x41 : cp;
}

const randomString = (maxLen: number): string =>
  String.fromCodePoint(...Array.from({ length: randInt(maxLen + 1) }, randomCodePoint));

const SYMBOLISH = [...'0123456789+-./#@eEdDfFsStTiInNaAxX|\\ ()λ%'];
const randomSymbolText = (): string => Array.from({ length: 1 + randInt(6) }, () => pick(SYMBOLISH)).join('');

const STYLE_HEADS = ['define', 'lambda', 'let', 'if', 'cond', 'and', 'require', 'module', 'do', 'begin', 'case', 'quote', 'unquote', 'syntax-case', 'make-object', 'let*', 'when'];

function randomAtom(): RacketValue {
  switch (randInt(7)) {
    case 0:
      return str(randomString(20).replace(/[\ud800-\udfff]/g, ''));
    case 1:
      return bytes(Uint8Array.from({ length: randInt(25) }, () => (random() < 0.7 ? 0x61 + randInt(26) : randInt(256))));
    case 2:
      return sym(Array.from({ length: 1 + randInt(25) }, () => pick([...'abcdefghij-/.']).toString()).join(''));
    case 3:
      return int(BigInt(randInt(1e9)) * BigInt(pick([1, -1, 1e9])));
    case 4:
      return sym(pick(STYLE_HEADS));
    case 5:
      return { kind: 'flonum', value: randomFlonum() };
    default:
      return str('x'.repeat(randInt(70)));
  }
}

function randomTree(depth: number): RacketValue {
  if (depth === 0 || random() < 0.3) return randomAtom();
  const items = Array.from({ length: randInt(7) }, () => randomTree(depth - 1));
  switch (randInt(9)) {
    case 0:
      return { kind: 'vector', items };
    case 1:
      return { kind: 'box', value: randomTree(depth - 1) };
    case 2:
      return { kind: 'hash', equiv: 'equal', entries: [...new Set(items.map(() => `k${randInt(1000)}`))].map((k) => [sym(k), randomTree(depth - 1)] as const) };
    case 3:
      return { kind: 'prefab', key: sym(`p${randInt(3)}`), fields: items };
    case 4:
      return items.length > 0 ? makeList(items, randomAtom()) : makeList([]);
    case 5:
      return makeList([sym(pick(STYLE_HEADS)), ...items]);
    default:
      return makeList(items);
  }
}

function linksFile(n: number): RacketValue {
  return makeList(
    Array.from({ length: n }, (_, i) =>
      i % 3 === 0
        ? makeList([sym('root'), makeList([bytes('pkgs'), bytes(`pkg-${'x'.repeat(randInt(60))}`)])])
        : makeList([str(`coll${i}${'y'.repeat(randInt(40))}`), makeList([sym('up'), bytes('colls'), bytes(`c${i}`)]), ...(i % 5 === 0 ? [{ kind: 'regexp', pregexp: false, source: str('^8[.]7') } as RacketValue] : [])]),
    ),
  );
}

const RANDOM_CASES: ParityCase[] = [
  ...Array.from({ length: 400 * SCALE }, (): ParityCase => {
    const value: RacketValue = { kind: 'flonum', value: randomFlonum() };
    return [toRacketExpr(value), value];
  }),
  ...Array.from({ length: 150 * SCALE }, (): ParityCase => {
    const value = str(randomString(12));
    return [toRacketExpr(value), value];
  }),
  ...Array.from({ length: 150 * SCALE }, (): ParityCase => {
    const value = bytes(Uint8Array.from({ length: randInt(12) }, () => randInt(256)));
    return [toRacketExpr(value), value];
  }),
  ...Array.from({ length: 300 * SCALE }, (): ParityCase => {
    const text = randomSymbolText();
    const value: RacketValue = random() < 0.8 ? sym(text) : { kind: 'keyword', name: text };
    return [toRacketExpr(value), value];
  }),
  ...Array.from({ length: 100 * SCALE }, (): ParityCase => {
    const value = rational(BigInt(randInt(1e6)) - 500_000n, BigInt(1 + randInt(1e4)));
    return [toRacketExpr(value), value];
  }),
  ...Array.from({ length: 250 * SCALE }, (): ParityCase => {
    const value = randomTree(4);
    return [toRacketExpr(value), value, { width: pick([79, 79, 79, 20, 40, 60, 1 + randInt(100)]) }];
  }),
  ...Array.from({ length: 10 }, (_, i): ParityCase => {
    const value = linksFile(5 + i * 10);
    return [toRacketExpr(value), value];
  }),
];

// ---------------------------------------------------------------------------------------------

const ALL_CASES = [...TRICKY_CASES, ...RANDOM_CASES];

function runRacket(cases: readonly ParityCase[]): Buffer[] {
  const program = `
(require racket/pretty racket/port)
(define (out thunk)
  (define b (with-output-to-bytes thunk))
  (write-string (number->string (bytes-length b)))
  (newline)
  (write-bytes b))
(define (run v width)
  (out (lambda () (write v)))
  (out (lambda () (display v)))
  (out (lambda () (parameterize ([pretty-print-columns width]) (pretty-write v)))))
${cases.map(([expr, , opts]) => `(run ${expr} ${opts?.width ?? 79})`).join('\n')}
`;
  // The program goes through stdin: it is too long for a command line.
  const r = spawnSync('racket', ['-l', 'racket/base', '-e', '(for ([e (in-port read)]) (eval e))'], {
    input: program,
    maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`racket failed (${r.status}): ${r.stderr.toString() || r.error?.message}`);
  const outputs: Buffer[] = [];
  let pos = 0;
  const buf = r.stdout;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const len = Number(buf.subarray(pos, nl).toString());
    outputs.push(buf.subarray(nl + 1, nl + 1 + len));
    pos = nl + 1 + len;
  }
  return outputs;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

describe.skipIf(!hasRacket())('data/writer parity with Racket', () => {
  const outputs = hasRacket() ? runRacket(ALL_CASES) : [];

  it('ran every case', () => {
    expect(outputs.length).toBe(ALL_CASES.length * 3);
  });

  const rows = ALL_CASES.map(([expr, value, opts], i) => ({ i, expr, value, opts }));
  it.each(rows)('case $i: $expr', ({ i, value, opts }) => {
    const skip = opts?.skip ?? [];
    const [w, d, p] = [outputs[3 * i]!, outputs[3 * i + 1]!, outputs[3 * i + 2]!];
    if (!skip.includes('write')) expect(writeValue(value)).toBe(utf8.decode(w));
    if (!skip.includes('display')) expect(displayValue(value)).toBe(utf8.decode(d));
    if (!skip.includes('pretty')) expect(prettyWriteValue(value, { width: opts?.width ?? 79 })).toBe(utf8.decode(p));
    // Bytes, not just text, for `write`: .dep files are compared byte-wise.
    if (!skip.includes('write')) expect(Buffer.from(writeValue(value)).equals(w)).toBe(true);
  });
});
