/**
 * The `scribblings` field of an `info.rkt`, validated as raco setup validates it
 * (`validate-scribblings-infos`, racket-index/setup/scribble.rkt):
 *
 *     entry    = (list doc ...)
 *     doc      = (src [flags [category [name [out-k [order-hint]]]]])
 *     flags    = (list mode-symbol ...)
 *     category = (category-symbol-or-string [sort-number])
 *
 * `src` is a relative path string; `name` a collection-name element (or `#f`); `out-k` an exact
 * positive integer; `sort-number` and `order-hint` real numbers. The documented grammar stops at
 * `out-k`; raco also accepts the `order-hint` (build order) and string categories (a custom
 * section of the root page), and so does this parser. The mode symbols are raco's full list,
 * which is longer than the documented one.
 *
 * As raco: one bad document makes the whole field bad (no document of the collection is built).
 * Unlike raco, which prints a WARNING, that is an error naming the file and the problem.
 */
import type { InfoTable, RacketValue } from '@nx-raco/cm-core';
import { writeValue } from '@nx-raco/cm-core';
import { ScribblingsError } from './docs-errors.js';

/** raco's `scribblings-flag?` symbols. */
export const DOC_FLAGS = [
  'main-doc', 'main-doc-root', 'user-doc-root', 'user-doc', 'multi-page', 'depends-all', 'depends-all-main',
  'depends-all-user', 'no-depend-on', 'always-run', 'keep-style', 'no-search', 'every-main-layer',
] as const;
export type DocFlag = (typeof DOC_FLAGS)[number];

/** One validated document of a `scribblings` field. */
export interface ScribblingsEntry {
  /** Collection-relative source path, as written. */
  readonly src: string;
  readonly flags: readonly DocFlag[];
  /** The category's first element: a symbol name, or `{ label }` for a string category. */
  readonly category: string | { readonly label: string };
  /** The sort number within the category. @default 0 */
  readonly sortNumber: number;
  /** The output name: the entry's name, else the source file name without its extension. */
  readonly name: string;
  /** out-k. @default 1 */
  readonly outCount: number;
  /** raco's order hint: documents build in (order-hint, name) order. @default 0 */
  readonly orderHint: number;
}

const FLAG_SET: ReadonlySet<string> = new Set(DOC_FLAGS);

function describe(v: RacketValue): string {
  return `\`${writeValue(v)}\` (${v.kind})`;
}

function toReal(v: RacketValue | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'integer') return Number(v.value);
  if (v.kind === 'rational') return Number(v.numerator) / Number(v.denominator);
  if (v.kind === 'flonum') return v.value;
  return undefined;
}

/** raco's `collection-name-element?`: `[a-zA-Z0-9+_%-]+`, each `%` followed by two hex digits. */
function isCollectionNameElement(name: string): boolean {
  return /^[a-zA-Z0-9+_%-]+$/.test(name) && /^(?:[^%]|%[0-9a-fA-F]{2})*$/.test(name);
}

/** The file name of `src` without its last extension (`path-replace-suffix name #""`). */
function defaultName(src: string): string {
  const file = src.replace(/\/+$/, '').split('/').pop() ?? src;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

function parseDoc(doc: RacketValue, fail: (what: string) => never): ScribblingsEntry {
  if (doc.kind !== 'list' || doc.tail !== undefined) fail(`expected a list (src [flags [category [name [out-k]]]]), got ${describe(doc)}`);
  const [src, flags, category, name, outCount, orderHint] = doc.items;
  if (src === undefined || doc.items.length > 6) fail(`expected 1 to 6 elements, got ${doc.items.length} in ${describe(doc)}`);
  if (src.kind !== 'string') fail(`expected a relative path string as the source, got ${describe(src)}`);
  if (src.value === '' || src.value.startsWith('/') || src.value.includes('\0')) fail(`expected a relative path string as the source, got ${describe(src)}`);
  const flagList: DocFlag[] = [];
  if (flags !== undefined) {
    if (flags.kind !== 'list' || flags.tail !== undefined) fail(`expected a list of mode symbols as flags, got ${describe(flags)}`);
    for (const flag of flags.items) {
      if (flag.kind !== 'symbol' || !FLAG_SET.has(flag.name)) fail(`expected a mode symbol (${DOC_FLAGS.join(', ')}), got ${describe(flag)}`);
      flagList.push(flag.name as DocFlag);
    }
  }
  let cat: ScribblingsEntry['category'] = 'library';
  let sortNumber = 0;
  if (category !== undefined) {
    const [head, number] = category.kind === 'list' && category.tail === undefined ? category.items : [];
    if (category.kind !== 'list' || category.tail !== undefined || head === undefined || category.items.length > 2 || (head.kind !== 'symbol' && head.kind !== 'string')) {
      fail(`expected a category (symbol [sort-number]), got ${describe(category)}`);
    }
    cat = head.kind === 'symbol' ? head.name : { label: head.value };
    if (number !== undefined) {
      const n = toReal(number);
      if (n === undefined) fail(`expected a real sort number in the category, got ${describe(number)}`);
      sortNumber = n;
    }
  }
  let docName = defaultName(src.value);
  if (name !== undefined && !(name.kind === 'boolean' && !name.value)) {
    if (name.kind !== 'string' || !isCollectionNameElement(name.value)) fail(`expected a name string of letters, digits, +, _, - and %XX, got ${describe(name)}`);
    docName = name.value;
  }
  let outK = 1;
  if (outCount !== undefined) {
    if (outCount.kind !== 'integer' || outCount.value < 1n) fail(`expected a positive exact integer as out-k, got ${describe(outCount)}`);
    outK = Number(outCount.value);
  }
  let hint = 0;
  if (orderHint !== undefined) {
    const n = toReal(orderHint);
    if (n === undefined) fail(`expected a real order hint, got ${describe(orderHint)}`);
    hint = n;
  }
  return { src: src.value, flags: flagList, category: cat, sortNumber, name: docName, outCount: outK, orderHint: hint };
}

/**
 * The documents of `info`'s `scribblings` field (`[]` when it has none).
 * @throws {ScribblingsError} when the field or one of its documents is malformed.
 * @example parseScribblings(getInfo('/ws/mc')) //=> [{ src: 'scribblings/mc.scrbl', name: 'mc', flags: [], category: 'library', sortNumber: 0, outCount: 1, orderHint: 0 }]
 */
export function parseScribblings(info: InfoTable): ScribblingsEntry[] {
  const value = info.get('scribblings');
  if (value === undefined) return [];
  if (value.kind !== 'list' || value.tail !== undefined) throw new ScribblingsError(info.file, `expected a list of documents, got ${describe(value)}`);
  return value.items.map((doc, i) =>
    parseDoc(doc, (what) => {
      throw new ScribblingsError(info.file, `document ${i + 1}: ${what}`);
    }),
  );
}
