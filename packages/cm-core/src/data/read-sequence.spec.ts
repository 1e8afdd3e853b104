import { describe, expect, it } from 'vitest';
import { RacketReadError } from './read-error.js';
import { HashFrame, SeqFrame } from './read-frames.js';
import { HashBuilder } from './read-hash.js';
import { EOF, Scanner } from './read-scanner.js';
import { stepHash, stepSequence } from './read-sequence.js';

function seqAt(text: string, shape: 'list' | 'vector' = 'list'): { sc: Scanner; f: SeqFrame } {
  const sc = Scanner.of(text, 'f.rkt', 'read-syntax');
  return { sc, f: new SeqFrame(0, sc.place(0), false, shape, 0x28, null, 1, 1, undefined) };
}

describe('data/read-sequence', () => {
  it('closes on the closer and asks for data otherwise', () => {
    const { sc, f } = seqAt('(a)');
    sc.i = 1;
    expect(stepSequence(sc, f, sc.peek())).toBe('datum');
    sc.i = 2;
    expect(stepSequence(sc, f, sc.peek())).toBe('closed');
    expect(sc.i).toBe(3);
  });

  it('walks the dotted-pair and infix states', () => {
    const { sc, f } = seqAt('(a . b . c)');
    f.items.push({ kind: 'symbol', name: 'a' });
    sc.i = 3;
    expect(stepSequence(sc, f, sc.peek())).toBe('handled');
    expect([f.state, f.dotAt]).toEqual(['afterDot', 3]);
    f.tail = { kind: 'symbol', name: 'b' };
    f.state = 'afterTail';
    sc.i = 7;
    expect(stepSequence(sc, f, sc.peek())).toBe('handled');
    expect([f.state, f.head]).toEqual(['afterInfixDot', { kind: 'symbol', name: 'b' }]);
  });

  it('rejects a dot in a vector and at end of file reports the opener', () => {
    const vec = seqAt('#(a . b)', 'vector');
    vec.f.items.push({ kind: 'symbol', name: 'a' });
    vec.sc.i = 4;
    expect(() => stepSequence(vec.sc, vec.f, vec.sc.peek())).toThrow('illegal use of `.`');
    const open = seqAt('(a');
    open.sc.i = 2;
    expect(() => stepSequence(open.sc, open.f, EOF)).toThrow(RacketReadError);
  });

  it('steps through a hash pair', () => {
    const sc = Scanner.of('#hash((a . 1))', 'f.rkt', 'read-syntax');
    const f = new HashFrame(0, sc.place(0), false, 0x28, null, 1, 6, new HashBuilder('equal', 'read-syntax'));
    sc.i = 6;
    expect(stepHash(sc, f, sc.peek())).toBe('handled');
    expect(f.state).toBe('key');
    expect(stepHash(sc, f, sc.peek())).toBe('datum');
    f.state = 'dot';
    sc.i = 9;
    expect(stepHash(sc, f, sc.peek())).toBe('handled');
    expect(f.state).toBe('value');
    f.state = 'pairClose';
    sc.i = 12;
    expect(stepHash(sc, f, sc.peek())).toBe('handled');
    expect(stepHash(sc, f, sc.peek())).toBe('closed');
  });
});
