/**
 * Constructors, accessors and `equal?` for the Racket data model (`types.ts`).
 *
 * Constructors keep the list representation canonical: `makeList(items, tail)` splices a list
 * tail into `items`, so `(a . (b c))` and `(a b c)` build the same value.
 */
import type {
  RacketBytes,
  RacketInteger,
  RacketList,
  RacketRational,
  RacketString,
  RacketSymbol,
  RacketValue,
} from './types.js';

/** The empty list `()`. */
export const EMPTY_LIST: RacketList = Object.freeze({ kind: 'list', items: Object.freeze([]) }) as RacketList;

/**
 * Builds a list, normalising an improper tail.
 * @example makeList([sym('a')], makeList([sym('b')])) //=> the value of '(a b)
 */
export function makeList(items: readonly RacketValue[], tail?: RacketValue): RacketList {
  if (tail === undefined) return { kind: 'list', items };
  if (tail.kind === 'list') {
    return tail.tail === undefined
      ? { kind: 'list', items: [...items, ...tail.items] }
      : { kind: 'list', items: [...items, ...tail.items], tail: tail.tail };
  }
  if (items.length === 0) {
    throw new Error('makeList: an improper list needs at least one item before its tail. This is a bug in @nx-raco/cm-core.');
  }
  return { kind: 'list', items, tail };
}

export function sym(name: string): RacketSymbol {
  return { kind: 'symbol', name };
}

export function str(value: string): RacketString {
  return { kind: 'string', value };
}

export function bytes(value: Uint8Array | string): RacketBytes {
  return { kind: 'bytes', value: typeof value === 'string' ? new TextEncoder().encode(value) : value };
}

export function int(value: bigint | number): RacketInteger {
  return { kind: 'integer', value: BigInt(value) };
}

/** Greatest common divisor of two bigints (non-negative result). */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** An exact rational `num/den`, normalised; an integer when the denominator divides out. */
export function rational(num: bigint, den: bigint): RacketInteger | RacketRational {
  if (den === 0n) throw new RangeError('rational: division by zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  return den === 1n ? { kind: 'integer', value: num } : { kind: 'rational', numerator: num, denominator: den };
}

/** True when `v` is a proper list (including `()`). */
export function isProperList(v: RacketValue): v is RacketList & { tail: undefined } {
  return v.kind === 'list' && v.tail === undefined;
}

/** The items of a proper list, or `undefined` for anything else. */
export function listItems(v: RacketValue): readonly RacketValue[] | undefined {
  return v.kind === 'list' && v.tail === undefined ? v.items : undefined;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function numbersEqv(a: number, b: number): boolean {
  // Racket's eqv? on flonums: +nan.0 is eqv? to itself, 0.0 and -0.0 are not.
  return Object.is(a, b);
}

/**
 * Racket's `equal?` over the data model (source locations ignored). Hash tables compare as
 * sets of entries, independent of insertion order, as Racket does.
 */
export function isEqual(a: RacketValue, b: RacketValue): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'list': {
      if (b.kind !== 'list' || a.items.length !== b.items.length) return false;
      if ((a.tail === undefined) !== (b.tail === undefined)) return false;
      for (let i = 0; i < a.items.length; i++) if (!isEqual(a.items[i]!, b.items[i]!)) return false;
      return a.tail === undefined || isEqual(a.tail, b.tail!);
    }
    case 'vector': {
      if (b.kind !== 'vector' || a.items.length !== b.items.length) return false;
      for (let i = 0; i < a.items.length; i++) if (!isEqual(a.items[i]!, b.items[i]!)) return false;
      return true;
    }
    case 'symbol':
    case 'keyword':
    case 'procedure':
      return b.kind === a.kind && b.name === a.name;
    case 'string':
    case 'char':
    case 'path':
      return b.kind === a.kind && b.value === a.value;
    case 'bytes':
      return b.kind === 'bytes' && bytesEqual(a.value, b.value);
    case 'integer':
      return b.kind === 'integer' && a.value === b.value;
    case 'rational':
      return b.kind === 'rational' && a.numerator === b.numerator && a.denominator === b.denominator;
    case 'flonum':
      return b.kind === 'flonum' && numbersEqv(a.value, b.value);
    case 'boolean':
      return b.kind === 'boolean' && a.value === b.value;
    case 'box':
      return b.kind === 'box' && isEqual(a.value, b.value);
    case 'prefab': {
      if (b.kind !== 'prefab' || !isEqual(a.key, b.key) || a.fields.length !== b.fields.length) return false;
      for (let i = 0; i < a.fields.length; i++) if (!isEqual(a.fields[i]!, b.fields[i]!)) return false;
      return true;
    }
    case 'regexp':
      return b.kind === 'regexp' && a.pregexp === b.pregexp && isEqual(a.source, b.source);
    case 'hash': {
      if (b.kind !== 'hash' || a.equiv !== b.equiv || a.entries.length !== b.entries.length) return false;
      return a.entries.every(([k, v]) => b.entries.some(([k2, v2]) => isEqual(k, k2) && isEqual(v, v2)));
    }
    case 'void':
      return b.kind === 'void';
    default:
      return a satisfies never;
  }
}
