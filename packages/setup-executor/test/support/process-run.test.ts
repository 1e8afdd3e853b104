/**
 * Running a process for the suites: exit, output and timeout collected; the developer's Racket
 * settings dropped from the environment.
 */
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanEnv, runProcess } from './process-run.js';

describe('setup-executor/test/support/process-run', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('collects the exit code, stdout and stderr', async () => {
    const script = 'process.stdout.write("out é\\n"); process.stderr.write("err\\n"); process.exitCode = 3;';
    expect(await runProcess(process.execPath, ['-e', script], { cwd: tmpdir() })).toEqual({ code: 3, signal: null, stdout: 'out é\n', stderr: 'err\n' });
  });

  it('kills a run that outlives its timeout', async () => {
    const r = await runProcess(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { cwd: tmpdir(), timeoutMs: 200 });
    expect({ code: r.code, signal: r.signal }).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('rejects when the command cannot start', async () => {
    await expect(runProcess('/nonexistent/nx-raco-test/tool', [], { cwd: tmpdir() })).rejects.toThrow(/ENOENT/);
  });

  it('drops Racket settings, keeps the rest, and applies overrides (undefined removes)', () => {
    vi.stubEnv('PLTCOLLECTS', '/dev/collects:');
    vi.stubEnv('PLTSTDERR', 'debug');
    vi.stubEnv('PLTADDONDIR', '/dev/addon');
    vi.stubEnv('NX_RACO_TEST_OTHER', 'kept');
    const env = cleanEnv({ PLTSTDERR: 'info@compiler/cm', NX_RACO_TEST_OTHER: undefined });
    expect({ PLTCOLLECTS: env['PLTCOLLECTS'], PLTSTDERR: env['PLTSTDERR'], PLTADDONDIR: env['PLTADDONDIR'], other: 'NX_RACO_TEST_OTHER' in env }).toEqual({
      PLTCOLLECTS: undefined,
      PLTSTDERR: 'info@compiler/cm',
      PLTADDONDIR: '/dev/addon',
      other: false,
    });
    expect(env['PATH']).toBe(process.env['PATH']);
  });
});
