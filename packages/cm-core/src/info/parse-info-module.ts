/**
 * From an info file's text to its module body, as `get-info/full` does (getinfo.rkt:39-90):
 *
 * - `#lang info` / `#lang setup/infotab` (and `#reader` of an allowed reader module) read as
 *   `(module info setup/infotab (#%module-begin form …))`; any other `#lang`/`#reader` is
 *   rejected before the rest is read;
 * - otherwise the file must hold exactly one datum, `(module info <lang> body …)` with `<lang>`
 *   one of the seven spellings of the info language;
 * - the "fast path": a `#%module-begin` body made only of `(define id literal)` (string, number,
 *   boolean or `(quote datum)`, no repeated id) is taken as data without expansion, exactly as
 *   Racket does outside bootstrap mode, so such files never fail at expansion.
 */
import { readAll, readFirst, readLangFile } from '../data/reader.js';
import type { RacketValue, SrcLoc } from '../data/types.js';
import { isEqual, makeList, str, sym } from '../data/values.js';
import type { InfoModuleBody } from './info-module.js';
import type { InfoField } from './info-table.js';

/** `#lang` names whose reader the guard allows (their readers are `(submod info reader)` and `setup/infotab/lang/reader`). */
const ALLOWED_LANGS = new Set(['info', 'setup/infotab']);

/** `#reader` module paths the guard allows and that exist, as written (whitespace-normalised). */
const ALLOWED_READERS = new Set(['setup/infotab/lang/reader', '(submod info reader)']);

/** Allowed by the guard, but there is no such module in Racket 8.7: loading it fails. */
export const MISSING_READERS = new Set(['info/lang/reader', '(submod setup/infotab reader)']);

const lib = (...parts: string[]): RacketValue => makeList([sym('lib'), ...parts.map(str)]);
const ALLOWED_MODULE_LANGS: readonly RacketValue[] = [
  lib('infotab.rkt', 'setup'),
  lib('infotab.ss', 'setup'),
  lib('setup/infotab.rkt'),
  lib('setup/infotab.ss'),
  lib('main.rkt', 'info'),
  sym('setup/infotab'),
  sym('info'),
];

export type ParsedInfoModule =
  | { readonly kind: 'data'; readonly fields: readonly InfoField[] }
  | { readonly kind: 'module'; readonly body: InfoModuleBody }
  /** `#reader` of a reader module the guard allows but that does not exist. */
  | { readonly kind: 'missing-reader'; readonly name: string; readonly loc: SrcLoc };

/** Why the file is not an info module; `evaluate-info.ts` adds the file name. */
export class ShapeFailure extends Error {
  constructor(
    readonly problem: 'illegal-reader' | 'multiple-expressions' | 'bad-shape',
    readonly loc?: SrcLoc,
  ) {
    super(problem);
  }
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const READER_PREFIX = /^((?:\s|;[^\n]*\n)*)#reader/;
/** `#lang NAME` or `#!NAME` (`#! ` and `#!/` start comments), to reject a language before reading on. */
const LANG_PREFIX = /^((?:\s|;[^\n]*\n)*)#(?:lang |!(?=[^\s/]))([^\s]+)/;

/** The location just after `leading` (whitespace and comments at the start of the file). */
function locAfter(leading: string): SrcLoc {
  const lastNewline = leading.lastIndexOf('\n');
  return { line: 1 + (leading.match(/\n/g)?.length ?? 0), column: leading.length - (lastNewline + 1), position: leading.length + 1 };
}

/**
 * A leading `#reader <module-path>` (which the reader does not support): returns the text with
 * the prefix blanked out (so that positions stay right) and whether the guard allows that reader;
 * `undefined` when there is no such prefix.
 */
function stripReaderPrefix(text: string): { name: string; body: string; loc: SrcLoc } | undefined {
  const match = READER_PREFIX.exec(text);
  if (match === null) return undefined;
  const start = match[1]!.length;
  const loc = locAfter(match[1]!);
  const rest = text.slice(start + '#reader'.length);
  const m = /^\s*(\([^)]*\)|[^\s()]+)/.exec(rest);
  if (m === null) return { name: '', body: text, loc };
  const end = start + '#reader'.length + m[0].length;
  const name = m[1]!.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')');
  const blank = text.slice(0, end).replace(/[^\n]/g, ' ');
  return { name, body: blank + text.slice(end), loc };
}

function isLiteralRhs(rhs: RacketValue): RacketValue | undefined {
  switch (rhs.kind) {
    case 'string':
    case 'integer':
    case 'rational':
    case 'flonum':
    case 'boolean':
      return rhs;
    case 'list':
      return rhs.tail === undefined && rhs.items.length === 2 && rhs.items[0]!.kind === 'symbol' && rhs.items[0]!.name === 'quote'
        ? rhs.items[1]
        : undefined;
    default:
      return undefined;
  }
}

/** getinfo.rkt's fast path: the fields, or `undefined` when the module must be expanded. */
function readLiteralFields(moduleBegin: RacketValue): InfoField[] | undefined {
  if (moduleBegin.kind !== 'list' || moduleBegin.tail !== undefined) return undefined;
  const fields: InfoField[] = [];
  const seen = new Set<string>();
  for (const form of moduleBegin.items.slice(1)) {
    if (form.kind !== 'list' || form.tail !== undefined || form.items.length !== 3) return undefined;
    const [head, id, rhs] = form.items as [RacketValue, RacketValue, RacketValue];
    if (head.kind !== 'symbol' || head.name !== 'define' || id.kind !== 'symbol' || seen.has(id.name)) return undefined;
    const value = isLiteralRhs(rhs);
    if (value === undefined) return undefined;
    seen.add(id.name);
    fields.push(form.loc === undefined ? { name: id.name, value } : { name: id.name, value, loc: form.loc });
  }
  return fields;
}

function moduleBeginOf(forms: readonly RacketValue[]): RacketValue {
  return makeList([sym('#%module-begin'), ...forms]);
}

function bodyOf(moduleBegin: RacketValue): ParsedInfoModule {
  const fields = readLiteralFields(moduleBegin);
  return fields !== undefined ? { kind: 'data', fields } : { kind: 'module', body: { kind: 'module-begin', form: moduleBegin } };
}

/**
 * `readLangFile`, except that, like get-info (which reads two data and stops), a read error after
 * a complete second datum is reported as "multiple expressions".
 */
function readWhole(input: string | Uint8Array, source: string, hasLang: boolean): ReturnType<typeof readLangFile> {
  try {
    return readLangFile(input, { source, who: 'read' });
  } catch (error) {
    const second = hasLang ? undefined : secondDatumLoc(input, source);
    if (second !== undefined) throw new ShapeFailure('multiple-expressions', second);
    throw error;
  }
}

/**
 * Where a complete second datum starts, when the input has one. Racket's message has no position;
 * ours names this one so the user knows which expression is extra.
 */
function secondDatumLoc(input: string | Uint8Array, source: string): SrcLoc | undefined {
  const text = typeof input === 'string' ? input : decoder.decode(input);
  try {
    const first = readFirst(text, { source, who: 'read' });
    if (first === undefined) return undefined;
    const second = readFirst(text.slice(first.end), { source, who: 'read' });
    if (second?.value.loc === undefined) return undefined;
    const before = text.slice(0, first.end);
    const newlines = before.split('\n').length - 1;
    const lastLineLength = before.length - (before.lastIndexOf('\n') + 1);
    const { line, column, position } = second.value.loc;
    return {
      source,
      line: line + newlines,
      column: line === 1 ? column + lastLineLength : column,
      position: position + [...before].length,
    };
  } catch {
    return undefined;
  }
}

/**
 * Reads an info file's text into its module body (or its fields, on the fast path).
 * Throws `RacketReadError` (from the reader) or `ShapeFailure`.
 */
export function parseInfoModule(input: string | Uint8Array, source: string): ParsedInfoModule {
  // The reader decodes bytes as Racket ports do; the text is only for the prefix checks.
  const text = typeof input === 'string' ? input : decoder.decode(input);
  const prefix = stripReaderPrefix(text);
  if (prefix !== undefined) {
    if (MISSING_READERS.has(prefix.name)) return { kind: 'missing-reader', name: prefix.name, loc: prefix.loc };
    if (!ALLOWED_READERS.has(prefix.name)) throw new ShapeFailure('illegal-reader', prefix.loc);
    return bodyOf(moduleBeginOf(readAll(prefix.body, { source, who: 'read' })));
  }
  const langLine = LANG_PREFIX.exec(text);
  if (langLine !== null && !ALLOWED_LANGS.has(langLine[2]!)) throw new ShapeFailure('illegal-reader', locAfter(langLine[1]!));
  const parsed = readWhole(input, source, langLine !== null);
  if (parsed.lang !== undefined) {
    if (!ALLOWED_LANGS.has(parsed.lang.name)) throw new ShapeFailure('illegal-reader', parsed.lang.loc);
    return bodyOf(moduleBeginOf(parsed.forms));
  }
  const [datum, second] = parsed.forms;
  if (second !== undefined) throw new ShapeFailure('multiple-expressions', second.loc);
  if (datum?.kind !== 'list' || datum.tail !== undefined || datum.items.length < 3) throw new ShapeFailure('bad-shape', datum?.loc);
  const [head, name, lang, ...body] = datum.items as [RacketValue, RacketValue, RacketValue, ...RacketValue[]];
  if (
    head.kind !== 'symbol' ||
    head.name !== 'module' ||
    name.kind !== 'symbol' ||
    name.name !== 'info' ||
    !ALLOWED_MODULE_LANGS.some((allowed) => isEqual(allowed, lang))
  ) {
    throw new ShapeFailure('bad-shape', datum.loc);
  }
  if (body.length === 1) {
    const only = body[0]!;
    if (only.kind === 'list' && only.items[0]?.kind === 'symbol' && only.items[0].name === '#%module-begin') return bodyOf(only);
    return { kind: 'module', body: { kind: 'single', form: only } };
  }
  return { kind: 'module', body: { kind: 'forms', forms: body } };
}
