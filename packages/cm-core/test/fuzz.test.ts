/**
 * Fuzz test of the data layer against bad input: thousands of mutated `.dep` and `info.rkt`
 * files (truncations, byte flips, inserted junk, deep nesting, enormous literals) must each either
 * read/evaluate or fail with the data layer's own error — one that names the file, a line and a
 * column — and must do so quickly. A bare JS error (TypeError, RangeError from a blown stack…) or
 * a slow case fails the test and prints the input that caused it.
 *
 * The PRNG is seeded so a failure is reproducible; FUZZ_SEED and FUZZ_CASES override the defaults.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InfoFileError, RacketReadError, evaluateInfo, readAll } from '../src/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const CASES = Number(process.env.FUZZ_CASES ?? 2500);
/** A single mutated file may take this long at most (generous: CI machines are slow and shared). */
const PER_CASE_LIMIT_MS = 1_000;
/** An enormous input (megabytes) may take longer, but must still end: no hang. */
const ENORMOUS_LIMIT_MS = 10_000;

const COMPILED_ROOT = '/usr/lib/racket/compiled/usr/share/racket/collects';
const INFO_FILES = [
  '/usr/share/racket/pkgs/drracket/drracket/info.rkt',
  '/usr/share/racket/pkgs/drracket/info.rkt',
  '/usr/share/racket/pkgs/main-distribution/info.rkt',
  '/usr/share/racket/collects/racket/info.rkt',
  '/usr/share/racket/pkgs/srfi-lib/info.rkt',
];

/** mulberry32: small, fast, good enough to pick mutations reproducibly. */
function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleDepFiles(limit: number): Buffer[] {
  const out: Buffer[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= limit) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.dep')) out.push(readFileSync(path));
    }
  };
  walk(COMPILED_ROOT);
  return out;
}

/** Syntax fragments that stress particular reader paths when spliced into a file. */
const JUNK = [
  '(', ')', '[', '}', '#(', '#hash(', '#s(', '#&', '#"', '"', '|', '\\', '#\\', '#\\x', '#\\u',
  '#|', '|#', '#;', ';', '#:', "'", '`', ',@', '#rx', '#px#"', '.', ' . ', '#e', '#x#i', '1/0',
  '#e1e400', '1e99999', '+nan.0', '#lang', '#reader', '#!', '\u0000', '\uFFFD', '\uD800', 'λ',
  '(define', '(module info setup/infotab', '(#%module-begin', ',', '"\\u', '"\\x', '"\\777',
];

type Mutation = (input: Buffer, random: () => number) => Buffer;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const at = (input: Buffer, random: () => number): number => Math.floor(random() * (input.length + 1));

const MUTATIONS: readonly Mutation[] = [
  (input, random) => input.subarray(0, at(input, random)),
  (input, random) => {
    const copy = Buffer.from(input);
    for (let n = 1 + Math.floor(random() * 4); n > 0 && copy.length > 0; n--) {
      copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    }
    return copy;
  },
  (input, random) => {
    const i = at(input, random);
    return Buffer.concat([input.subarray(0, i), Buffer.from(pick(JUNK, random)), input.subarray(i)]);
  },
  (input, random) => {
    const i = at(input, random);
    const j = at(input, random);
    return Buffer.concat([input.subarray(0, Math.max(i, j)), input.subarray(Math.min(i, j))]);
  },
  (input, random) => {
    const i = at(input, random);
    const noise = Buffer.alloc(1 + Math.floor(random() * 64));
    for (let k = 0; k < noise.length; k++) noise[k] = Math.floor(random() * 256);
    return Buffer.concat([input.subarray(0, i), noise, input.subarray(i)]);
  },
];

/** Inputs that are bad by size or depth rather than by content. */
const ENORMOUS: readonly (readonly [string, string])[] = [
  ['deep open parens', '('.repeat(200_000)],
  ['deep balanced parens', `${'('.repeat(100_000)}${')'.repeat(100_000)}`],
  ['deep quotes', `${"'".repeat(100_000)}a`],
  ['long string', `"${'x'.repeat(5_000_000)}`],
  ['long symbol', 'a'.repeat(5_000_000)],
  ['huge integer', '9'.repeat(200_000)],
  ['huge exact exponent', '#e1e1000000000'],
  ['huge negative exact exponent', '#e1e-1000000000'],
  ['many datum comments', '#;'.repeat(100_000)],
  ['nested block comments', '#|'.repeat(100_000)],
  ['many items', `(${'a '.repeat(1_000_000)})`],
  ['deep info define', `#lang info\n(define x ${'(list '.repeat(50_000)}1${')'.repeat(50_000)})`],
];

function expectDataLayerError(error: unknown, source: string, input: Buffer | string): void {
  const isOurs = error instanceof RacketReadError || error instanceof InfoFileError;
  if (!isOurs) {
    const shown = input.toString().slice(0, 400);
    throw new Error(`expected RacketReadError or InfoFileError, got ${String(error)}\ninput: ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }
  const e = error as RacketReadError | InfoFileError;
  expect(e.message).toContain(source);
  expect(e.message).not.toMatch(/\n\s+at /); // no stack trace in the user-facing message
  expect(Number.isInteger(e.line) && (e.line ?? 0) >= 1, `no line in: ${e.message}`).toBe(true);
  expect(Number.isInteger(e.column) && (e.column ?? -1) >= 0).toBe(true);
}

function runCase(kind: 'dep' | 'info', input: Buffer | string, source: string, limitMs = PER_CASE_LIMIT_MS): void {
  const started = performance.now();
  try {
    if (kind === 'dep') readAll(input, { source });
    else evaluateInfo(input, source, { env: {} });
  } catch (error) {
    expectDataLayerError(error, source, input);
  }
  const elapsed = performance.now() - started;
  if (elapsed > limitMs) {
    throw new Error(`${kind} case took ${elapsed.toFixed(0)} ms: ${JSON.stringify(input.toString().slice(0, 200))}`);
  }
}

describe('cm-core/fuzz', () => {
  it(`survives ${CASES} mutated .dep files (seed ${SEED})`, () => {
    const random = makeRandom(SEED);
    const corpus = sampleDepFiles(200);
    expect(corpus.length).toBeGreaterThan(50);
    for (let n = 0; n < CASES; n++) {
      const mutated = pick(MUTATIONS, random)(pick(corpus, random), random);
      runCase('dep', mutated, `fuzz-${n}.dep`);
    }
  });

  it(`survives ${CASES} mutated info.rkt files (seed ${SEED})`, () => {
    const random = makeRandom(SEED + 1);
    const corpus = INFO_FILES.map((f) => readFileSync(f));
    for (let n = 0; n < CASES; n++) {
      let mutated = pick(MUTATIONS, random)(pick(corpus, random), random);
      if (random() < 0.3) mutated = pick(MUTATIONS, random)(mutated, random);
      runCase('info', mutated, `fuzz-${n}/info.rkt`);
    }
  });

  it.each(ENORMOUS)('survives enormous input: %s', (name, text) => {
    runCase('dep', text, `${name}.rktd`, ENORMOUS_LIMIT_MS);
    runCase('info', text, `${name}/info.rkt`, ENORMOUS_LIMIT_MS);
  });
});
