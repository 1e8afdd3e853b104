/**
 * Prefab structure literals `#s(key field …)`: validating the key and normalising it as Racket
 * does (`prefab-struct-key` of the result).
 *
 * A key is a symbol, or a list of segments `name [count] [(auto-count auto-v)] [#(mutable-k …)]`,
 * the first for the struct itself (its count may be omitted) and then one per ancestor (count
 * required). Observed on Racket 8.7: the literal must supply a value for every field, automatic
 * ones included; the normalised key drops the first count, zero auto counts and empty mutability
 * vectors, sorts mutable indices, and collapses to the bare name when nothing else is left — so
 * `#s((p 2) 1 2)` reads as `#s(p 1 2)` and `#s((a 1 #(0) b 1) 1 2)` as `#s((a #(0) b 1) 1 2)`.
 *
 * Errors, in Racket's order: `invalid structure description`, `mismatch between structure
 * description and number of provided field values`, then (for `read-syntax` only) mutable fields.
 */
import type { RacketValue, SrcLoc } from './types.js';
import { int, makeList } from './values.js';

interface Segment {
  readonly name: RacketValue;
  count?: bigint;
  autoCount: bigint;
  autoValue?: RacketValue;
  mutable: bigint[];
}

export type PrefabCheck =
  | { readonly ok: true; readonly key: RacketValue; readonly mutable: boolean }
  | { readonly ok: false; readonly error: 'invalid' | 'mismatch' };

const natural = (v: RacketValue | undefined): bigint | undefined =>
  v?.kind === 'integer' && v.value >= 0n ? v.value : undefined;

function parseSegments(items: readonly RacketValue[]): Segment[] | undefined {
  const segments: Segment[] = [];
  let k = 0;
  while (k < items.length) {
    const name = items[k++]!;
    if (name.kind !== 'symbol') return undefined;
    const seg: Segment = { name, autoCount: 0n, mutable: [] };
    seg.count = natural(items[k]);
    if (seg.count !== undefined) k++;
    else if (segments.length > 0) return undefined;
    const auto = items[k];
    if (auto?.kind === 'list' && auto.tail === undefined && auto.items.length === 2) {
      const n = natural(auto.items[0]);
      if (n === undefined) return undefined;
      seg.autoCount = n;
      seg.autoValue = auto.items[1]!;
      k++;
    }
    const mutable = items[k];
    if (mutable?.kind === 'vector') {
      for (const x of mutable.items) {
        const n = natural(x);
        if (n === undefined || seg.mutable.includes(n) || (seg.count !== undefined && n >= seg.count)) return undefined;
        seg.mutable.push(n);
      }
      seg.mutable.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      k++;
    }
    segments.push(seg);
  }
  return segments;
}

/** The normalised key; the parts it builds anew get the location of the key as written. */
function normalise(segments: readonly Segment[], loc: SrcLoc | undefined): RacketValue {
  const located = <T extends RacketValue>(v: T): T => (loc === undefined ? v : { ...v, loc });
  const number = (n: bigint): RacketValue => located(int(n));
  const out: RacketValue[] = [];
  segments.forEach((seg, k) => {
    out.push(seg.name);
    if (k > 0) out.push(number(seg.count!));
    if (seg.autoCount > 0n) out.push(located(makeList([number(seg.autoCount), seg.autoValue!])));
    if (seg.mutable.length > 0) out.push(located({ kind: 'vector', items: seg.mutable.map(number) }));
  });
  return out.length === 1 ? out[0]! : located(makeList(out));
}

/** Checks a prefab key against the number of field values the literal provides. */
export function checkPrefabKey(key: RacketValue, provided: number): PrefabCheck {
  if (key.kind === 'symbol') return { ok: true, key, mutable: false };
  if (key.kind !== 'list' || key.tail !== undefined || key.items.length === 0) return { ok: false, error: 'invalid' };
  const segments = parseSegments(key.items);
  if (segments === undefined) return { ok: false, error: 'invalid' };
  const first = segments[0]!;
  let others = first.autoCount;
  for (const seg of segments.slice(1)) others += seg.count! + seg.autoCount;
  const count = first.count ?? BigInt(provided) - others;
  if (count < 0n || count + others !== BigInt(provided) || first.mutable.some((n) => n >= count)) {
    return { ok: false, error: 'mismatch' };
  }
  const mutable = segments.some((s) => s.autoCount > 0n || s.mutable.length > 0);
  return { ok: true, key: normalise(segments, key.loc), mutable };
}
