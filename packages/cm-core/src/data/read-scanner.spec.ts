import { describe, expect, it } from 'vitest';
import { RacketReadError } from './read-error.js';
import { EOF, Scanner, codePointsToString } from './read-scanner.js';

describe('data/read-scanner', () => {
  it('peeks and consumes code points, with EOF at the end', () => {
    const sc = Scanner.of('a😀', undefined, 'read');
    expect([sc.peek(), sc.peek(1), sc.peek(2)]).toEqual([0x61, 0x1f600, EOF]);
    expect([sc.next(), sc.next(), sc.next()]).toEqual([0x61, 0x1f600, EOF]);
    expect(sc.i).toBe(2);
    expect(sc.inputOffset(sc.i)).toBe(3); // UTF-16 units
  });

  it('builds strings from huge code point arrays', () => {
    const cps = new Int32Array(300_000).fill(0x1f600);
    expect(codePointsToString(cps).length).toBe(600_000);
    expect(codePointsToString([0x61, 0x62])).toBe('ab');
  });

  it('gives locations and fails with the `who` prefix', () => {
    const sc = Scanner.of('ab\ncd', 'f.rkt', 'read');
    sc.i = 4;
    expect(sc.locFrom(sc.place(3))).toEqual({ source: 'f.rkt', line: 2, column: 0, position: 4, span: 1 });
    expect(() => sc.fail('bad syntax `#q`', 3)).toThrow(RacketReadError);
    try {
      sc.fail('bad syntax `#q`', 3, 'Hint.');
    } catch (e) {
      expect((e as RacketReadError).racketMessage).toBe('read: bad syntax `#q`');
      expect((e as RacketReadError).message).toBe('f.rkt:2:0: read: bad syntax `#q`. Hint.');
    }
  });
});
