// Running the tools under comparison: our CLI, timed commands, raco's verdict on our output, and
// the small numeric and argument helpers both benchmarks print with. Used by make-bench.mjs and
// parallel-bench.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OURS_CLI = fileURLToPath(new URL('../../packages/setup-executor/bin/nx-raco.js', import.meta.url));
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL_LINES = 15;

/** Whether the CLI has its build output (`npm run build`). */
export function hasBuildOutput() {
  return existsSync(join(dirname(OURS_CLI), '..', 'dist', 'cli', 'main.js'));
}

/** `value` of option `flag` as a positive integer; throws otherwise. */
export function parsePositiveInteger(flag, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: Expected a positive integer, got \`${value}\` (${typeof value}).`);
  return n;
}

export function tail(text, lines = STDERR_TAIL_LINES) {
  return String(text ?? '').trimEnd().split('\n').slice(-lines).join('\n');
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs one build command, timed with hrtime around the whole process. `stderr` is the spawn
 * error's message when the command could not run.
 */
export function timeCommand(command, args, env, cwd) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(command, args, { env, cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, ok: run.status === 0 && !run.error, status: run.status, stderr: run.error ? run.error.message : run.stderr, stdout: run.stdout };
}

/**
 * Runs `raco make -v ARGS` (outside any timing) and counts its `making` lines: each one is a file
 * raco disagrees with, and rewrites.
 */
export function countRacoMakingLines(args, env) {
  const run = spawnSync('raco', ['make', '-v', ...args], { env, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
  return { status: run.status, making: (run.stdout.match(/^\s*making /gm) ?? []).length };
}
