/**
 * Racket 8.7's `pretty-write` (racket/pretty) for data, used for links files
 * (`links.rktd` is written with `pretty-write`, so it must come out byte-identical).
 *
 * The algorithm, ported from racket/pretty.rkt `generic-write`:
 * - `pr`: a list, vector, box, hash or prefab is first written flat into a tentative buffer at
 *   the current column; it is kept when the column never exceeds `width - extra` (`extra` =
 *   closing parens that will follow on the same line). Otherwise it is laid out:
 * - a list whose head is a symbol with a style (`define`, `lambda`, `let`, `if`, `cond`, `and`,
 *   `require`, `module`, …, and only when long enough) uses that style; any other list uses
 *   `pp-list`: `(` then every element on its own line, aligned one column in from the paren;
 *   vectors, prefabs and hashes always use `pp-list` after `#`, `#s`, `#hash`;
 * - reader abbreviations are on (`pretty-print-abbreviate-read-macros`): `(quote x)` → `'x`,
 *   and a flat list ending in `unquote x` prints as `(a . ,x)`;
 * - hash entries `(k . v)` keep the dot even when `v` is a list; their order is hash-order.ts's.
 * Columns count code points, tabs to the next multiple of 8 (grapheme.ts `ColumnCounter`).
 * The result ends with the newline `pretty-write` prints, as links files do.
 *
 * Fragile: only the default style table; no cycles/graph notation (the data model has none).
 */
import { ColumnCounter } from './grapheme.js';
import { orderEntriesForPrettyWrite } from './hash-order.js';
import { normalizePrefabKey } from './prefab-key.js';
import type { RacketValue } from './types.js';
import { hashPrefix, writeAtom } from './writer.js';
import { writeSymbol } from './write-symbol.js';
import { layoutStyle } from './pretty-styles.js';
import type { Layout, Seq } from './pretty-styles.js';

/** Options of `prettyWriteValue`. */
export interface PrettyWriteOptions {
  /**
   * `pretty-print-columns`: the line width to fit in; `Infinity` prints on one line.
   * @default 79
   */
  width?: number;
}

const DEFAULT_WIDTH = 79;
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['quote', "'"],
  ['quasiquote', '`'],
  ['unquote', ','],
  ['unquote-splicing', ',@'],
  ['syntax', "#'"],
  ['quasisyntax', '#`'],
  ['unsyntax', '#,'],
  ['unsyntax-splicing', '#,@'],
]);

class Overflow extends Error {}

function abbreviation(seq: Seq): string | undefined {
  const head = seq.items[0];
  if (seq.items.length !== 2 || seq.tail !== undefined || head?.kind !== 'symbol') return undefined;
  return ABBREVIATIONS.get(head.name);
}

function toSeq(value: RacketValue): Seq | undefined {
  switch (value.kind) {
    case 'list':
      return value.items.length > 0 ? value : undefined;
    case 'vector':
      return { items: value.items, prefix: '#' };
    case 'prefab':
      return { items: [normalizePrefabKey(value.key), ...value.fields], prefix: '#s' };
    case 'hash': {
      const entries = orderEntriesForPrettyWrite(value.entries);
      // An entry is `(k . v)` even when `v` is a list: racket/pretty hides `v` from the pair.
      return { items: entries.map(([k, v]) => ({ kind: 'list', items: [k], tail: v })), prefix: hashPrefix(value.equiv) };
    }
    default:
      return undefined;
  }
}

/** `wr*`: writes `value` on one line, chunk by chunk. */
function writeFlat(value: RacketValue, emit: (chunk: string) => void): void {
  if (value.kind === 'box') {
    emit('#&');
    writeFlat(value.value, emit);
    return;
  }
  const seq = toSeq(value);
  if (seq === undefined) {
    emit(value.kind === 'list' ? '()' : writeAtom(value, false));
    return;
  }
  if (seq.prefix !== undefined) emit(seq.prefix);
  const abbrev = seq.prefix === undefined ? abbreviation(seq) : undefined;
  if (abbrev !== undefined) {
    emit(abbrev);
    const body = seq.items[1]!;
    if ((abbrev === ',' || abbrev === '#,') && body.kind === 'symbol') {
      const text = writeSymbol(body.name);
      if (text.startsWith('@')) emit(' ');
      emit(text);
    } else writeFlat(body, emit);
    return;
  }
  const items = seq.items;
  emit('(');
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (i > 0) {
      const last2 = seq.prefix === undefined && i === items.length - 2 && seq.tail === undefined;
      if (last2 && item.kind === 'symbol' && item.name === 'unquote') {
        emit(' . ,');
        writeFlat(items[i + 1]!, emit);
        break;
      }
      emit(' ');
    }
    writeFlat(item, emit);
  }
  if (seq.tail !== undefined) {
    emit(' . ');
    writeFlat(seq.tail, emit);
  }
  emit(')');
}

class PrettyPrinter implements Layout {
  readonly parts: string[] = [];
  readonly #column = new ColumnCounter();

  constructor(readonly width: number) {}

  get column(): number {
    return this.#column.column;
  }

  out(text: string): void {
    this.parts.push(text);
    this.#column.write(text);
  }

  /** Moves to column `to`, on a new line when already there (or past it). */
  indent(to: number, needSpace = true): void {
    const col = this.column;
    if (needSpace ? to <= col : to < col) {
      this.out('\n' + ' '.repeat(to));
    } else if (to > col) this.out(' '.repeat(to - col));
  }

  wr(value: RacketValue): void {
    writeFlat(value, (chunk) => this.out(chunk));
  }

  /** Tries `value` on one line; returns false when it does not fit in `width - extra`. */
  #tryFlat(value: RacketValue, extra: number): boolean {
    const limit = this.width - extra;
    const counter = new ColumnCounter(this.column);
    const chunks: string[] = [];
    try {
      writeFlat(value, (chunk) => {
        chunks.push(chunk);
        counter.write(chunk);
        if (counter.column > limit) throw new Overflow();
      });
    } catch (e) {
      if (e instanceof Overflow) return false;
      throw e;
    }
    this.out(chunks.join(''));
    return true;
  }

  pr(value: RacketValue, extra: number, ppPair: (seq: Seq, extra: number) => void): void {
    if (value.kind === 'box') {
      if (this.#tryFlat(value, extra)) return;
      this.out('#&');
      this.pr(value.value, extra, ppPair);
      return;
    }
    const seq = toSeq(value);
    if (seq === undefined) {
      this.wr(value); // atoms and () cannot be split across lines
      return;
    }
    if (this.#tryFlat(value, extra)) return;
    if (seq.prefix === undefined) {
      ppPair(seq, extra);
    } else {
      this.out(seq.prefix);
      this.ppList(seq, extra, this.ppExpr);
    }
  }

  readonly ppExpr = (seq: Seq, extra: number): void => {
    const abbrev = abbreviation(seq);
    if (abbrev !== undefined) {
      this.out(abbrev);
      this.pr(seq.items[1]!, extra, this.ppExpr);
      return;
    }
    const style = layoutStyle(seq);
    if (style !== undefined) style(this, seq, extra);
    else this.ppList(seq, extra, this.ppExpr);
  };

  readonly ppExprList = (seq: Seq, extra: number): void => this.ppList(seq, extra, this.ppExpr);

  /** `(item1` then each further item on its own line, aligned under `item1`. */
  ppList(seq: Seq, extra: number, ppItem: (seq: Seq, extra: number) => void): void {
    this.out('(');
    const col = this.column;
    this.ppDown(seq, 0, col, col, extra, ppItem, false);
  }

  ppDown(seq: Seq, from: number, col1: number, col2: number, extra: number, ppItem: (s: Seq, e: number) => void, needSpace = true): void {
    const items = seq.items;
    for (let i = from, icol = col1; i < items.length; i++, icol = col2, needSpace = true) {
      const isLast = i === items.length - 1 && seq.tail === undefined;
      this.indent(icol, needSpace);
      this.pr(items[i]!, isLast ? extra + 1 : 0, ppItem);
    }
    if (seq.tail !== undefined) {
      this.indent(col2);
      this.out('.');
      this.indent(col2);
      this.pr(seq.tail, extra + 1, ppItem);
    }
    this.out(')');
  }
}

/**
 * Racket's `pretty-write` with `pretty-print-columns` = `width`: the exact text it prints,
 * INCLUDING the trailing newline `pretty-write` always adds, so the result can be written to a
 * links file as is.
 * @param value any value of the data model
 * @param options see `PrettyWriteOptions`
 * @example prettyWriteValue(makeList([sym('root'), makeList([bytes('pkgs')])])) //=> '(root (#"pkgs"))\n'
 */
export function prettyWriteValue(value: RacketValue, options: PrettyWriteOptions = {}): string {
  const unknown = Object.keys(options).filter((key) => key !== 'width');
  if (unknown.length > 0) {
    throw new TypeError(`prettyWriteValue: unknown option(s) ${unknown.map((k) => `\`${k}\``).join(', ')}; expected only \`width\`.`);
  }
  const width = options.width ?? DEFAULT_WIDTH;
  if (!(Number.isInteger(width) || width === Infinity)) {
    throw new TypeError(`prettyWriteValue: Expected \`width\` to be an integer or Infinity, got \`${String(width)}\` (${typeof width}).`);
  }
  const printer = new PrettyPrinter(width);
  if (width === Infinity) printer.wr(value);
  else printer.pr(value, 0, printer.ppExpr);
  return printer.parts.join('') + '\n';
}
