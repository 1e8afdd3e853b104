import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { createTargets, LAUNCHER_RUNTIME_INPUT, RACKET_RUNTIME_INPUT } from './targets.js';

const hasRacket = spawnSync('racket', ['-n', '-e', ''], { stdio: 'ignore' }).status === 0;

/** Runs the runtime input as Nx does: through the shell, from the workspace root. */
function runRuntimeInput(env: NodeJS.ProcessEnv): { code: number | null; stdout: string } {
  const r = spawnSync('sh', ['-c', RACKET_RUNTIME_INPUT], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout };
}

describe('plugin/targets', () => {
  it.skipIf(!hasRacket)('the runtime input prints the Racket version, VM, platform and compiled-file settings', () => {
    const { PLTCOMPILEDROOTS: _roots, PLT_ZO_PATH: _zo, NX_RACO_RACKET: _racket, ...env } = process.env;
    const r = runRuntimeInput(env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\("\d+\.\d+(\.\d+)*" chez-scheme "[\w-]+" \w+ \("compiled"\) same\)$/);
  });

  it('the runtime input prints a marker instead of failing when Racket is missing', () => {
    const r = runRuntimeInput({ ...process.env, NX_RACO_RACKET: '/nonexistent/racket' });
    expect(r).toEqual({ code: 0, stdout: 'racket-not-found\n' });
  });

  it('names the targets as configured and never caches clean', () => {
    const targets = createTargets({ setupTargetName: 'build', cleanTargetName: 'wipe' }, 'collection x');
    expect(targets['build']!.dependsOn).toEqual(['^build']);
    expect(targets['wipe']).toMatchObject({ options: { clean: true }, cache: false });
    expect(targets['wipe']!.outputs).toBeUndefined();
  });

  it('lists each declared launcher as an output and then keys on the workspace path', () => {
    const options = { setupTargetName: 'setup', cleanTargetName: 'clean' };
    const targets = createTargets(options, 'collection x', ['hello', 'my-tool']);
    expect(targets['setup']!.outputs).toEqual(['{projectRoot}/**/compiled', '{projectRoot}/**/doc', '{workspaceRoot}/bin/hello', '{workspaceRoot}/bin/my-tool']);
    expect(targets['setup']!.inputs).toContainEqual({ runtime: LAUNCHER_RUNTIME_INPUT });
    expect(createTargets(options, 'collection x')['setup']!.inputs).not.toContainEqual({ runtime: LAUNCHER_RUNTIME_INPUT });
  });

  it('the launcher runtime input prints the workspace path and the Racket executable, never failing', () => {
    const ws = createTempWorkspace();
    const r = spawnSync('sh', ['-c', LAUNCHER_RUNTIME_INPUT], { cwd: ws.root, env: { ...process.env, NX_RACO_RACKET: '/nonexistent/racket' }, encoding: 'utf8' });
    expect({ code: r.status, stdout: r.stdout }).toEqual({ code: 0, stdout: `${ws.root}\nracket-not-found\n` });
  });
});
