/**
 * The prefab key Racket prints: `prefab-struct-key` returns keys in their shortest form, so
 * `#s((point 2) 1 2)` and `#s((point 2 (0 #f) #()) 1 2)` print as `#s(point 1 2)`.
 *
 * Observed rules (Racket 8.7): the first structure's field count is dropped; an auto-field
 * spec `(0 v)` is dropped; an empty mutability vector is dropped and a non-empty one is
 * sorted (`#(1 0)` → `#(0 1)`); parents keep their counts (`(b a 1)`); a key that is only a
 * name becomes that symbol. A key we cannot parse is printed unchanged.
 */
import { makeList } from './values.js';
import type { RacketValue } from './types.js';

interface Segment {
  name: RacketValue;
  count?: RacketValue;
  auto?: RacketValue;
  mutable?: RacketValue;
}

const isCount = (v: RacketValue | undefined): boolean => v?.kind === 'integer' && v.value >= 0n;

function parseSegments(items: readonly RacketValue[]): Segment[] | undefined {
  const segments: Segment[] = [];
  let i = 0;
  while (i < items.length) {
    const name = items[i++]!;
    if (name.kind !== 'symbol') return undefined;
    const segment: Segment = { name };
    if (isCount(items[i])) segment.count = items[i++];
    else if (segments.length > 0) return undefined; // parents need their field count
    const auto = items[i];
    if (auto?.kind === 'list' && auto.tail === undefined && auto.items.length === 2 && isCount(auto.items[0])) {
      segment.auto = auto;
      i++;
    }
    if (items[i]?.kind === 'vector') segment.mutable = items[i++];
    segments.push(segment);
  }
  return segments;
}

/** `key` in the form `prefab-struct-key` would return it. */
export function normalizePrefabKey(key: RacketValue): RacketValue {
  if (key.kind !== 'list' || key.tail !== undefined) return key;
  const segments = parseSegments(key.items);
  if (segments === undefined || segments.length === 0) return key;
  const out: RacketValue[] = [];
  segments.forEach((segment, index) => {
    out.push(segment.name);
    if (index > 0 && segment.count) out.push(segment.count);
    const auto = segment.auto;
    if (auto?.kind === 'list' && !(auto.items[0]?.kind === 'integer' && auto.items[0].value === 0n)) out.push(auto);
    const mutable = segment.mutable;
    if (mutable?.kind === 'vector' && mutable.items.length > 0) {
      const sorted = [...mutable.items].sort((a, b) =>
        a.kind === 'integer' && b.kind === 'integer' ? Number(a.value - b.value) : 0,
      );
      out.push({ kind: 'vector', items: sorted });
    }
  });
  return out.length === 1 ? out[0]! : makeList(out);
}
