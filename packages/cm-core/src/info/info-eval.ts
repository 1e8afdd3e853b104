/**
 * Runs an expanded info module: definitions in order, each right-hand side evaluated left to
 * right (operator first, then arguments), as Racket does.
 *
 * Run-time errors carry Racket's message and, unlike Racket's, the location of the failing
 * application or variable reference.
 */
import type { RacketProcedure, RacketValue, SrcLoc } from '../data/types.js';
import { EMPTY_LIST, makeList, str } from '../data/values.js';
import { writeValue } from '../data/writer.js';
import { BUILTINS, builtinProcedure, callBuiltin, type InfoRuntime } from './info-builtins.js';
import type { Expr, ModuleItem, QuasiNode } from './info-expr.js';
import { RuntimeFailure } from './info-limits.js';
import type { CompiledInfoModule } from './info-module.js';
import { errorValue } from './info-print.js';
import { HashBuilder } from './info-values.js';
import { contractViolation, keywordsNotAccepted, notAProcedure, unexpectedKeyword } from './racket-messages.js';

/** The run-time state of one module instance. */
class ModuleInstance {
  readonly values = new Map<string, RacketValue>();
  readonly runtime: InfoRuntime;

  constructor(
    runtime: Omit<InfoRuntime, 'apply'>,
    private readonly modulePath: string,
  ) {
    this.runtime = { ...runtime, apply: (procedure, args) => this.apply(procedure, args, []) };
  }

  private withLoc<T>(loc: SrcLoc | undefined, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof RuntimeFailure && error.loc === undefined) error.loc = loc;
      throw error;
    }
  }

  apply(fn: RacketValue, positional: readonly RacketValue[], keywords: readonly (readonly [string, RacketValue])[]): RacketValue {
    if (fn.kind !== 'procedure') throw notAProcedure(fn, positional, keywords);
    const builtin = BUILTINS.get(fn.name);
    if (builtin === undefined || builtinProcedure(fn.name) !== fn) {
      // Only a lone `(define (f …) …)` makes such a procedure, and nothing can call it.
      throw new RuntimeFailure(`${fn.name}: nx-raco cannot apply procedures defined in info files`);
    }
    if (keywords.length > 0) {
      if (builtin.keywords === undefined) throw keywordsNotAccepted(fn.name, positional, keywords);
      const unexpected = keywords.map(([k]) => k).filter((k) => !builtin.keywords!.includes(k)).sort()[0];
      if (unexpected !== undefined) throw unexpectedKeyword(fn.name, unexpected, positional, keywords);
    }
    return callBuiltin(builtin, positional, this.runtime, new Map(keywords));
  }

  evaluate(expr: Expr): RacketValue {
    switch (expr.t) {
      case 'quote':
      case 'builtin':
        return expr.value;
      case 'variable': {
        const value = this.values.get(expr.name);
        if (value === undefined) {
          throw new RuntimeFailure(
            `${expr.name}: undefined;\n cannot reference an identifier before its definition\n  in module: ${writeValue(str(this.modulePath))}`,
            expr.loc,
          );
        }
        return value;
      }
      case 'local':
        throw new Error('info-eval: a lambda argument was evaluated. This is a bug in @nx-raco/cm-core.');
      case 'lambda':
        return { kind: 'procedure', name: expr.name } satisfies RacketProcedure;
      case 'if': {
        const test = this.evaluate(expr.test);
        return test.kind === 'boolean' && !test.value ? this.evaluate(expr.else) : this.evaluate(expr.then);
      }
      case 'app': {
        const fn = this.evaluate(expr.fn);
        const positional: RacketValue[] = [];
        const keywords: [string, RacketValue][] = [];
        for (const arg of expr.args) {
          const value = this.evaluate(arg.expr);
          if (arg.keyword === undefined) positional.push(value);
          else keywords.push([arg.keyword, value]);
        }
        return this.withLoc(expr.loc, () => this.apply(fn, positional, keywords));
      }
      case 'quasi':
        return this.withLoc(expr.loc, () => this.evaluateQuasi(expr.template));
      default:
        return expr satisfies never;
    }
  }

  private evaluateQuasi(node: QuasiNode): RacketValue {
    const budget = this.runtime.budget;
    switch (node.k) {
      case 'datum':
        return node.value;
      case 'expr':
        return this.evaluate(node.expr);
      case 'list': {
        const values = node.parts.map((part) => this.evaluateQuasi(part.node));
        const tail = node.tail === undefined ? undefined : this.evaluateQuasi(node.tail);
        const last = node.parts.length - 1;
        const finalSplice = tail === undefined && node.parts[last]?.splice === true;
        // `qq-append` checks run innermost (rightmost) first, after every part was evaluated.
        for (let i = finalSplice ? last - 1 : last; i >= 0; i--) {
          const value = values[i]!;
          if (node.parts[i]!.splice && !(value.kind === 'list' && value.tail === undefined)) {
            throw contractViolation('unquote-splicing', 'list?', value);
          }
        }
        const items: RacketValue[] = [];
        let end: RacketValue | undefined = tail;
        node.parts.forEach((part, i) => {
          const value = values[i]!;
          if (finalSplice && i === last) end = value;
          else if (part.splice) for (const item of (value as { items: readonly RacketValue[] }).items) items.push(item);
          else items.push(value);
        });
        budget.charge(items.length);
        if (items.length === 0) return end ?? EMPTY_LIST;
        return makeList(items, end);
      }
      case 'vector': {
        const list = this.evaluateQuasi(node.list);
        if (list.kind !== 'list' || list.tail !== undefined) throw contractViolation('list->vector', 'list?', list);
        return { kind: 'vector', items: list.items };
      }
      case 'box':
        return { kind: 'box', value: this.evaluateQuasi(node.value) };
      case 'prefab': {
        const fields = this.evaluateQuasi(node.fields);
        if (fields.kind !== 'list' || fields.tail !== undefined) {
          throw new RuntimeFailure(`apply: contract violation\n  expected: list?\n  given: ${errorValue(fields)}`);
        }
        return { kind: 'prefab', key: node.key, fields: fields.items };
      }
      case 'hash': {
        const builder = new HashBuilder(node.equiv, budget);
        for (const [key, value] of node.entries) builder.set(key, this.evaluateQuasi(value));
        return builder.build();
      }
      default:
        return node satisfies never;
    }
  }

  run(items: readonly ModuleItem[]): void {
    for (const item of items) {
      const value = this.evaluate(item.expr);
      if (item.t === 'define') {
        this.runtime.budget.checkValueSize(value, item.name, item.loc);
        this.values.set(item.name, value);
      }
    }
  }
}

/**
 * Runs the module; returns each declared name's value, in declaration order.
 * @param modulePath the absolute path Racket names the module by (`in module: "…"`)
 */
export function runInfoModule(
  module: CompiledInfoModule,
  runtime: Omit<InfoRuntime, 'apply'>,
  modulePath: string,
): { name: string; value: RacketValue }[] {
  const instance = new ModuleInstance(runtime, modulePath);
  instance.run(module.items);
  return module.names.map(({ name }) => ({ name, value: instance.values.get(name)! }));
}
