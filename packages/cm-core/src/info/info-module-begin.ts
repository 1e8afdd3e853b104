/**
 * The checks of `setup/infotab`'s `#%module-begin` (infotab.rkt:8-30), which run before anything
 * in the body is expanded: every form must be `(define id expr)` or `(require lib)` (the latter
 * fails later), and no id may be defined twice.
 */
import type { RacketSymbol, RacketValue } from '../data/types.js';
import { makeList, str, sym } from '../data/values.js';
import { SyntaxFailure } from './info-limits.js';

/** A definition accepted by the module-begin check. */
export interface DeclaredName {
  readonly name: string;
  readonly id: RacketSymbol;
}

function isDefineShape(form: RacketValue): boolean {
  return (
    form.kind === 'list' &&
    form.tail === undefined &&
    form.items.length === 3 &&
    form.items[0]!.kind === 'symbol' &&
    form.items[0]!.name === 'define' &&
    form.items[1]!.kind === 'symbol'
  );
}

function isRequireShape(form: RacketValue): boolean {
  return (
    form.kind === 'list' &&
    form.tail === undefined &&
    form.items.length === 2 &&
    form.items[0]!.kind === 'symbol' &&
    form.items[0]!.name === 'require'
  );
}

/**
 * Checks the body forms; returns the defined names in order.
 * @param inForm the `(#%module-begin …)` form, for messages
 */
export function checkInfoModuleBegin(forms: readonly RacketValue[], inForm: RacketValue): DeclaredName[] {
  const names: DeclaredName[] = [];
  for (const form of forms) {
    if (isDefineShape(form)) {
      const id = (form as { items: readonly RacketValue[] }).items[1] as RacketSymbol;
      names.push({ name: id.name, id });
    } else if (!isRequireShape(form)) {
      throw new SyntaxFailure('infotab-module', 'not a well-formed definition', inForm, form);
    }
  }
  const seen = new Set<string>();
  for (const declared of names) {
    if (seen.has(declared.name)) throw new SyntaxFailure('infotab-module', 'duplicate definition', inForm, declared.id);
    seen.add(declared.name);
  }
  return names;
}

const list = (...items: RacketValue[]): RacketValue => makeList(items);

/**
 * What `info-module-begin` expands into (infotab.rkt:31-50), shown by Racket when that
 * expansion lands outside a module body.
 */
export function describePlainModuleBegin(forms: readonly RacketValue[], names: readonly DeclaredName[]): RacketValue {
  const n = sym('n');
  const fail = sym('fail');
  const infoLookup = sym('#%info-lookup');
  const error = (...args: RacketValue[]): RacketValue => list(sym('error'), list(sym('quote'), sym('info.rkt')), ...args);
  const lookup = list(
    sym('define'),
    infoLookup,
    list(
      sym('case-lambda'),
      list(list(n), list(infoLookup, n, list(sym('lambda'), makeList([]), error(str('no info for ~a'), n)))),
      list(
        list(n, fail),
        list(
          sym('unless'),
          list(sym('and'), list(sym('procedure?'), fail), list(sym('procedure-arity-includes?'), fail, { kind: 'integer', value: 0n })),
          error(str('expected second argument to be a procedure that takes no arguments, got: ~e'), fail),
        ),
        list(
          sym('case'),
          n,
          ...names.map(({ name }) => list(list(sym(name)), sym(name))),
          list(sym('else'), list(fail)),
        ),
      ),
    ),
  );
  const domain = list(
    sym('define'),
    list(sym('#%info-domain')),
    list(sym('quote'), makeList(names.map(({ name }) => sym(name)))),
  );
  const provide = list(sym('provide'), infoLookup, sym('#%info-domain'));
  return makeList([sym('#%plain-module-begin'), ...forms, lookup, domain, provide]);
}
