/**
 * Building a hash literal (`#hash`, `#hasheqv`, `#hasheq`) from its pairs, with Racket's rule
 * for duplicate keys: the LAST value wins (observed: `#hash((a . 1) (a . 2))` reads as
 * `#hash((a . 2))`); the entry keeps the position of its first occurrence.
 *
 * Which keys are duplicates depends on the table's equivalence AND on the reader, observed on
 * Racket 8.7 CS:
 * - `equal`: structural equality (`equal?`).
 * - `read-syntax` interns literals (`datum-intern-literal`), so under `eq`/`eqv` equal numbers,
 *   strings, byte strings and regexps merge, as do symbols, keywords, characters, booleans and
 *   empty lists / vectors / strings / hashes; pairs, non-empty vectors, boxes and prefab structs
 *   never do.
 * - `read` does not intern: `eqv` merges numbers by value, but `eq` merges only fixnums
 *   (61-bit) and the flonums the number parser returns as constants. We approximate the latter
 *   as ±0.0, ±inf.0 and +nan.0 (Racket also allocates a fresh `+inf.0` for an overflowing
 *   decimal such as `1e400`; the difference only shows in a `#hasheq` with such a key twice).
 *
 * Design constraint: linear time. Keys are compared through a canonical string, built with an
 * explicit stack so that a deeply nested key cannot overflow the call stack.
 */
import type { ReaderWho } from './read-scanner.js';
import type { RacketHash, RacketValue, SrcLoc } from './types.js';

type Equiv = RacketHash['equiv'];

function hexOfBytes(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

function flonumKey(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

const FIXNUM_MIN = -(2n ** 60n);
const FIXNUM_MAX = 2n ** 60n - 1n;

/** Canonical text of an atom, or `undefined` for values that are only `eq?` to themselves. */
function atomKey(v: RacketValue): string | undefined {
  switch (v.kind) {
    case 'symbol':
      return `s${v.name}`;
    case 'keyword':
      return `k${v.name}`;
    case 'integer':
      return `i${v.value}`;
    case 'rational':
      return `r${v.numerator}/${v.denominator}`;
    case 'flonum':
      return `f${flonumKey(v.value)}`;
    case 'boolean':
      return v.value ? 't' : 'f';
    case 'char':
      return `c${v.value}`;
    case 'void':
      return 'v';
    case 'list':
      return v.items.length === 0 && v.tail === undefined ? '()' : undefined;
    case 'vector':
      return v.items.length === 0 ? '#()' : undefined;
    case 'string':
      return v.value === '' ? '"' : undefined;
    case 'bytes':
      return v.value.length === 0 ? '#"' : undefined;
    case 'hash':
      return v.entries.length === 0 ? `#hash-${v.equiv}()` : undefined;
    default:
      return undefined;
  }
}

/** Key under `eq?`/`eqv?` for freshly read values (see the module comment). */
function identityKey(v: RacketValue, equiv: Equiv, who: ReaderWho): string | undefined {
  if (who === 'read-syntax') {
    if (v.kind === 'string') return `"${v.value}`;
    if (v.kind === 'bytes') return `#"${hexOfBytes(v.value)}`;
    if (v.kind === 'regexp') return `${v.pregexp ? 'px' : 'rx'}${equalKey(v.source)}`;
    return atomKey(v);
  }
  if (equiv === 'eq') {
    if (v.kind === 'integer' && (v.value < FIXNUM_MIN || v.value > FIXNUM_MAX)) return undefined;
    if (v.kind === 'rational') return undefined;
    if (v.kind === 'flonum' && v.value !== 0 && Number.isFinite(v.value)) return undefined;
  }
  return atomKey(v);
}

/** Canonical text under `equal?`: equal values, and only those, get the same text. */
export function equalKey(root: RacketValue): string {
  const parts: string[] = [];
  const todo: (RacketValue | string)[] = [root];
  while (todo.length > 0) {
    const v = todo.pop()!;
    if (typeof v === 'string') {
      parts.push(v);
      continue;
    }
    const atom = atomKey(v);
    if (atom !== undefined) {
      parts.push(JSON.stringify(atom));
      continue;
    }
    // Children are pushed in reverse so that they are emitted in order.
    const open = (tag: string, children: readonly RacketValue[], close = ')'): void => {
      parts.push(tag);
      todo.push(close);
      for (let k = children.length - 1; k >= 0; k--) todo.push(children[k]!);
    };
    switch (v.kind) {
      case 'list':
        if (v.tail !== undefined) open('(', [...v.items, v.tail], '.)');
        else open('(', v.items);
        break;
      case 'vector':
        open('#(', v.items);
        break;
      case 'string':
        parts.push(JSON.stringify(`"${v.value}`)); // "" gets the same text from atomKey
        break;
      case 'bytes':
        parts.push(JSON.stringify(`#"${hexOfBytes(v.value)}`));
        break;
      case 'box':
        open('#&(', [v.value]);
        break;
      case 'prefab':
        open('#s(', [v.key, ...v.fields]);
        break;
      case 'regexp':
        open(v.pregexp ? '#px(' : '#rx(', [v.source]);
        break;
      case 'hash': {
        const entries = v.entries.map(([k, x]) => `${equalKey(k)}=${equalKey(x)}`).sort();
        parts.push(`#hash-${v.equiv}(${entries.join(',')})`);
        break;
      }
      case 'path':
        parts.push(JSON.stringify(`p${v.value}`));
        break;
      case 'procedure':
        parts.push(JSON.stringify(`proc${v.name}`));
        break;
      default:
        parts.push(JSON.stringify(`?${v.kind}`));
    }
  }
  return parts.join(' ');
}

/** Accumulates the pairs of one hash literal. */
export class HashBuilder {
  private readonly entries: [RacketValue, RacketValue][] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly equiv: Equiv,
    private readonly who: ReaderWho,
  ) {}

  add(key: RacketValue, value: RacketValue): void {
    this.size++;
    const canonical = this.equiv === 'equal' ? equalKey(key) : identityKey(key, this.equiv, this.who);
    if (canonical === undefined) {
      this.entries.push([key, value]);
      return;
    }
    const at = this.index.get(canonical);
    if (at === undefined) {
      this.index.set(canonical, this.entries.length);
      this.entries.push([key, value]);
    } else {
      this.entries[at]![1] = value;
    }
  }

  /** Pairs read so far, duplicates included. */
  size = 0;

  build(loc: SrcLoc): RacketHash {
    return { kind: 'hash', equiv: this.equiv, entries: this.entries, loc };
  }
}
