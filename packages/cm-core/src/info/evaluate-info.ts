/**
 * Evaluates an `info.rkt` exactly as Racket 8.7's `get-info/full` does, without running Racket:
 * read (parse-info-module.ts), take the literal fast path or expand (info-module.ts) and run
 * (info-eval.ts). Every failure becomes an `InfoFileError` with Racket's wording.
 *
 * Fragile: nothing here caches; callers that read many files share one collection resolver
 * (pass `collectionResolver`) so that links files are parsed once.
 */
import { resolve } from 'node:path';
import type { SrcLoc } from '../data/types.js';
import {
  createCollectionResolver,
  type CollectionResolver,
} from '../collects/find-collection.js';
import { filterInfoEnvironment } from './info-builtins.js';
import { InfoFileError, type InfoErrorKind } from './info-error.js';
import { runInfoModule } from './info-eval.js';
import { LimitFailure, normalizeInfoLimits, RuntimeFailure, SyntaxFailure, WorkBudget, type InfoLimits } from './info-limits.js';
import { expandInfoModule } from './info-module.js';
import { errorForm } from './info-print.js';
import { createInfoTable, type InfoField, type InfoTable } from './info-table.js';
import { parseInfoModule, ShapeFailure } from './parse-info-module.js';

export interface EvaluateInfoOptions {
  /**
   * The environment: `getenv` sees the variables named in its `PLT_INFO_ALLOW_VARS`
   * (`;`-separated), and the default collection resolver reads `PLTCOLLECTS`, `PLTADDONDIR`, ….
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves `collection-path`, or makes the resolver (called at most once, on first use).
   * @default createCollectionResolver({ env })
   */
  readonly collectionResolver?: CollectionResolver | (() => CollectionResolver);
  /**
   * `(system-library-subpath #f)`.
   * @default 'x86_64-linux'
   */
  readonly platform?: string;
  /**
   * The VM name `(system-library-subpath)` appends.
   * @default 'cs'
   */
  readonly vm?: string;
  /** Resource bounds (Racket has none). */
  readonly limits?: InfoLimits;
}

const OPTION_KEYS = new Set(['env', 'collectionResolver', 'platform', 'vm', 'limits']);

/** Checks option keys; shared with `readInfoFile`. */
export function checkEvaluateInfoOptions(options: object, caller: string, extra: readonly string[] = []): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key) && !extra.includes(key)) {
      throw new TypeError(`${caller}: unknown option \`${key}\`. Expected one of ${[...OPTION_KEYS, ...extra].join(', ')}.`);
    }
  }
}

const SHAPE_WORDING: Readonly<Record<ShapeFailure['problem'], string>> = {
  'illegal-reader': 'has illegal #lang or #reader',
  'multiple-expressions': 'has multiple expressions',
  'bad-shape': 'does not contain a module of the right shape',
};

function syntaxMessage(failure: SyntaxFailure): string {
  let text = `${failure.who}: ${failure.detail}`;
  if (failure.subForm !== undefined) text += `\n  at: ${errorForm(failure.subForm)}`;
  if (failure.form !== undefined) text += `\n  in: ${errorForm(failure.form)}`;
  return text;
}

function isReadError(error: unknown): error is Error & { line: number; column: number; position: number; racketMessage: string } {
  return error instanceof Error && (error as { code?: unknown }).code === 'RKT_READ_ERROR';
}

/** Turns whatever the pipeline threw into an `InfoFileError`. */
function toInfoFileError(error: unknown, file: string): InfoFileError {
  const make = (kind: InfoErrorKind, racketMessage: string, loc?: SrcLoc): InfoFileError =>
    new InfoFileError({ kind, file, racketMessage, loc, cause: error });
  if (error instanceof InfoFileError) return error;
  if (isReadError(error)) {
    return make('read', error.racketMessage, { line: error.line, column: error.column, position: error.position });
  }
  if (error instanceof ShapeFailure) {
    // Racket gives no position for shape errors; an empty file has no datum to point at, so 1:0.
    return make(error.problem, `get-info: info file ${SHAPE_WORDING[error.problem]} in ${file}`, error.loc ?? { line: 1, column: 0, position: 1 });
  }
  if (error instanceof SyntaxFailure) {
    return make('syntax', syntaxMessage(error), error.locOverride ?? error.subForm?.loc ?? error.form?.loc);
  }
  if (error instanceof RuntimeFailure) return make('runtime', error.message, error.loc);
  if (error instanceof LimitFailure) return make('limit', error.message, error.loc);
  if (error instanceof RangeError) {
    return make('limit', 'nx-raco: the info file nests too deeply to read or evaluate (the stack overflowed)');
  }
  const detail = error instanceof Error ? error.message : String(error);
  return make('internal', `nx-raco: unexpected failure: ${detail}`);
}

/** What Racket says when loading a `#reader` module that the guard allows but that does not exist. */
function describeMissingReader(name: string, resolver: CollectionResolver): string {
  if (name === 'info/lang/reader') {
    const [, ...details] = resolver.describeNotFound(['info', 'lang']).split('\n');
    return ['standard-module-name-resolver: collection not found', '  for module path: info/lang/reader', ...details].join('\n');
  }
  const setup = resolver.find(['setup']) ?? 'setup';
  return `dynamic-require: unknown module\n  module name: (submod ${JSON.stringify(`${setup}/infotab.rkt`)} reader)`;
}

/**
 * Evaluates the text of an info file.
 * @param source the file's text or bytes (UTF-8)
 * @param fileName used in messages and as the module's name (`in module: "…"`); `#lang` files
 *   are always module `info`, whatever the name
 * @example evaluateInfo('#lang info\n(define deps (list "base"))', 'info.rkt').get('deps') //=> the value of ("base")
 */
export function evaluateInfo(source: string | Uint8Array, fileName: string, options: EvaluateInfoOptions = {}): InfoTable {
  checkEvaluateInfoOptions(options, 'evaluateInfo');
  const limits = normalizeInfoLimits(options.limits);
  try {
    const size = typeof source === 'string' ? source.length : source.byteLength;
    if (size > limits.maxFileBytes) {
      throw new LimitFailure(`nx-raco: the info file is larger than ${limits.maxFileBytes} bytes`);
    }
    const parsed = parseInfoModule(source, fileName);
    const env = options.env ?? process.env;
    const given = options.collectionResolver;
    let resolver: CollectionResolver | undefined;
    const getResolver = (): CollectionResolver =>
      (resolver ??= given === undefined ? createCollectionResolver({ env }) : typeof given === 'function' ? given() : given);
    if (parsed.kind === 'missing-reader') {
      const racketMessage = describeMissingReader(parsed.name, getResolver());
      throw new InfoFileError({ kind: 'read', file: fileName, racketMessage, loc: parsed.loc });
    }
    const budget = new WorkBudget(limits);
    if (parsed.kind === 'data') {
      for (const field of parsed.fields) budget.checkValueSize(field.value, field.name, field.loc);
      return createInfoTable(fileName, parsed.fields);
    }
    const module = expandInfoModule(parsed.body, budget, fileName);
    const values = runInfoModule(
      module,
      {
        budget,
        environment: filterInfoEnvironment(env),
        collectionResolver: getResolver,
        platform: options.platform ?? 'x86_64-linux',
        vm: options.vm ?? 'cs',
      },
      resolve(fileName),
    );
    const locs = new Map(module.items.flatMap((item) => (item.t === 'define' ? [[item.name, item.loc] as const] : [])));
    const fields: InfoField[] = values.map(({ name, value }) => {
      const loc = locs.get(name);
      return loc === undefined ? { name, value } : { name, value, loc };
    });
    return createInfoTable(fileName, fields);
  } catch (error) {
    throw toInfoFileError(error, fileName);
  }
}
