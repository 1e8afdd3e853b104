import { describe, expect, it } from 'vitest';
import { checkPrefabKey, type PrefabCheck } from './read-prefab.js';

type PrefabOk = Extract<PrefabCheck, { ok: true }>;
import { readAll } from './reader.js';

function check(key: string, provided: number): PrefabOk | string {
  const r = checkPrefabKey(readAll(key, { who: 'read' })[0]!, provided);
  if (!r.ok) return r.error;
  return r;
}

/** The normalised key, written back in a Racket-like notation. */
function keyText(key: string, provided: number): string {
  const r = check(key, provided);
  if (typeof r === 'string') return r;
  const show = (v: PrefabOk['key']): string => {
    switch (v.kind) {
      case 'symbol':
        return v.name;
      case 'integer':
        return String(v.value);
      case 'list':
        return `(${v.items.map(show).join(' ')})`;
      case 'vector':
        return `#(${v.items.map(show).join(' ')})`;
      default:
        return `?${v.kind}`;
    }
  };
  return `${show(r.key)}${r.mutable ? ' mutable' : ''}`;
}

describe('data/read-prefab', () => {
  // columns: key, number of field values provided, normalised key or error (Racket 8.7 `read`)
  const cases: [string, number, string][] = [
    ['p', 0, 'p'],
    ['p', 3, 'p'],
    ['(p)', 2, 'p'],
    ['(p 2)', 2, 'p'],
    ['(p 0)', 0, 'p'],
    ['(p 3)', 2, 'mismatch'],
    ['(a 1 b 1)', 2, '(a b 1)'],
    ['(a b 1)', 2, '(a b 1)'],
    ['(a 0 b 1)', 1, '(a b 1)'],
    ['(a 1 b 2 c 1)', 4, '(a b 2 c 1)'],
    ['(a (0 1) b 1)', 1, '(a b 1)'],
    ['(a 1 (0 1) #() b 1)', 2, '(a b 1)'],
    ['(p (1 0))', 1, '(p (1 0)) mutable'],
    ['(p 1 (1 0))', 1, 'mismatch'], // automatic fields need values too
    ['(p #(0))', 1, '(p #(0)) mutable'],
    ['(p 2 #(1 0))', 2, '(p #(0 1)) mutable'],
    ['(a 1 #(0) b 1)', 2, '(a #(0) b 1) mutable'],
    ['(p #(1))', 1, 'mismatch'],
    ['(p 2 #(1 1))', 2, 'invalid'],
    ['(p 2 #(2))', 2, 'invalid'],
    ['(a #(x))', 1, 'invalid'],
    ['(a b)', 2, 'invalid'],
    ['(a 1 b)', 2, 'invalid'],
    ['(a 1 1)', 1, 'invalid'],
    ['(a b c)', 1, 'invalid'],
    ['(a (0 1 2))', 0, 'invalid'],
    ['(a (x 1))', 0, 'invalid'],
    ['(a "b")', 1, 'invalid'],
    ['(a . 1)', 1, 'invalid'],
    ['(p -1)', 0, 'invalid'],
    ['()', 1, 'invalid'],
    ['#t', 1, 'invalid'],
    ['"p"', 1, 'invalid'],
  ];
  it.each(cases)('%s with %i values', (key, provided, expected) => {
    expect(keyText(key, provided)).toBe(expected);
  });
});
