/**
 * `nx g @nx-raco/setup-executor:init`: registers the plugin in `nx.json` (once; an existing
 * entry, with any options, is left alone) and adds `compiled/` and the workspace Racket state
 * directory to `.gitignore`. Running it twice changes nothing.
 */
import { formatFiles, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { normalizePluginOptions } from '../../plugin/plugin-options.js';
import { PLUGIN_PACKAGE } from '../../plugin/targets.js';
import { WORKSPACE_STATE_DIR } from '../../plugin/workspace-env.js';
import type { InitGeneratorOptions } from './schema.js';

export interface NormalizedInitOptions {
  readonly setupTargetName: string;
  readonly cleanTargetName: string;
  readonly skipFormat: boolean;
}

/** A user error in the generator's options; `code` is `RKT_GENERATOR_OPTIONS`. */
export class InitOptionsError extends Error {
  readonly code = 'RKT_GENERATOR_OPTIONS';
  override name = 'InitOptionsError';
}

const OPTION_KEYS = new Set(['setupTargetName', 'cleanTargetName', 'skipFormat']);

/** The lines `init` makes sure `.gitignore` has. */
export const GITIGNORE_LINES = ['compiled/', `/${WORKSPACE_STATE_DIR}/`] as const;

/**
 * Fills defaults and checks the options (same rules as the plugin options).
 * @example normalizeOptions({}) //=> { setupTargetName: 'setup', cleanTargetName: 'clean', skipFormat: false }
 */
export function normalizeOptions(options: InitGeneratorOptions): NormalizedInitOptions {
  const unknown = Object.keys(options).filter((key) => !OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InitOptionsError(`init generator: unknown option ${unknown.map((k) => `\`${k}\``).join(', ')}. Expected one of ${[...OPTION_KEYS].join(', ')}.`);
  }
  const { skipFormat, ...pluginOptions } = options;
  return { ...normalizePluginOptions(pluginOptions), skipFormat: skipFormat ?? false };
}

function isOurPlugin(entry: unknown): boolean {
  const name = typeof entry === 'string' ? entry : (entry as { plugin?: unknown } | null)?.plugin;
  return typeof name === 'string' && (name === PLUGIN_PACKAGE || name.startsWith(`${PLUGIN_PACKAGE}/`));
}

function addPluginToNxJson(tree: Tree, options: NormalizedInitOptions): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  if (plugins.some(isOurPlugin)) return;
  plugins.push({ plugin: PLUGIN_PACKAGE, options: { setupTargetName: options.setupTargetName, cleanTargetName: options.cleanTargetName } });
  updateNxJson(tree, { ...nxJson, plugins });
}

function updateGitignore(tree: Tree): void {
  const current = tree.exists('.gitignore') ? (tree.read('.gitignore', 'utf-8') ?? '') : '';
  const present = new Set(current.split(/\r?\n/).map((line) => line.trim()));
  const missing = GITIGNORE_LINES.filter((line) => !present.has(line));
  if (missing.length === 0) return;
  const prefix = current === '' || current.endsWith('\n') ? current : `${current}\n`;
  tree.write('.gitignore', `${prefix}${prefix === '' ? '' : '\n'}# Racket (nx-raco)\n${missing.join('\n')}\n`);
}

/** Registers the plugin and updates `.gitignore`. */
export async function initGenerator(tree: Tree, options: InitGeneratorOptions): Promise<void> {
  const normalized = normalizeOptions(options);
  addPluginToNxJson(tree, normalized);
  updateGitignore(tree);
  if (!normalized.skipFormat) await formatFiles(tree);
}

export default initGenerator;
