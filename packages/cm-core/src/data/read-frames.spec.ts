import { describe, expect, it } from 'vitest';
import { RacketReadError } from './read-error.js';
import { SeqFrame, closeSeqFrame } from './read-frames.js';
import { Scanner } from './read-scanner.js';
import type { RacketValue } from './types.js';

const int = (n: number): RacketValue => ({ kind: 'integer', value: BigInt(n) });
const sym = (name: string): RacketValue => ({ kind: 'symbol', name });

function close(shape: 'list' | 'vector' | 'prefab', items: RacketValue[], opts: { tail?: RacketValue; head?: RacketValue; length?: bigint } = {}): RacketValue {
  const sc = Scanner.of('#s(...)', 'f.rkt', 'read-syntax');
  const frame = new SeqFrame(0, sc.place(0), false, shape, 0x28, null, 1, 3, opts.length);
  frame.items.push(...items);
  frame.tail = opts.tail;
  frame.head = opts.head;
  sc.i = 7;
  const v = closeSeqFrame(sc, frame);
  return v;
}

describe('data/read-frames', () => {
  it('builds lists, splicing list tails and putting an infix head first', () => {
    const v = close('list', [sym('a')], { tail: { kind: 'list', items: [sym('b')] } });
    expect(v).toMatchObject({ kind: 'list', items: [sym('a'), sym('b')], loc: { line: 1, column: 0, span: 7 } });
    expect(v).not.toHaveProperty('tail');
    expect(close('list', [sym('a'), sym('c')], { head: sym('b') })).toMatchObject({ items: [sym('b'), sym('a'), sym('c')] });
  });

  it('fills vectors with a declared length', () => {
    expect(close('vector', [int(1), int(2)], { length: 4n })).toMatchObject({ items: [int(1), int(2), int(2), int(2)] });
    expect(close('vector', [], { length: 2n })).toMatchObject({ items: [int(0), int(0)] });
    expect(() => close('vector', [int(1), int(2)], { length: 1n })).toThrow(RacketReadError);
  });

  it('checks and normalises prefab keys', () => {
    expect(close('prefab', [{ kind: 'list', items: [sym('p'), int(2)] }, int(1), int(2)])).toMatchObject({
      kind: 'prefab',
      key: sym('p'),
      fields: [int(1), int(2)],
    });
    expect(() => close('prefab', [])).toThrow('missing structure description');
    expect(() => close('prefab', [sym('p')], { tail: int(1) })).toThrow('mismatch between structure description');
  });
});
