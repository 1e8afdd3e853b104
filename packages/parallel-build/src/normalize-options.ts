/**
 * `ParallelCompileFilesOptions` (all optional) → `NormalizedOptions` (all set), validated:
 * unknown keys are refused naming the caller, bad values say what was expected.
 */
import { availableParallelism } from 'node:os';
import { validateCompileMode } from '@nx-raco/cm-core';
import { InvalidOptionError } from './errors.js';
import type { ParallelCompileFilesOptions, ParallelCompileHandler } from './public-types.js';

export interface NormalizedOptions {
  readonly workerCount: number;
  readonly handler: ParallelCompileHandler;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly racket: string;
  readonly onEvent: NonNullable<ParallelCompileFilesOptions['onEvent']> | undefined;
  readonly onProgress: NonNullable<ParallelCompileFilesOptions['onProgress']> | undefined;
  readonly traceFile: string | undefined;
  readonly veryVerbose: boolean;
  readonly crossProcessLocks: boolean;
  readonly compileMode: string | undefined;
}

const KEYS = new Set<string>([
  'workerCount', 'handler', 'cwd', 'env', 'racket', 'onEvent', 'onProgress', 'traceFile', 'veryVerbose', 'crossProcessLocks', 'compileMode',
]);

function describe(value: unknown): string {
  return `\`${typeof value === 'string' ? value : String(value)}\` (${value === null ? 'null' : typeof value})`;
}

function optionalFunction<T>(caller: string, name: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new InvalidOptionError(`${caller}: expected \`${name}\` to be a function, got ${describe(value)}`);
  return value as T;
}

/**
 * @example normalizeOptions('parallelCompileFiles', ['a.rkt'], { workerCount: 2 }).workerCount //=> 2
 */
export function normalizeOptions(caller: string, files: unknown, options: ParallelCompileFilesOptions = {}): NormalizedOptions {
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && f !== '')) {
    throw new InvalidOptionError(`${caller}: expected a list of file paths, got ${describe(files)}`);
  }
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError(`${caller}: expected an options object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new InvalidOptionError(`${caller}: unknown option \`${key}\`. Expected one of ${[...KEYS].join(', ')}.`);
  }
  const workerCount = options.workerCount ?? availableParallelism();
  if (!Number.isInteger(workerCount) || workerCount < 1) {
    throw new InvalidOptionError(`${caller}: expected \`workerCount\` to be a positive integer, got ${describe(workerCount)}`);
  }
  for (const name of ['cwd', 'racket', 'traceFile'] as const) {
    const v = options[name];
    if (v !== undefined && (typeof v !== 'string' || v === '')) throw new InvalidOptionError(`${caller}: expected \`${name}\` to be a non-empty string, got ${describe(v)}`);
  }
  let compileMode: string | undefined;
  try {
    compileMode = options.compileMode === undefined ? undefined : validateCompileMode(caller, options.compileMode);
  } catch (error) {
    throw new InvalidOptionError((error as Error).message);
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env ?? process.env)) if (typeof v === 'string') env[k] = v;
  return {
    workerCount,
    handler: optionalFunction<ParallelCompileHandler>(caller, 'handler', options.handler) ?? (() => {}),
    cwd: options.cwd ?? process.cwd(),
    env,
    racket: options.racket ?? 'racket',
    onEvent: optionalFunction(caller, 'onEvent', options.onEvent),
    onProgress: optionalFunction(caller, 'onProgress', options.onProgress),
    traceFile: options.traceFile,
    veryVerbose: options.veryVerbose ?? false,
    crossProcessLocks: options.crossProcessLocks ?? true,
    compileMode,
  };
}
