/**
 * The modules a Racket source file refers to, found without running Racket: the `#lang` line,
 * `require`/`#%require` forms (anywhere: submodules, `begin-for-syntax`, …), the language of
 * `(module name lang …)` forms, and (as dynamic references) `lazy-require` clauses and
 * `dynamic-require` of a quoted module path.
 *
 * `form-locator.ts` finds where such forms start (skipping strings and comments); each one is
 * then read with cm-core's Racket reader, so the specs are real data. Works on any text,
 * including Scribble documents (`@(require …)`) and files with `#reader`.
 *
 * Fragile: macros that expand into requires are not understood, so their edges are missing
 * (`nx-raco make` still compiles correctly; only the graph is incomplete). The locator may
 * report a commented-out form, which only adds an edge.
 */
import { readFirst, type RacketValue } from '@nx-raco/cm-core';
import { locateForms } from './form-locator.js';
import { addRequireSpec, type ModuleReference } from './require-spec.js';

/** Languages whose first datum names the module language (`#lang s-exp racket/base`). */
const MODULE_PATH_LANGS = new Set(['s-exp', 'reader', 'at-exp']);

/** The language line, after whitespace and comments: `#lang NAME` or `#!NAME`. */
const LANG_LINE = /^(?:\s+|;[^\n]*(?:\n|$)|#\|[\s\S]*?\|#)*#(?:lang |!)([^\s]+)/;

function readAt(text: string, index: number): { value: RacketValue; end: number } | undefined {
  try {
    const form = readFirst(text.slice(index));
    return form === undefined ? undefined : { value: form.value, end: index + form.end };
  } catch {
    return undefined;
  }
}

function addLang(text: string, out: ModuleReference[]): void {
  const match = LANG_LINE.exec(text);
  if (match?.[1] === undefined) return;
  if (!MODULE_PATH_LANGS.has(match[1])) {
    addRequireSpec({ kind: 'symbol', name: match[1] }, false, out);
    return;
  }
  const next = readAt(text, match[0].length);
  if (next !== undefined) addRequireSpec(next.value, false, out, false);
}

/** `(module name lang …)`: only the language is needed; the body is scanned on its own. */
function addModuleLanguage(text: string, index: number, head: string, out: ModuleReference[]): void {
  const afterHead = text.indexOf(head, index) + head.length;
  const name = readAt(text, afterHead);
  const lang = name === undefined ? undefined : readAt(text, name.end);
  if (lang !== undefined) addRequireSpec(lang.value, false, out);
}

function addForm(value: RacketValue, head: string, out: ModuleReference[]): void {
  if (value.kind !== 'list') return;
  const items = value.items;
  switch (head) {
    case 'require':
    case '#%require':
      for (const spec of items.slice(1)) addRequireSpec(spec, false, out);
      return;
    case 'lazy-require':
      for (const clause of items.slice(1)) {
        const spec = clause.kind === 'list' ? clause.items[0] : undefined;
        if (spec !== undefined) addRequireSpec(spec, true, out);
      }
      return;
    case 'dynamic-require': {
      const arg = items[1];
      if (arg?.kind === 'list' && arg.items[0]?.kind === 'symbol' && arg.items[0].name === 'quote' && arg.items[1] !== undefined) {
        addRequireSpec(arg.items[1], true, out);
      }
      return;
    }
    default:
      return;
  }
}

/**
 * The references of one source file, without duplicates, in order of appearance.
 * @example scanModuleReferences('#lang racket/base\n(require b/x)')
 * //=> [{ kind: 'collection', collection: 'racket', dynamic: false }, { kind: 'collection', collection: 'b', dynamic: false }]
 */
export function scanModuleReferences(text: string): ModuleReference[] {
  const out: ModuleReference[] = [];
  addLang(text, out);
  for (const { index, head } of locateForms(text)) {
    if (head === 'module' || head === 'module*') {
      addModuleLanguage(text, index, head, out);
    } else {
      const form = readAt(text, index);
      if (form !== undefined) addForm(form.value, head, out);
    }
  }
  const seen = new Set<string>();
  return out.filter((ref) => {
    const key = `${ref.kind}\0${ref.kind === 'collection' ? ref.collection : ref.path}\0${ref.dynamic}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
