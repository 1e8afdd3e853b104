/**
 * The Nx plugin in a real Nx 24 workspace with real Racket: pack the three packages, install the
 * tarballs and nx 24.0.6 into a fresh temp workspace that registers `@nx-raco/setup-executor`,
 * and drive it with the `nx` CLI (plugin loading is Nx's own, so this proves the ESM package
 * loads as a plugin, an executor and a generator).
 *
 * Collections: a requires b, b requires c (`collects/{a,b,c}`). The tests run in order and share
 * the workspace: graph → build and cache → restore (also into another checkout path) →
 * affected → generator.
 *
 * Needs the built packages (`npm run build`), Racket 8.x on PATH (skipped otherwise, with a
 * message), and the npm registry for nx. About 1–2 minutes. NX_RACO_KEEP_TMP=1 keeps the workspace.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const packages = ['cm-core', 'parallel-build', 'setup-executor'];
const hasRacket = spawnSync('raco', ['make', '--help'], { stdio: 'ignore' }).status === 0;
if (!hasRacket) console.warn('[e2e/nx-plugin] skipped: racket/raco not found on PATH (install Racket 8.x, e.g. apt-get install -y racket)');

let workspace = '';

const COLLECTIONS: Record<string, string> = {
  'collects/a/info.rkt': '#lang info\n(define collection "a")\n(define deps \'("base" "b"))\n',
  'collects/a/main.rkt': '#lang racket/base\n(require b)\n(provide a-value)\n(define a-value (string-append "a" b-value))\n',
  'collects/b/info.rkt': '#lang info\n(define collection "b")\n(define deps \'("base"))\n',
  'collects/b/main.rkt': '#lang racket/base\n(require (only-in c/main c-value))\n(provide b-value)\n(define b-value (string-append "b" c-value))\n',
  'collects/c/info.rkt': '#lang info\n(define collection "c")\n(define deps \'("base"))\n',
  'collects/c/main.rkt': '#lang racket/base\n(provide c-value)\n(define c-value "c")\n',
};

function write(rel: string, text: string): void {
  const path = join(workspace, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * The environment for nx and Racket: no inherited NX_* or PLTCOLLECTS, no daemon, no cloud, and
 * no colours (under CI=true Nx colours its output even into a pipe, which the assertions read).
 */
function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('NX_') && key !== 'PLTCOLLECTS' && key !== 'FORCE_COLOR') env[key] = value;
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_FORMAT: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

function run(command: string, args: string[], extra: Record<string, string> = {}): { code: number | null; output: string } {
  const r = spawnSync(command, args, { cwd: workspace, env: testEnv(extra), encoding: 'utf8', timeout: 240_000 });
  // Belt and braces: drop any ANSI styling that still gets through.
  return { code: r.status, output: `${r.stdout}${r.stderr}`.replace(/\u001b\[[0-9;]*m/g, '') };
}

function nx(...args: string[]): string {
  const r = run(process.execPath, [join(workspace, 'node_modules/nx/dist/bin/nx.js'), ...args]);
  if (r.code !== 0) throw new Error(`nx ${args.join(' ')} exited with ${String(r.code)}:\n${r.output}`);
  return r.output;
}

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=e2e@nx-raco.invalid', '-c', 'user.name=e2e', ...args], { cwd: workspace, stdio: 'pipe' });
}

/** Racket in the workspace environment (what `nx-raco env` prints). */
function racketEnv(): Record<string, string> {
  return { PLTCOLLECTS: `${join(workspace, 'collects')}:` };
}

function zoHashes(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of ['a', 'b', 'c']) {
    const file = join(workspace, 'collects', name, 'compiled', 'main_rkt.zo');
    hashes[name] = createHash('sha1').update(readFileSync(file)).digest('hex');
  }
  return hashes;
}

/** Where each `nx run X:setup` line appears in `output`. */
function taskOrder(output: string): string[] {
  return [...output.matchAll(/nx run (\w+):setup/g)].map((m) => m[1]!);
}

beforeAll(() => {
  if (!hasRacket) return;
  workspace = mkdtempSync(join(tmpdir(), 'nx-raco-nx-e2e-'));
  // A fresh tarball directory per run: npm caches `file:` tarballs by path.
  const tarballs = join(workspace, 'tarballs');
  mkdirSync(tarballs);
  for (const pkg of packages) {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs, `./packages/${pkg}`], { cwd: repoRoot, stdio: 'pipe' });
  }
  const deps: Record<string, string> = { nx: '24.0.6' };
  for (const file of readdirSync(tarballs)) {
    const name = file.replace(/^nx-raco-(.*)-\d+\.\d+\.\d+\.tgz$/, '@nx-raco/$1');
    deps[name] = `file:tarballs/${file}`;
  }
  write('package.json', JSON.stringify({ name: 'nx-raco-e2e', private: true, devDependencies: deps }, null, 2));
  write('nx.json', JSON.stringify({ plugins: ['@nx-raco/setup-executor'] }, null, 2));
  write('.gitignore', 'node_modules\n.nx\ntarballs\ncompiled/\ngraph.json\n');
  for (const [rel, text] of Object.entries(COLLECTIONS)) write(rel, text);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: workspace, stdio: 'pipe' });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
  git('add', '-A');
  git('commit', '-q', '-m', 'three collections');
}, 300_000);

afterAll(() => {
  if (workspace && !process.env['NX_RACO_KEEP_TMP']) rmSync(workspace, { recursive: true, force: true });
});

describe.skipIf(!hasRacket)('e2e/nx-plugin', () => {
  it('infers one project per collection', () => {
    expect(nx('show', 'projects').trim().split('\n').sort()).toEqual(['a', 'b', 'c']);
    const a = JSON.parse(nx('show', 'project', 'a', '--json')) as { targets: Record<string, { cache?: boolean }>; metadata: { technologies: string[] } };
    expect(Object.keys(a.targets).sort()).toEqual(['clean', 'setup']);
    expect(a.targets['setup']!.cache).toBe(true);
    expect(a.metadata.technologies).toEqual(['racket']);
  });

  it('has the edges a → b → c, with the files that make them', () => {
    nx('graph', '--file=graph.json');
    const graph = JSON.parse(readFileSync(join(workspace, 'graph.json'), 'utf8')) as {
      graph: { dependencies: Record<string, { target: string; type: string }[]> };
    };
    expect(graph.graph.dependencies['a']).toContainEqual({ source: 'a', target: 'b', type: 'static' });
    expect(graph.graph.dependencies['b']).toContainEqual({ source: 'b', target: 'c', type: 'static' });
    expect(graph.graph.dependencies['c']).toEqual([]);
    // File-bound edges live on the files in Nx's file map.
    const fileMap = JSON.parse(readFileSync(join(workspace, '.nx/workspace-data/file-map.json'), 'utf8')) as {
      fileMap: { projectFileMap: Record<string, { file: string; deps?: unknown[] }[]> };
    };
    const depsOf = (project: string, file: string) => fileMap.fileMap.projectFileMap[project]!.find((f) => f.file === file)?.deps;
    expect(depsOf('a', 'collects/a/main.rkt')).toEqual(['b']);
    expect(depsOf('b', 'collects/b/main.rkt')).toEqual(['c']);
  });

  it('builds c, b, a in dependency order, then takes all three from the cache', () => {
    const first = nx('run', 'a:setup', '--output-style=static');
    expect(taskOrder(first)).toEqual(['c', 'b', 'a']);
    expect(first).toMatch(/^nx-raco setup: making: \S*\/collects\/a$/m);
    const second = nx('run', 'a:setup', '--output-style=static');
    expect(second).toContain('Nx read the output from the cache instead of running the command for 3 out of 3 tasks.');
  });

  it('restores deleted compiled/ dirs from the cache, also in another checkout path, and raco make finds nothing to do', () => {
    const built = zoHashes();
    for (const name of ['a', 'b', 'c']) rmSync(join(workspace, 'collects', name, 'compiled'), { recursive: true });
    renameSync(workspace, `${workspace}-moved`);
    workspace = `${workspace}-moved`;
    const restored = nx('run', 'a:setup', '--output-style=static');
    expect(restored).toContain('for 3 out of 3 tasks');
    expect(zoHashes()).toEqual(built);

    const files = ['collects/a/main.rkt', 'collects/b/main.rkt', 'collects/c/main.rkt'];
    const raco = run('raco', ['make', '-v', ...files], racketEnv());
    expect(raco.code).toBe(0);
    expect(raco.output.match(/already up-to-date/g)).toHaveLength(3);
    expect(raco.output).not.toContain('making');
    const nxRaco = run(process.execPath, [join(workspace, 'node_modules/@nx-raco/setup-executor/bin/nx-raco.js'), 'make', '-v', ...files], racketEnv());
    expect(nxRaco.code).toBe(0);
    expect(nxRaco.output.match(/already up-to-date/g)).toHaveLength(3);
    expect(zoHashes()).toEqual(built);
  });

  it('nx affected runs c, b, a after a change in c, and only a after a change in a', () => {
    write('collects/c/main.rkt', '#lang racket/base\n(provide c-value)\n(define c-value "C")\n');
    git('commit', '-q', '-am', 'change c');
    const afterC = nx('affected', '-t', 'setup', '--base=HEAD~1', '--head=HEAD', '--output-style=static');
    expect(afterC).toContain('Running target setup for 3 projects');
    expect(taskOrder(afterC)).toEqual(['c', 'b', 'a']);

    write('collects/a/main.rkt', COLLECTIONS['collects/a/main.rkt']!.replace('"a"', '"A"'));
    git('commit', '-q', '-am', 'change a');
    const afterA = nx('affected', '-t', 'setup', '--base=HEAD~1', '--head=HEAD', '--output-style=static');
    expect(afterA).toContain('Running target setup for project a and 2 tasks it depends on');
    expect(afterA).toMatch(/nx run c:setup +\[(local cache|existing outputs match the cache, left as is)\]/);
    expect(afterA).toMatch(/nx run b:setup +\[(local cache|existing outputs match the cache, left as is)\]/);
    const value = run('racket', ['-l', 'racket/base', '-l', 'a', '-e', '(display a-value)'], racketEnv());
    expect(value.output).toBe('AbC');
  });

  it('generates a collection that builds, runs and passes its test', () => {
    const generated = nx('g', '@nx-raco/setup-executor:collection', 'mylib', '--directory=collects/mylib', '--no-interactive');
    expect(generated).toContain('CREATE collects/mylib/info.rkt');
    expect(nx('run', 'mylib:setup', '--output-style=static')).toMatch(/^nx-raco setup: making: \S*\/collects\/mylib$/m);
    expect(run('racket', ['-l', 'mylib'], racketEnv()).output).toBe('Hello, world!\n');
    // The launcher the generator declares (racket-launcher-names), run as a user would: from
    // another directory, without PLTCOLLECTS (testEnv drops it).
    const launcher = join(workspace, 'bin', 'mylib');
    const launched = spawnSync(launcher, [], { cwd: tmpdir(), env: testEnv(), encoding: 'utf8' });
    expect({ code: launched.status, stdout: launched.stdout, stderr: launched.stderr }).toEqual({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
    // The generated manual, built by the target into the collection's doc/ directory.
    const manual = join(workspace, 'collects/mylib/doc/mylib/index.html');
    expect(readFileSync(manual, 'utf8')).toContain('<title>mylib</title>');
    // The launcher and the manual are outputs of the cached target: deleted, they come back from the cache.
    rmSync(launcher);
    rmSync(join(workspace, 'collects/mylib/doc'), { recursive: true });
    expect(nx('run', 'mylib:setup', '--output-style=static')).toContain('for 1 out of 1 tasks');
    expect(spawnSync(launcher, [], { cwd: tmpdir(), env: testEnv(), encoding: 'utf8' }).stdout).toBe('Hello, world!\n');
    expect(existsSync(manual)).toBe(true);
    const test = run('raco', ['test', 'collects/mylib'], racketEnv());
    expect(test.code).toBe(0);
    expect(test.output).toContain('1 test passed');
  });
});
