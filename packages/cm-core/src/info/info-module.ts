/**
 * Expansion of an info module's body, in Racket's order:
 *
 * 1. A module whose body is one form other than `#%module-begin` has that form partially
 *    expanded first (so `(module info setup/infotab (define (f x) x))` defines a procedure, and
 *    `define`'s own shape errors appear); otherwise the body is `(#%module-begin form …)`.
 * 2. `setup/infotab`'s `#%module-begin` checks the shape of every form and duplicate names.
 * 3. Pass 1 walks the forms in order: `(require lib)` fails (no library is allowed); a
 *    `define` is a definition unless `define` itself was redefined by an earlier form.
 * 4. Pass 2 expands every right-hand side in order, knowing all module-level names.
 * 5. Each declared name must be defined (the generated `#%info-lookup` refers to it).
 */
import type { RacketList, RacketSymbol, RacketValue } from '../data/types.js';
import { makeList, sym } from '../data/values.js';
import { compileExpression } from './info-compile.js';
import type { Expr, ModuleItem } from './info-expr.js';
import { SyntaxFailure, type WorkBudget } from './info-limits.js';
import { checkInfoModuleBegin, type DeclaredName } from './info-module-begin.js';
import { withLoc, type CompileScope } from './info-scope.js';
import { compileQuasiquote } from './quasiquote.js';

/** The body of `(module info <lang> body …)`. */
export type InfoModuleBody =
  /** One `(#%module-begin form …)` (always the case for `#lang info`). */
  | { readonly kind: 'module-begin'; readonly form: RacketValue }
  /** Zero or several forms, wrapped in `#%module-begin` by the expander. */
  | { readonly kind: 'forms'; readonly forms: readonly RacketValue[] }
  /** Exactly one form that is not `#%module-begin`. */
  | { readonly kind: 'single'; readonly form: RacketValue };

export interface CompiledInfoModule {
  readonly names: readonly DeclaredName[];
  readonly items: readonly ModuleItem[];
}

const LIB_MISUSE = "misuse of module-path constructor (not within, e.g., `require' or `provide')";
const EMPTY_APPLICATION = 'missing procedure expression;\n probably originally (), which is an illegal empty application';

function headName(form: RacketValue): string | undefined {
  return form.kind === 'list' && form.items[0]?.kind === 'symbol' ? form.items[0].name : undefined;
}

/** Expands the module body; throws `SyntaxFailure` or `LimitFailure`. */
export function expandInfoModule(body: InfoModuleBody, budget: WorkBudget, file: string): CompiledInfoModule {
  switch (body.kind) {
    case 'module-begin': {
      const form = body.form as RacketList;
      if (form.tail !== undefined) throw new SyntaxFailure('#%module-begin', 'bad syntax', form);
      return expandForms(form.items.slice(1), form, budget, file);
    }
    case 'forms':
      return expandForms(body.forms, makeList([sym('#%module-begin'), ...body.forms]), budget, file);
    case 'single': {
      const lambda = expandSingleForm(body.form, budget, file);
      if (lambda !== undefined) return lambda;
      return expandForms([body.form], makeList([sym('#%module-begin'), body.form]), budget, file);
    }
    default:
      return body satisfies never;
  }
}

function expandForms(forms: readonly RacketValue[], inForm: RacketValue, budget: WorkBudget, file: string): CompiledInfoModule {
  const names = checkInfoModuleBegin(forms, inForm);
  const defined = new Set<string>();
  const isDefinition: boolean[] = [];
  for (const form of forms) {
    const head = headName(form);
    const items = (form as RacketList).items;
    if (head === 'require') {
      if (!defined.has('require')) throw new SyntaxFailure('require', 'bad syntax', form);
      isDefinition.push(false);
    } else if (defined.has('define')) {
      isDefinition.push(false);
    } else {
      defined.add((items[1] as RacketSymbol).name);
      isDefinition.push(true);
    }
  }
  const scope: CompileScope = { moduleNames: defined, locals: new Set(), budget, file };
  const items: ModuleItem[] = forms.map((form, i) => {
    const list = form as RacketList;
    if (!isDefinition[i]) return { t: 'expression', expr: compileExpression(form, scope) };
    return { t: 'define', name: (list.items[1] as RacketSymbol).name, expr: compileExpression(list.items[2]!, scope), loc: form.loc };
  });
  for (const declared of names) {
    if (!defined.has(declared.name)) throw new SyntaxFailure(declared.name, 'unbound identifier', declared.id);
  }
  return { names, items };
}

/**
 * Partial expansion of a lone body form. Returns the whole module for a procedure definition;
 * otherwise checks what Racket's partial expansion would check and returns `undefined`.
 */
function expandSingleForm(form: RacketValue, budget: WorkBudget, file: string): CompiledInfoModule | undefined {
  if (form.kind === 'symbol' && form.name === 'define') throw new SyntaxFailure('define', 'bad syntax', form);
  const head = headName(form);
  if (head === undefined || form.kind !== 'list') return undefined;
  switch (head) {
    case 'define':
      return expandDefineMacro(form, budget, file);
    case 'require':
      throw new SyntaxFailure('require', 'bad syntax', form);
    case 'lib':
      throw new SyntaxFailure('lib', LIB_MISUSE, form);
    case 'quasiquote': {
      const scope: CompileScope = { moduleNames: new Set(), locals: new Set(), budget, file };
      compileQuasiquote(form, scope, 0, (value) => ({ t: 'quote', value }));
      return undefined;
    }
    case '#%app':
      if (form.items.length === 1 && form.tail === undefined) throw new SyntaxFailure('#%app', EMPTY_APPLICATION, form);
      if (form.tail !== undefined) throw new SyntaxFailure('#%app', 'bad syntax', form);
      return undefined;
    default:
      return undefined;
  }
}

const BAD = 'bad syntax';

/** racket/base `define` on a lone body form (racket/private/kw.rkt's `define` shapes). */
function expandDefineMacro(form: RacketList, budget: WorkBudget, file: string): CompiledInfoModule | undefined {
  const { items } = form;
  const target = items[1];
  if (target === undefined) throw new SyntaxFailure('define', BAD, form);
  if (target.kind === 'symbol') {
    if (form.tail !== undefined) throw new SyntaxFailure('define', `${BAD} (illegal use of \`.')`, form);
    if (items.length === 2) throw new SyntaxFailure('define', `${BAD} (missing expression after identifier)`, form);
    if (items.length > 3) throw new SyntaxFailure('define', `${BAD} (multiple expressions after identifier)`, form);
    return undefined;
  }
  if (target.kind !== 'list') throw new SyntaxFailure('define', BAD, form, target);
  if (form.tail !== undefined) throw new SyntaxFailure('define', `${BAD} (illegal use of \`.')`, form);
  if (items.length === 2) throw new SyntaxFailure('define', `${BAD} (no expressions for procedure body)`, form);
  // Curried heads `((f a) b)` nest lambdas; collect every argument list, outermost last.
  const signatures: RacketList[] = [];
  let head: RacketValue = target;
  while (head.kind === 'list' && head.items.length > 0) {
    signatures.push(head);
    head = head.items[0]!;
  }
  if (head.kind !== 'symbol') {
    throw new SyntaxFailure('define', `${BAD} (not an identifier for procedure name, and not a nested procedure form)`, form, head);
  }
  const locals = new Set<string>();
  const defaults: RacketValue[] = [];
  for (const signature of signatures.reverse()) {
    const seen = new Set<string>();
    const formals = [...signature.items.slice(1), ...(signature.tail === undefined ? [] : [signature.tail])];
    for (const formal of formals) {
      let id: RacketValue | undefined = formal;
      if (formal.kind === 'keyword') throw new SyntaxFailure('syntax-local-lift-values-expression', 'no lift target', undefined);
      if (formal.kind === 'list' && formal.tail === undefined && formal.items.length === 2) {
        id = formal.items[0];
        defaults.push(formal.items[1]!);
      }
      if (id?.kind !== 'symbol') {
        throw new SyntaxFailure(
          'define',
          'not an identifier, identifier with default, or keyword for procedure argument',
          form,
          formal,
        );
      }
      if (seen.has(id.name)) throw new SyntaxFailure('define', 'duplicate argument identifier', form, id);
      seen.add(id.name);
    }
    for (const name of seen) locals.add(name);
  }
  const scope: CompileScope = { moduleNames: new Set(), locals, budget, file };
  for (const datum of [...defaults, ...items.slice(2)]) compileExpression(datum, scope);
  const lambda: Expr = { t: 'lambda', name: head.name };
  return {
    names: [{ name: head.name, id: withLoc(head, head.loc) }],
    items: [{ t: 'define', name: head.name, expr: lambda, loc: form.loc }],
  };
}
