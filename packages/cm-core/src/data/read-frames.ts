/**
 * The open forms of the datum reader's explicit stack (`read-datum.ts`), and turning a closed
 * list / vector / prefab frame into its value.
 *
 * The data read directly inside a frame have an indentation context: the open sequences whose
 * indentation Racket tracks and names in error messages, innermost first. Inside a sequence it
 * is the sequence itself (and its `outer` chain), but a `#;` comment between the elements of a
 * sequence is read in the sequence's *outer* context (Racket passes `seq-config` there), which
 * changes both the "possible cause" hint and the unexpected-closer wording — observed on 8.7.
 */
import type { Scanner } from './read-scanner.js';
import { closerOf } from './read-char-class.js';
import type { HashBuilder } from './read-hash.js';
import type { Indentation } from './read-indentation.js';
import type { Place } from './read-input.js';
import { checkPrefabKey } from './read-prefab.js';
import type { RacketList, RacketValue, SrcLoc } from './types.js';
import { makeList } from './values.js';

/**
 * An open list, vector, prefab or hash. It is its own indentation record, and `outer` links the
 * enclosing open sequences: together they form the context Racket names in error messages.
 */
abstract class OpenSequence implements Indentation {
  readonly closer: number;
  readonly startLine: number;
  lastLine: number;
  maxIndent: number;
  multiline = false;
  suspiciousLine: number | undefined = undefined;

  constructor(
    /** Index of the first character (`(` or `#`), where Racket reports errors. */
    readonly at: number,
    readonly start: Place,
    /** Case folding (`#ci`) in force for the elements. */
    readonly fold: boolean,
    readonly opener: number,
    readonly outer: Ctx,
    /** Line and column just after the opening bracket. */
    line: number,
    column: number,
  ) {
    this.closer = closerOf(opener);
    this.startLine = line;
    this.lastLine = line;
    this.maxIndent = column + 1;
  }
}

/** Indentation context: the innermost open sequence (linked to the outer ones), or none. */
export type Ctx = OpenSequence | null;

/** An open list, vector or prefab literal. */
export class SeqFrame extends OpenSequence {
  readonly t = 'seq' as const;
  readonly items: RacketValue[] = [];
  state: 'items' | 'afterDot' | 'afterTail' | 'afterInfixDot' = 'items';
  dotAt = -1;
  tail: RacketValue | undefined = undefined;
  head: RacketValue | undefined = undefined;

  constructor(
    at: number,
    start: Place,
    fold: boolean,
    readonly shape: 'list' | 'vector' | 'prefab',
    opener: number,
    outer: Ctx,
    line: number,
    column: number,
    readonly length: bigint | undefined,
  ) {
    super(at, start, fold, opener, outer, line, column);
  }
}

/** An open `#hash(…)`; `state` says which part of a `(key . value)` pair comes next. */
export class HashFrame extends OpenSequence {
  readonly t = 'hash' as const;
  state: 'pair' | 'key' | 'dot' | 'value' | 'pairClose' = 'pair';
  pairCloser = -1;
  key: RacketValue | undefined = undefined;
  /** A `#;` at pair level comments out the next whole pair (Racket reads it as a pair). */
  discardPair = false;

  constructor(at: number, start: Place, fold: boolean, opener: number, outer: Ctx, line: number, column: number, readonly builder: HashBuilder) {
    super(at, start, fold, opener, outer, line, column);
  }
}

/** A form that wraps the next datum: `'x`, `#&x`, `#;x`, `#ci x`. */
export class PrefixFrame {
  constructor(
    readonly t: 'quote' | 'box' | 'comment' | 'case',
    readonly at: number,
    readonly start: Place | undefined,
    readonly fold: boolean,
    readonly ctx: Ctx,
    readonly sym: string = '',
    readonly desc: string = '',
    readonly symLoc: SrcLoc | undefined = undefined,
  ) {}
}

export type Frame = SeqFrame | HashFrame | PrefixFrame;

function withLoc(list: RacketList, loc: SrcLoc): RacketList {
  list.loc = loc;
  return list;
}

/** The value of a closed list, vector or prefab frame (the cursor is after the closer). */
export function closeSeqFrame(sc: Scanner, f: SeqFrame): RacketValue {
  const items = f.head === undefined ? f.items : [f.head, ...f.items];
  const loc = sc.locFrom(f.start);
  if (f.shape === 'list') return withLoc(makeList(items, f.tail), loc);
  if (f.shape === 'vector') return { kind: 'vector', items: fillVector(sc, f, items, loc), loc };
  const seq = makeList(items, f.tail);
  if (seq.items.length === 0) sc.fail('missing structure description in `#s` form', f.at);
  // An improper tail (`#s(p . 1)`) counts as a wrong number of fields, as in Racket.
  const check = seq.tail === undefined ? checkPrefabKey(seq.items[0]!, seq.items.length - 1) : ({ ok: false, error: 'mismatch' } as const);
  if (!check.ok) {
    return sc.fail(
      check.error === 'invalid'
        ? 'invalid structure description in `#s` form'
        : 'mismatch between structure description and number of provided field values in `#s` form',
      f.at,
    );
  }
  if (check.mutable && sc.who === 'read-syntax') sc.fail('cannot read mutable `#s` form as syntax', f.at);
  return { kind: 'prefab', key: check.key, fields: seq.items.slice(1), loc };
}

/** `#3(a b)` is `#(a b b)`; `#2()` is `#(0 0)`. */
function fillVector(sc: Scanner, f: SeqFrame, items: RacketValue[], loc: SrcLoc): RacketValue[] {
  if (f.length === undefined || f.length === BigInt(items.length)) return items;
  if (f.length < BigInt(items.length)) {
    sc.fail(`vector length ${f.length} is too small, ${items.length} values provided`, f.at);
  }
  const fill: RacketValue = items[items.length - 1] ?? { kind: 'integer', value: 0n, loc };
  const out = items.slice();
  while (out.length < Number(f.length)) out.push(fill);
  return out;
}
