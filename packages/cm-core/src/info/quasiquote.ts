/**
 * `quasiquote` as racket/private/qq-and-or.rkt (8.7) expands it, over the array-based list
 * representation.
 *
 * Racket walks a template pair by pair, so every *rest* of a list is itself checked for an
 * `unquote`/`quasiquote`/`unquote-splicing` head: `(1 . ,x)` reads as `(1 unquote x)` and means
 * `(cons 1 x)`; `(a unquote b c)` is an error. Nesting levels go up at `quasiquote` and down at
 * `unquote`/`unquote-splicing`; only level-0 unquotes are evaluated. Vectors, boxes, prefab
 * structures and hash-table values (not keys) are templates too.
 *
 * Structural errors are found for the whole template before any unquoted expression is
 * expanded, and unquoted expressions are expanded left to right, as in Racket. (Racket processes
 * the contents of a nested `,@` after the rest of its list; we go strictly left to right, which
 * only changes which of two errors in one template is reported.)
 *
 * Evaluation splices a level-0 `,@e` with `qq-append`, which requires a list, except when `,@e`
 * ends a proper list: then its value becomes the tail as is (`` `(1 ,@5) `` is `(1 . 5)`).
 */
import type { RacketList, RacketValue } from '../data/types.js';
import { makeList } from '../data/values.js';
import type { Expr, QuasiNode, QuasiPart } from './info-expr.js';
import { SyntaxFailure } from './info-limits.js';
import { isFormIdentifier, type CompileScope } from './info-scope.js';

type Template =
  | { readonly k: 'datum'; readonly value: RacketValue }
  | { readonly k: 'unquote'; readonly datum: RacketValue }
  | { readonly k: 'list'; readonly parts: readonly TemplatePart[]; readonly tail: Template | undefined }
  | { readonly k: 'vector'; readonly list: Template }
  | { readonly k: 'box'; readonly value: Template }
  | { readonly k: 'prefab'; readonly key: RacketValue; readonly fields: Template }
  | { readonly k: 'hash'; readonly equiv: 'equal' | 'eqv' | 'eq'; readonly entries: readonly (readonly [RacketValue, Template])[] };

interface TemplatePart {
  readonly node: Template;
  readonly splice: boolean;
}

class TemplateWalker {
  constructor(
    private readonly form: RacketValue,
    private readonly scope: CompileScope,
  ) {}

  private fail(who: string, detail: string, at: RacketValue): never {
    throw new SyntaxFailure(who, detail, this.form, at);
  }

  value(x: RacketValue, level: number, depth: number): Template {
    this.scope.budget.checkDepth(depth, x.loc);
    this.scope.budget.charge(1);
    switch (x.kind) {
      case 'list':
        return x.items.length === 0 ? { k: 'datum', value: x } : this.list(x, 0, level, true, depth);
      case 'vector': {
        const first = x.items[0];
        if (first !== undefined && isFormIdentifier(first, 'unquote', this.scope)) {
          this.fail('unquote', 'invalid context within quasiquote', first);
        }
        if (x.items.length === 0) return { k: 'datum', value: x };
        const list = this.value(makeList(x.items), level, depth + 1);
        return list.k === 'datum' ? { k: 'datum', value: x } : { k: 'vector', list };
      }
      case 'box': {
        const value = this.value(x.value, level, depth + 1);
        return value.k === 'datum' ? { k: 'datum', value: x } : { k: 'box', value };
      }
      case 'prefab': {
        if (x.fields.length === 0) return { k: 'datum', value: x };
        const fields = this.value(makeList(x.fields), level, depth + 1);
        return fields.k === 'datum' ? { k: 'datum', value: x } : { k: 'prefab', key: x.key, fields };
      }
      case 'hash': {
        let changed = false;
        const entries = x.entries.map(([key, val]) => {
          const node = this.value(val, level, depth + 1);
          changed ||= node.k !== 'datum';
          return [key, node] as const;
        });
        return changed ? { k: 'hash', equiv: x.equiv, entries } : { k: 'datum', value: x };
      }
      default:
        return { k: 'datum', value: x };
    }
  }

  /** The rest of `x` from `start`, as a value for error messages (located only when it is `x`). */
  private rest(x: RacketList, start: number): RacketValue {
    return start === 0 ? x : makeList(x.items.slice(start), x.tail);
  }

  /**
   * `x` from index `start` on (earlier items are kept as they are). `checkStart` is false when
   * Racket's `qq-list` splits the pair at `start` without looking at its head.
   */
  list(x: RacketList, start: number, level: number, checkStart: boolean, depth: number): Template {
    const { items } = x;
    const parts: TemplatePart[] = items.slice(0, start).map((value) => ({ node: { k: 'datum', value }, splice: false }));
    let changed = false;
    let lvl = level;
    let tail: Template | undefined;
    let ended = false;
    for (let i = start; i < items.length; i++) {
      const first = items[i]!;
      if ((i > start || checkStart) && x.tail === undefined && first.kind === 'symbol') {
        if (isFormIdentifier(first, 'unquote', this.scope)) {
          if (items.length - i !== 2) this.fail('unquote', 'expects exactly one expression', this.rest(x, i));
          if (lvl === 0) {
            tail = { k: 'unquote', datum: items[i + 1]! };
            changed = true;
            ended = true;
            break;
          }
          parts.push({ node: { k: 'datum', value: first }, splice: false });
          lvl -= 1;
          continue;
        }
        if (isFormIdentifier(first, 'quasiquote', this.scope)) {
          parts.push({ node: { k: 'datum', value: first }, splice: false });
          lvl += 1;
          continue;
        }
        if (isFormIdentifier(first, 'unquote-splicing', this.scope)) {
          this.fail('unquote-splicing', 'invalid context within quasiquote', this.rest(x, i));
        }
      }
      if (
        first.kind === 'list' &&
        first.tail === undefined &&
        first.items.length > 0 &&
        isFormIdentifier(first.items[0], 'unquote-splicing', this.scope)
      ) {
        if (first.items.length !== 2) this.fail('unquote', 'expects exactly one expression', this.rest(x, i));
        if (lvl === 0) {
          parts.push({ node: { k: 'unquote', datum: first.items[1]! }, splice: true });
          changed = true;
        } else {
          const node = this.list(first, 1, lvl - 1, false, depth + 1);
          changed ||= node.k !== 'datum';
          parts.push({ node, splice: false });
        }
        continue;
      }
      const node = this.value(first, lvl, depth + 1);
      changed ||= node.k !== 'datum';
      parts.push({ node, splice: false });
    }
    if (!ended && x.tail !== undefined) {
      tail = this.value(x.tail, lvl, depth + 1);
      changed ||= tail.k !== 'datum';
    }
    return changed ? { k: 'list', parts, tail } : { k: 'datum', value: x };
  }
}

function compileTemplate(template: Template, compile: (datum: RacketValue) => Expr): QuasiNode {
  switch (template.k) {
    case 'datum':
      return template;
    case 'unquote':
      return { k: 'expr', expr: compile(template.datum) };
    case 'list': {
      const parts: QuasiPart[] = template.parts.map((part) => ({ node: compileTemplate(part.node, compile), splice: part.splice }));
      const tail = template.tail === undefined ? undefined : compileTemplate(template.tail, compile);
      return { k: 'list', parts, tail };
    }
    case 'vector':
      return { k: 'vector', list: compileTemplate(template.list, compile) };
    case 'box':
      return { k: 'box', value: compileTemplate(template.value, compile) };
    case 'prefab':
      return { k: 'prefab', key: template.key, fields: compileTemplate(template.fields, compile) };
    case 'hash':
      return {
        k: 'hash',
        equiv: template.equiv,
        entries: template.entries.map(([key, node]) => [key, compileTemplate(node, compile)] as const),
      };
    default:
      return template satisfies never;
  }
}

/**
 * Expands `(quasiquote template)`.
 * @param compile expands one unquoted expression (called left to right)
 */
export function compileQuasiquote(
  form: RacketList,
  scope: CompileScope,
  depth: number,
  compile: (datum: RacketValue) => Expr,
): Expr {
  if (form.tail !== undefined || form.items.length !== 2) throw new SyntaxFailure('quasiquote', 'bad syntax', form);
  const template = new TemplateWalker(form, scope).value(form.items[1]!, 0, depth + 1);
  if (template.k === 'datum') return { t: 'quote', value: template.value };
  return { t: 'quasi', template: compileTemplate(template, compile), loc: form.loc };
}
