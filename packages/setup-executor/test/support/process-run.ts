/**
 * Test-only: run a process to its end and collect its exit and output, in an environment without
 * the developer's Racket settings. Every suite that starts `racket`, `raco` or our CLI goes
 * through `runProcess`, so they all get the same timeout handling and decoding.
 *
 * Fragile: a timed-out process is killed with SIGTERM (`spawn`'s `timeout`), so it shows up as
 * `signal: 'SIGTERM'`, not as an error.
 */
import { spawn } from 'node:child_process';

/** A run may take this long at most, unless the caller says otherwise. */
export const PROCESS_RUN_TIMEOUT_MS = 60_000;

/**
 * Variables a developer may set that change what Racket, raco and our CLI do; `cleanEnv` drops
 * them. `PLTADDONDIR` is not among them: each suite decides about it.
 */
const RACKET_SETTINGS = [
  'PLTSTDERR',
  'PLTSYSLOG',
  'PLTCOLLECTS',
  'PLTCOMPILEDROOTS',
  'PLT_COMPILE_ANY',
  'PLT_COMPILED_FILE_CHECK',
  'PLT_SETUP_OPTIONS',
  'PLTUSERHOME',
  'PLT_ZO_PATH',
] as const;

export interface ProcessRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ProcessRunOptions {
  readonly cwd: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default PROCESS_RUN_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

/**
 * Runs `command ARGS` and collects its output (UTF-8); rejects only when it cannot start.
 * @example (await runProcess('echo', ['hi'], { cwd: '/tmp' })).stdout //=> 'hi\n'
 */
export function runProcess(command: string, args: readonly string[], options: ProcessRunOptions): Promise<ProcessRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? PROCESS_RUN_TIMEOUT_MS,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

/**
 * `process.env` without the developer's Racket settings, then `overrides` (`undefined` removes).
 * @example cleanEnv({ PLTADDONDIR: '/t/addon', PLTSTDERR: 'info@compiler/cm' }).PLTSTDERR //=> 'info@compiler/cm'
 */
export function cleanEnv(overrides: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of RACKET_SETTINGS) delete env[name];
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
