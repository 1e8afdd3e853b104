import { describe, expect, it } from 'vitest';
import { EOF } from './read-input.js';
import { closerOf, digitValue, foldCase, isAlphabetic, isDelimiter, isSkippable, isWhitespace, openerOf } from './read-char-class.js';

describe('data/read-char-class', () => {
  it('knows exactly Racket 8.7’s char-whitespace? set', () => {
    const ws: number[] = [];
    for (let c = 0; c < 0x3100; c++) if (isWhitespace(c)) ws.push(c);
    expect(ws.map((c) => c.toString(16))).toEqual(
      '9 a b c d 20 85 a0 1680 2000 2001 2002 2003 2004 2005 2006 2007 2008 2009 200a 2028 2029 202f 205f 3000'.split(' '),
    );
    expect(isWhitespace(0xfeff)).toBe(false);
    expect(isSkippable(0xfeff)).toBe(true);
  });

  it('delimits at brackets, quotes, comments, whitespace, the BOM and EOF, not at # or |', () => {
    for (const ch of '()[]{}\'`,;" \t\n\ufeff') expect(isDelimiter(ch.codePointAt(0)!)).toBe(true);
    expect(isDelimiter(EOF)).toBe(true);
    for (const ch of '#|.\\a1') expect(isDelimiter(ch.codePointAt(0)!)).toBe(false);
  });

  it('pairs brackets and reads digits', () => {
    expect([closerOf(0x28), closerOf(0x5b), closerOf(0x7b), closerOf(0x61)]).toEqual([0x29, 0x5d, 0x7d, -1]);
    expect([openerOf(0x29), openerOf(0x5d), openerOf(0x7d)]).toEqual([0x28, 0x5b, 0x7b]);
    expect([digitValue(0x37, 8), digitValue(0x38, 8), digitValue(0x46, 16), digitValue(0x66, 10)]).toEqual([7, -1, 15, -1]);
  });

  it('classifies letters and folds case', () => {
    expect([isAlphabetic(0x61), isAlphabetic(0x3bb), isAlphabetic(0x31), isAlphabetic(EOF)]).toEqual([true, true, false, false]);
    expect(foldCase('Straße ΣΑΣ İ ı ﬁ')).toBe('strasse σασ i̇ ı fi');
  });
});
