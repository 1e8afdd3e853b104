/**
 * Racket CS 8.7's wording for the run-time errors the info language can raise, as observed with
 * `racket` on this machine (see `info-builtins.spec.ts`, which checks them against Racket).
 */
import type { RacketValue } from '../data/types.js';
import { errorValue } from './info-print.js';
import { RuntimeFailure } from './info-limits.js';

const ORDINALS = ['1st', '2nd', '3rd'];

function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

/**
 * `raise-argument-error`: `who: contract violation`, `expected:`, `given:`, and for procedures
 * that report it, the argument position and the other arguments.
 */
export function contractViolation(
  who: string,
  expected: string,
  given: RacketValue,
  position?: { readonly index: number; readonly args: readonly RacketValue[] },
): RuntimeFailure {
  let message = `${who}: contract violation\n  expected: ${expected}\n  given: ${errorValue(given)}`;
  if (position !== undefined && position.args.length > 1) {
    const others = position.args.filter((_, i) => i !== position.index);
    message += `\n  argument position: ${ordinal(position.index + 1)}\n  other arguments...:${others
      .map((v) => `\n   ${errorValue(v)}`)
      .join('')}`;
  }
  return new RuntimeFailure(message);
}

/** An arity error; `expected` is omitted for procedures with an optional-argument range, as Racket CS does. */
export function arityMismatch(who: string, expected: string | undefined, given: number): RuntimeFailure {
  return new RuntimeFailure(
    `${who}: arity mismatch;\n the expected number of arguments does not match the given number${
      expected === undefined ? '' : `\n  expected: ${expected}`
    }\n  given: ${given}`,
  );
}

function argumentLines(positional: readonly RacketValue[], keywords: readonly (readonly [string, RacketValue])[]): string {
  const sorted = [...keywords].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `\n  arguments...:${positional.map((v) => `\n   ${errorValue(v)}`).join('')}${sorted
    .map(([k, v]) => `\n   #:${k} ${errorValue(v)}`)
    .join('')}`;
}

/** Applying something that is not a procedure; Racket lists the arguments only when some are keywords. */
export function notAProcedure(
  value: RacketValue,
  positional: readonly RacketValue[] = [],
  keywords: readonly (readonly [string, RacketValue])[] = [],
): RuntimeFailure {
  return new RuntimeFailure(
    `application: not a procedure;\n expected a procedure that can be applied to arguments\n  given: ${errorValue(value)}${
      keywords.length > 0 ? argumentLines(positional, keywords) : ''
    }`,
  );
}

/** Keyword arguments given to a procedure that takes none. */
export function keywordsNotAccepted(
  name: string,
  positional: readonly RacketValue[],
  keywords: readonly (readonly [string, RacketValue])[],
): RuntimeFailure {
  return new RuntimeFailure(
    `application: procedure does not accept keyword arguments\n  procedure: ${name}${argumentLines(positional, keywords)}`,
  );
}

/** A keyword the procedure does not take. */
export function unexpectedKeyword(
  name: string,
  keyword: string,
  positional: readonly RacketValue[],
  keywords: readonly (readonly [string, RacketValue])[],
): RuntimeFailure {
  return new RuntimeFailure(
    `application: procedure does not expect an argument with given keyword\n  procedure: ${name}\n  given keyword: #:${keyword}${argumentLines(
      positional,
      keywords,
    )}`,
  );
}
