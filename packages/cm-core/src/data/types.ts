/**
 * The Racket data model shared by the reader, the writer and the `info.rkt` evaluator.
 *
 * Adding a variant to `RacketValue` is a maintenance commitment: every consumer switches over
 * `kind` with `satisfies never`, so a new variant must be handled by the reader, the writer,
 * `isEqual` and the evaluator in the same change.
 *
 * Design constraints:
 * - Lists are stored as arrays with an optional improper tail. The representation is canonical:
 *   `tail` is never a list value (a `(a . (b c))` reads as `(a b c)`), so two equal lists always
 *   have the same shape and `isEqual` can compare arrays.
 * - Numbers keep Racket's exactness: exact integers are `bigint`, exact rationals are a
 *   normalised `bigint` fraction, flonums are JS numbers (Racket CS flonums are IEEE doubles).
 * - Strings hold Unicode scalar values; byte strings hold raw bytes.
 * - `loc` is the source position the reader saw. It is carried for error messages only and is
 *   ignored by `isEqual`.
 */

/** A source position. `line` is 1-based, `column` 0-based and `position` 1-based, as in Racket's `srcloc`. */
export interface SrcLoc {
  readonly source?: string;
  readonly line: number;
  readonly column: number;
  readonly position: number;
  /** Number of characters the datum spans, when known. */
  readonly span?: number;
}

interface Located {
  loc?: SrcLoc;
}

/** A list: proper when `tail` is absent; `()` is the empty `items` with no tail. */
export interface RacketList extends Located {
  readonly kind: 'list';
  readonly items: readonly RacketValue[];
  /** Improper tail; never a `list` value (see the module comment). */
  readonly tail?: RacketValue;
}

export interface RacketSymbol extends Located {
  readonly kind: 'symbol';
  readonly name: string;
}

export interface RacketKeyword extends Located {
  readonly kind: 'keyword';
  /** Without the leading `#:`. */
  readonly name: string;
}

export interface RacketString extends Located {
  readonly kind: 'string';
  readonly value: string;
}

export interface RacketBytes extends Located {
  readonly kind: 'bytes';
  readonly value: Uint8Array;
}

export interface RacketInteger extends Located {
  readonly kind: 'integer';
  readonly value: bigint;
}

/** An exact non-integer rational, normalised: `den > 1n` and `gcd(num, den) === 1n`. */
export interface RacketRational extends Located {
  readonly kind: 'rational';
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export interface RacketFlonum extends Located {
  readonly kind: 'flonum';
  readonly value: number;
}

export interface RacketBoolean extends Located {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface RacketChar extends Located {
  readonly kind: 'char';
  /** One Unicode scalar value, as a JS string of length 1 or 2. */
  readonly value: string;
}

export interface RacketVector extends Located {
  readonly kind: 'vector';
  readonly items: readonly RacketValue[];
}

/** An immutable hash literal or a hash built by the evaluator. Keys are unique under `equiv`. */
export interface RacketHash extends Located {
  readonly kind: 'hash';
  readonly equiv: 'equal' | 'eqv' | 'eq';
  readonly entries: readonly (readonly [RacketValue, RacketValue])[];
}

/** A prefab structure `#s(key field …)`; `key` is a symbol or a list such as `(name 2)`. */
export interface RacketPrefab extends Located {
  readonly kind: 'prefab';
  readonly key: RacketValue;
  readonly fields: readonly RacketValue[];
}

/** `#rx"…"`, `#px"…"`, `#rx#"…"`, `#px#"…"`. The source is kept verbatim. */
export interface RacketRegexp extends Located {
  readonly kind: 'regexp';
  readonly pregexp: boolean;
  readonly source: RacketString | RacketBytes;
}

export interface RacketBox extends Located {
  readonly kind: 'box';
  readonly value: RacketValue;
}

/** A filesystem path (produced by the evaluator's `build-path`, `collection-path`, …; never read). */
export interface RacketPath extends Located {
  readonly kind: 'path';
  readonly value: string;
}

/** `#<void>` (never read; `(void)`-like results of evaluation). */
export interface RacketVoid extends Located {
  readonly kind: 'void';
}

/** A primitive procedure of the `info.rkt` language, usable as a first-class value. */
export interface RacketProcedure extends Located {
  readonly kind: 'procedure';
  readonly name: string;
}

export type RacketValue =
  | RacketList
  | RacketSymbol
  | RacketKeyword
  | RacketString
  | RacketBytes
  | RacketInteger
  | RacketRational
  | RacketFlonum
  | RacketBoolean
  | RacketChar
  | RacketVector
  | RacketHash
  | RacketPrefab
  | RacketRegexp
  | RacketBox
  | RacketPath
  | RacketVoid
  | RacketProcedure;

export type RacketKind = RacketValue['kind'];
