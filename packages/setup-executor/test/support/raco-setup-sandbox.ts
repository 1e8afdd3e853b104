/**
 * Test-only: the real `raco setup` on a copy of a fixture workspace, kept away from the Racket
 * installation and from the user's Racket directories.
 *
 * The sandbox is a temp directory holding `ws/` (the fixture's copy), `addon/` (the
 * `PLTADDONDIR`: links file, launchers, info cache, doc database) and `home/`. The copy (or the
 * collection roots inside it) is linked with `raco link -u -d`, so its top-level directories are
 * collections; `raco setup` then runs only with `-l <collection>…`, and, when the tests run as
 * root, every command runs as `nobody` on a world-writable copy — the guard shared with the
 * benchmarks, scripts/raco-setup-guard.mjs. Commands get a minimal environment (`env -i`): no
 * developer setting (`PLTCOLLECTS`, `PLT_SETUP_OPTIONS`, `PLTSTDERR`, …) leaks in.
 *
 * Fragile: needs `runuser` and a `nobody` user when run as root (`canUseRacoSetupSandbox`);
 * raco's own paths (`<addon>/8.7/bin`, the user doc index) are asked from Racket in the sandbox,
 * not guessed. NX_RACO_KEEP_TMP=1 keeps the sandbox.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkRacoSetupArgs, isRoot, sandboxArgv, whyNoRacoSetupSandbox } from '../../../../scripts/raco-setup-guard.mjs';
import { runProcess, type ProcessRun } from './process-run.js';
import { KEEP_TMP_ENV, resolveInside, type FileTree } from './temp-tree.js';

/** One command in the sandbox may take this long at most. */
export const SANDBOX_RUN_TIMEOUT_MS = 120_000;

export { checkRacoSetupArgs, SANDBOX_USER, sandboxArgv } from '../../../../scripts/raco-setup-guard.mjs';

export interface RacoSetupSandbox {
  /** Canonical temp root holding `ws/`, `addon/` and `home/`. */
  readonly root: string;
  /** The fixture's copy (by default linked as a collection root). */
  readonly workspace: string;
  /** `PLTADDONDIR` of every command. */
  readonly addonDir: string;
  /** `(find-user-console-bin-dir)`: where raco setup writes the launchers. */
  readonly binDir: string;
  /** `(find-user-doc-dir)/index.html`: the "up" link of the collections' HTML documents. */
  readonly userDocIndex: string;
  /** Runs `raco setup ARGS` (checked by `checkRacoSetupArgs`) in the workspace. */
  runRacoSetup(args: readonly string[]): Promise<ProcessRun>;
  /** Runs any command as the sandbox user, with the sandbox environment, in the workspace. */
  run(command: string, args: readonly string[]): Promise<ProcessRun>;
  /** Removes the sandbox, unless NX_RACO_KEEP_TMP is set. */
  dispose(): void;
}

/** Whether raco setup can be sandboxed here: not root, or root with `runuser` and a `nobody` user. */
export function canUseRacoSetupSandbox(): boolean {
  return whyNoRacoSetupSandbox() === undefined;
}

function makeWorldWritable(dir: string): void {
  const r = spawnSync('chmod', ['-R', 'a+rwX', dir], { timeout: 30_000 });
  if (r.status !== 0) throw new Error(`[raco-setup-sandbox] chmod -R a+rwX ${dir} failed: ${String(r.stderr)}`);
}

export interface RacoSetupSandboxOptions {
  /**
   * Directories of the copy, relative to it, whose subdirectories are linked as collections.
   * @default the copy itself
   */
  readonly collectionRoots?: readonly string[];
}

/**
 * A sandbox holding a copy of `fixture` (a directory, copied without its `compiled/`
 * directories, or a file tree), its collection roots linked as user-scope collection roots.
 * @example (await createRacoSetupSandbox(FIXTURE)).binDir //=> '/tmp/nx-raco-raco-setup-AbC123/addon/8.7/bin'
 * @example (await createRacoSetupSandbox({ 'colls/a/main.rkt': '#lang racket/base\n' }, { collectionRoots: ['colls'] })).workspace //=> '/tmp/nx-raco-raco-setup-AbC123/ws'
 */
export async function createRacoSetupSandbox(fixture: string | FileTree, options: RacoSetupSandboxOptions = {}): Promise<RacoSetupSandbox> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'nx-raco-raco-setup-')));
  const workspace = join(root, 'ws');
  const addonDir = join(root, 'addon');
  const home = join(root, 'home');
  const dispose = (): void => {
    if (process.env[KEEP_TMP_ENV] === undefined) rmSync(root, { recursive: true, force: true });
    else console.log(`[raco-setup-sandbox] kept ${root}`);
  };
  try {
    if (typeof fixture === 'string') {
      cpSync(fixture, workspace, { recursive: true, filter: (src) => !src.split('/').includes('compiled') });
    } else {
      mkdirSync(workspace);
      for (const [rel, contents] of Object.entries(fixture)) {
        const path = resolveInside(workspace, rel);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, contents);
      }
    }
    const collectionRoots = options.collectionRoots?.map((rel) => resolveInside(workspace, rel)) ?? [workspace];
    mkdirSync(addonDir);
    mkdirSync(home);
    chmodSync(root, 0o777);
    makeWorldWritable(root);
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, PLTADDONDIR: addonDir };
    const asUser = isRoot();
    const run = (command: string, args: readonly string[]): Promise<ProcessRun> => {
      const [program, ...rest] = sandboxArgv(command, args, env, asUser);
      return runProcess(program!, rest, { cwd: workspace, timeoutMs: SANDBOX_RUN_TIMEOUT_MS });
    };
    const link = await run('raco', ['link', '-u', '-d', ...collectionRoots]);
    if (link.code !== 0) throw new Error(`[raco-setup-sandbox] raco link -u -d ${collectionRoots.join(' ')} failed (${String(link.code)}): ${link.stderr}`);
    const dirs = await run('racket', ['-l', 'racket/base', '-l', 'setup/dirs', '-e', '(for-each displayln (list (find-user-console-bin-dir) (build-path (find-user-doc-dir) "index.html")))']);
    const [binDir, userDocIndex] = dirs.stdout.split('\n');
    if (dirs.code !== 0 || binDir === undefined || userDocIndex === undefined || !binDir.startsWith(addonDir)) {
      throw new Error(`[raco-setup-sandbox] could not ask Racket for the user bin and doc dirs: ${dirs.stdout}${dirs.stderr}`);
    }
    return {
      root,
      workspace,
      addonDir,
      binDir,
      userDocIndex,
      runRacoSetup(args) {
        checkRacoSetupArgs(args);
        return run('raco', ['setup', ...args]);
      },
      run,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}
