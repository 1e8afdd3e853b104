import { describe, expect, it } from 'vitest';
import type { RacketValue } from '../data/types.js';
import { EMPTY_LIST, int, makeList, str, sym } from '../data/values.js';
import { writeValue } from '../data/writer.js';
import type { CollectionResolver } from '../collects/find-collection.js';
import { BUILTINS, arityIncludes, builtinProcedure, callBuiltin, filterInfoEnvironment, type InfoRuntime } from './info-builtins.js';
import { normalizeInfoLimits, RuntimeFailure, WorkBudget } from './info-limits.js';

const F: RacketValue = { kind: 'boolean', value: false };
const path = (value: string): RacketValue => ({ kind: 'path', value });
const list = (...items: RacketValue[]): RacketValue => makeList(items);
const hash = (...kv: RacketValue[]): RacketValue => {
  const entries: [RacketValue, RacketValue][] = [];
  for (let i = 0; i < kv.length; i += 2) entries.push([kv[i]!, kv[i + 1]!]);
  return { kind: 'hash', equiv: 'equal', entries };
};
const hasheq = (...kv: RacketValue[]): RacketValue => ({ ...(hash(...kv) as object), equiv: 'eq' }) as RacketValue;
const proc = (name: string): RacketValue => builtinProcedure(name)!;

const resolver: CollectionResolver = {
  searchPath: { collectionPaths: ['/c/'], linksFiles: [] },
  find: (collection) => (collection[0] === 'racket' ? `/c/${collection.join('/')}` : undefined),
  describeNotFound: (collection) => `collection not found\n  collection: "${collection.join('/')}"`,
  candidates: () => [],
};

function runtime(env: Record<string, string> = {}): InfoRuntime {
  const rt: InfoRuntime = {
    budget: new WorkBudget(normalizeInfoLimits()),
    environment: new Map(Object.entries(env)),
    collectionResolver: () => resolver,
    platform: 'x86_64-linux',
    vm: 'cs',
    apply: (p, args) => {
      if (p.kind !== 'procedure') throw new Error('not a procedure');
      return callBuiltin(BUILTINS.get(p.name)!, args, rt);
    },
  };
  return rt;
}

function call(name: string, args: RacketValue[], keywords: [string, RacketValue][] = [], env?: Record<string, string>): string {
  try {
    return writeValue(callBuiltin(BUILTINS.get(name)!, args, runtime(env), new Map(keywords)));
  } catch (error) {
    if (error instanceof RuntimeFailure) return `ERR ${error.message}`;
    throw error;
  }
}

const ARITY = 'arity mismatch;\n the expected number of arguments does not match the given number';

// Columns: procedure, arguments, result as `write` text or "ERR <Racket message>".
// Messages observed with Racket 8.7 CS (`racket -e`); info-racket.spec.ts re-checks many of
// them against Racket itself.
const CASES: readonly (readonly [string, RacketValue[], string])[] = [
  ['list', [], '()'],
  ['list', [int(1), str('a'), sym('b')], '(1 "a" b)'],
  ['cons', [int(1), EMPTY_LIST], '(1)'],
  ['cons', [int(1), int(2)], '(1 . 2)'],
  ['cons', [int(1), list(int(2), int(3))], '(1 2 3)'],
  ['cons', [int(1)], `ERR cons: ${ARITY}\n  expected: 2\n  given: 1`],
  ['car', [list(sym('a'), sym('b'))], 'a'],
  ['car', [int(5)], 'ERR car: contract violation\n  expected: pair?\n  given: 5'],
  ['car', [EMPTY_LIST], "ERR car: contract violation\n  expected: pair?\n  given: '()"],
  ['car', [proc('car')], 'ERR car: contract violation\n  expected: pair?\n  given: #<procedure:car>'],
  ['car', [path('a')], 'ERR car: contract violation\n  expected: pair?\n  given: #<path:a>'],
  ['car', [int(1), int(2)], `ERR car: ${ARITY}\n  expected: 1\n  given: 2`],
  ['cdr', [list(int(1), int(2))], '(2)'],
  ['cdr', [list(int(1))], '()'],
  ['cdr', [makeList([int(1)], int(2))], '2'],
  ['cdr', [makeList([int(1), int(2)], int(3))], '(2 . 3)'],
  ['cdr', [str('s')], 'ERR cdr: contract violation\n  expected: pair?\n  given: "s"'],
  ['list*', [int(1)], '1'],
  ['list*', [int(1), int(2)], '(1 . 2)'],
  ['list*', [int(1), int(2), list(int(3))], '(1 2 3)'],
  ['list*', [], `ERR list*: ${ARITY}\n  expected: at least 1\n  given: -1`],
  ['append', [], '()'],
  ['append', [int(5)], '5'],
  ['append', [list(int(1)), int(5)], '(1 . 5)'],
  ['append', [EMPTY_LIST, int(5)], '5'],
  ['append', [list(int(1)), list(int(2)), list(int(3))], '(1 2 3)'],
  ['append', [int(5), list(int(1))], 'ERR append: contract violation\n  expected: list?\n  given: 5'],
  ['append', [makeList([int(1)], int(2)), list(int(3))], "ERR append: contract violation\n  expected: list?\n  given: '(1 . 2)"],
  ['reverse', [list(int(1), int(2))], '(2 1)'],
  ['reverse', [EMPTY_LIST], '()'],
  ['reverse', [makeList([int(1)], int(2))], "ERR reverse: contract violation\n  expected: list?\n  given: '(1 . 2)"],
  ['equal?', [list(int(1), str('a')), list(int(1), str('a'))], '#t'],
  ['equal?', [hash(sym('a'), int(1)), hash(sym('a'), int(1))], '#t'],
  ['equal?', [hash(sym('a'), int(1)), hasheq(sym('a'), int(1))], '#f'],
  ['equal?', [proc('car'), proc('car')], '#t'],
  ['equal?', [int(1)], `ERR equal?: ${ARITY}\n  expected: 2\n  given: 1`],
  ['make-immutable-hash', [], '#hash()'],
  ['make-immutable-hash', [list(makeList([sym('a')], int(1)), makeList([sym('a')], int(2)))], '#hash((a . 2))'],
  ['make-immutable-hash', [list(int(1), int(2))], "ERR make-immutable-hash: contract violation\n  expected: (listof pair?)\n  given: '(1 2)"],
  ['make-immutable-hash', [int(1), int(2)], `ERR make-immutable-hash: ${ARITY}\n  given: 2`],
  ['hash', [], '#hash()'],
  ['hash', [sym('a'), int(1), sym('a'), int(2)], '#hash((a . 2))'],
  ['hash', [sym('a')], "ERR hash: key does not have a value (i.e., an odd number of arguments were provided)\n  key: 'a"],
  ['hash-set', [hash(), sym('a'), int(1)], '#hash((a . 1))'],
  ['hash-set', [hasheq(sym('a'), int(1)), str('x'), int(2)], '#hasheq((a . 1) ("x" . 2))'],
  [
    'hash-set',
    [int(5), sym('a'), int(1)],
    "ERR hash-set: contract violation\n  expected: (and/c hash? immutable?)\n  given: 5\n  argument position: 1st\n  other arguments...:\n   'a\n   1",
  ],
  ['hash-set*', [hash(sym('a'), int(1))], '#hash((a . 1))'],
  ['hash-set*', [hash(), sym('a'), int(1), sym('b'), int(2)], '#hash((a . 1) (b . 2))'],
  [
    'hash-set*',
    [hash(), sym('a')],
    "ERR hash-set*: expected an even number of association elements, but received an odd number of association elements\n  association elements: '(a)",
  ],
  ['hash-set*', [int(5), sym('a'), int(1)], 'ERR hash-set*: contract violation\n  expected: (and/c hash? immutable?)\n  given: 5'],
  ['hash-remove', [hash(sym('a'), int(1)), sym('b')], '#hash((a . 1))'],
  ['hash-remove', [hash(sym('a'), int(1), sym('b'), int(2)), sym('a')], '#hash((b . 2))'],
  [
    'hash-remove',
    [int(5), sym('a')],
    "ERR hash-remove: contract violation\n  expected: (and/c hash? immutable?)\n  given: 5\n  argument position: 1st\n  other arguments...:\n   'a",
  ],
  ['hash-clear', [hasheq(sym('a'), int(1))], '#hasheq()'],
  ['hash-clear', [int(5)], 'ERR hash-clear: contract violation\n  expected: (and/c hash? immutable?)\n  given: 5'],
  ['hash-update', [hash(sym('a'), list(int(1))), sym('a'), proc('car')], '#hash((a . 1))'],
  ['hash-update', [hash(sym('a'), int(1)), sym('b'), proc('list'), list(int(5))], '#hash((a . 1) (b . ((5))))'],
  ['hash-update', [hash(sym('a'), int(1)), sym('b'), proc('list'), proc('list')], '#hash((a . 1) (b . (())))'],
  ['hash-update', [hash(sym('a'), int(1)), sym('b'), proc('car')], "ERR hash-update: no value found for key: 'b"],
  ['hash-update', [hash(sym('a'), int(1)), sym('a'), int(5)], 'ERR hash-update: contract violation\n  expected: (any/c . -> . any/c)\n  given: 5'],
  ['hash-update', [hash(sym('a'), int(1)), sym('a'), proc('car')], 'ERR car: contract violation\n  expected: pair?\n  given: 1'],
  ['hash-update', [], `ERR hash-update: ${ARITY}\n  given: 0`],
  [
    'hash-update',
    [hash(sym('a'), int(1)), sym('b'), proc('car'), proc('car')],
    'ERR hash-ref: arity mismatch for failure procedure;\n given procedure does not accept zero arguments\n  procedure: #<procedure:car>',
  ],
  ['string-append', [], '""'],
  ['string-append', [str('a'), str('b')], '"ab"'],
  ['string-append', [str('a'), int(5)], 'ERR string-append: contract violation\n  expected: string?\n  given: 5'],
  ['path->string', [path('a/b')], '"a/b"'],
  ['path->string', [str('a')], 'ERR path->string: contract violation\n  expected: path?\n  given: "a"'],
  ['build-path', [str('a'), str('b')], '#<path:a/b>'],
  ['build-path', [str('/a'), sym('up'), str('b'), sym('same')], '#<path:/a/../b/.>'],
  ['build-path', [str('a/'), str('b/')], '#<path:a/b/>'],
  ['build-path', [str('a'), path('c')], '#<path:a/c>'],
  ['build-path', [str('a'), str('/b')], 'ERR build-path: absolute path cannot be added to a path\n  absolute path: "/b"'],
  ['build-path', [str('')], `ERR build-path: contract violation\n  expected: (or/c path-string? path-for-some-system? 'up 'same)\n  given: ""`],
  ['build-path', [sym('foo')], "ERR build-path: contract violation\n  expected: (or/c path-string? path-for-some-system? 'up 'same)\n  given: 'foo"],
  ['build-path', [], `ERR build-path: ${ARITY}\n  expected: at least 1\n  given: 0`],
  ['collection-path', [str('racket')], '#<path:/c/racket>'],
  ['collection-path', [str('racket'), path('private')], '#<path:/c/racket/private>'],
  ['collection-path', [str('nope')], 'ERR collection-path: collection not found\n  collection: "nope"'],
  ['collection-path', [int(5)], 'ERR collection-path: contract violation\n  expected: (and/c path-string? relative-path?)\n  given: 5'],
  [
    'collection-path',
    [str('racket'), str('/x')],
    `ERR collection-path: contract violation\n  expected: (listof (and/c path-string? relative-path?))\n  given: '("/x")`,
  ],
  [
    'collection-path',
    [],
    `ERR collection-path: ${ARITY}\n  expected: at least 1 plus an optional argument with keyword #:fail\n  given: 0`,
  ],
  ['system-library-subpath', [], '#<path:x86_64-linux/cs>'],
  ['system-library-subpath', [F], '#<path:x86_64-linux>'],
  ['system-library-subpath', [sym('cgc')], '#<path:x86_64-linux>'],
  ['system-library-subpath', [sym('3m')], '#<path:x86_64-linux/3m>'],
  ['system-library-subpath', [sym('foo')], "ERR system-library-subpath: contract violation\n  expected: (or/c '3m 'cgc 'cs #f)\n  given: 'foo"],
  ['system-library-subpath', [F, int(1)], `ERR system-library-subpath: ${ARITY}\n  given: 2`],
  ['getenv', [str('HOME')], '#f'],
  ['getenv', [str('')], '#f'],
  ['getenv', [int(5)], 'ERR getenv: contract violation\n  expected: string-environment-variable-name?\n  given: 5'],
  ['getenv', [str('A=B')], 'ERR getenv: contract violation\n  expected: string-environment-variable-name?\n  given: "A=B"'],
];

describe('info/info-builtins', () => {
  it.each(CASES)('(%s …) #%#', (name, args, expected) => {
    expect(call(name, args)).toBe(expected);
  });

  it('covers every procedure the info language exports', () => {
    expect(new Set(CASES.map(([name]) => name))).toEqual(new Set(BUILTINS.keys()));
  });

  it('passes the failure text to collection-path’s #:fail procedure', () => {
    expect(call('collection-path', [str('nope')], [['fail', proc('list')]])).toBe('("collection not found\\n  collection: \\"nope\\"")');
    expect(call('collection-path', [str('nope')], [['fail', int(5)]])).toBe(
      'ERR collection-path: contract violation\n  expected: (procedure-arity-includes/c 1)\n  given: 5',
    );
    expect(call('collection-path', [str('nope')], [['fail', proc('hash-update')]])).toContain('(procedure-arity-includes/c 1)');
  });

  it('reads getenv from the filtered environment only', () => {
    expect(call('getenv', [str('HOME')], [], { HOME: '/root' })).toBe('"/root"');
  });

  it('knows each procedure’s arity', () => {
    expect(arityIncludes(proc('car'), 1)).toBe(true);
    expect(arityIncludes(proc('car'), 0)).toBe(false);
    expect(arityIncludes(proc('list'), 0)).toBe(true);
    expect(arityIncludes(int(1), 0)).toBe(false);
  });
});

describe('info/info-builtins filterInfoEnvironment', () => {
  // Columns: environment, names getenv can see.
  const ENVIRONMENTS: readonly (readonly [Record<string, string>, Record<string, string>])[] = [
    [{ HOME: '/root' }, {}],
    [{ HOME: '/root', PLT_INFO_ALLOW_VARS: 'HOME' }, { HOME: '/root' }],
    [{ HOME: '/r', FOO: '', PLT_INFO_ALLOW_VARS: 'HOME;FOO;;PLT_INFO_ALLOW_VARS;A=B' }, { HOME: '/r', FOO: '', PLT_INFO_ALLOW_VARS: 'HOME;FOO;;PLT_INFO_ALLOW_VARS;A=B' }],
    [{ PLT_INFO_ALLOW_VARS: 'MISSING' }, {}],
  ];
  it.each(ENVIRONMENTS)('%j → %j', (env, visible) => {
    expect(Object.fromEntries(filterInfoEnvironment(env))).toEqual(visible);
  });
});
