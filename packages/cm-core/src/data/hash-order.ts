/**
 * The order in which Racket 8.7 CS prints hash-table entries.
 *
 * Racket's hash tables have no insertion order; what it prints is either sorted or its internal
 * order. We cannot reproduce the internal order, so entries keep the order of our
 * `RacketHash.entries` whenever Racket would not sort them.
 * - `write`/`display` (io/print/hash.rkt `try-sort`): sorted only when every key is a real
 *   (`<`), every key a symbol, every key a keyword, every key a string or every key a byte
 *   string. Mixed keys, characters or booleans: internal order.
 * - `pretty-write` (`hash-map … #t`, rumble `try-sort-keys`): sorted when every key is
 *   "orderable": booleans (`#f` first) < characters < reals < symbols < keywords < strings <
 *   byte strings < `()` < `#<void>`; otherwise internal order.
 * Sorting is stable (Racket's `sort` is a stable merge sort); keys that compare equal
 * (`0` and `-0.0`) keep our order.
 *
 * Fragile: with `+nan.0` among real keys `<` is not a total order and Racket's merge sort may
 * place it differently than ours.
 */
import type { RacketValue } from './types.js';

type Entry = readonly [RacketValue, RacketValue];

/** Compares strings by code point, as `string<?`/`symbol<?` do (UTF-16 order differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** An exact fraction, or a non-finite flonum. */
type Real = { num: bigint; den: bigint } | number;

function toReal(v: RacketValue): Real {
  if (v.kind === 'integer') return { num: v.value, den: 1n };
  if (v.kind === 'rational') return { num: v.numerator, den: v.denominator };
  if (v.kind !== 'flonum') throw new Error('hash-order: not a real. This is a bug in @nx-raco/cm-core.');
  const x = v.value;
  if (!Number.isFinite(x)) return x;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  let num = biased === 0 ? fraction : fraction | 0x10000000000000n;
  if (bits >> 63n) num = -num;
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  return exp2 >= 0 ? { num: num << BigInt(exp2), den: 1n } : { num, den: 1n << BigInt(-exp2) };
}

/** Racket's `<` as a comparator; NaN compares equal to everything. */
function compareReals(a: RacketValue, b: RacketValue): number {
  const x = toReal(a);
  const y = toReal(b);
  if (typeof x === 'number' || typeof y === 'number') {
    const fx = typeof x === 'number' ? x : 0;
    const fy = typeof y === 'number' ? y : 0;
    // An exact real stands in as 0 here: it only meets a non-finite flonum.
    if (Number.isNaN(fx) || Number.isNaN(fy) || fx === fy) return 0;
    return fx < fy ? -1 : 1;
  }
  const d = x.num * y.den - y.num * x.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const isReal = (v: RacketValue): boolean => v.kind === 'integer' || v.kind === 'rational' || v.kind === 'flonum';

/** Orderable-major rank for `pretty-write`, or -1. */
function prettyRank(v: RacketValue): number {
  switch (v.kind) {
    case 'boolean':
      return 0;
    case 'char':
      return 1;
    case 'integer':
    case 'rational':
    case 'flonum':
      return 2;
    case 'symbol':
      return 3;
    case 'keyword':
      return 4;
    case 'string':
      return 5;
    case 'bytes':
      return 6;
    case 'list':
      return v.items.length === 0 ? 7 : -1;
    case 'void':
      return 8;
    default:
      return -1;
  }
}

function compareSameRank(a: RacketValue, b: RacketValue): number {
  if (a.kind === 'boolean' && b.kind === 'boolean') return Number(a.value) - Number(b.value);
  if ((a.kind === 'char' || a.kind === 'string') && (b.kind === 'char' || b.kind === 'string')) {
    return compareCodePoints(a.value, b.value);
  }
  if ((a.kind === 'symbol' || a.kind === 'keyword') && (b.kind === 'symbol' || b.kind === 'keyword')) {
    return compareCodePoints(a.name, b.name);
  }
  if (a.kind === 'bytes' && b.kind === 'bytes') return compareBytes(a.value, b.value);
  if (isReal(a) && isReal(b)) return compareReals(a, b);
  return 0;
}

/** Entries in the order `write` and `display` print them. */
export function orderEntriesForWrite(entries: readonly Entry[]): readonly Entry[] {
  const first = entries[0]?.[0];
  if (first === undefined) return entries;
  const sameGroup = (v: RacketValue): boolean =>
    isReal(first) ? isReal(v) : ['symbol', 'keyword', 'string', 'bytes'].includes(first.kind) && v.kind === first.kind;
  if (!entries.every(([k]) => sameGroup(k))) return entries;
  return [...entries].sort(([a], [b]) => compareSameRank(a, b));
}

/** Entries in the order `pretty-write` prints them. */
export function orderEntriesForPrettyWrite(entries: readonly Entry[]): readonly Entry[] {
  if (!entries.every(([k]) => prettyRank(k) >= 0)) return entries;
  return [...entries].sort(([a], [b]) => prettyRank(a) - prettyRank(b) || compareSameRank(a, b));
}
