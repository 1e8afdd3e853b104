/**
 * A static guess at the modules a Racket source file requires, read with cm-core's reader
 * without expanding anything. The scheduler uses it to know the module graph before compiling;
 * it does not have to be complete or exact (a dependency it misses is compiled when the
 * expander asks for it, under the lock manager; a false one only delays a module a little).
 *
 * Found: every `require` / `#%require` form anywhere in the file (submodules included) and the
 * language position of `module` / `module*` / `module+` forms. Understood module paths: relative
 * strings (`"b.rkt"`, `"sub/c.rkt"`, `"x"` → `x.rkt`), `(file "…")`, collection symbols
 * (`a/b` → a/b.rkt, `a` → a/main.rkt), `(lib "a/b.rkt")`, `(submod P …)`, and the usual
 * wrappers (`only-in`, `prefix-in`, `for-syntax`, `for-meta`, …). Ignored: `planet`, quoted
 * module names, `(submod "." …)`, the `#lang` line (its language is nearly always installed).
 *
 * Fragile: a `require` inside quoted data is taken at face value; a file the reader cannot read
 * (`#reader`, unusual syntax) yields no requires at all.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { readLangFile, type RacketValue } from '@nx-raco/cm-core';

/** A module a file requires: a file path, or a file in a collection. */
export type ModuleRef =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'collection'; readonly collection: readonly string[]; readonly file: string };

const WRAP_FIRST = new Set(['only-in', 'except-in', 'rename-in', 'only', 'all-except', 'rename']);
const WRAP_SECOND = new Set(['prefix-in', 'prefix', 'prefix-all-except']);
const WRAP_ALL = new Set(['combine-in', 'for-syntax', 'for-template', 'for-label', 'for-meta-syntax']);
const WRAP_AFTER_ONE = new Set(['for-meta', 'for-space', 'only-meta-in', 'only-space-in', 'just-meta', 'just-space']);
const MODULE_FORMS = new Set(['module', 'module*', 'module+']);
const REQUIRE_FORMS = new Set(['require', '#%require']);
const COLLECTION_SYMBOL = /^[a-zA-Z0-9_+\-/]+$/;

function withRktSuffix(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (!base.includes('.')) return `${file}.rkt`;
  return file.endsWith('.ss') ? `${file.slice(0, -3)}.rkt` : file;
}

function collectionRef(text: string): ModuleRef | undefined {
  const parts = text.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) return undefined;
  if (parts.length === 1) return { kind: 'collection', collection: parts, file: 'main.rkt' };
  return { kind: 'collection', collection: parts.slice(0, -1), file: withRktSuffix(parts.at(-1)!) };
}

function symbolName(v: RacketValue | undefined): string | undefined {
  return v?.kind === 'symbol' ? v.name : undefined;
}

function stringValue(v: RacketValue | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** The module(s) one require spec names, relative strings resolved against `dir`. */
export function refsOfRequireSpec(spec: RacketValue, dir: string): ModuleRef[] {
  if (spec.kind === 'string') {
    if (spec.value === '' || isAbsolute(spec.value)) return [];
    return [{ kind: 'file', path: resolve(dir, withRktSuffix(spec.value)) }];
  }
  if (spec.kind === 'symbol') {
    if (!COLLECTION_SYMBOL.test(spec.name) || spec.name.startsWith('for-')) return [];
    const ref = collectionRef(spec.name);
    return ref === undefined ? [] : [ref];
  }
  if (spec.kind !== 'list' || spec.tail !== undefined) return [];
  const [head, ...args] = spec.items;
  const name = symbolName(head);
  if (name === undefined) return [];
  const all = (items: readonly RacketValue[]): ModuleRef[] => items.flatMap((item) => refsOfRequireSpec(item, dir));
  switch (name) {
    case 'file': {
      const file = stringValue(args[0]);
      return file === undefined ? [] : [{ kind: 'file', path: resolve(dir, file) }];
    }
    case 'lib': {
      const first = stringValue(args[0]);
      if (first === undefined) return [];
      if (args.length === 1) {
        const ref = collectionRef(first.includes('/') ? first : `${first}/main.rkt`);
        return ref === undefined ? [] : [ref];
      }
      const dirs = args.slice(1).map(stringValue);
      if (dirs.some((d) => d === undefined)) return [];
      const ref = collectionRef([...(dirs as string[]), first].join('/'));
      return ref === undefined ? [] : [ref];
    }
    case 'submod': {
      const base = args[0];
      if (base === undefined || (base.kind === 'string' && (base.value === '.' || base.value === '..'))) return [];
      return refsOfRequireSpec(base, dir);
    }
    case 'quote':
    case 'planet':
    case 'relative-in':
      return [];
    default:
      if (WRAP_FIRST.has(name)) return args[0] === undefined ? [] : refsOfRequireSpec(args[0], dir);
      if (WRAP_SECOND.has(name)) return args[1] === undefined ? [] : refsOfRequireSpec(args[1], dir);
      if (WRAP_ALL.has(name)) return all(args);
      if (WRAP_AFTER_ONE.has(name)) return all(args.slice(1));
      return [];
  }
}

/** Every module `forms` (the data of a file in `dir`) require, in order, with duplicates. */
export function scanRequires(forms: readonly RacketValue[], dir: string): ModuleRef[] {
  const out: ModuleRef[] = [];
  const stack: RacketValue[] = [...forms].reverse();
  while (stack.length > 0) {
    const form = stack.pop()!;
    if (form.kind !== 'list' && form.kind !== 'vector') continue;
    const items = form.items;
    if (form.kind === 'list') {
      const head = symbolName(items[0]);
      if (head !== undefined && REQUIRE_FORMS.has(head)) {
        for (const spec of items.slice(1)) out.push(...refsOfRequireSpec(spec, dir));
        continue;
      }
      if (head !== undefined && MODULE_FORMS.has(head) && items[2] !== undefined) {
        out.push(...refsOfRequireSpec(items[2], dir));
      }
      if (head === 'quote') continue;
    }
    for (let i = items.length - 1; i >= 0; i -= 1) stack.push(items[i]!);
  }
  return out;
}

/**
 * The modules the source text of `path` requires; `[]` when it cannot be read.
 * @example scanSourceRequires('/p/a.rkt', '#lang racket/base\n(require "b.rkt" srfi/1)')
 * //=> [{ kind: 'file', path: '/p/b.rkt' }, { kind: 'collection', collection: ['srfi'], file: '1.rkt' }]
 */
export function scanSourceRequires(path: string, text: string | Uint8Array): ModuleRef[] {
  try {
    return scanRequires(readLangFile(text, { source: path }).forms, dirname(path));
  } catch {
    return [];
  }
}
