/**
 * The setup executor's options with defaults filled in and checked. Nx validates against
 * schema.json first; this also guards direct calls (`runExecutor`, tests) and says which option
 * is wrong in the house wording.
 */
import type { SetupExecutorOptions } from './schema.js';

export interface NormalizedSetupOptions {
  readonly jobs: number;
  readonly clean: boolean;
  readonly noDocs: boolean;
  readonly noLauncher: boolean;
  readonly noInstall: boolean;
  readonly noPostInstall: boolean;
  readonly mode: string | undefined;
  readonly verbose: boolean;
}

const BOOLEAN_KEYS = ['clean', 'noDocs', 'noLauncher', 'noInstall', 'noPostInstall', 'verbose'] as const;
const KNOWN_KEYS = new Set<string>(['jobs', 'mode', ...BOOLEAN_KEYS]);

/** A user error in the executor's options; `code` is `RKT_SETUP_OPTIONS`. */
export class SetupOptionsError extends TypeError {
  readonly code = 'RKT_SETUP_OPTIONS';
  override name = 'SetupOptionsError';
}

function describe(value: unknown): string {
  return `\`${JSON.stringify(value) ?? String(value)}\` (${value === null ? 'null' : typeof value})`;
}

/**
 * Fills defaults and rejects bad or unknown options (keys starting with `__` are Nx's own).
 * @example normalizeSetupOptions({ jobs: 2 }).clean //=> false
 */
export function normalizeSetupOptions(options: SetupExecutorOptions | undefined): NormalizedSetupOptions {
  const given = (options ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !KNOWN_KEYS.has(key) && !key.startsWith('__'));
  if (unknown.length > 0) {
    throw new SetupOptionsError(
      `setup executor: unknown option ${unknown.map((k) => `\`${k}\``).join(', ')}. Expected one of ${[...KNOWN_KEYS].join(', ')}; fix the target's options.`,
    );
  }
  const jobs = given['jobs'] ?? 1;
  if (typeof jobs !== 'number' || !Number.isInteger(jobs) || jobs < 1) {
    throw new SetupOptionsError(`setup executor: option \`jobs\`: Expected a positive integer, got ${describe(jobs)}.`);
  }
  const flags = {} as Record<(typeof BOOLEAN_KEYS)[number], boolean>;
  for (const key of BOOLEAN_KEYS) {
    const value = given[key] ?? false;
    if (typeof value !== 'boolean') throw new SetupOptionsError(`setup executor: option \`${key}\`: Expected a boolean, got ${describe(value)}.`);
    flags[key] = value;
  }
  const mode = given['mode'];
  if (mode !== undefined && (typeof mode !== 'string' || !/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/.test(mode))) {
    throw new SetupOptionsError(`setup executor: option \`mode\`: Expected a mode name such as "errortrace", got ${describe(mode)}.`);
  }
  return { jobs, mode, ...flags };
}
