import { describe, expect, it } from 'vitest';
import { DatumReader } from './read-datum.js';
import { RacketReadError } from './read-error.js';
import { Scanner, type ReaderWho } from './read-scanner.js';
import type { RacketValue } from './types.js';

/** A compact, Racket-like rendering of read values, for readable expectations. */
function show(v: RacketValue): string {
  switch (v.kind) {
    case 'list': {
      const items = v.items.map(show).join(' ');
      return v.tail === undefined ? `(${items})` : `(${items} . ${show(v.tail)})`;
    }
    case 'vector':
      return `#(${v.items.map(show).join(' ')})`;
    case 'symbol':
      return v.name;
    case 'keyword':
      return `#:${v.name}`;
    case 'string':
      return JSON.stringify(v.value);
    case 'bytes':
      return `#${JSON.stringify(String.fromCharCode(...v.value))}`;
    case 'integer':
      return String(v.value);
    case 'rational':
      return `${v.numerator}/${v.denominator}`;
    case 'flonum':
      return Object.is(v.value, -0) ? '-0.0' : String(v.value);
    case 'boolean':
      return v.value ? '#t' : '#f';
    case 'char':
      return `#\\${v.value}`;
    case 'hash':
      return `#hash${v.equiv === 'equal' ? '' : v.equiv}(${v.entries.map(([k, x]) => `(${show(k)} . ${show(x)})`).join(' ')})`;
    case 'prefab':
      return `#s(${[v.key, ...v.fields].map(show).join(' ')})`;
    case 'box':
      return `#&${show(v.value)}`;
    case 'regexp':
      return `#${v.pregexp ? 'px' : 'rx'}${show(v.source)}`;
    default:
      return `#<${v.kind}>`;
  }
}

function readAllData(text: string, who: ReaderWho = 'read-syntax', maxDepth?: number): RacketValue[] {
  const reader = new DatumReader(Scanner.of(text, 'f.rkt', who), maxDepth);
  const out: RacketValue[] = [];
  for (let v = reader.read(); v !== undefined; v = reader.read()) out.push(v);
  return out;
}

const shown = (text: string, who?: ReaderWho): string => readAllData(text, who).map(show).join(' ');

function failure(text: string, who?: ReaderWho): [string, number, number] {
  try {
    readAllData(text, who);
  } catch (e) {
    if (e instanceof RacketReadError) return [e.racketMessage.replace(/^read(-syntax)?: /, ''), e.line, e.column];
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('data/read-datum', () => {
  // columns: text, values (see `show`)
  const cases: [string, string][] = [
    ['()', '()'],
    ['(a b c)', '(a b c)'],
    ['[a {b}]', '(a (b))'],
    ['(a . b)', '(a . b)'],
    ['(a b . c)', '(a b . c)'],
    ['(a . (b c))', '(a b c)'],
    ['(a . ())', '(a)'],
    ['(a .b)', '(a .b)'],
    ['(1 .5)', '(1 0.5)'],
    ['(a . b . c)', '(b a c)'], // infix dot
    ['[a . b . c d]', '(b a c d)'],
    ['(a #;b . c)', '(a . c)'],
    ['(a . #;b c)', '(a . c)'],
    ['(a . b #;c)', '(a . b)'],
    ['(a . b . #;c d)', '(b a d)'],
    ['#(1 2)', '#(1 2)'],
    ['#[1 2] #{3}', '#(1 2) #(3)'],
    ['#3(a b)', '#(a b b)'],
    ['#2()', '#(0 0)'],
    ['#0()', '#()'],
    ["'x `(a ,b ,@c)", '(quote x) (quasiquote (a (unquote b) (unquote-splicing c)))'],
    ["#'x #`y #,z #,@w", '(syntax x) (quasisyntax y) (unsyntax z) (unsyntax-splicing w)'],
    ["'#;a b", '(quote b)'],
    ['#&#&1', '#&#&1'],
    ['#hash((a . 1) (b . 2))', '#hash((a . 1) (b . 2))'],
    ['#hash((a . 1) (a . 2))', '#hash((a . 2))'],
    ['#hasheqv([1 . a] {2 . b})', '#hasheqv((1 . a) (2 . b))'],
    ['#hash(#;(a . 1) (b . 2))', '#hash((b . 2))'],
    ['#hash((#;x a . #;y 1 #;z))', '#hash((a . 1))'],
    ['#hash()', '#hash()'],
    ['#s(p 1 2)', '#s(p 1 2)'],
    ['#s((p 2) 1 2)', '#s(p 1 2)'],
    ['#s(p . (1 2))', '#s(p 1 2)'],
    ['#s(1 . p . 2)', '#s(p 1 2)'],
    ['#ci(A #cs(B) C)', '(a (B) c)'],
    ['#ci', ''],
    ['(a #| c |# b ; c\n c)', '(a b c)'],
    ['#;#;1 2 3', '3'],
    ['#;1', ''],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(shown(text)).toBe(expected);
  });

  // columns: text, Racket's message (without the `read-syntax: ` prefix), line, column
  const errors: [string, string, number, number][] = [
    ['(a b', 'expected a `)` to close `(`', 1, 0],
    ['[a', 'expected a `]` to close `[`', 1, 0],
    ['(a (b', 'expected a `)` to close `(`', 1, 3],
    ['x #(a', 'expected a `)` to close `(`', 1, 2],
    ['#s(p', 'expected a `)` to close `(`', 1, 0],
    ['\n (a\n b', 'expected a `)` to close `(`\n  possible cause: indentation suggests a missing `)` before line 3', 2, 1],
    [')', 'unexpected `)`', 1, 0],
    ['(a ]', 'expected `)` to close preceding `(`, found instead `]`', 1, 3],
    ['(a\n (b ]', 'expected `)` to close preceding `(`, found instead `]`', 2, 4],
    ['[a (b ]', 'missing `)` to close preceding `(`, found instead `]`', 1, 6],
    ['(a\n b ]', 'expected `)` to close `(` on line 1, found instead `]`\n  possible cause: indentation suggests a missing `)` before line 2', 2, 3],
    ['[a #; )', 'unexpected `)`', 1, 6], // a `#;` between elements is read in the outer context
    ['(. a)', 'illegal use of `.`', 1, 1],
    ['(a . b c)', 'illegal use of `.`', 1, 3],
    ['(a . b', 'illegal use of `.`', 1, 3],
    ['(a .)', 'unexpected `)`', 1, 4],
    ['(a . . b)', 'illegal use of `.`', 1, 5],
    ['(a . b . )', 'illegal use of `.`', 1, 3],
    ['(a . b .', 'expected a `)` to close `(`', 1, 0],
    ['(a . b . c . d)', 'illegal use of `.`', 1, 11],
    ['(#;a . b)', 'illegal use of `.`', 1, 5],
    ['#(a . b)', 'illegal use of `.`', 1, 4],
    ["'", 'expected an element for quoting "\'", found end-of-file', 1, 0],
    ['(a `', 'expected an element for quasiquoting "`", found end-of-file', 1, 3],
    ["(a ')", 'unexpected `)`', 1, 4],
    ['#&', 'expected an element for `#&` box, found end-of-file', 1, 0],
    ['#;', 'expected a commented-out element for `#;`, but found end-of-file', 1, 0],
    ['( #;', 'expected a commented-out element for `#;`, but found end-of-file', 1, 0],
    ['(a #; )', 'unexpected `)`', 1, 6],
    ['#1(a b)', 'vector length 1 is too small, 2 values provided', 1, 0],
    ['#hash((a . 1)', 'expected `)` to close `(`', 1, 0],
    ['#hash((a . 1', 'expected `)` after value within a hash', 1, 11],
    ['#hash((a . 1 2))', 'expected `)` after value within a hash', 1, 13],
    ['#hash((a . 1]', 'expected `)` after value within a hash', 1, 12],
    ['#hash((a b))', 'expected `.` and value for hash', 1, 9],
    ['#hash((a ', 'expected `.` and value for hash', 1, 8],
    ['#hash((a . 1) b)', 'expected `(`, `[`, or `{` to start a hash pair', 1, 14],
    ['#hash((a . 1) . (b . 2))', 'illegal use of `.`', 1, 14],
    ['#hash((a . 1) ])', 'expected `)` to close preceding `(`, found instead `]`', 1, 14],
    ['#hasheq(#;\t', 'expected `)` to close `(`', 1, 0],
    ['#hash(#;x)', 'expected `(`, `[`, or `{` to start a hash pair', 1, 8],
    ['#s()', 'missing structure description in `#s` form', 1, 0],
    ['#s(1 2)', 'invalid structure description in `#s` form', 1, 0],
    ['#s((p 3) 1 2)', 'mismatch between structure description and number of provided field values in `#s` form', 1, 0],
    ['#s(p . 1)', 'mismatch between structure description and number of provided field values in `#s` form', 1, 0],
    ['#s((p #(0)) 5)', 'cannot read mutable `#s` form as syntax', 1, 0],
    ['#99999999999()', 'vector length 99999999999 is too large', 1, 0],
  ];
  it.each(errors)('%j fails', (text, message, line, column) => {
    expect(failure(text)).toEqual([message, line, column]);
  });

  it('reads mutable prefab structs with `read`', () => {
    expect(shown('#s((p #(0)) 5)', 'read')).toBe('#s((p #(0)) 5)');
  });

  it('records where each datum is (line, column, position, span)', () => {
    const [list] = readAllData("\n  (a\r\n\t'b)");
    expect(list!.loc).toEqual({ source: 'f.rkt', line: 2, column: 2, position: 4, span: 7 }); // CR-LF counts once
    if (list?.kind !== 'list') throw new Error('expected a list');
    expect(list.items[0]!.loc).toEqual({ source: 'f.rkt', line: 2, column: 3, position: 5, span: 1 });
    const quoted = list.items[1]!;
    if (quoted.kind !== 'list') throw new Error('expected a list');
    expect(quoted.loc).toEqual({ source: 'f.rkt', line: 3, column: 8, position: 8, span: 2 });
    expect(quoted.items[0]!.loc).toEqual({ source: 'f.rkt', line: 3, column: 8, position: 8, span: 1 });
  });

  describe('nesting', () => {
    it('reads deep nesting within maxDepth without recursion', () => {
      const depth = 50_000;
      const [v] = readAllData('('.repeat(depth) + ')'.repeat(depth), 'read', depth);
      let d = 0;
      for (let x = v; x?.kind === 'list' && x.items.length > 0; x = x.items[0]) d++;
      expect(d).toBe(depth - 1);
    });

    it('refuses nesting beyond maxDepth with a clear error', () => {
      expect(failure('('.repeat(1_001))).toEqual(['nesting deeper than 1000 levels is not supported', 1, 1000]);
      expect(failure("'".repeat(2_000) + 'x')[0]).toBe('nesting deeper than 1000 levels is not supported');
    });
  });
});
