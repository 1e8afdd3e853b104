/**
 * The procedures `setup/infotab` exports (infotab.rkt:58-70), with Racket CS 8.7's argument
 * checks and error wording. Each is a first-class value (`#<procedure:car>`) and can be passed
 * to `hash-update` or `collection-path`'s `#:fail`.
 *
 * `getenv` sees only the variables named in `PLT_INFO_ALLOW_VARS` (`;`-separated), as
 * `get-info/full` filters the environment before evaluating (getinfo.rkt:167-176).
 */
import type { RacketHash, RacketList, RacketProcedure, RacketValue } from '../data/types.js';
import { EMPTY_LIST, makeList } from '../data/values.js';
import type { CollectionResolver } from '../collects/find-collection.js';
import { buildPath } from '../collects/racket-path.js';
import { errorValue } from './info-print.js';
import { RuntimeFailure, type WorkBudget } from './info-limits.js';
import { HashBuilder, hashRef, isEqualCharged } from './info-values.js';
import { arityMismatch, contractViolation } from './racket-messages.js';

/** What builtins need from the evaluator. */
export interface InfoRuntime {
  readonly budget: WorkBudget;
  /** The filtered environment: only `PLT_INFO_ALLOW_VARS` names. */
  readonly environment: ReadonlyMap<string, string>;
  /** Resolves `collection-path`; created on first use. */
  collectionResolver(): CollectionResolver;
  /** `(system-library-subpath #f)`, e.g. `x86_64-linux`. */
  readonly platform: string;
  /** The VM name `(system-library-subpath)` appends: `cs`. */
  readonly vm: string;
  /** Applies a procedure value (used by `hash-update` and `#:fail`). */
  apply(procedure: RacketValue, args: readonly RacketValue[]): RacketValue;
}

export interface Builtin {
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for variadic procedures. */
  readonly maxArgs: number;
  /** Keywords accepted, without `#:`. */
  readonly keywords?: readonly string[];
  /** The `expected:` text of an arity error, when it differs from the default. */
  readonly arityText?: string;
  call(args: readonly RacketValue[], runtime: InfoRuntime, keywords: ReadonlyMap<string, RacketValue>): RacketValue;
}

const TRUE: RacketValue = { kind: 'boolean', value: true };
const FALSE: RacketValue = { kind: 'boolean', value: false };
const bool = (b: boolean): RacketValue => (b ? TRUE : FALSE);

const isPair = (v: RacketValue): v is RacketList => v.kind === 'list' && v.items.length > 0;
const isProper = (v: RacketValue): v is RacketList => v.kind === 'list' && v.tail === undefined;

function car(v: RacketList): RacketValue {
  return v.items[0]!;
}

function cdr(v: RacketList, budget: WorkBudget): RacketValue {
  if (v.items.length === 1) return v.tail ?? EMPTY_LIST;
  budget.charge(v.items.length);
  return makeList(v.items.slice(1), v.tail);
}

/** `(list* items… tail)`, where `tail` may be anything. */
function listStar(items: readonly RacketValue[], tail: RacketValue, budget: WorkBudget): RacketValue {
  if (items.length === 0) return tail;
  budget.charge(items.length + (tail.kind === 'list' ? tail.items.length : 0));
  return makeList(items, tail);
}

function isPathString(v: RacketValue): boolean {
  return (v.kind === 'string' && v.value !== '' && !v.value.includes('\0')) || v.kind === 'path';
}

function pathText(v: RacketValue): string {
  return v.kind === 'string' || v.kind === 'path' ? v.value : '';
}

function checkHash(who: string, v: RacketValue, position?: { index: number; args: readonly RacketValue[] }): RacketHash {
  if (v.kind !== 'hash') throw contractViolation(who, '(and/c hash? immutable?)', v, position);
  return v;
}

/** `procedure-arity-includes?` for builtins; other procedures (a single-form `define`'s lambda) accept anything. */
export function arityIncludes(v: RacketValue, n: number): boolean {
  if (v.kind !== 'procedure') return false;
  const builtin = BUILTINS.get(v.name);
  return builtin === undefined || (n >= builtin.minArgs && n <= builtin.maxArgs);
}

function fixed(
  name: string,
  minArgs: number,
  maxArgs: number,
  call: Builtin['call'],
  extra: Partial<Pick<Builtin, 'keywords' | 'arityText'>> = {},
): Builtin {
  return { name, minArgs, maxArgs, call, ...extra };
}

function hashSetOne(hash: RacketHash, key: RacketValue, value: RacketValue, budget: WorkBudget): RacketHash {
  budget.charge(hash.entries.length);
  const builder = new HashBuilder(hash.equiv, budget, hash.entries);
  builder.set(key, value);
  return builder.build();
}

const LIST_OF_BUILTINS: readonly Builtin[] = [
  fixed('list', 0, Infinity, (args, rt) => {
    rt.budget.charge(args.length);
    return args.length === 0 ? EMPTY_LIST : makeList([...args]);
  }),
  fixed('cons', 2, 2, ([a, d], rt) => listStar([a!], d!, rt.budget)),
  fixed('car', 1, 1, ([p]) => {
    if (!isPair(p!)) throw contractViolation('car', 'pair?', p!);
    return car(p);
  }),
  fixed('cdr', 1, 1, ([p], rt) => {
    if (!isPair(p!)) throw contractViolation('cdr', 'pair?', p!);
    return cdr(p, rt.budget);
  }),
  fixed('list*', 1, Infinity, (args, rt) => listStar(args.slice(0, -1), args[args.length - 1]!, rt.budget)),
  fixed('append', 0, Infinity, (args, rt) => {
    if (args.length === 0) return EMPTY_LIST;
    const items: RacketValue[] = [];
    for (const arg of args.slice(0, -1)) {
      if (!isProper(arg)) throw contractViolation('append', 'list?', arg);
      rt.budget.charge(arg.items.length);
      for (const item of arg.items) items.push(item);
    }
    return listStar(items, args[args.length - 1]!, rt.budget);
  }),
  fixed('reverse', 1, 1, ([l], rt) => {
    if (!isProper(l!)) throw contractViolation('reverse', 'list?', l!);
    rt.budget.charge(l.items.length);
    return l.items.length === 0 ? EMPTY_LIST : makeList([...l.items].reverse());
  }),
  fixed('equal?', 2, 2, ([a, b], rt) => bool(isEqualCharged(a!, b!, rt.budget))),
  fixed('make-immutable-hash', 0, 1, (args, rt) => {
    const builder = new HashBuilder('equal', rt.budget);
    const assocs = args[0];
    if (assocs === undefined) return builder.build();
    if (!isProper(assocs) || !assocs.items.every(isPair)) throw contractViolation('make-immutable-hash', '(listof pair?)', assocs);
    for (const pair of assocs.items as RacketList[]) builder.set(car(pair), cdr(pair, rt.budget));
    return builder.build();
  }),
  fixed('hash', 0, Infinity, (args, rt) => {
    if (args.length % 2 === 1) {
      throw new RuntimeFailure(
        `hash: key does not have a value (i.e., an odd number of arguments were provided)\n  key: ${errorValue(args[args.length - 1]!)}`,
      );
    }
    const builder = new HashBuilder('equal', rt.budget);
    for (let i = 0; i < args.length; i += 2) builder.set(args[i]!, args[i + 1]!);
    return builder.build();
  }),
  fixed('hash-set', 3, 3, (args, rt) => {
    const hash = checkHash('hash-set', args[0]!, { index: 0, args });
    return hashSetOne(hash, args[1]!, args[2]!, rt.budget);
  }),
  fixed('hash-set*', 1, Infinity, ([h, ...pairs], rt) => {
    const hash = checkHash('hash-set*', h!);
    if (pairs.length % 2 === 1) {
      throw new RuntimeFailure(
        `hash-set*: expected an even number of association elements, but received an odd number of association elements\n  association elements: ${errorValue(
          makeList(pairs),
        )}`,
      );
    }
    rt.budget.charge(hash.entries.length);
    const builder = new HashBuilder(hash.equiv, rt.budget, hash.entries);
    for (let i = 0; i < pairs.length; i += 2) builder.set(pairs[i]!, pairs[i + 1]!);
    return builder.build();
  }),
  fixed('hash-remove', 2, 2, (args, rt) => {
    const hash = checkHash('hash-remove', args[0]!, { index: 0, args });
    rt.budget.charge(hash.entries.length);
    const builder = new HashBuilder(hash.equiv, rt.budget, hash.entries);
    builder.remove(args[1]!);
    return builder.build();
  }),
  fixed('hash-clear', 1, 1, ([h]) => {
    const hash = checkHash('hash-clear', h!);
    return { kind: 'hash', equiv: hash.equiv, entries: [] };
  }),
  fixed('hash-update', 3, 4, ([h, key, update, failure], rt) => {
    const hash = checkHash('hash-update', h!);
    if (!arityIncludes(update!, 1)) throw contractViolation('hash-update', '(any/c . -> . any/c)', update!);
    let old = hashRef(hash, key!, rt.budget);
    if (old === undefined) {
      if (failure === undefined) throw new RuntimeFailure(`hash-update: no value found for key: ${errorValue(key!)}`);
      if (failure.kind === 'procedure' && !arityIncludes(failure, 0)) {
        throw new RuntimeFailure(
          `hash-ref: arity mismatch for failure procedure;\n given procedure does not accept zero arguments\n  procedure: ${errorValue(failure)}`,
        );
      }
      old = failure.kind === 'procedure' ? rt.apply(failure, []) : failure;
    }
    return hashSetOne(hash, key!, rt.apply(update!, [old]), rt.budget);
  }),
  fixed('string-append', 0, Infinity, (args, rt) => {
    let out = '';
    for (const arg of args) {
      if (arg.kind !== 'string') throw contractViolation('string-append', 'string?', arg);
      rt.budget.charge(arg.value.length);
      out += arg.value;
    }
    return { kind: 'string', value: out };
  }),
  fixed('path->string', 1, 1, ([p]) => {
    if (p!.kind !== 'path') throw contractViolation('path->string', 'path?', p!);
    return { kind: 'string', value: p.value };
  }),
  fixed('build-path', 1, Infinity, (args, rt) => {
    const parts: string[] = [];
    for (const arg of args) {
      if (arg.kind === 'symbol' && (arg.name === 'up' || arg.name === 'same')) parts.push(arg.name === 'up' ? '..' : '.');
      else if (isPathString(arg)) parts.push(pathText(arg));
      else throw contractViolation('build-path', "(or/c path-string? path-for-some-system? 'up 'same)", arg);
    }
    for (let i = 1; i < parts.length; i++) {
      if (parts[i]!.startsWith('/')) {
        throw new RuntimeFailure(`build-path: absolute path cannot be added to a path\n  absolute path: ${errorValue(args[i]!)}`);
      }
    }
    const value = buildPath(parts[0]!, ...parts.slice(1));
    rt.budget.charge(value.length);
    return { kind: 'path', value };
  }),
  fixed(
    'collection-path',
    1,
    Infinity,
    (args, rt, keywords) => {
      const relative = (v: RacketValue): boolean => isPathString(v) && !pathText(v).startsWith('/');
      if (!relative(args[0]!)) throw contractViolation('collection-path', '(and/c path-string? relative-path?)', args[0]!);
      const rest = args.slice(1);
      if (!rest.every(relative)) {
        throw contractViolation('collection-path', '(listof (and/c path-string? relative-path?))', makeList(rest));
      }
      const fail = keywords.get('fail');
      if (fail !== undefined && !arityIncludes(fail, 1)) {
        throw contractViolation('collection-path', '(procedure-arity-includes/c 1)', fail);
      }
      const resolver = rt.collectionResolver();
      const collection = args.map(pathText);
      const found = resolver.find(collection);
      if (found !== undefined) return { kind: 'path', value: found };
      const why = resolver.describeNotFound(collection);
      if (fail !== undefined) return rt.apply(fail, [{ kind: 'string', value: why }]);
      throw new RuntimeFailure(`collection-path: ${why}`);
    },
    { keywords: ['fail'], arityText: 'at least 1 plus an optional argument with keyword #:fail' },
  ),
  fixed('system-library-subpath', 0, 1, (args, rt) => {
    const mode = args[0];
    if (mode === undefined) return { kind: 'path', value: `${rt.platform}/${rt.vm}` };
    if (mode.kind === 'boolean' && !mode.value) return { kind: 'path', value: rt.platform };
    if (mode.kind === 'symbol' && (mode.name === 'cgc' || mode.name === '3m' || mode.name === 'cs')) {
      return { kind: 'path', value: mode.name === 'cgc' ? rt.platform : `${rt.platform}/${mode.name}` };
    }
    throw contractViolation('system-library-subpath', "(or/c '3m 'cgc 'cs #f)", mode);
  }),
  fixed('getenv', 1, 1, ([name], rt) => {
    if (name!.kind !== 'string' || name.value.includes('=') || name.value.includes('\0')) {
      throw contractViolation('getenv', 'string-environment-variable-name?', name!);
    }
    const value = rt.environment.get(name.value);
    return value === undefined ? FALSE : { kind: 'string', value };
  }),
];

/** Every builtin procedure, by name. */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(LIST_OF_BUILTINS.map((b) => [b.name, b]));

const PROCEDURE_VALUES = new Map<string, RacketProcedure>(
  LIST_OF_BUILTINS.map((b) => [b.name, Object.freeze({ kind: 'procedure', name: b.name }) as RacketProcedure]),
);

/** The procedure value for builtin `name` (one shared object per builtin). */
export function builtinProcedure(name: string): RacketProcedure | undefined {
  return PROCEDURE_VALUES.get(name);
}

/** Calls a builtin after Racket's arity check (`list*` reports one fewer argument, as Racket CS 8.7 does). */
export function callBuiltin(
  builtin: Builtin,
  args: readonly RacketValue[],
  runtime: InfoRuntime,
  keywords: ReadonlyMap<string, RacketValue> = new Map(),
): RacketValue {
  if (args.length < builtin.minArgs || args.length > builtin.maxArgs) {
    const expected =
      builtin.arityText ??
      (builtin.minArgs === builtin.maxArgs
        ? String(builtin.minArgs)
        : builtin.maxArgs === Infinity
          ? `at least ${builtin.minArgs}`
          : undefined);
    throw arityMismatch(builtin.name, expected, builtin.name === 'list*' ? args.length - 1 : args.length);
  }
  return builtin.call(args, runtime, keywords);
}

/** The environment `getenv` sees: only names listed in `PLT_INFO_ALLOW_VARS`. */
export function filterInfoEnvironment(env: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const allowed = new Map<string, string>();
  const keep = env['PLT_INFO_ALLOW_VARS'];
  if (keep === undefined) return allowed;
  for (const name of keep.split(';')) {
    if (name === '' || name.includes('=') || name.includes('\0')) continue;
    const value = env[name];
    if (value !== undefined) allowed.set(name, value);
  }
  return allowed;
}
