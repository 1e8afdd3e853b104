/**
 * The launcher step of `setup` for one project (raco setup's `--- creating launchers ---`):
 * plan each collection's launchers from its `info.rkt` (`launchers.ts`), find Racket's bin
 * directories once and only when some launcher is declared (`launcher-dirs.ts`), render the
 * script text (`launcher-text.ts`) and write `<workspaceRoot>/bin/<name>` (`launcher-file.ts`).
 *
 * Problems are collected per collection, never thrown: a bad field or name in one collection
 * writes nothing for that collection and does not stop the others. raco's WARNING lines are
 * printed as they come, with this tool's prefix.
 *
 * Deliberate differences from `raco setup` (each also noted where it is implemented):
 * - Launchers go to the workspace's `bin/` directory, never to Racket's or the user's bin
 *   directories, and no `launchers.rktd` receipt is recorded (so stale launchers are not
 *   tidied away; `nx run <project>:clean` does not remove them either).
 * - So that a launcher runs with the workspace collections visible without touching the user's
 *   Racket directories (no links file, no addon dir, no PLTCOLLECTS needed in the shell), its
 *   flags start with `-S <dir>` for each directory containing workspace collections; everything
 *   after them is raco's text. `-S` searches the directory after the user and main collects
 *   (compiling puts the workspace first through PLTCOLLECTS), which only differs for a workspace
 *   collection named like an installed one. The dirs are absolute, so the `setup` target's cache
 *   key includes the workspace path for projects that declare launchers (`plugin/targets.ts`).
 * - A text identical to the file's is not rewritten.
 * - Only the default launcher variant is made (raco makes one per installed variant, e.g. `cs`
 *   and `bc`); GUI launchers are skipped with a WARNING when `gracket` is not installed (raco
 *   skips them silently); no `.desktop`/icon files are installed.
 */
import { join, relative } from 'node:path';
import { getInfo } from '@nx-raco/cm-core';
import { findLauncherDirs, findLauncherDirsCacheFile, type LauncherDirs } from './launcher-dirs.js';
import { writeLauncherFile } from './launcher-file.js';
import { countLeadingXFlags, launcherText, type LauncherKind } from './launcher-text.js';
import { planLaunchers, type LauncherSpec, type ProjectCollection } from './launchers.js';

/** The workspace directory launchers are written to. */
export const LAUNCHER_DIR = 'bin';

export interface CreateLaunchersRequest {
  /** Absolute workspace root; launchers go to `<workspaceRoot>/bin/`. */
  readonly workspaceRoot: string;
  /** The project's collections (`listProjectCollections`). */
  readonly collections: readonly ProjectCollection[];
  /** Absolute directories containing the workspace's collections, passed as `-S <dir>`. */
  readonly searchDirs: readonly string[];
  /** Racket executable. @default 'racket' */
  readonly racket?: string;
  /** Environment Racket runs in when its directories are looked up. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Print a `launcher: bin/<name>` line per launcher. @default false */
  readonly verbose?: boolean;
  /** Prefix of printed lines. @default 'nx-raco setup' */
  readonly program?: string;
  /** Test-only: answers instead of asking Racket for its directories. */
  readonly findDirs?: () => LauncherDirs;
}

/** A problem that makes the step fail, for one collection. */
export interface LauncherStepError {
  readonly collection: string;
  /** The error's stable code, e.g. `RKT_LAUNCHER_NAME`, or `RKT_RACKET_NOT_FOUND` (cm-core). */
  readonly code: string | undefined;
  readonly message: string;
}

export interface CreateLaunchersResult {
  /** Workspace-relative paths of launchers created or rewritten. */
  readonly written: readonly string[];
  /** Workspace-relative paths of launchers that were already up to date. */
  readonly unchanged: readonly string[];
  readonly errors: readonly LauncherStepError[];
}

export interface LauncherIo {
  readonly stdout: (text: string) => void;
}

/**
 * The flags written for a launcher: the workspace's `-S <dir>` pairs, then raco's flags. For
 * `gracket` launchers they go after leading X toolkit flags, which must stay in front.
 * @example addSearchDirs('racket', ['-l-', 'x/main.rkt'], ['/ws']) //=> ['-S', '/ws', '-l-', 'x/main.rkt']
 */
export function addSearchDirs(kind: LauncherKind, flags: readonly string[], searchDirs: readonly string[]): string[] {
  const at = kind === 'gracket' ? countLeadingXFlags(flags) : 0;
  return [...flags.slice(0, at), ...searchDirs.flatMap((dir) => ['-S', dir]), ...flags.slice(at)];
}

function toStepError(collection: string, error: unknown): LauncherStepError {
  const code = (error as { code?: unknown } | undefined)?.code;
  return { collection, code: typeof code === 'string' ? code : undefined, message: error instanceof Error ? error.message : String(error) };
}

/**
 * Creates the launchers the project's collections declare.
 * @example createLaunchers({ workspaceRoot: '/ws', collections: [{ name: 'hello', dir: '/ws/hello' }], searchDirs: ['/ws'] }, io)
 * //=> { written: ['bin/hello'], unchanged: [], errors: [] }
 */
export function createLaunchers(request: CreateLaunchersRequest, io: LauncherIo): CreateLaunchersResult {
  const program = request.program ?? 'nx-raco setup';
  const written: string[] = [];
  const unchanged: string[] = [];
  const errors: LauncherStepError[] = [];
  const planned: { collection: string; warnings: readonly string[]; launchers: readonly LauncherSpec[] }[] = [];
  for (const collection of request.collections) {
    try {
      const plan = planLaunchers(getInfo(collection.dir), [collection.name]);
      planned.push({ collection: collection.name, warnings: plan.warnings, launchers: plan.launchers });
    } catch (error) {
      errors.push(toStepError(collection.name, error));
    }
  }
  let dirs: LauncherDirs | undefined;
  if (planned.some((p) => p.launchers.length > 0)) {
    try {
      dirs =
        request.findDirs?.() ??
        findLauncherDirs({ racket: request.racket, env: request.env, cacheFile: findLauncherDirsCacheFile(request.workspaceRoot) });
    } catch (error) {
      for (const { collection, launchers } of planned) if (launchers.length > 0) errors.push(toStepError(collection, error));
    }
  }
  // As raco: collection by collection, each one's warnings and then its launchers.
  for (const { collection, warnings, launchers } of planned) {
    for (const warning of warnings) io.stdout(`${program}: WARNING: ${warning}\n`);
    if (dirs === undefined) continue;
    for (const launcher of launchers) {
      const gui = launcher.kind === 'gracket' || launcher.kind === 'mred';
      const bindir = gui ? dirs.guiLibDir : dirs.consoleBinDir;
      if (bindir === null) {
        io.stdout(`${program}: WARNING: gui launcher ${JSON.stringify(launcher.name)} of ${collection} skipped: gracket is not installed (install Racket's GUI libraries)\n`);
        continue;
      }
      const path = join(request.workspaceRoot, LAUNCHER_DIR, launcher.fileName);
      const shown = relative(request.workspaceRoot, path);
      const text = launcherText({ bindir, kind: launcher.kind, flags: addSearchDirs(launcher.kind, launcher.flags, request.searchDirs) });
      try {
        // As raco: the line only for a launcher that was (re)written.
        if (writeLauncherFile(path, text) === 'unchanged') unchanged.push(shown);
        else {
          written.push(shown);
          if (request.verbose === true) io.stdout(`${program}: launcher: ${shown}\n`);
        }
      } catch (error) {
        errors.push(toStepError(collection, error));
      }
    }
  }
  return { written, unchanged, errors };
}

/**
 * raco's summary wording for the step's errors, one line each.
 * @example formatLauncherErrors([{ collection: 'hello', code: undefined, message: 'boom' }]) //=> ['nx-raco setup: error: during launcher setup for hello: boom']
 */
export function formatLauncherErrors(errors: readonly LauncherStepError[], program = 'nx-raco setup'): string[] {
  return errors.map((error) => `${program}: error: during launcher setup for ${error.collection}: ${error.message}`);
}
