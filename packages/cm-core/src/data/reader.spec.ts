import { describe, expect, it } from 'vitest';
import { RacketReadError, readAll, readFirst, readLangFile } from './reader.js';
import type { RacketValue } from './types.js';
import { bytes, int, makeList, rational, str, sym } from './values.js';

/** The value without source locations, for `toEqual` against constructed values. */
function stripLoc(v: RacketValue): RacketValue {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'loc') continue;
    if (Array.isArray(x)) out[k] = x.map((e: unknown) => (Array.isArray(e) ? e.map((y) => stripLoc(y as RacketValue)) : stripLoc(e as RacketValue)));
    else out[k] = x !== null && typeof x === 'object' && 'kind' in x ? stripLoc(x as RacketValue) : x;
  }
  return out as unknown as RacketValue;
}

const readPlain = (text: string | Uint8Array): RacketValue[] => readAll(text).map(stripLoc);

function errorOf(fn: () => unknown): RacketReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RacketReadError) return e;
    throw e;
  }
  throw new Error('expected a RacketReadError');
}

describe('data/reader', () => {
  describe('readAll', () => {
    it('reads a .dep record', () => {
      const text = '("8.7" ta6le ("e540" . "9401") (collects #"racket" #"base.rkt") (indirect . #"/x.rkt"))\n';
      expect(readPlain(text)).toEqual([
        makeList([
          str('8.7'),
          sym('ta6le'),
          makeList([str('e540')], str('9401')),
          makeList([sym('collects'), bytes('racket'), bytes('base.rkt')]),
          makeList([sym('indirect')], bytes('/x.rkt')),
        ]),
      ]);
    });

    it('reads every datum, from a string or UTF-8 bytes', () => {
      expect(readPlain('1 1/2 "λ"')).toEqual([int(1), rational(1n, 2n), str('λ')]);
      expect(readPlain(new TextEncoder().encode('1 1/2 "λ"'))).toEqual([int(1), rational(1n, 2n), str('λ')]);
      expect(readPlain(Uint8Array.from([0x22, 0xff, 0x22]))).toEqual([str('\ufffd')]);
      expect(readPlain('  ; nothing\n #| here |#')).toEqual([]);
    });

    it('gives every datum a location', () => {
      const [v] = readAll('\n  (a "b")', { source: 'x.rktd' });
      expect(v!.loc).toEqual({ source: 'x.rktd', line: 2, column: 2, position: 4, span: 7 });
      expect(v?.kind === 'list' && v.items.map((x) => x.loc?.column)).toEqual([3, 5]);
    });

    it('reports errors where Racket does, in Racket’s words', () => {
      const e = errorOf(() => readAll('(module m racket\n  (define (f x)\n    (g x)', { source: 'bad2.rkt' }));
      expect(e.code).toBe('RKT_READ_ERROR');
      expect([e.source, e.line, e.column, e.position]).toEqual(['bad2.rkt', 2, 2, 20]); // the innermost open form
      expect(e.racketMessage).toBe('read-syntax: expected a `)` to close `(`');
      expect(e.message).toBe('bad2.rkt:2:2: read-syntax: expected a `)` to close `(`. Add the missing `)`.');
      expect(errorOf(() => readAll('(a', { who: 'read' })).racketMessage).toBe('read: expected a `)` to close `(`');
    });

    it('rejects unknown options, naming the call', () => {
      expect(() => readAll('1', { sourse: 'x' } as never)).toThrow('readAll: unknown option `sourse`');
      expect(() => readAll('1', { who: 'write' } as never)).toThrow("readAll: expected `who` to be 'read' or 'read-syntax'");
      expect(() => readFirst('1', { maxDepth: 0 })).toThrow('readFirst: expected `maxDepth` to be a positive integer');
    });

    it('honours maxDepth', () => {
      expect(errorOf(() => readAll('((((x))))', { maxDepth: 3 })).racketMessage).toBe('read-syntax: nesting deeper than 3 levels is not supported');
      expect(readAll('((((x))))', { maxDepth: 4 })).toHaveLength(1);
    });
  });

  describe('readFirst', () => {
    // columns: text, first datum (without location), end offset
    it.each([
      ['(a) junk)', makeList([sym('a')]), 3],
      ['  x y', sym('x'), 3],
      ['#;1 "s" rest', str('s'), 7],
      ['λ😀 x', sym('λ😀'), 3], // UTF-16 units
    ] as const)('%j', (text, value, end) => {
      const r = readFirst(text);
      expect(r && { value: stripLoc(r.value), end: r.end }).toEqual({ value, end });
    });

    it('counts the end in bytes for byte input', () => {
      expect(readFirst(new TextEncoder().encode('λ😀 x'))?.end).toBe(6);
    });

    it('returns undefined at end of input and does not read past the first datum', () => {
      expect(readFirst('  ; just a comment')).toBeUndefined();
      expect(readFirst('1 )')?.end).toBe(1);
    });
  });

  describe('readLangFile', () => {
    it('splits off `#lang` and reads the rest', () => {
      const r = readLangFile('#lang info\n(define collection "x")\n', { source: 'info.rkt' });
      expect(r.lang).toEqual({ name: 'info', loc: { source: 'info.rkt', line: 1, column: 6, position: 7, span: 4 } });
      expect(r.forms.map(stripLoc)).toEqual([makeList([sym('define'), sym('collection'), str('x')])]);
    });

    it('accepts comments before `#lang`, `#!NAME`, and files without a language line', () => {
      expect(readLangFile(';; c\n#| b |#\n#lang setup/infotab').lang?.name).toBe('setup/infotab');
      expect(readLangFile('#!info\n(define x 1)').lang?.name).toBe('info');
      const plain = readLangFile('(module info setup/infotab (#%module-begin))');
      expect(plain.lang).toBeUndefined();
      expect(plain.forms).toHaveLength(1);
    });

    it('rejects a second `#lang` and `#reader` clearly', () => {
      const again = errorOf(() => readLangFile('#lang info\n#lang info'));
      expect([again.line, again.column]).toEqual([2, 0]);
      expect(again.racketMessage).toMatch(/^read-syntax: `#lang` not enabled\n {2}possible reason: not allowed again inside a module/);
      expect(errorOf(() => readLangFile('#reader(lib "x")')).racketMessage).toBe('read-syntax: `#reader` is not supported');
    });
  });
});
