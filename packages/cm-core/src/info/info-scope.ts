/**
 * What an identifier means inside an info module: a lambda argument, a module-level definition
 * (which shadows the language's bindings, before and after the definition), one of the
 * language's procedures or syntactic forms, or nothing.
 */
import type { RacketValue, SrcLoc } from '../data/types.js';
import { BUILTINS } from './info-builtins.js';
import type { WorkBudget } from './info-limits.js';

/** The syntactic forms `setup/infotab` exports (its `require` is `limited-require`). */
export const SYNTAX_FORMS = [
  'define',
  'quote',
  'if',
  'quasiquote',
  'unquote',
  'unquote-splicing',
  'lib',
  'require',
  '#%app',
  '#%datum',
  '#%top',
  '#%module-begin',
] as const;

export type SyntaxForm = (typeof SYNTAX_FORMS)[number];

const SYNTAX_SET: ReadonlySet<string> = new Set(SYNTAX_FORMS);

export type Binding =
  | { readonly kind: 'local' }
  | { readonly kind: 'variable' }
  | { readonly kind: 'builtin' }
  | { readonly kind: 'syntax'; readonly form: SyntaxForm }
  | { readonly kind: 'unbound' };

export interface CompileScope {
  /** Names defined at module level (known once the module body's first pass is done). */
  readonly moduleNames: ReadonlySet<string>;
  /** Lambda arguments in scope. */
  readonly locals: ReadonlySet<string>;
  readonly budget: WorkBudget;
  /** The file, for messages that name the module. */
  readonly file: string;
}

export function resolveIdentifier(name: string, scope: CompileScope): Binding {
  if (scope.locals.has(name)) return { kind: 'local' };
  if (scope.moduleNames.has(name)) return { kind: 'variable' };
  if (BUILTINS.has(name)) return { kind: 'builtin' };
  if (SYNTAX_SET.has(name)) return { kind: 'syntax', form: name as SyntaxForm };
  return { kind: 'unbound' };
}

/** True when `value` is the identifier `name` bound to the language's syntactic form `name`. */
export function isFormIdentifier(value: RacketValue | undefined, name: SyntaxForm, scope: CompileScope): boolean {
  if (value?.kind !== 'symbol' || value.name !== name) return false;
  const binding = resolveIdentifier(name, scope);
  return binding.kind === 'syntax';
}

/** Copies `value`'s location onto a synthesized form so that errors point at the original. */
export function withLoc<T extends RacketValue>(value: T, loc: SrcLoc | undefined): T {
  return loc === undefined ? value : { ...value, loc };
}
