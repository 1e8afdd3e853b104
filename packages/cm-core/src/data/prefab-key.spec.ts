import { describe, expect, it } from 'vitest';
import { normalizePrefabKey } from './prefab-key.js';
import type { RacketValue } from './types.js';
import { readFirst } from './reader.js';
import { writeValue } from './writer.js';

const key = (text: string): RacketValue => readFirst(text)!.value;

// Columns: key as written in `#s(KEY …)` | key Racket 8.7 prints (observed)
const CASES: [string, string][] = [
  ['a', 'a'],
  ['(a 2)', 'a'],
  ['(a 2 (0 #f) #())', 'a'],
  ['(a 1 (0 5))', 'a'],
  ['(a #(0))', '(a #(0))'],
  ['(a 2 #(1 0))', '(a #(0 1))'],
  ['(b a 1)', '(b a 1)'],
  ['(b 1 a 1)', '(b a 1)'],
  ['(b 1 (0 #f) #() a 1 (0 #f) #())', '(b a 1)'],
  ['(b #(0) a 1 #(0))', '(b #(0) a 1 #(0))'],
  ['(b c 0 a 1)', '(b c 0 a 1)'],
  ['("not" "a" "key")', '("not" "a" "key")'],
];

describe('data/prefab-key', () => {
  it.each(CASES)('%s prints as %s', (written, printed) => {
    expect(writeValue(normalizePrefabKey(key(written)))).toBe(printed);
  });
});
