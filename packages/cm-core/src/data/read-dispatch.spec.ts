import { describe, expect, it } from 'vitest';
import { readDatumStart, type DatumStart } from './read-dispatch.js';
import { RacketReadError } from './read-error.js';
import { Scanner, type ReaderWho } from './read-scanner.js';

function start(text: string, who: ReaderWho = 'read-syntax'): DatumStart {
  const s = readDatumStart(Scanner.of(text, 'f.rkt', who), false);
  if (s.t === 'atom') delete s.value.loc;
  return s;
}

function messageOf(text: string, who: ReaderWho = 'read-syntax'): string {
  try {
    start(text, who);
  } catch (e) {
    if (e instanceof RacketReadError) return e.racketMessage;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('data/read-dispatch', () => {
  // columns: text, what it starts
  const cases: [string, DatumStart][] = [
    ['(', { t: 'seq', shape: 'list', opener: 0x28 }],
    ['[', { t: 'seq', shape: 'list', opener: 0x5b }],
    ['{', { t: 'seq', shape: 'list', opener: 0x7b }],
    ['#(', { t: 'seq', shape: 'vector', opener: 0x28 }],
    ['#[', { t: 'seq', shape: 'vector', opener: 0x5b }],
    ['#3(', { t: 'seq', shape: 'vector', opener: 0x28, length: 3n }],
    ['#s(', { t: 'seq', shape: 'prefab', opener: 0x28 }],
    ['#hash(', { t: 'hash', equiv: 'equal', opener: 0x28 }],
    ['#HASHEQ[', { t: 'hash', equiv: 'eq', opener: 0x5b }],
    ['#hasheqv{', { t: 'hash', equiv: 'eqv', opener: 0x7b }],
    ["'", { t: 'quote', sym: 'quote', desc: 'quoting "\'"' }],
    ['`', { t: 'quote', sym: 'quasiquote', desc: 'quasiquoting "`"' }],
    [',', { t: 'quote', sym: 'unquote', desc: 'unquoting `,`' }],
    [',@', { t: 'quote', sym: 'unquote-splicing', desc: 'unquoting `,@`' }],
    ["#'", { t: 'quote', sym: 'syntax', desc: "quoting #'" }],
    ['#`', { t: 'quote', sym: 'quasisyntax', desc: 'quasiquoting #`' }],
    ['#,', { t: 'quote', sym: 'unsyntax', desc: 'unquoting #,' }],
    ['#,@', { t: 'quote', sym: 'unsyntax-splicing', desc: 'unquoting #,@' }],
    ['#&', { t: 'box' }],
    ['#ci', { t: 'case', fold: true }],
    ['#CS', { t: 'case', fold: false }],
    ['#t', { t: 'atom', value: { kind: 'boolean', value: true } }],
    ['#T', { t: 'atom', value: { kind: 'boolean', value: true } }],
    ['#true', { t: 'atom', value: { kind: 'boolean', value: true } }],
    ['#f)', { t: 'atom', value: { kind: 'boolean', value: false } }],
    ['#false', { t: 'atom', value: { kind: 'boolean', value: false } }],
    ['#\\a', { t: 'atom', value: { kind: 'char', value: 'a' } }],
    ['#%kernel', { t: 'atom', value: { kind: 'symbol', name: '#%kernel' } }],
    ['#%', { t: 'atom', value: { kind: 'symbol', name: '#%' } }],
    ['#:kw', { t: 'atom', value: { kind: 'keyword', name: 'kw' } }],
    ['#x1F', { t: 'atom', value: { kind: 'integer', value: 31n } }],
    ['#<<E\nhi\nE', { t: 'atom', value: { kind: 'string', value: 'hi' } }],
    ['#rx"a.b"', { t: 'atom', value: { kind: 'regexp', pregexp: false, source: { kind: 'string', value: 'a.b' } } }],
    ['#px#"\\\\d"', { t: 'atom', value: { kind: 'regexp', pregexp: true, source: { kind: 'bytes', value: Uint8Array.from([0x5c, 0x64]) } } }],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(start(text)).toEqual(expected);
  });

  // columns: text, Racket's message (read-syntax)
  const errors: [string, string][] = [
    ['#', 'bad syntax `#`'],
    ['#q', 'bad syntax `#q`'],
    ['#tru', 'bad syntax `#tru`'],
    ['#truex', 'bad syntax `#truex`'],
    ['#t1', 'bad syntax `#t1`'],
    ['#Tr', 'bad syntax `#Tr`'],
    ['#fals)', 'bad syntax `#fals`'],
    ['#1', 'bad syntax `#1#<eof>`'],
    ['#12x', 'bad syntax `#12x`'],
    ['#0=(a)', '`#...=` forms not enabled for `read-syntax` mode'],
    ['#fx(1)', 'literal fxvectors not allowed'],
    ['#fl(1.0)', 'literal flvectors not allowed'],
    ['#s p', 'expected `(`, `[`, or `{` after `#s`'],
    ['#h', 'expected `a` after `#h`'],
    ['#hasx', 'expected `h` after `#has`'],
    ['#hash', 'bad syntax `#hash`'],
    ['#hash (', 'bad syntax `#hash `'],
    ['#hashequal', 'bad syntax `#hashequ`'],
    ['#hashalw(', '`#hashalw` tables are not supported'],
    ['#<', 'bad syntax `#<`'],
    ['#c', "expected `s', `S`, `i`, or `I` after `#c`"],
    ['#r', 'bad syntax `#r`'],
    ['#rx', 'expected `"` or `#` after `#rx`'],
    ['#rx#a', 'expected `"` after `#rx#`'],
    ['#pxa', 'expected `"` or `#` after `#px`'],
    ['#read', 'bad syntax `#read`'],
    ['#reader', '`#reader` not enabled'],
    ['#lan', 'bad syntax `#lan`'],
    ['#langx', 'expected a single space after `#lang`'],
    [
      '#lang racket',
      '`#lang` not enabled\n  possible reason: not allowed again inside a module that already starts `#lang`, or not enabled for interactive evaluation',
    ],
    ['#!', 'bad syntax `#!`'],
    ['#!(', 'bad syntax `#!(`'],
    [
      '#!racket',
      '`#!` not enabled\n  possible reason: not allowed again inside a module that already starts `#lang`, or not enabled for interactive evaluation',
    ],
    ['#~', '`#~` compiled expressions not enabled'],
  ];
  it.each(errors)('%j fails', (text, message) => {
    expect(messageOf(text)).toBe(`read-syntax: ${message}`);
  });

  it('rejects what `read` accepts but the data model cannot hold', () => {
    expect(messageOf('#0=(a . #0#)', 'read')).toBe('read: graph notation `#0=` is not supported');
    expect(messageOf('#1#', 'read')).toBe('read: graph notation `#1#` is not supported');
    expect(messageOf('#fx(1 2)', 'read')).toBe('read: `#fx(…)` vectors are not supported');
  });
});
