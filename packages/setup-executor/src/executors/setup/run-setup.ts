/**
 * What the `setup` executor does for one project: `nx-raco setup` (`../../setup-command/`)
 * restricted to the project's collections, so an Nx target and the command choose files,
 * clean, compile, run installers, make launchers and build documentation by the same raco
 * rules. Collections the project's modules require are compiled on the way, as raco does.
 *
 * Differences from the command, for Nx: `jobs` defaults to 1 (Nx already runs projects in
 * parallel), and the workspace documentation index (`<workspace>/doc/index.html`) is not
 * written — it lists every project's documents, so no single project's task may own it; run
 * `nx-raco setup` for it.
 *
 * Every expected failure (bad options, Racket missing, a compile error) is reported as text on
 * `io.stderr` and `{ success: false }`; nothing expected throws.
 */
import { resolve } from 'node:path';
import { findProbeCacheFile, probeRacket } from '@nx-raco/cm-core';
import type { ProjectConfiguration } from '@nx/devkit';
import { getRacketFacts } from '../../plugin/create-dependencies.js';
import { listProjectCollections } from '../../setup/index.js';
import { runSetupCommand } from '../../setup-command/run-setup-command.js';
import { PROGRAM, type SetupCommandOptions } from '../../setup-command/setup-options.js';
import { normalizeSetupOptions, type NormalizedSetupOptions } from './normalize-options.js';
import type { SetupExecutorOptions } from './schema.js';

export interface SetupIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface SetupRequest {
  /** Absolute workspace root. */
  readonly workspaceRoot: string;
  /** The project to set up. */
  readonly projectName: string;
  /** Every project of the workspace. */
  readonly projects: Record<string, ProjectConfiguration>;
  /** Environment Racket runs in (before `PLTCOLLECTS` is extended); `NX_RACO_RACKET` picks the executable. */
  readonly env: NodeJS.ProcessEnv;
}

/** One line when Racket cannot be run at all, instead of the same error in every step. */
function checkRacket(request: SetupRequest): string | undefined {
  const racket = request.env['NX_RACO_RACKET'] || 'racket';
  try {
    const cacheFile = findProbeCacheFile(request.workspaceRoot);
    probeRacket({ racket, env: request.env, ...(cacheFile === undefined ? {} : { cacheFile }) });
    return undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'RKT_RACKET_NOT_FOUND') throw error;
    // cm-core's message names its `racket` option; the executor's knob is NX_RACO_RACKET. The
    // detail ("it is not on PATH", "no such file") is cut out of it; if the wording changes, the
    // whole message is used instead.
    const message = (error as Error).message;
    const detail = /Could not run Racket \(`[^`]*`\): (.*?)\. Install/s.exec(message)?.[1] ?? message;
    return `${PROGRAM}: cannot run Racket (\`${racket}\`): ${detail}. Install Racket 8.x (Debian: apt-get install -y racket) or set NX_RACO_RACKET to the racket executable.`;
  }
}

/** The command's options for the executor's `options` over `collections` (`clean` implies -nxiID, as `-c`). */
export function toSetupCommandOptions(options: NormalizedSetupOptions, collections: readonly string[]): SetupCommandOptions {
  const { clean } = options;
  return {
    collections,
    archives: [],
    clean,
    jobs: options.jobs,
    noZo: clean,
    noLauncher: clean || options.noLauncher,
    noInstall: clean || options.noInstall,
    noPostInstall: clean || options.noPostInstall,
    noDocs: clean || options.noDocs,
    mode: options.mode,
    trustZos: false,
    verbose: options.verbose,
    ignored: [],
  };
}

/**
 * Runs the setup executor for `request.projectName`.
 * @example await runSetup({ verbose: true }, { workspaceRoot: '/ws', projectName: 'hello', projects, env: process.env }, io) //=> { success: true }
 */
export async function runSetup(options: SetupExecutorOptions | undefined, request: SetupRequest, io: SetupIo): Promise<{ success: boolean }> {
  let normalized: NormalizedSetupOptions;
  try {
    normalized = normalizeSetupOptions(options);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return { success: false };
  }
  const project = request.projects[request.projectName];
  if (project === undefined) {
    io.stderr(`${PROGRAM}: no project named \`${request.projectName}\` in the workspace. Run the target through Nx (nx run <project>:setup).\n`);
    return { success: false };
  }
  if (!normalized.clean) {
    const problem = checkRacket(request);
    if (problem !== undefined) {
      io.stderr(`${problem}\n`);
      return { success: false };
    }
  }
  const collections = listProjectCollections(resolve(request.workspaceRoot, project.root), getRacketFacts(project)).map((cc) => cc.name);
  const status = await runSetupCommand(
    toSetupCommandOptions(normalized, collections),
    { workspaceRoot: request.workspaceRoot, env: request.env, docIndex: false },
    io,
  );
  return { success: status === 0 };
}
