/**
 * The layouts racket/pretty gives lists headed by certain symbols (its default style table),
 * ported from pretty.rkt `style`, `pp-general`, `pp-call`, `pp-one-up` and `pp-two-up`.
 *
 * Data rarely meets them, but a links or info value such as `(define …)` or `(and …)` that does
 * not fit on a line must be laid out exactly as Racket does:
 * - `pp-general` (define, lambda, let, if, case, begin, do, …): `(head` then the first one or
 *   two items after a space on the same line, the rest on their own lines two columns in;
 * - `pp-call` (and, or, require, provide, …): `(head item1` then items aligned under `item1`;
 * - `pp-two-up` / `pp-one-up` (module, syntax-case / make-object): one or two items on the head
 *   line, the rest two columns in.
 * A style applies only when the list has enough elements (`no-sharing?` counts pairs);
 * otherwise the list is printed with the plain `pp-list` layout.
 */
import type { RacketValue } from './types.js';

/** A list being laid out: its elements, an opaque improper tail, and `#`/`#s`/`#hash` for non-lists. */
export interface Seq {
  readonly items: readonly RacketValue[];
  readonly tail?: RacketValue;
  readonly prefix?: string;
}

type PpItem = (seq: Seq, extra: number) => void;

/** What a style needs from the printer (see `PrettyPrinter` in pretty-write.ts). */
export interface Layout {
  readonly column: number;
  out(text: string): void;
  indent(to: number, needSpace?: boolean): void;
  wr(value: RacketValue): void;
  pr(value: RacketValue, extra: number, ppPair: PpItem): void;
  readonly ppExpr: PpItem;
  readonly ppExprList: PpItem;
  ppList(seq: Seq, extra: number, ppItem: PpItem): void;
  ppDown(seq: Seq, from: number, col1: number, col2: number, extra: number, ppItem: PpItem, needSpace?: boolean): void;
}

type Style = (p: Layout, seq: Seq, extra: number) => void;

const INDENT_GENERAL = 2;

function ppGeneral(p: Layout, seq: Seq, extra: number, named: boolean, pp1?: PpItem, pp2?: PpItem, pp3?: PpItem): void {
  const items = seq.items;
  const col = p.column;
  p.out('(');
  p.wr(items[0]!);
  let i = 1;
  if (named && i < items.length) {
    p.out(' ');
    p.wr(items[i++]!);
  }
  const col1 = col + INDENT_GENERAL;
  const col3 = p.column + 1;
  for (const ppN of [pp1, pp2]) {
    if (ppN === undefined || i >= items.length) continue;
    const isLast = i === items.length - 1 && seq.tail === undefined;
    p.indent(col3);
    p.pr(items[i++]!, isLast ? extra + 1 : 0, ppN);
  }
  p.ppDown(seq, i, col1, col1, extra, pp3 ?? p.ppExpr);
}

function ppCall(p: Layout, seq: Seq, extra: number, ppItem: PpItem): void {
  p.out('(');
  p.wr(seq.items[0]!);
  const col = p.column + 1;
  p.ppDown(seq, 1, col, col, extra, ppItem);
}

function ppUp(p: Layout, seq: Seq, extra: number, ppItem: PpItem, onHeadLine: number): void {
  p.out('(');
  const col = p.column;
  p.wr(seq.items[0]!);
  for (let i = 1; i <= onHeadLine - 1; i++) {
    p.out(' ');
    p.wr(seq.items[i]!);
  }
  p.ppDown(seq, onHeadLine, p.column + 1, col + 1, extra, ppItem);
}

/** Minimum element count (pairs) and layout per style group, as in pretty.rkt `style`. */
const STYLES: readonly [readonly string[], number | ((seq: Seq) => number), Style][] = [
  [['lambda', 'λ', 'define', 'define-macro', 'define-syntax', 'syntax-rules', 'shared', 'unless', 'when'], 2,
    (p, s, e) => ppGeneral(p, s, e, false, p.ppExprList, undefined, p.ppExpr)],
  [['if', 'set!', 'set!-values'], 2, (p, s, e) => ppGeneral(p, s, e, false, p.ppExpr, undefined, p.ppExpr)],
  [['cond', 'case-lambda'], 1, (p, s, e) => p.ppList(s, e, p.ppExprList)],
  [['case', 'class'], 2, (p, s, e) => ppGeneral(p, s, e, false, p.ppExpr, undefined, p.ppExprList)],
  [['and', 'or', 'import', 'export', 'require', 'require-for-syntax', 'require-for-template', 'provide', 'link',
    'public', 'private', 'override', 'rename', 'inherit', 'field', 'init'], 1, (p, s, e) => ppCall(p, s, e, p.ppExpr)],
  [['let', 'letrec', 'let*', 'let-values', 'letrec-values', 'let*-values', 'let-syntax', 'letrec-syntax',
    'let-syntaxes', 'letrec-syntaxes'], (s) => (s.items[1]?.kind === 'symbol' ? 3 : 2),
    (p, s, e) => ppGeneral(p, s, e, s.items[1]?.kind === 'symbol', p.ppExprList, undefined, p.ppExpr)],
  [['begin', 'begin0'], 1, (p, s, e) => ppGeneral(p, s, e, false, undefined, undefined, p.ppExpr)],
  [['do', 'letrec-syntaxes+values'], 3, (p, s, e) => ppGeneral(p, s, e, false, p.ppExprList, p.ppExprList, p.ppExpr)],
  [['module', 'send'], 3, (p, s, e) => ppUp(p, s, e, p.ppExpr, 2)],
  [['syntax-case', 'instantiate'], 3, (p, s, e) => ppUp(p, s, e, p.ppExprList, 2)],
  [['make-object'], 2, (p, s, e) => ppUp(p, s, e, p.ppExprList, 1)],
];

const BY_HEAD = new Map(STYLES.flatMap(([heads, min, style]) => heads.map((h) => [h, { min, style }] as const)));

/** The style for a list headed by a symbol, or undefined for the plain `pp-list` layout. */
export function layoutStyle(seq: Seq): Style | undefined {
  const head = seq.items[0];
  if (head?.kind !== 'symbol') return undefined;
  const entry = BY_HEAD.get(head.name);
  if (entry === undefined) return undefined;
  const min = typeof entry.min === 'number' ? entry.min : entry.min(seq);
  return seq.items.length >= min ? entry.style : undefined;
}
