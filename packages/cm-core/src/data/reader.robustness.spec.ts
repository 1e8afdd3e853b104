/**
 * The reader must never crash with a bare JS error, hang or overflow the stack: truncated,
 * corrupted, binary, deeply nested or enormous input either reads or throws `RacketReadError`,
 * quickly. Inputs are generated from a fixed seed, so failures reproduce.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RacketReadError, readAll, readFirst, readLangFile } from './reader.js';

/** Reads `input` all three ways; returns how many outcomes were errors. Fails on any non-reader error. */
function survive(input: string | Uint8Array): number {
  let errors = 0;
  for (const read of [() => readAll(input), () => readFirst(input, { who: 'read' }), () => readLangFile(input)]) {
    try {
      read();
    } catch (e) {
      if (!(e instanceof RacketReadError)) throw e;
      expect(e.code).toBe('RKT_READ_ERROR');
      expect(e.message).not.toContain('internal reader error');
      errors++;
    }
  }
  return errors;
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const SAMPLE_DEP = '/usr/lib/racket/compiled/usr/share/racket/collects/net/compiled/http-client_rkt.dep';
const samples: Uint8Array[] = [
  existsSync(SAMPLE_DEP)
    ? readFileSync(SAMPLE_DEP)
    : new TextEncoder().encode('("8.7" ta6le ("b0a5" . "7962") (collects #"file" #"gunzip.rkt") (indirect collects #"racket" #"match.rkt"))\n'),
  new TextEncoder().encode(
    '#lang info\n(define collection "x")\n(define deps \'("base" ("gui-lib" #:version "1.2")))\n(define h #hash((a . 1) (b . #(2 3))))\n' +
      '(define s "tab\\t \\u03bb \\x41") ; comment\n#| block |# (define c #\\space) (define p #s(pt 1 2.5 -1/2 #e1e3))\n',
  ),
];

describe('data/reader robustness', () => {
  it('survives every truncation of real files', () => {
    for (const sample of samples) {
      for (let cut = 0; cut <= sample.length; cut++) survive(sample.subarray(0, cut));
    }
  });

  it('survives random byte flips', () => {
    const rnd = random(7);
    for (let k = 0; k < 3_000; k++) {
      const sample = samples[k % samples.length]!.slice();
      const flips = 1 + Math.floor(rnd() * 4);
      for (let f = 0; f < flips; f++) sample[Math.floor(rnd() * sample.length)] = Math.floor(rnd() * 256);
      survive(sample);
    }
  });

  it('survives random binary input', () => {
    const rnd = random(11);
    for (let k = 0; k < 300; k++) {
      const bytes = new Uint8Array(1 + Math.floor(rnd() * 2_000)).map(() => Math.floor(rnd() * 256));
      survive(bytes);
    }
  });

  // columns: what, input, whether it must fail
  const deep: [string, string, boolean][] = [
    ['100,000 unclosed (', '('.repeat(100_000), true],
    ['100,000 balanced ( )', '('.repeat(100_000) + ')'.repeat(100_000), true],
    ['100,000 quotes', "'".repeat(100_000) + 'x', true],
    ['100,000 #&', '#&'.repeat(100_000) + '1', true],
    ['100,000 #;', '#;'.repeat(100_000) + '1', true],
    ['100,000 vectors', '#('.repeat(100_000), true],
    ['100,000 hash pairs deep', '#hash((a . '.repeat(100_000), true],
    ['100,000 #ci', '#ci '.repeat(100_000) + 'x', true], // each `#ci` is a level, like a quote
    ['100,000 closers', ')'.repeat(100_000), true],
  ];
  it.each(deep)('%s: a RacketReadError, not a stack overflow', (_what, input, fails) => {
    const started = performance.now();
    expect(survive(input)).toBe(fails ? 3 : 0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reads deep nesting when maxDepth allows it', () => {
    const input = '('.repeat(100_000) + ')'.repeat(100_000);
    expect(readAll(input, { maxDepth: 100_000 })).toHaveLength(1);
  });

  // columns: what, input factory — all must read (or fail cleanly) in linear time
  const huge: [string, () => string][] = [
    ['a 4 MB string', () => `"${'x'.repeat(4_000_000)}"`],
    ['a 4 MB string with escapes', () => `"${'\\n\\u03bb'.repeat(500_000)}"`],
    ['a 1 MB symbol', () => 'y'.repeat(1_000_000)],
    ['a 1 MB |symbol|', () => `|${'y'.repeat(1_000_000)}|`],
    ['a 300 KB numeral', () => '7'.repeat(300_000)],
    ['a 300 KB bad number', () => `#e${'7'.repeat(300_000)}x`],
    ['a list of 1,000,000 elements', () => `(${'a '.repeat(1_000_000)})`],
    ['a hash of 100,000 distinct keys', () => `#hash(${Array.from({ length: 100_000 }, (_, k) => `(k${k} . ${k})`).join(' ')})`],
    ['a hash of 100,000 equal keys', () => `#hash(${'((a b) . 1) '.repeat(100_000)})`],
    ['a 2 MB block comment, unterminated', () => `#| ${'z'.repeat(2_000_000)}`],
    ['a 2 MB line comment', () => `; ${'z'.repeat(2_000_000)}\n1`],
    ['a 2 MB here string', () => `#<<END\n${'z\n'.repeat(1_000_000)}END`],
    ['200,000 lines of data', () => '(a "b" #\\c 1.5)\n'.repeat(200_000)],
  ];
  it.each(huge)('%s', (_what, make) => {
    const input = make();
    const started = performance.now();
    survive(input);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
