/**
 * The options of the Nx plugin, as written in `nx.json`:
 *
 *     { "plugin": "@nx-raco/setup-executor", "options": { "setupTargetName": "build" } }
 *
 * User options are all optional; `normalizePluginOptions` fills the defaults and rejects unknown
 * keys, so a typo in `nx.json` fails graph creation with a message naming the key instead of
 * being silently ignored.
 */

/** Options of `@nx-raco/setup-executor` in `nx.json` `plugins`. */
export interface RacketPluginOptions {
  /**
   * Name of the inferred target that compiles the collection (`raco setup` for one collection).
   * @default 'setup'
   */
  readonly setupTargetName?: string;
  /**
   * Name of the inferred target that deletes the collection's compiled files (`raco setup --clean`).
   * @default 'clean'
   */
  readonly cleanTargetName?: string;
}

export interface NormalizedPluginOptions {
  readonly setupTargetName: string;
  readonly cleanTargetName: string;
}

/** Bad plugin options in `nx.json`; `code` is `RKT_PLUGIN_OPTIONS`. */
export class PluginOptionsError extends TypeError {
  readonly code = 'RKT_PLUGIN_OPTIONS';
  override name = 'PluginOptionsError';
}

const DEFAULTS: NormalizedPluginOptions = { setupTargetName: 'setup', cleanTargetName: 'clean' };

function describe(value: unknown): string {
  return `\`${JSON.stringify(value) ?? String(value)}\` (${value === null ? 'null' : typeof value})`;
}

function targetName(value: unknown, key: keyof RacketPluginOptions, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[\w:.-]+$/.test(value)) {
    throw new PluginOptionsError(
      `[@nx-raco/setup-executor] plugin option \`${key}\`: Expected a target name (letters, digits, _ . : -), got ${describe(value)}. Fix the plugin entry in nx.json.`,
    );
  }
  return value;
}

/**
 * Fills in defaults and checks the options given in `nx.json`.
 * @example normalizePluginOptions(undefined) //=> { setupTargetName: 'setup', cleanTargetName: 'clean' }
 */
export function normalizePluginOptions(options: unknown): NormalizedPluginOptions {
  if (options === undefined || options === null) return DEFAULTS;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new PluginOptionsError(`[@nx-raco/setup-executor] plugin options: Expected an object, got ${describe(options)}. Fix the plugin entry in nx.json.`);
  }
  const known = new Set<string>(Object.keys(DEFAULTS));
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new PluginOptionsError(
      `[@nx-raco/setup-executor] plugin options: unknown option ${unknown.map((k) => `\`${k}\``).join(', ')}. Expected one of ${[...known].join(', ')}; fix the plugin entry in nx.json.`,
    );
  }
  const given = options as Record<string, unknown>;
  const normalized = {
    setupTargetName: targetName(given['setupTargetName'], 'setupTargetName', DEFAULTS.setupTargetName),
    cleanTargetName: targetName(given['cleanTargetName'], 'cleanTargetName', DEFAULTS.cleanTargetName),
  };
  if (normalized.setupTargetName === normalized.cleanTargetName) {
    throw new PluginOptionsError(
      `[@nx-raco/setup-executor] plugin options: Expected different names for setupTargetName and cleanTargetName, got \`${normalized.setupTargetName}\` for both. Fix the plugin entry in nx.json.`,
    );
  }
  return normalized;
}
