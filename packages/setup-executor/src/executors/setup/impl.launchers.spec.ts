/**
 * The setup executor's launcher step, called as Nx calls it (default export, options, a
 * hand-built ExecutorContext whose projects come from createNodes) over a temp copy of
 * examples/workspace, where hello declares `(define racket-launcher-names '("hello"))`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput, contextFor, exampleCopy, hasRacket } from '../../testing/fixtures/executor-context.js';
import setupExecutor from './impl.js';

/** Runs a launcher from another directory, with no workspace settings in the environment. */
function runLauncher(path: string, args: string[] = []): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env['PLTCOLLECTS'];
  const r = spawnSync(path, args, { cwd: '/', env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe.skipIf(!hasRacket)('executors/setup/impl launchers', () => {
  it('writes bin/hello after compiling; it runs the program with the workspace collections', async () => {
    const ws = exampleCopy();
    const output = captureOutput();
    expect(await setupExecutor({ verbose: true }, contextFor(ws, 'hello'))).toEqual({ success: true });
    expect(output.stdout()).toContain('nx-raco setup: launcher: bin/hello\n');
    expect(statSync(ws.path('bin/hello')).mode & 0o777).toBe(0o755);
    expect(readFileSync(ws.path('bin/hello'), 'utf8')).toContain(`-N "$0" '-S' '${ws.root}' '-l-' 'hello/main.rkt'  \${1+"$@"}\n`);
    expect(runLauncher(ws.path('bin/hello'))).toEqual({ code: 0, stdout: '== hello, an nx-raco example ==\nHello, world!\n', stderr: '' });
    expect(runLauncher(ws.path('bin/hello'), ['Ada', "O'Neil"]).stdout).toBe("== hello, an nx-raco example ==\nHello, Ada!\nHello, O'Neil!\n");
    expect(output.stderr()).toBe('');

    // A no-change run leaves the launcher as it is.
    const before = statSync(ws.path('bin/hello'));
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: true });
    expect(statSync(ws.path('bin/hello')).mtimeMs).toBe(before.mtimeMs);
  });

  it('writes nothing for a project without launchers, or with noLauncher', async () => {
    const ws = exampleCopy();
    captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'greeting'))).toEqual({ success: true });
    expect(await setupExecutor({ noLauncher: true }, contextFor(ws, 'hello'))).toEqual({ success: true });
    expect(existsSync(ws.path('bin'))).toBe(false);
  });

  it('refuses a launcher name that leaves bin/, naming the collection, after compiling', async () => {
    const ws = exampleCopy();
    ws.write('hello/info.rkt', readFileSync(ws.path('hello/info.rkt'), 'utf8').replace(`'("hello")`, `'("../escape")`));
    const output = captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: false });
    expect(output.stderr()).toContain(`nx-raco setup: error: during launcher setup for ${ws.path('hello')}\n`);
    expect(output.stderr()).toContain('got "../escape" (string)');
    expect(existsSync(ws.path('hello/compiled/main_rkt.zo'))).toBe(true);
    expect(existsSync(ws.path('bin'))).toBe(false);
    expect(existsSync(ws.path('escape'))).toBe(false);
  });

  it("prints raco's warning for mismatched lists and still succeeds", async () => {
    const ws = exampleCopy();
    ws.write('hello/info.rkt', readFileSync(ws.path('hello/info.rkt'), 'utf8').replace(`'("hello")`, `'("hello" "again")`));
    const output = captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: true });
    expect(output.stdout()).toContain(`nx-raco setup: WARNING: console launcher name list ("hello" "again") doesn't match library list; ("main.rkt")\n`);
    expect(existsSync(ws.path('bin'))).toBe(false);
  });
});

describe('executors/setup/impl launchers without Racket', () => {
  it('still fails with one line', async () => {
    const ws = exampleCopy();
    vi.stubEnv('NX_RACO_RACKET', ws.path('nowhere/racket'));
    const output = captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: false });
    expect(output.stderr().trim().split('\n')).toHaveLength(1);
    expect(existsSync(ws.path('bin'))).toBe(false);
  });
});
