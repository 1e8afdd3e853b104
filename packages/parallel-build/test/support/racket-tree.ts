/**
 * Test-only helpers for the real-Racket tests of @nx-raco/parallel-build.
 *
 * - Temp trees from an object literal (relative path → contents), removed when the test ends
 *   unless NX_RACO_KEEP_TMP is set; paths escaping the root are refused (the unit specs'
 *   `useTempDir`, plus reading and listing).
 * - The CLI is spawned asynchronously (`nx-raco make …`, from `dist`), so two runs can overlap;
 *   `raco` likewise. Each run collects `{ code, signal, stdout, stderr, ms }`.
 * - The tests run the built package (`dist`, as users do; the worker entry only exists there),
 *   so `assertBuilt()` refuses a `dist` older than `src`.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useTempDir, type TempDir } from '../../src/testing/fixtures/temp-dir.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const CLI = join(REPO_ROOT, 'packages/setup-executor/bin/nx-raco.js');
const RUN_TIMEOUT_MS = 60_000;

export interface Tree extends TempDir {
  /** The file's bytes as latin1 text (`.dep` files are bytes). */
  read(rel: string): string;
  /** Every file under the root, relative, sorted. */
  list(): string[];
}

export function useTree(files: Readonly<Record<string, string>>, prefix = 'nx-raco-pb-'): Tree {
  const dir = useTempDir(files, prefix);
  return {
    ...dir,
    read: (rel) => readFileSync(dir.path(rel), 'latin1'),
    list() {
      const out: string[] = [];
      const walk = (at: string): void => {
        for (const e of readdirSync(at, { withFileTypes: true })) {
          const p = join(at, e.name);
          if (e.isDirectory()) walk(p);
          else out.push(relative(dir.root, p));
        }
      };
      walk(dir.root);
      return out.sort();
    },
  };
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function environment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PLTSTDERR', 'PLTCOMPILEDROOTS', 'PLT_COMPILED_FILE_CHECK', 'PLT_COMPILE_ANY', 'CI']) delete env[name];
  return env;
}

export function spawnRun(command: string, args: readonly string[], cwd: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: environment(), stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started }),
    );
  });
}

/** `nx-raco make ARGS` in `cwd`. */
export function runOurs(cwd: string, args: readonly string[]): Promise<Run> {
  assertBuilt();
  return spawnRun(process.execPath, [CLI, 'make', ...args], cwd);
}

export function runRaco(cwd: string, args: readonly string[]): Promise<Run> {
  return spawnRun('raco', args, cwd);
}

/** Compile events from an `--events` file. */
export function readEvents(file: string): { type: string; path: string; worker: number | null }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { type: string; path: string; worker: number | null });
}

/** Every `compiled/*.dep` under `tree`: relative path → text; `.zo` files → their bytes' length. */
export function snapshotCompiled(tree: Tree): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of tree.list()) {
    if (!rel.split(sep).includes('compiled')) continue;
    if (rel.endsWith('.dep')) out[rel] = tree.read(rel);
    else if (rel.endsWith('.zo')) out[rel] = `<zo ${readFileSync(tree.path(rel)).length} bytes>`;
    else out[rel] = '<unexpected file>';
  }
  return out;
}

export function hasRacket(): boolean {
  return ['racket', 'raco'].every((name) =>
    (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return dir !== '';
      } catch {
        return false;
      }
    }),
  );
}

let built = false;
/** Throws when a package's `dist` is missing or older than its sources. */
export function assertBuilt(): void {
  if (built) return;
  for (const pkg of ['cm-core', 'parallel-build', 'setup-executor']) {
    const info = join(REPO_ROOT, 'packages', pkg, 'dist/.tsbuildinfo');
    let builtAt: number;
    try {
      builtAt = statSync(info).mtimeMs;
    } catch {
      throw new Error(`[parallel-build test] ${info} is missing: run \`npx tsc -b tsconfig.build.json\` at the repo root first`);
    }
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'testing') walk(p);
        } else if (e.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(e.name) && statSync(p).mtimeMs > builtAt) {
          throw new Error(`[parallel-build test] ${p} is newer than its dist: run \`npx tsc -b tsconfig.build.json\` at the repo root first`);
        }
      }
    };
    walk(join(REPO_ROOT, 'packages', pkg, 'src'));
  }
  built = true;
}
