/**
 * The modules a Racket source file refers to, found without running Racket: the `#lang` line,
 * `require`/`#%require` forms (anywhere: submodules, `begin-for-syntax`, …), the language of
 * `(module name lang …)` forms, and (as dynamic references) `lazy-require` clauses and
 * `dynamic-require` of a quoted module path. Used by the Nx plugin's project graph and by the
 * parallel build's module graph.
 *
 * `form-locator.ts` finds where such forms start (skipping strings and comments); each one is
 * then read with the Racket reader, so the specs are real data, and a form the reader cannot
 * read costs only that form. Works on any text, including Scribble documents (`@(require …)`)
 * and files with `#reader`. Every occurrence is reported, duplicates included, in order.
 *
 * Fragile: macros that expand into requires are not understood, so their references are
 * missing; the locator may report a commented-out or quoted form, which only adds one. Callers
 * must treat the result as a guess that the compiler's `.dep` files correct.
 */
import { readFirst } from '../data/reader.js';
import type { RacketValue } from '../data/types.js';
import { sym } from '../data/values.js';
import { locateForms } from './form-locator.js';
import { addRequireSpec, type SpecModulePath } from './require-spec.js';
import type { ModuleReference, RequireForm } from './types.js';

/** Languages whose first datum names the module language (`#lang s-exp racket/base`). */
const MODULE_PATH_LANGS = new Set(['s-exp', 'reader', 'at-exp']);

/** The language line, after whitespace and comments: `#lang NAME` or `#!NAME`. */
const LANG_LINE = /^((?:\s+|;[^\n]*(?:\n|$)|#\|[\s\S]*?\|#)*)#(?:lang |!)([^\s]+)/;

const LF = 0x0a;
const CR = 0x0d;
const utf8 = new TextDecoder();

/** `add(paths, form, index)`: records the module paths found in the form at `index`. */
type AddPaths = (paths: readonly SpecModulePath[], form: RequireForm, index: number) => void;

function readAt(text: string, index: number): { value: RacketValue; end: number } | undefined {
  try {
    const form = readFirst(text.slice(index));
    return form === undefined ? undefined : { value: form.value, end: index + form.end };
  } catch {
    return undefined;
  }
}

function specsOf(values: readonly RacketValue[], relativeAllowed = true): SpecModulePath[] {
  const out: SpecModulePath[] = [];
  for (const value of values) addRequireSpec(value, out, relativeAllowed);
  return out;
}

/** Line numbers for non-decreasing indices, counted incrementally. */
function createLineCounter(text: string): (index: number) => number {
  let at = 0;
  let line = 1;
  return (index) => {
    for (; at < index; at += 1) {
      const c = text.charCodeAt(at);
      if (c === LF || (c === CR && text.charCodeAt(at + 1) !== LF)) line += 1;
    }
    return line;
  };
}

function addLang(text: string, add: AddPaths): void {
  const match = LANG_LINE.exec(text);
  if (match?.[2] === undefined) return;
  const index = match[1]!.length;
  if (!MODULE_PATH_LANGS.has(match[2])) {
    add(specsOf([sym(match[2])]), 'lang', index);
    return;
  }
  // The datum after `s-exp` is a module path; a relative string there is not followed.
  const next = readAt(text, match[0].length);
  if (next !== undefined) add(specsOf([next.value], false), 'lang', index);
}

/** `(module name lang …)`: only the language is needed; the body is scanned on its own. */
function addModuleLanguage(text: string, index: number, head: string, add: AddPaths): void {
  const afterHead = text.indexOf(head, index) + head.length;
  const name = readAt(text, afterHead);
  const lang = name === undefined ? undefined : readAt(text, name.end);
  if (lang !== undefined) add(specsOf([lang.value]), 'module', index);
}

function addForm(value: RacketValue, head: string, index: number, add: AddPaths): void {
  if (value.kind !== 'list') return;
  const items = value.items;
  switch (head) {
    case 'require':
    case '#%require':
      add(specsOf(items.slice(1)), 'require', index);
      return;
    case 'lazy-require': {
      const specs = items.slice(1).flatMap((clause) => (clause.kind === 'list' && clause.items[0] !== undefined ? [clause.items[0]] : []));
      add(specsOf(specs), 'lazy-require', index);
      return;
    }
    case 'dynamic-require': {
      const arg = items[1];
      if (arg?.kind === 'list' && arg.items[0]?.kind === 'symbol' && arg.items[0].name === 'quote' && arg.items[1] !== undefined) {
        add(specsOf([arg.items[1]]), 'dynamic-require', index);
      }
      return;
    }
    default:
      return;
  }
}

/**
 * The module references of one source file, in order of appearance, duplicates included.
 * @param source the file's text, or its bytes (decoded as UTF-8)
 * @example scanRequires('#lang racket/base\n(require "b.rkt")').map((r) => [r.kind, r.form, r.line])
 * //=> [['collection', 'lang', 1], ['relative', 'require', 2]]
 */
export function scanRequires(source: string | Uint8Array): ModuleReference[] {
  const text = typeof source === 'string' ? source : utf8.decode(source);
  const lineOf = createLineCounter(text);
  const out: ModuleReference[] = [];
  const add: AddPaths = (paths, form, index) => {
    const dynamic = form === 'lazy-require' || form === 'dynamic-require';
    for (const path of paths) out.push({ ...path, form, dynamic, index, line: lineOf(index) });
  };
  addLang(text, add);
  for (const { index, head } of locateForms(text)) {
    if (head === 'module' || head === 'module*') {
      addModuleLanguage(text, index, head, add);
    } else {
      const form = readAt(text, index);
      if (form !== undefined) addForm(form.value, head, index, add);
    }
  }
  return out;
}
