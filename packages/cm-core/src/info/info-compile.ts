/**
 * Expansion of info-language expressions (the right-hand sides of `define`), with the checks and
 * messages of the racket/base forms `setup/infotab` re-exports:
 *
 * - identifiers: lambda arguments, then module-level definitions (which shadow the language's
 *   bindings), then the language's procedures; a syntactic form used as a value is an error;
 *   anything else is `x: unbound identifier`;
 * - `quote`, `if`, `quasiquote`, explicit `#%app`/`#%datum`/`#%top`; `define`, `require`, `lib`,
 *   `unquote`, `unquote-splicing` and `#%module-begin` are errors in an expression;
 * - applications, with keyword arguments (`(collection-path "x" #:fail list)`);
 * - other data is self-quoting, except keywords and `()`.
 */
import type { RacketList, RacketValue } from '../data/types.js';
import { makeList, sym } from '../data/values.js';
import { builtinProcedure } from './info-builtins.js';
import type { ArgumentExpr, Expr } from './info-expr.js';
import { SyntaxFailure } from './info-limits.js';
import { checkInfoModuleBegin, describePlainModuleBegin } from './info-module-begin.js';
import { resolveIdentifier, withLoc, type CompileScope, type SyntaxForm } from './info-scope.js';
import { compileQuasiquote } from './quasiquote.js';

const EMPTY_APPLICATION = 'missing procedure expression;\n probably originally (), which is an illegal empty application';
const LIB_MISUSE = "misuse of module-path constructor (not within, e.g., `require' or `provide')";

function identifierMisuse(form: SyntaxForm, id: RacketValue): never {
  switch (form) {
    case 'define':
      throw new SyntaxFailure('define', 'not allowed in an expression context', id);
    case 'unquote':
    case 'unquote-splicing':
      throw new SyntaxFailure(form, 'not in quasiquote', id);
    case 'lib':
      throw new SyntaxFailure('lib', LIB_MISUSE, id);
    case '#%app':
      throw new SyntaxFailure('#%app', 'illegal use', id);
    default:
      throw new SyntaxFailure(form, 'bad syntax', id);
  }
}

/** The part of `list` after its head, as a value (`(#%datum . 5)` → `5`). */
function cdrOf(list: RacketList): RacketValue {
  if (list.items.length === 1) return list.tail ?? makeList([]);
  return makeList(list.items.slice(1), list.tail);
}

/** Expands one expression. */
export function compileExpression(datum: RacketValue, scope: CompileScope, depth = 0): Expr {
  scope.budget.checkDepth(depth, datum.loc);
  scope.budget.charge(1);
  switch (datum.kind) {
    case 'symbol':
      return compileIdentifier(datum.name, datum, scope);
    case 'keyword':
      throw new SyntaxFailure('#%datum', 'keyword misused as an expression', undefined, datum);
    case 'list':
      return compileList(datum, scope, depth);
    default:
      return { t: 'quote', value: datum };
  }
}

function compileIdentifier(name: string, id: RacketValue, scope: CompileScope): Expr {
  const binding = resolveIdentifier(name, scope);
  switch (binding.kind) {
    case 'local':
      return { t: 'local', name };
    case 'variable':
      return { t: 'variable', name, loc: id.loc };
    case 'builtin':
      return { t: 'builtin', value: builtinProcedure(name)! };
    case 'syntax':
      return identifierMisuse(binding.form, id);
    case 'unbound':
      throw new SyntaxFailure(name, 'unbound identifier', id);
    default:
      return binding satisfies never;
  }
}

function compileList(form: RacketList, scope: CompileScope, depth: number): Expr {
  const head = form.items[0];
  if (head === undefined) throw new SyntaxFailure('#%app', EMPTY_APPLICATION, withLoc(makeList([sym('#%app')]), form.loc));
  if (head.kind === 'symbol') {
    const binding = resolveIdentifier(head.name, scope);
    if (binding.kind === 'syntax') return compileForm(binding.form, form, scope, depth);
  }
  return compileApplication(form.items, form.tail, withLoc(makeList([sym('#%app'), ...form.items], form.tail), form.loc), scope, depth);
}

function compileForm(form: SyntaxForm, datum: RacketList, scope: CompileScope, depth: number): Expr {
  const proper = datum.tail === undefined;
  const n = datum.items.length;
  const sub = (d: RacketValue): Expr => compileExpression(d, scope, depth + 1);
  switch (form) {
    case 'quote':
      if (!proper || n !== 2) throw new SyntaxFailure('quote', 'bad syntax', datum);
      return { t: 'quote', value: datum.items[1]! };
    case 'if': {
      if (proper && n === 3) throw new SyntaxFailure('if', 'missing an "else" expression', datum);
      if (!proper || n !== 4) throw new SyntaxFailure('if', 'bad syntax', datum);
      const test = sub(datum.items[1]!);
      const then = sub(datum.items[2]!);
      return { t: 'if', test, then, else: sub(datum.items[3]!) };
    }
    case 'quasiquote':
      return compileQuasiquote(datum, scope, depth, sub);
    case 'unquote':
    case 'unquote-splicing':
      throw new SyntaxFailure(form, 'not in quasiquote', datum);
    case 'define':
      throw new SyntaxFailure('define', 'not allowed in an expression context', datum);
    case 'require':
      throw new SyntaxFailure('require', 'bad syntax', datum);
    case 'lib':
      throw new SyntaxFailure('lib', LIB_MISUSE, datum);
    case '#%app':
      if (n === 1 && proper) throw new SyntaxFailure('#%app', EMPTY_APPLICATION, datum);
      if (!proper) throw new SyntaxFailure('#%app', 'bad syntax', datum);
      return compileApplication(datum.items.slice(1), undefined, datum, scope, depth);
    case '#%datum': {
      const value = cdrOf(datum);
      if (value.kind === 'keyword') throw new SyntaxFailure('#%datum', 'keyword misused as an expression', undefined, value);
      return { t: 'quote', value };
    }
    case '#%top': {
      const id = cdrOf(datum);
      if (id.kind !== 'symbol') throw new SyntaxFailure('#%top', 'not an identifier', datum, id);
      if (resolveIdentifier(id.name, scope).kind === 'variable') return { t: 'variable', name: id.name, loc: id.loc };
      throw new SyntaxFailure(id.name, 'unbound identifier', id);
    }
    case '#%module-begin': {
      if (!proper) throw new SyntaxFailure('#%module-begin', 'bad syntax', datum);
      const names = checkInfoModuleBegin(datum.items.slice(1), datum);
      throw new SyntaxFailure(
        '#%plain-module-begin',
        'not in a module-definition context',
        describePlainModuleBegin(datum.items.slice(1), names),
        undefined,
        datum.loc,
      );
    }
    default:
      return form satisfies never;
  }
}

/**
 * An application `(fn arg …)`; `inForm` is how Racket shows it in errors, with `#%app`.
 * Keyword structure is checked first, then the operator and arguments expand left to right.
 */
function compileApplication(
  items: readonly RacketValue[],
  tail: RacketValue | undefined,
  inForm: RacketValue,
  scope: CompileScope,
  depth: number,
): Expr {
  if (tail !== undefined) throw new SyntaxFailure('#%app', 'bad syntax', inForm);
  const [fnDatum, ...argData] = items;
  const seen = new Set<string>();
  for (let i = 0; i < argData.length; i++) {
    const arg = argData[i]!;
    if (arg.kind !== 'keyword') continue;
    // Whatever follows a keyword is its argument expression, even another keyword.
    if (argData[i + 1] === undefined) {
      throw new SyntaxFailure('application', 'missing argument expression after keyword', inForm, arg);
    }
    if (seen.has(arg.name)) throw new SyntaxFailure('application', 'duplicate keyword in application', inForm, arg);
    seen.add(arg.name);
    i++;
  }
  const fn = compileExpression(fnDatum!, scope, depth + 1);
  const args: ArgumentExpr[] = [];
  for (let i = 0; i < argData.length; i++) {
    const arg = argData[i]!;
    if (arg.kind === 'keyword') {
      args.push({ keyword: arg.name, expr: compileExpression(argData[i + 1]!, scope, depth + 1) });
      i++;
    } else args.push({ expr: compileExpression(arg, scope, depth + 1) });
  }
  return { t: 'app', fn, args, loc: inForm.loc };
}
