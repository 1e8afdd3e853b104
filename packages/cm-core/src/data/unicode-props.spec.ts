/**
 * Checks (and regenerates) the Unicode table in `unicode-props.data.ts` against the installed
 * Racket, and checks grapheme clustering / column counting against Racket on random text.
 *
 * Regenerate after a Racket upgrade with:
 *   UPDATE_UNICODE_PROPS=1 npx vitest run packages/cm-core/src/data/unicode-props.spec.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasRacket } from '../testing/racket-available.js';
import { ColumnCounter, graphemeSpan } from './grapheme.js';
import { GB, graphemeBreakProperty, isWhitespace, printClass, PRINT_BLANK, PRINT_GRAPHIC, PRINT_OTHER } from './unicode-props.js';

if (!hasRacket()) console.warn('[cm-core] racket is not on PATH: skipping the Racket parity checks of unicode-props');

const DATA_FILE = fileURLToPath(new URL('./unicode-props.data.ts', import.meta.url));

function runRacket(program: string): string {
  const r = spawnSync('racket', ['-l', 'racket/base', '-e', program], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`racket failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Prints "length props" per run of equal property bytes, from U+0000 to U+10FFFF. */
const GENERATOR = String.raw`
(require ffi/unsafe/vm)
(define gbp (vm-eval 'char-grapheme-break-property))
(define xp (vm-eval 'char-extended-pictographic?))
(define gb-codes '(Other CR LF Control Extend ZWJ Regional_Indicator Prepend SpacingMark L V T LV LVT))
(define (props i)
  (if (<= #xD800 i #xDFFF)
      12
      (let* ([c (integer->char i)]
             [g (gbp c)]
             [g (if (eq? g 'LVT) 'LV g)]
             [gi (let loop ([l gb-codes] [k 0]) (if (eq? (car l) g) k (loop (cdr l) (add1 k))))])
        (+ (cond [(char-graphic? c) 1] [(char-blank? c) 2] [else 0])
           (* 4 gi) (if (xp c) 64 0) (if (char-whitespace? c) 128 0)))))
(let loop ([i 0] [start 0] [cur (props 0)])
  (define next (and (< (add1 i) #x110000) (props (add1 i))))
  (cond
    [(not next) (printf "~a ~a\n" (- (add1 i) start) cur)]
    [(= next cur) (loop (add1 i) start cur)]
    [else (printf "~a ~a\n" (- (add1 i) start) cur) (loop (add1 i) (add1 i) next)]))
`;

function renderDataFile(runs: readonly (readonly [number, number])[], version: string): string {
  const classes: number[] = [];
  let encoded = '';
  for (const [length, props] of runs) {
    let index = classes.indexOf(props);
    if (index < 0) index = classes.push(props) - 1;
    encoded += String.fromCharCode(65 + index) + length.toString(36);
  }
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 96) lines.push(`  '${encoded.slice(i, i + 96)}'`);
  return [
    `// GENERATED from Racket ${version} by unicode-props.spec.ts (UPDATE_UNICODE_PROPS=1). Do not edit.`,
    '// Format: see unicode-props.ts.',
    '',
    '/** Distinct property bytes; a range\'s class letter indexes this list (A = 0). */',
    `export const UNICODE_CLASSES: readonly number[] = [${classes.join(', ')}];`,
    '',
    '/** Runs from U+0000 upwards: class letter, then the run length in base 36. */',
    'export const UNICODE_RANGES =',
    lines.join(' +\n') + ';',
    '',
  ].join('\n');
}

// Columns: code point | printClass | whitespace? | grapheme-break property
const PROPERTY_CASES: [number, number, boolean, number][] = [
  [0x41, PRINT_GRAPHIC, false, GB.Other],
  [0x20, PRINT_BLANK, true, GB.Other],
  [0x09, PRINT_BLANK, true, GB.Control],
  [0x0a, PRINT_OTHER, true, GB.LF],
  [0x301, PRINT_GRAPHIC, false, GB.Extend],
  [0x200d, PRINT_OTHER, false, GB.ZWJ],
  [0x3000, PRINT_BLANK, true, GB.Other],
  [0xac00, PRINT_GRAPHIC, false, GB.LV],
  [0xac01, PRINT_GRAPHIC, false, GB.LVT],
  [0x1f6dc, PRINT_OTHER, false, GB.Other], // unassigned in Unicode 14
  [0x10ffff, PRINT_OTHER, false, GB.Other],
];

describe('data/unicode-props', () => {
  it.each(PROPERTY_CASES)('U+%s has the expected properties', (cp, print, ws, gb) => {
    expect([printClass(cp), isWhitespace(cp), graphemeBreakProperty(cp)]).toEqual([print, ws, gb]);
  });

  it.skipIf(!hasRacket())('the generated table matches the installed Racket', () => {
    const runs = runRacket(GENERATOR)
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number) as [number, number]);
    const version = runRacket('(display (version))');
    const expected = renderDataFile(runs, version);
    if (process.env.UPDATE_UNICODE_PROPS === '1') writeFileSync(DATA_FILE, expected);
    expect(readFileSync(DATA_FILE, 'utf8')).toBe(expected);
  });
});

/** Code points covering every grapheme-break class and printing class. */
const POOL = [
  0x61, 0x31, 0x20, 0x09, 0x0a, 0x0d, 0x01, 0x7f, 0x85, 0xad, 0x301, 0x36f, 0x903, 0x600, 0x605, 0xd4e, 0x111c2,
  0x110bd, 0x1100, 0x1161, 0x11a8, 0xac00, 0xac01, 0xd7a3, 0x200b, 0x200c, 0x200d, 0x2028, 0x3000, 0xfeff, 0xfe0f,
  0xe000, 0x378, 0x1f1e6, 0x1f1ff, 0x1f600, 0x2764, 0x1f6dc, 0x1f3fb, 0xe0020, 0xe007f, 0xe0001, 0xe01f0, 0x10ffff,
];

function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(!hasRacket())('data/grapheme against Racket', () => {
  const random = seededRandom(7);
  const texts: number[][] = [];
  for (let n = 0; n < 600; n++) {
    const len = 1 + Math.floor(random() * 7);
    texts.push(Array.from({ length: len }, () => POOL[Math.floor(random() * POOL.length)]!));
  }
  const program = `
(for ([cps (in-list '(${texts.map((t) => `(${t.join(' ')})`).join(' ')}))])
  (define s (list->string (map integer->char cps)))
  (for ([i (in-range (string-length s))]) (printf "~a " (string-grapheme-span s i)))
  (define p (open-output-string))
  (port-count-lines! p)
  (write-string "xy" p)
  (write-string s p)
  (define-values (line col pos) (port-next-location p))
  (printf "| ~a\n" col))`;

  it('graphemeSpan and ColumnCounter agree with string-grapheme-span and port columns', () => {
    const lines = runRacket(program).trim().split('\n');
    const ours = texts.map((cps) => {
      const spans = cps.map((_, i) => graphemeSpan(cps, i));
      const counter = new ColumnCounter();
      counter.write('xy');
      counter.write(String.fromCodePoint(...cps));
      return `${spans.map((s) => `${s} `).join('')}| ${counter.column}`;
    });
    expect(ours).toEqual(lines);
  });
});
