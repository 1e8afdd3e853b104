/**
 * Smoke test of the published shape: pack the three packages with `npm pack`, install the
 * tarballs into a fresh temp project, and run the installed `nx-raco` bin with plain `node`
 * (outside vitest's module loader, which hides ESM packaging mistakes such as a missing file in
 * `files` or a wrong `exports` map).
 *
 * Needs the built packages (`npm run build`) and the npm registry for third-party dependencies.
 * Set NX_RACO_KEEP_TMP=1 to keep the temp project for debugging.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const packages = ['cm-core', 'parallel-build', 'setup-executor'];
let project = '';

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'nx-raco-packed-'));
  const tarballs = join(project, 'tarballs');
  mkdirSync(tarballs);
  for (const pkg of packages) {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs, `./packages/${pkg}`], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'packed-smoke', private: true, type: 'module' }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files], { cwd: project, stdio: 'pipe' });
}, 300_000);

afterAll(() => {
  if (project && !process.env.NX_RACO_KEEP_TMP) rmSync(project, { recursive: true, force: true });
});

function runInstalledCli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const bin = join(project, 'node_modules/@nx-raco/setup-executor/bin/nx-raco.js');
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('e2e/packed-cli', () => {
  it('runs `nx-raco info` from the installed tarballs with plain node', () => {
    const r = runInstalledCli(['info', join(repoRoot, 'examples/workspace/hello')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('(collection . "hello")');
    expect(r.stdout).toContain('(racket-launcher-names "hello")');
    expect(r.stdout).toContain('(supported-languages en fr de)');
  });

  it('reports a missing info.rkt with exit status 1 and no stack trace', () => {
    const r = runInstalledCli(['info', join(project, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(join(project, 'nowhere'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps internals unreachable through the exports map', () => {
    const r = spawnSync(process.execPath, ['-e', "import('@nx-raco/cm-core/dist/data/values.js').then(() => process.exit(0), () => process.exit(3))"], {
      cwd: project,
    });
    expect(r.status).toBe(3);
  });
});
