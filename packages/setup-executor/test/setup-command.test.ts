/**
 * `nx-raco setup` on real Racket, run as the built CLI (`bin/nx-raco.js setup`) in a temp copy
 * of `examples/workspace` (greeting, hello with its `hello` launcher). Scenario: set up
 * everything; set up again (nothing recompiled, launcher unchanged); `-c hello` (hello's
 * compiled files only); `-c` (the transitive pass through `.dep` files); a bad `info.rkt` in greeting (reported with file and line, hello still
 * built, exit 1). NX_RACO_KEEP_TMP=1 keeps the tree. Needs racket 8.7 and the built CLI
 * (`npx tsc -b tsconfig.build.json`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempWorkspace, EXAMPLE_WORKSPACE } from '../src/testing/fixtures/temp-workspace.js';
import { assertBuiltCliIsFresh, hasRacketAndRaco } from './support/tool-runs.js';

const BIN = join(import.meta.dirname, '../bin/nx-raco.js');
const RUN_TIMEOUT_MS = 60_000;

function listCompiled(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const r = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), r);
      else if (/\.(zo|dep)$/.test(entry.name)) out.push(r);
    }
  };
  walk(root, '');
  return out.sort();
}

describe.skipIf(!hasRacketAndRaco())('nx-raco setup (real Racket)', () => {
  const ws = createTempWorkspace({}, { suite: true, copyOf: EXAMPLE_WORKSPACE });
  afterAll(() => ws.dispose());
  const run = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
    const env = { ...process.env };
    delete env['PLT_SETUP_OPTIONS'];
    delete env['PLTCOMPILEDROOTS'];
    const r = spawnSync(process.execPath, [BIN, 'setup', ...args], { cwd: ws.root, env, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
    return { code: r.status, stdout: r.stdout.replaceAll(ws.root, '<root>'), stderr: r.stderr.replaceAll(ws.root, '<root>') };
  };
  const all = [
    'greeting/compiled/info_rkt.dep', 'greeting/compiled/info_rkt.zo', 'greeting/compiled/main_rkt.dep', 'greeting/compiled/main_rkt.zo',
    'hello/compiled/info_rkt.dep', 'hello/compiled/info_rkt.zo', 'hello/compiled/main_rkt.dep', 'hello/compiled/main_rkt.zo',
    'hello/private/compiled/banner_rkt.dep', 'hello/private/compiled/banner_rkt.zo',
    'hello/scribblings/compiled/hello_scrbl.dep', 'hello/scribblings/compiled/hello_scrbl.zo',
  ];

  beforeAll(() => assertBuiltCliIsFresh());

  it('builds both collections and the hello launcher', () => {
    const r = run('-j', '2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^nx-raco setup: --- compiling collections --- +\[\d+:\d\d:\d\d\]$/m);
    expect(r.stdout).toMatch(/^nx-raco setup: --- parallel build using 2 jobs ---/m);
    expect(r.stdout).toContain('nx-raco setup: launcher: bin/hello\n');
    expect(listCompiled(ws.root)).toEqual(all);
    const launcher = readFileSync(ws.path('bin/hello'), 'utf8');
    expect(launcher).toContain(`'-l-' 'hello/main.rkt'  \${1+"$@"}`);
    const hello = spawnSync(ws.path('bin/hello'), [], { encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
    expect(hello.status).toBe(0);
    // hello's manual, and the workspace index linking to it.
    expect(r.stdout).toContain('nx-raco setup: rendering: <root>/hello/scribblings/hello.scrbl\n');
    expect(readFileSync(ws.path('hello/doc/hello/index.html'), 'utf8')).toContain('<title>Hello: an nx-raco example</title>');
    expect(readFileSync(ws.path('doc/index.html'), 'utf8')).toContain('href="../hello/doc/hello/index.html"');
  });

  it('does nothing on a second run', () => {
    const stamps = (): number[] => [...all, 'bin/hello', 'hello/doc/hello/index.html'].map((rel) => statSync(ws.path(rel)).mtimeMs);
    const before = stamps();
    const r = run('-j', '1');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(stamps()).toEqual(before);
    expect(r.stdout).not.toMatch(/summary of errors/);
  });

  it('-c hello deletes hello\'s compiled files only, and nothing else runs', () => {
    const r = run('-c', 'hello');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^nx-raco setup: version: \d+\.\d+\n/);
    expect(r.stdout.replace(/^[^]*?(?=nx-raco setup: ---)/, '').replace(/\[[\d:]+\]/g, '[T]')).toBe(
      [
        'nx-raco setup: --- cleaning collections ---                           [T]',
        'nx-raco setup: deleting: in <root>/hello',
        'nx-raco setup: deleting: in <root>/hello/private',
        'nx-raco setup: deleting: in <root>/hello/scribblings',
        '',
      ].join('\n'),
    );
    expect(listCompiled(ws.root)).toEqual(all.filter((p) => p.startsWith('greeting/')));
    expect(existsSync(ws.path('hello/compiled'))).toBe(true);
    expect(existsSync(ws.path('bin/hello'))).toBe(true);
  });

  it('-c without collections also deletes, through hello\'s .dep files, what greeting\'s clean list spares', () => {
    writeFileSync(ws.path('greeting/info.rkt'), '#lang info\n(define collection "greeting")\n(define clean (list "nothing-here"))\n');
    expect(run('-j', '1').code).toBe(0);
    const r = run('-c');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nx-raco setup: deleting: <root>/greeting/compiled/main_rkt.zo\n');
    expect(listCompiled(ws.root)).toEqual(['greeting/compiled/info_rkt.dep', 'greeting/compiled/info_rkt.zo']);
  });

  it('--mode with a compiler that cannot be loaded: one error with raco\'s text, exit 1, nothing written', () => {
    for (const jobs of ['1', '2']) {
      const r = run('-j', jobs, '-D', '-x', '--mode', 'nosuchmode', 'greeting');
      expect(r.code).toBe(1);
      expect(r.stderr.match(/error loading compiler for mode "nosuchmode": /g), `-j ${jobs}`).toHaveLength(1);
      const modeDir = ws.path('greeting/compiled/nosuchmode');
      expect(existsSync(modeDir) ? readdirSync(modeDir) : []).toEqual([]);
    }
  });

  it('reports a bad info.rkt with file and line, still sets up the other collection, exits 1', () => {
    writeFileSync(ws.path('greeting/info.rkt'), '#lang info\n(define collection "greeting")\n(define x (+ 1 2))\n');
    const r = run('-j', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/--- summary of errors ---/);
    expect(r.stderr).toContain('nx-raco setup: error: during reading info.rkt for <root>/greeting\n');
    expect(r.stderr).toContain('nx-raco setup:   <root>/greeting/info.rkt:3:11: +: unbound identifier');
    expect(listCompiled(ws.root)).toEqual(all);
  });
});

describe.skipIf(!hasRacketAndRaco())('nx-raco setup -A (real raco pack archive)', () => {
  const ws = createTempWorkspace({ 'package.json': '{}\n' }, { suite: true });
  const src = createTempWorkspace({ 'zc/info.rkt': '#lang info\n(define collection "zc")\n', 'zc/main.rkt': '#lang racket/base\n(provide z)\n(define z 5)\n' }, { suite: true });
  afterAll(() => {
    ws.dispose();
    src.dispose();
  });

  it('unpacks the archive into the workspace, then sets up the collection it names', () => {
    const plt = join(src.root, 'zc.plt');
    const pack = spawnSync('raco', ['pack', '--collect', plt, 'zc'], { cwd: src.root, env: { ...process.env, PLTCOLLECTS: `${src.root}:` }, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
    expect(pack.status).toBe(0);
    const env = { ...process.env };
    delete env['PLT_SETUP_OPTIONS'];
    const r = spawnSync(process.execPath, [BIN, 'setup', '-j', '1', '-A', plt], { cwd: ws.root, env, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(ws.path('zc/main.rkt'), 'utf8')).toBe(readFileSync(join(src.root, 'zc/main.rkt'), 'utf8'));
    expect(listCompiled(ws.root)).toEqual(['zc/compiled/info_rkt.dep', 'zc/compiled/info_rkt.zo', 'zc/compiled/main_rkt.dep', 'zc/compiled/main_rkt.zo']);
  });
});
