/**
 * The expanded form of info-language expressions: what `info-compile.ts` produces once every
 * syntax check has passed, and what `info-eval.ts` runs. Expansion and evaluation are separate
 * because Racket reports every syntax error of a module before running any of it.
 */
import type { RacketProcedure, RacketValue, SrcLoc } from '../data/types.js';

export interface ArgumentExpr {
  /** Keyword without `#:`, for a keyword argument. */
  readonly keyword?: string;
  readonly expr: Expr;
}

export type Expr =
  | { readonly t: 'quote'; readonly value: RacketValue }
  | { readonly t: 'builtin'; readonly value: RacketProcedure }
  /** A module-level variable; reading it before its definition ran is an error. */
  | { readonly t: 'variable'; readonly name: string; readonly loc: SrcLoc | undefined }
  /** An argument of a single-form `(define (f x) …)`; never evaluated. */
  | { readonly t: 'local'; readonly name: string }
  | { readonly t: 'if'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | {
      readonly t: 'app';
      readonly fn: Expr;
      /** In source order, which is evaluation order. */
      readonly args: readonly ArgumentExpr[];
      readonly loc: SrcLoc | undefined;
    }
  | { readonly t: 'quasi'; readonly template: QuasiNode; readonly loc: SrcLoc | undefined }
  /** A procedure built by a single-form `(define (f …) …)`. */
  | { readonly t: 'lambda'; readonly name: string };

/** One element of a quasiquoted list: a value, or (at level 0) a spliced list. */
export interface QuasiPart {
  readonly node: QuasiNode;
  readonly splice: boolean;
}

/** A compiled quasiquote template. `datum` parts contain no unquote and are used as is. */
export type QuasiNode =
  | { readonly k: 'datum'; readonly value: RacketValue }
  | { readonly k: 'expr'; readonly expr: Expr }
  | { readonly k: 'list'; readonly parts: readonly QuasiPart[]; readonly tail: QuasiNode | undefined }
  | { readonly k: 'vector'; readonly list: QuasiNode }
  | { readonly k: 'box'; readonly value: QuasiNode }
  | { readonly k: 'prefab'; readonly key: RacketValue; readonly fields: QuasiNode }
  | {
      readonly k: 'hash';
      readonly equiv: 'equal' | 'eqv' | 'eq';
      readonly entries: readonly (readonly [RacketValue, QuasiNode])[];
    };

/** A top-level form of the module body after expansion. */
export type ModuleItem =
  | { readonly t: 'define'; readonly name: string; readonly expr: Expr; readonly loc: SrcLoc | undefined }
  /** A form that is an expression because `define` was redefined earlier in the module. */
  | { readonly t: 'expression'; readonly expr: Expr };
