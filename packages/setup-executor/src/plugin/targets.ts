/**
 * The inferred targets of a Racket project: `setup` (cacheable compile) and `clean`.
 *
 * Cache key of `setup` (what makes a cache hit safe):
 * - every file of the project except compiled output (`racketSources`), and the same of every
 *   dependency, transitively (`^racketSources`): a module's `.zo` depends on the source of every
 *   module it requires;
 * - the Racket that compiles (`RACKET_RUNTIME_INPUT`): version, VM, platform, target machine and
 *   compiled-file settings, because `.zo` files are specific to all of them (Racket records
 *   `("8.7" ta6le …)` in every `.dep`). The command prints a marker instead of failing when
 *   Racket is missing, so hashing (and `nx affected`) works on machines without Racket; the
 *   task itself then fails with a clear message and is not cached.
 *
 * Outputs are the `compiled/` directories inside the project and the launchers its `info.rkt`
 * files declare (`{workspaceRoot}/bin/<name>`, one entry per launcher, so that projects never
 * share an output). A launcher holds absolute paths (the workspace's collection directories,
 * Racket's bin directory), so projects with launchers also key on `LAUNCHER_RUNTIME_INPUT`.
 */
import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import type { NormalizedPluginOptions } from './plugin-options.js';

/** The package that provides the executor. */
export const PLUGIN_PACKAGE = '@nx-raco/setup-executor';

/**
 * A `runtime` input for projects with launchers: the workspace path (Nx runs runtime inputs in
 * the workspace root) and the Racket executable, both written into launcher scripts, so a cache
 * hit never restores a launcher that points into another checkout or installation.
 */
export const LAUNCHER_RUNTIME_INPUT = 'pwd; command -v "${NX_RACO_RACKET:-racket}" || echo racket-not-found';

/** The project-level named input with the project's own files minus compiled output. */
export const SOURCES_INPUT = 'racketSources';

/**
 * A `runtime` input: prints what makes compiled code specific to this Racket, e.g.
 * `("8.7" chez-scheme "x86_64-linux" ta6le ("compiled") same)`. Only the first compiled-file
 * root is printed (where output goes), so installations in different places share a cache.
 * `NX_RACO_RACKET` selects the executable, as in the executor. Needs a POSIX shell.
 */
export const RACKET_RUNTIME_INPUT =
  '"${NX_RACO_RACKET:-racket}" -l racket/base -e "(write (list (version) (system-type (quote vm)) (path->string (system-library-subpath #f)) ' +
  '(current-compile-target-machine) (map path->string (use-compiled-file-paths)) (let ([r (car (current-compiled-file-roots))]) (if (path? r) (path->string r) r))))" ' +
  '2>/dev/null || echo racket-not-found';

/**
 * The project's named inputs (`namedInputs`): its files minus what setup writes (`compiled/`
 * directories, and the documentation under `doc/`, a directory raco never compiles).
 */
export function createNamedInputs(): NonNullable<ProjectConfiguration['namedInputs']> {
  return { [SOURCES_INPUT]: ['{projectRoot}/**/*', '!{projectRoot}/**/compiled/**', '!{projectRoot}/**/doc/**'] };
}

/**
 * The `setup` and `clean` targets, under the configured names.
 * @param launcherFiles the file names of the launchers the project declares (`bin/<name>`)
 */
export function createTargets(options: NormalizedPluginOptions, collectionLabel: string, launcherFiles: readonly string[] = []): Record<string, TargetConfiguration> {
  const launcherInputs = launcherFiles.length > 0 ? [{ runtime: LAUNCHER_RUNTIME_INPUT }] : [];
  return {
    [options.setupTargetName]: {
      executor: `${PLUGIN_PACKAGE}:setup`,
      options: {},
      dependsOn: [`^${options.setupTargetName}`],
      cache: true,
      inputs: [SOURCES_INPUT, `^${SOURCES_INPUT}`, { runtime: RACKET_RUNTIME_INPUT }, ...launcherInputs],
      outputs: ['{projectRoot}/**/compiled', '{projectRoot}/**/doc', ...launcherFiles.map((file) => `{workspaceRoot}/bin/${file}`)],
      metadata: {
        technologies: ['racket'],
        description: `Compile ${collectionLabel} and the workspace collections it requires (raco setup)`,
      },
    },
    [options.cleanTargetName]: {
      executor: `${PLUGIN_PACKAGE}:setup`,
      options: { clean: true },
      cache: false,
      metadata: {
        technologies: ['racket'],
        description: `Delete the compiled files of ${collectionLabel} (raco setup --clean)`,
      },
    },
  };
}
