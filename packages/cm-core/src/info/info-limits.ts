/**
 * Resource bounds for reading and evaluating an info file, and the internal failures the
 * evaluator throws before `evaluate-info.ts` turns them into `InfoFileError`s.
 *
 * Racket has no such bounds: an info file can build exponentially large data with a few
 * `append`s or `(list a a)`s, and nest arbitrarily deep. We refuse instead of hanging or
 * overflowing the stack: every list cell, string character and compared node costs one unit of
 * work, nesting is counted, and each defined value's fully expanded size is checked (shared
 * structure counts every time it is reached, as it would when written out).
 */
import type { RacketValue, SrcLoc } from '../data/types.js';

/** Limits, all optional; see each default. */
export interface InfoLimits {
  /**
   * Largest info file read, in bytes. No installed info file exceeds 10 KB.
   * @default 8_388_608
   */
  readonly maxFileBytes?: number;
  /**
   * Deepest nesting of expressions and data the evaluator walks.
   * @default 1_000
   */
  readonly maxDepth?: number;
  /**
   * Units of work (list cells built, string characters produced, nodes compared) per file.
   * @default 20_000_000
   */
  readonly maxWork?: number;
  /**
   * Largest fully expanded size (nodes, counting shared parts each time) of one field's value.
   * @default 2_000_000
   */
  readonly maxValueSize?: number;
}

export type NormalizedInfoLimits = Required<InfoLimits>;

export const DEFAULT_MAX_FILE_BYTES = 8_388_608;
export const DEFAULT_MAX_DEPTH = 1_000;
export const DEFAULT_MAX_WORK = 20_000_000;
export const DEFAULT_MAX_VALUE_SIZE = 2_000_000;

const LIMIT_KEYS = new Set(['maxFileBytes', 'maxDepth', 'maxWork', 'maxValueSize']);

export function normalizeInfoLimits(limits: InfoLimits = {}): NormalizedInfoLimits {
  for (const key of Object.keys(limits)) {
    if (!LIMIT_KEYS.has(key)) {
      throw new TypeError(`evaluateInfo: unknown limit \`${key}\`. Expected one of ${[...LIMIT_KEYS].join(', ')}.`);
    }
  }
  return {
    maxFileBytes: limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxWork: limits.maxWork ?? DEFAULT_MAX_WORK,
    maxValueSize: limits.maxValueSize ?? DEFAULT_MAX_VALUE_SIZE,
  };
}

/** A bound was exceeded; `message` is the whole explanation. */
export class LimitFailure extends Error {
  constructor(
    message: string,
    readonly loc?: SrcLoc,
  ) {
    super(message);
  }
}

/** A Racket syntax error (`raise-syntax-error`): `who: message`, then `at:` and `in:` forms. */
export class SyntaxFailure extends Error {
  constructor(
    readonly who: string,
    readonly detail: string,
    readonly form: RacketValue | undefined,
    readonly subForm?: RacketValue,
    readonly locOverride?: SrcLoc,
  ) {
    super(`${who}: ${detail}`);
  }
}

/** A Racket run-time error with its complete message; `loc` is filled in by the evaluator. */
export class RuntimeFailure extends Error {
  loc: SrcLoc | undefined;
  constructor(message: string, loc?: SrcLoc) {
    super(message);
    this.loc = loc;
  }
}

/** Counts work and nesting for one file. */
export class WorkBudget {
  private remaining: number;

  constructor(readonly limits: NormalizedInfoLimits) {
    this.remaining = limits.maxWork;
  }

  /** Spends `units` of work; throws `LimitFailure` when the budget is gone. */
  charge(units: number): void {
    this.remaining -= units;
    if (this.remaining < 0) {
      throw new LimitFailure(
        `nx-raco: evaluating the info file needs more than ${this.limits.maxWork} units of work (list cells, characters and comparisons)`,
      );
    }
  }

  /** Throws `LimitFailure` when `depth` exceeds the nesting bound. */
  checkDepth(depth: number, loc?: SrcLoc): void {
    if (depth > this.limits.maxDepth) {
      throw new LimitFailure(`nx-raco: the info file nests expressions or data more than ${this.limits.maxDepth} levels deep`, loc);
    }
  }

  /**
   * Throws `LimitFailure` when `value`'s expanded size exceeds the bound. Linear in the number
   * of distinct nodes: sizes of shared parts are memoised.
   */
  checkValueSize(value: RacketValue, name: string, loc?: SrcLoc): void {
    const max = this.limits.maxValueSize;
    const memo = new Map<RacketValue, number>();
    const sizeOf = (v: RacketValue, depth: number): number => {
      const known = memo.get(v);
      if (known !== undefined) return known;
      this.checkDepth(depth, loc);
      this.charge(1);
      let size = 1;
      const add = (child: RacketValue): void => {
        size += sizeOf(child, depth + 1);
        if (size > max) {
          throw new LimitFailure(`nx-raco: the value of \`${name}\` has more than ${max} parts when written out`, loc);
        }
      };
      switch (v.kind) {
        case 'list':
          for (const item of v.items) add(item);
          if (v.tail !== undefined) add(v.tail);
          break;
        case 'vector':
          for (const item of v.items) add(item);
          break;
        case 'hash':
          for (const [key, val] of v.entries) {
            add(key);
            add(val);
          }
          break;
        case 'box':
          add(v.value);
          break;
        case 'prefab':
          add(v.key);
          for (const field of v.fields) add(field);
          break;
        case 'string':
          size += Math.floor(v.value.length / 64);
          break;
        case 'bytes':
          size += Math.floor(v.value.length / 64);
          break;
        default:
          break;
      }
      memo.set(v, size);
      return size;
    };
    sizeOf(value, 0);
  }
}
