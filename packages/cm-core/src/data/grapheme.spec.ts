import { describe, expect, it } from 'vitest';
import { ColumnCounter, graphemeSpan } from './grapheme.js';

const cps = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);

// Columns: text | start | Racket 8.7 `string-grapheme-span` (observed)
const SPANS: [string, number, number][] = [
  ['', 0, 0],
  ['ab', 0, 1],
  ['e\u0301x', 0, 2],
  ['\r\n', 0, 2],
  ['a\u200db', 0, 2],
  ['😀\u200d😀', 0, 3],
  ['😀\ufe0f\u200d\u{1f6dc}', 0, 4], // GB11 also joins unassigned Extended_Pictographic
  ['🇦🇧🇨', 0, 2],
  ['🇦🇧🇨', 2, 1],
  ['\u1100\u1161\u11a8', 0, 3],
  ['\u0d4e"', 0, 2], // GB9b: Prepend joins the next character
  ['\u0600\n', 0, 1],
];

// Columns: text written after column 0 | column afterwards
const COLUMNS: [string, number][] = [
  ['abc', 3],
  ['e\u0301', 2], // 8.7 counts code points, not clusters
  ['ab\tc', 9],
  ['abcdefgh\t', 16],
  ['xx\nab', 2],
  ['xx\r\nab', 2],
  ['😀', 1],
];

describe('data/grapheme', () => {
  it.each(SPANS)('graphemeSpan(%j, %d) is %d', (text, start, span) => {
    expect(graphemeSpan(cps(text), start)).toBe(span);
  });

  it.each(COLUMNS)('ColumnCounter after %j is at %d', (text, column) => {
    const counter = new ColumnCounter();
    counter.write(text);
    expect(counter.column).toBe(column);
  });
});
