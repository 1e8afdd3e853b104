/**
 * What the `setup` executor does for one project (today: compile, then create launchers; or
 * clean; installers and documentation arrive with `nx-raco setup`, behind the same options).
 *
 * Compiling: every module file of the project (`module-files.ts`), in order, with one
 * compilation manager (one Racket compile server, decisions shared across files) in the
 * workspace environment (`PLTCOLLECTS` lists the workspace collections, so `(require other)`
 * finds the workspace copy and `.dep` files record collection-relative paths that stay valid
 * when Nx restores them into another checkout).
 *
 * Every expected failure (bad options, Racket missing, a compile error) is reported as text on
 * `io.stderr` and `{ success: false }`; nothing expected throws.
 */
import { relative, resolve } from 'node:path';
import { createCompilationManager, type CompilationManager } from '@nx-raco/cm-core';
import type { ProjectConfiguration } from '@nx/devkit';
import { getRacketFacts } from '../../plugin/create-dependencies.js';
import { createWorkspaceEnv, findWorkspaceCollectionDirs, getProjectCollectionDirs } from '../../plugin/workspace-env.js';
import { createLaunchers, formatLauncherErrors, listProjectCollections } from '../../setup/index.js';
import { cleanCompiledFiles } from './clean-compiled.js';
import { listModuleFiles } from './module-files.js';
import { normalizeSetupOptions, type NormalizedSetupOptions } from './normalize-options.js';
import type { SetupExecutorOptions } from './schema.js';

const PROGRAM = 'nx-raco setup';

export interface SetupIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface SetupRequest {
  /** Absolute workspace root. */
  readonly workspaceRoot: string;
  /** The project to set up. */
  readonly projectName: string;
  /** Every project of the workspace (for the collection directories). */
  readonly projects: Record<string, ProjectConfiguration>;
  /** Environment Racket runs in (before `PLTCOLLECTS` is extended); `NX_RACO_RACKET` picks the executable. */
  readonly env: NodeJS.ProcessEnv;
}

function reportNotImplemented(options: NormalizedSetupOptions, io: SetupIo): void {
  if (options.mode !== undefined) io.stderr(`${PROGRAM}: --mode ${options.mode} is not implemented yet; compiling in the default mode.\n`);
  if (!options.verbose) return;
  if (options.jobs > 1) io.stdout(`${PROGRAM}: -j ${options.jobs}: parallel builds are not implemented yet; compiling sequentially.\n`);
  const skipped = (['noInstall', 'noPostInstall'] as const).filter((key) => options[key]);
  if (skipped.length > 0) io.stdout(`${PROGRAM}: ${skipped.join(', ')}: not implemented yet (installers are not run yet).\n`);
  io.stdout(`${PROGRAM}: installers and documentation are not implemented yet; compiling modules and creating launchers only.\n`);
}

function describeFailure(error: unknown, racket: string): string | undefined {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'RKT_RACKET_NOT_FOUND') {
    // cm-core's message names its `racket` option; the executor's knob is NX_RACO_RACKET. The
    // detail ("it is not on PATH", "no such file") is cut out of it; if the wording changes, the
    // whole message is used instead.
    const detail = /Could not run Racket \(`[^`]*`\): (.*?)\. Install/s.exec(message)?.[1] ?? message;
    return `${PROGRAM}: cannot run Racket (\`${racket}\`): ${detail}. Install Racket 8.x (Debian: apt-get install -y racket) or set NX_RACO_RACKET to the racket executable.`;
  }
  if (typeof code === 'string' && code.startsWith('RKT_')) return message;
  return undefined;
}

async function compileProject(request: SetupRequest, projectRoot: string, options: NormalizedSetupOptions, io: SetupIo): Promise<boolean> {
  const files = listModuleFiles(projectRoot, { noDocs: options.noDocs });
  const dirs = getProjectCollectionDirs(request.workspaceRoot, request.projects);
  const env = createWorkspaceEnv(dirs.length > 0 ? dirs : findWorkspaceCollectionDirs(request.workspaceRoot), request.env);
  const racket = request.env['NX_RACO_RACKET'] || 'racket';
  if (options.verbose) io.stdout(`${PROGRAM}: PLTCOLLECTS=${env['PLTCOLLECTS'] ?? ''}\n`);
  const show = (path: string): string => relative(request.workspaceRoot, path);
  let made = 0;
  let cm: CompilationManager | undefined;
  try {
    cm = createCompilationManager({
      racket,
      cwd: request.workspaceRoot,
      env,
      onNotify: (path) => {
        made += 1;
        if (options.verbose) io.stdout(`  making ${show(path)}\n`);
      },
      onOutput: (_path, stdout, stderr) => {
        if (stdout !== '') io.stdout(stdout);
        if (stderr !== '') io.stderr(stderr);
      },
    });
    const compile = cm.makeCachingManagedCompileZo();
    for (const file of files) await compile(file);
    io.stdout(`${PROGRAM}: ${request.projectName}: ${files.length} module file(s), ${made} compiled or touched, the rest up to date.\n`);
    return true;
  } catch (error) {
    const text = describeFailure(error, racket);
    if (text === undefined) throw error;
    io.stderr(`${text}\n`);
    return false;
  } finally {
    await cm?.close();
  }
}

/**
 * The launcher step (raco setup's `--- creating launchers ---`, `src/setup/`): writes the
 * launchers the project's collections declare to `<workspaceRoot>/bin/`. Errors are reported
 * after the step, naming the collection; when compiling already said Racket cannot be run,
 * the launcher step's identical complaint is dropped.
 */
function makeLaunchers(request: SetupRequest, project: ProjectConfiguration, options: NormalizedSetupOptions, compiled: boolean, io: SetupIo): boolean {
  const dirs = getProjectCollectionDirs(request.workspaceRoot, request.projects);
  const result = createLaunchers(
    {
      workspaceRoot: request.workspaceRoot,
      collections: listProjectCollections(resolve(request.workspaceRoot, project.root), getRacketFacts(project)),
      searchDirs: dirs.length > 0 ? dirs : findWorkspaceCollectionDirs(request.workspaceRoot),
      racket: request.env['NX_RACO_RACKET'] || 'racket',
      env: request.env,
      verbose: options.verbose,
      program: PROGRAM,
    },
    io,
  );
  const errors = compiled ? result.errors : result.errors.filter((error) => error.code !== 'RKT_RACKET_NOT_FOUND');
  for (const line of formatLauncherErrors(errors, PROGRAM)) io.stderr(`${line}\n`);
  return result.errors.length === 0;
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
  const projectRoot = resolve(request.workspaceRoot, project.root);
  if (normalized.clean) {
    const result = cleanCompiledFiles(request.workspaceRoot, projectRoot);
    for (const line of result.refused) io.stderr(`${PROGRAM}: refusing to clean: ${line}\n`);
    io.stdout(`${PROGRAM}: ${request.projectName}: deleted ${result.deleted.length} compiled file(s).\n`);
    return { success: result.refused.length === 0 };
  }
  reportNotImplemented(normalized, io);
  const compiled = await compileProject(request, projectRoot, normalized, io);
  // As raco: launchers are made even when a module failed to compile.
  const launched = normalized.noLauncher || makeLaunchers(request, project, normalized, compiled, io);
  return { success: compiled && launched };
}
