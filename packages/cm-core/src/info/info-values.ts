/**
 * Value operations the info language needs beyond `data/values.ts`: `equal?` and `eqv?` that
 * charge the work budget, and immutable hash tables keyed by `equal?`, `eqv?` or `eq?`.
 *
 * Hash tables keep insertion order (Racket's order is unspecified; `equal?` ignores it). Atomic
 * keys are indexed by a string so that building a table of n atomic keys is linear.
 */
import type { RacketHash, RacketValue } from '../data/types.js';
import type { WorkBudget } from './info-limits.js';

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `eqv?`: numbers, characters and other atoms by value; everything else by identity. */
export function isEqv(a: RacketValue, b: RacketValue): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'symbol':
    case 'keyword':
      return a.name === (b as typeof a).name;
    case 'integer':
    case 'boolean':
    case 'char':
      return a.value === (b as typeof a).value;
    case 'flonum':
      return Object.is(a.value, (b as typeof a).value);
    case 'rational':
      return a.numerator === (b as typeof a).numerator && a.denominator === (b as typeof a).denominator;
    case 'list':
      return a.items.length === 0 && (b as typeof a).items.length === 0 && a.tail === undefined;
    case 'void':
      return true;
    case 'procedure':
      return a.name === (b as typeof a).name;
    default:
      return false;
  }
}

/** `equal?`, charging one unit of work per node visited. */
export function isEqualCharged(a: RacketValue, b: RacketValue, budget: WorkBudget, depth = 0): boolean {
  budget.charge(1);
  if (a === b) return true;
  budget.checkDepth(depth);
  switch (a.kind) {
    case 'list': {
      if (b.kind !== 'list' || a.items.length !== b.items.length) return false;
      if ((a.tail === undefined) !== (b.tail === undefined)) return false;
      for (let i = 0; i < a.items.length; i++) if (!isEqualCharged(a.items[i]!, b.items[i]!, budget, depth + 1)) return false;
      return a.tail === undefined || isEqualCharged(a.tail, b.tail!, budget, depth + 1);
    }
    case 'vector': {
      if (b.kind !== 'vector' || a.items.length !== b.items.length) return false;
      for (let i = 0; i < a.items.length; i++) if (!isEqualCharged(a.items[i]!, b.items[i]!, budget, depth + 1)) return false;
      return true;
    }
    case 'string':
    case 'path':
      budget.charge(a.value.length >> 6);
      return b.kind === a.kind && b.value === a.value;
    case 'bytes':
      budget.charge(a.value.length >> 6);
      return b.kind === 'bytes' && bytesEqual(a.value, b.value);
    case 'box':
      return b.kind === 'box' && isEqualCharged(a.value, b.value, budget, depth + 1);
    case 'prefab': {
      if (b.kind !== 'prefab' || a.fields.length !== b.fields.length) return false;
      if (!isEqualCharged(a.key, b.key, budget, depth + 1)) return false;
      for (let i = 0; i < a.fields.length; i++) if (!isEqualCharged(a.fields[i]!, b.fields[i]!, budget, depth + 1)) return false;
      return true;
    }
    case 'regexp':
      return b.kind === 'regexp' && a.pregexp === b.pregexp && isEqualCharged(a.source, b.source, budget, depth + 1);
    case 'hash': {
      if (b.kind !== 'hash' || a.equiv !== b.equiv || a.entries.length !== b.entries.length) return false;
      return a.entries.every(([key, value]) => {
        const found = hashRef(b, key, budget);
        return found !== undefined && isEqualCharged(value, found, budget, depth + 1);
      });
    }
    default:
      return isEqv(a, b);
  }
}

const hexOf = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A string that identifies an atomic key under `equiv`, or `undefined` for compound keys. */
function atomKey(key: RacketValue, equiv: RacketHash['equiv']): string | undefined {
  switch (key.kind) {
    case 'symbol':
      return `y${key.name}`;
    case 'keyword':
      return `k${key.name}`;
    case 'integer':
      return `i${key.value}`;
    case 'rational':
      return `r${key.numerator}/${key.denominator}`;
    case 'flonum':
      return `f${Object.is(key.value, -0) ? '-0' : String(key.value)}`;
    case 'boolean':
      return key.value ? 't' : 'f';
    case 'char':
      return `c${key.value}`;
    case 'void':
      return 'v';
    case 'list':
      return key.items.length === 0 && key.tail === undefined ? 'n' : undefined;
    case 'string':
      return equiv === 'equal' ? `s${key.value}` : undefined;
    case 'path':
      return equiv === 'equal' ? `p${key.value}` : undefined;
    case 'bytes':
      return equiv === 'equal' ? `b${hexOf(key.value)}` : undefined;
    default:
      return undefined;
  }
}

function keysMatch(a: RacketValue, b: RacketValue, equiv: RacketHash['equiv'], budget: WorkBudget): boolean {
  return equiv === 'equal' ? isEqualCharged(a, b, budget) : isEqv(a, b);
}

/** Builds an immutable hash from successive `hash-set`s, in linear time for atomic keys. */
export class HashBuilder {
  private readonly entries: [RacketValue, RacketValue][] = [];
  private readonly atoms = new Map<string, number>();
  private readonly compound: number[] = [];

  constructor(
    readonly equiv: RacketHash['equiv'],
    private readonly budget: WorkBudget,
    initial: readonly (readonly [RacketValue, RacketValue])[] = [],
  ) {
    for (const [key, value] of initial) this.set(key, value);
  }

  private indexOf(key: RacketValue): number | undefined {
    const atom = atomKey(key, this.equiv);
    if (atom !== undefined) return this.atoms.get(atom);
    for (const index of this.compound) if (keysMatch(this.entries[index]![0], key, this.equiv, this.budget)) return index;
    return undefined;
  }

  set(key: RacketValue, value: RacketValue): void {
    this.budget.charge(1);
    const index = this.indexOf(key);
    if (index !== undefined) {
      this.entries[index] = [this.entries[index]![0], value];
      return;
    }
    const atom = atomKey(key, this.equiv);
    if (atom !== undefined) this.atoms.set(atom, this.entries.length);
    else this.compound.push(this.entries.length);
    this.entries.push([key, value]);
  }

  remove(key: RacketValue): void {
    const index = this.indexOf(key);
    if (index === undefined) return;
    this.entries.splice(index, 1);
    this.atoms.clear();
    this.compound.length = 0;
    this.entries.forEach(([k], i) => {
      const atom = atomKey(k, this.equiv);
      if (atom !== undefined) this.atoms.set(atom, i);
      else this.compound.push(i);
    });
  }

  build(): RacketHash {
    return { kind: 'hash', equiv: this.equiv, entries: this.entries };
  }
}

/** `hash-ref` without a default: the value, or `undefined`. */
export function hashRef(hash: RacketHash, key: RacketValue, budget: WorkBudget): RacketValue | undefined {
  const atom = atomKey(key, hash.equiv);
  for (const [k, v] of hash.entries) {
    budget.charge(1);
    if (atom !== undefined ? atomKey(k, hash.equiv) === atom : keysMatch(k, key, hash.equiv, budget)) return v;
  }
  return undefined;
}
