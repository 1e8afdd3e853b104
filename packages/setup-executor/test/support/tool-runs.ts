/**
 * Test-only runs of `nx-raco make`, `raco make` and `racket` as real processes (spawned
 * asynchronously, so concurrent tests overlap), with their compile events: ours from
 * `--events -` (JSON lines on stdout), raco's from `PLTSTDERR="info@compiler/cm"` (stderr lines
 * `compiler/cm:   | start-touch: /abs`, removed from the returned stderr).
 *
 * Fragile: the CLI runs from `dist`, so a `dist` older than `src` is refused (run
 * `npx tsc -b tsconfig.build.json`). Racket 8.7's log line format is matched literally.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, runProcess, type ProcessRun } from './process-run.js';
import { listFiles } from './temp-tree.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const OUR_BIN = join(REPO_ROOT, 'packages/setup-executor/bin/nx-raco.js');
const BUILT_PACKAGES = ['cm-core', 'parallel-build', 'setup-executor'] as const;

export interface ToolEvent {
  readonly type: string;
  /** Absolute source path. */
  readonly path: string;
  /** Ours only: the decision behind the event. */
  readonly reason?: string;
}

export interface ToolRun extends ProcessRun {
  /** Stdout without our `--events -` lines. */
  readonly stdout: string;
  /** Stderr without raco's `compiler/cm` event lines. */
  readonly stderr: string;
  readonly events: readonly ToolEvent[];
}

export interface RunOptions {
  /** Added to (or, with `undefined`, removed from) the inherited environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function environment(options: RunOptions | undefined, extra: Record<string, string>): NodeJS.ProcessEnv {
  // A developer's own settings must not change what the tools do.
  return cleanEnv({ ...options?.env, ...extra });
}

let checkedBuild = false;

/** Throws when the built CLI is missing or older than some source file of the packages it runs. */
export function assertBuiltCliIsFresh(): void {
  if (checkedBuild) return;
  for (const pkg of BUILT_PACKAGES) {
    const info = join(REPO_ROOT, 'packages', pkg, 'dist/.tsbuildinfo');
    if (!existsSync(info)) throw new Error(`[make-harness] ${info} is missing: run \`npx tsc -b tsconfig.build.json\` at the repo root first`);
    const builtAt = statSync(info).mtimeMs;
    const src = join(REPO_ROOT, 'packages', pkg, 'src');
    for (const rel of listFiles(src)) {
      if (!rel.endsWith('.ts') || /\.(spec|test)\.ts$/.test(rel) || rel.startsWith('testing/')) continue;
      if (statSync(join(src, rel)).mtimeMs > builtAt) {
        throw new Error(`[make-harness] packages/${pkg}/src/${rel} is newer than its dist: run \`npx tsc -b tsconfig.build.json\` at the repo root first`);
      }
    }
  }
  checkedBuild = true;
}

/** Splits `nx-raco make --events -` stdout into the JSON event lines and the rest. */
export function parseOurEvents(stdout: string): { readonly events: ToolEvent[]; readonly rest: string } {
  const events: ToolEvent[] = [];
  const rest: string[] = [];
  for (const line of stdout.split(/(?<=\n)/)) {
    if (line.startsWith('{"type":')) {
      const e = JSON.parse(line) as { type: string; path: string; reason?: string };
      events.push({ type: e.type, path: e.path, ...(e.reason === undefined ? {} : { reason: e.reason }) });
    } else {
      rest.push(line);
    }
  }
  return { events, rest: rest.join('') };
}

const RACO_EVENT = /^compiler\/cm: [ |]*(locking|start-compile|finish-compile|start-touch|finish-touch|start-recompile|finish-recompile|already-done): (.*)$/;

/**
 * Splits raco's stderr under `PLTSTDERR="info@compiler/cm"` into the event lines and the rest.
 * @example parseRacoEvents('compiler/cm:   | start-touch: /t/b.rkt\n').events //=> [{ type: 'start-touch', path: '/t/b.rkt' }]
 */
export function parseRacoEvents(stderr: string): { readonly events: ToolEvent[]; readonly rest: string } {
  const events: ToolEvent[] = [];
  const rest: string[] = [];
  for (const line of stderr.split(/(?<=\n)/)) {
    const m = RACO_EVENT.exec(line.replace(/\n$/, ''));
    if (m === null) rest.push(line);
    else events.push({ type: m[1]!, path: m[2]! });
  }
  return { events, rest: rest.join('') };
}

/**
 * Runs `nx-raco make --events - ARGS` in `cwd`; the events come from the JSON lines.
 * @example (await runOurs(root, ['a.rkt'])).events[0] //=> { type: 'start-compile', path: '/tmp/…/a.rkt', reason: '…' }
 */
export async function runOurs(cwd: string, args: readonly string[], options?: RunOptions): Promise<ToolRun> {
  assertBuiltCliIsFresh();
  const r = await runProcess(process.execPath, [OUR_BIN, 'make', '--events', '-', ...args], { cwd, env: environment(options, {}) });
  const { events, rest } = parseOurEvents(r.stdout);
  return { ...r, stdout: rest, events };
}

/** Runs `raco make ARGS` in `cwd` with `PLTSTDERR="info@compiler/cm"`; the events come from stderr. */
export async function runRaco(cwd: string, args: readonly string[], options?: RunOptions): Promise<ToolRun> {
  const r = await runProcess('raco', ['make', ...args], { cwd, env: environment(options, { PLTSTDERR: 'info@compiler/cm' }) });
  const { events, rest } = parseRacoEvents(r.stderr);
  return { ...r, stderr: rest, events };
}

/** Runs `racket ARGS` in `cwd` (no events). */
export async function runRacket(cwd: string, args: readonly string[], options?: RunOptions): Promise<ToolRun> {
  const r = await runProcess('racket', args, { cwd, env: environment(options, {}) });
  return { ...r, events: [] };
}

/** Whether `racket` and `raco` are on PATH (looked up without starting a process). */
export function hasRacketAndRaco(): boolean {
  const onPath = (name: string): boolean =>
    (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
      if (dir === '') return false;
      try {
        accessSync(join(dir, name), constants.X_OK);
        return statSync(join(dir, name)).isFile();
      } catch {
        return false;
      }
    });
  return onPath('racket') && onPath('raco');
}

/** Sorted `"TYPE REL"` strings: the multiset of events, paths relative to `root`. */
export function eventKeys(events: readonly ToolEvent[], root: string): string[] {
  return events.map((e) => `${e.type} ${e.path.startsWith(`${root}/`) ? e.path.slice(root.length + 1) : e.path}`).sort();
}

/** The `start-*` events as `"compile b.rkt"` strings relative to `dir`, sorted. */
export function startedWork(events: readonly ToolEvent[], dir: string): string[] {
  return events
    .filter((e) => e.type.startsWith('start-'))
    .map((e) => `${e.type.slice('start-'.length)} ${e.path.startsWith(`${dir}/`) ? e.path.slice(dir.length + 1) : e.path}`)
    .sort();
}

/**
 * Stderr made comparable across trees and tools: `root` → `<root>`, the temporary `.zo` name and
 * the dates in CM's "in the future" message replaced, and cut before the Racket stack
 * (`context...:`), which names CM's own source lines.
 */
export function comparableStderr(stderr: string, root: string): string[] {
  const lines: string[] = [];
  for (const line of stderr.split('\n')) {
    if (/^\s*context\.\.\.:$/.test(line)) break;
    lines.push(
      line
        .split(root)
        .join('<root>')
        .replace(/\(([^()]*) @ [^()]*\)/g, (_m, file: string) => `(${file.includes('/compiled/') ? '<temporary .zo>' : file} @ <date>)`),
    );
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
