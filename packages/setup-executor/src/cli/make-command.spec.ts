/**
 * `nx-raco make`: the argument parser in-process, then the real bin run with `process.execPath`
 * on tiny temp trees (STYLE #37), compared with raco make where raco's behaviour is the spec.
 *
 * Needs the built packages (`npm run build`, which CI runs before the tests); the first test says
 * so if `dist` is missing or older than the sources. Fixture modules are `'#%kernel` modules, so
 * Racket compiles them in milliseconds and no collection dependency (or Debian split-root quirk)
 * is involved.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { MAKE_USAGE, parseMakeArgs, UsageError, type MakeOptions } from './make-command.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(REPO, 'packages/setup-executor/bin/nx-raco.js');

interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment for both tools: no variable that changes Racket's settings. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PLT_ZO_PATH', 'PLTCOMPILEDROOTS', 'PLT_COMPILED_FILE_CHECK', 'PLT_COMPILE_ANY', 'PLTCOLLECTS', 'PLTSTDERR']) delete env[name];
  return { ...env, ...extra };
}

function nxRaco(cwd: string, args: readonly string[], env: Record<string, string> = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, 'make', ...args], { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function raco(cwd: string, args: readonly string[], env: Record<string, string> = {}): RunResult {
  const r = spawnSync('raco', ['make', ...args], { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** `result` with the temp root replaced by `<root>`. */
function scrub(result: RunResult, root: string): RunResult {
  const s = (text: string): string => text.replaceAll(root, '<root>');
  return { ...result, stdout: s(result.stdout), stderr: s(result.stderr) };
}

/**
 * The temp "workspace" every bin test's tree lives in. It has a `node_modules`, so the bin keeps
 * its Racket probe cache there (probing once for all tests) rather than in this repository.
 */
let workspace: string | undefined;

/** A temp tree from an object literal, removed when the test ends (kept with NX_RACO_KEEP_TMP). */
function useTree(files: Record<string, string>): { root: string; path: (rel: string) => string } {
  if (workspace === undefined) throw new Error('[setup-executor test] useTree is only for the bin tests');
  const root = mkdtempSync(join(workspace, 'tree-'));
  onTestFinished(() => {
    if (process.env['NX_RACO_KEEP_TMP'] === undefined) rmSync(root, { recursive: true, force: true });
  });
  const path = (rel: string): string => {
    const p = resolve(root, rel);
    if (p !== root && !p.startsWith(`${root}${sep}`)) throw new Error(`[setup-executor test] path escapes the temp root: ${rel}`);
    return p;
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(path(rel)), { recursive: true });
    writeFileSync(path(rel), text);
  }
  return { root, path };
}

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];
}

const KERNEL = {
  'a.rkt': `(module a '#%kernel (#%require "b.rkt"))\n`,
  'b.rkt': `(module b '#%kernel (display ""))\n`,
};

/** Newest mtime of the non-spec sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!rel.endsWith('.ts') || /\.(spec|test)\.ts$/.test(rel) || rel.startsWith('testing')) continue;
    newest = Math.max(newest, statSync(join(dir, rel)).mtimeMs);
  }
  return newest;
}

describe('setup-executor/cli/make-command', () => {
  describe('parseMakeArgs', () => {
    const defaults: MakeOptions = {
      files: [],
      collectionPaths: [],
      jobs: 1,
      noDeps: false,
      prefixes: [],
      noPrim: false,
      verbose: false,
      veryVerbose: false,
      events: undefined,
      trace: undefined,
    };

    // arguments | parsed options (beyond the defaults)
    it.each([
      [['a.rkt'], { files: ['a.rkt'] }],
      [['-v', 'a.rkt', 'b.rkt'], { files: ['a.rkt', 'b.rkt'], verbose: true }],
      [['--vv', 'a.rkt'], { files: ['a.rkt'], verbose: true, veryVerbose: true }],
      [['-l', 'racket/base', '-l', 'mycoll'], { collectionPaths: ['racket/base', 'mycoll'] }],
      [['-j', '4', 'a.rkt'], { files: ['a.rkt'], jobs: 4 }],
      [['--no-deps', '-p', 'pre.rkt', '--prefix', 'pre2.rkt', '--no-prim', 'x.rkt'], { files: ['x.rkt'], noDeps: true, prefixes: ['pre.rkt', 'pre2.rkt'], noPrim: true }],
      [['--events', '-', 'a.rkt'], { files: ['a.rkt'], events: '-' }],
      [['--events', 'ev.jsonl', 'a.rkt'], { files: ['a.rkt'], events: 'ev.jsonl' }],
      [['-j', '2', '--trace', 'build.json', 'a.rkt'], { files: ['a.rkt'], jobs: 2, trace: 'build.json' }],
      [['--', '-v', '--weird.rkt'], { files: ['-v', '--weird.rkt'] }],
      [['-'], { files: ['-'] }],
    ] as const)('%j', (args, expected) => {
      expect(parseMakeArgs(args)).toEqual({ ...defaults, ...expected });
    });

    it.each([['-h'], ['--help'], ['a.rkt', '--help']])('%j asks for help', (...args) => {
      expect(parseMakeArgs(args)).toBe('help');
    });

    // arguments | UsageError message (raco's wording, with our program name)
    it.each([
      [[], 'nx-raco make: expects at least one file or module path'],
      [['-v'], 'nx-raco make: expects at least one file or module path'],
      [['--foo', 'a.rkt'], 'nx-raco make: unknown switch: --foo'],
      [['-x'], 'nx-raco make: unknown switch: -x'],
      [['-j', 'x', 'a.rkt'], 'nx-raco make: bad count for -j: "x"'],
      [['-j', '0', 'a.rkt'], 'nx-raco make: bad count for -j: "0"'],
      [['--disable-inline', 'a.rkt'], 'nx-raco make: --disable-inline is not supported yet; use `raco make --disable-inline` for such builds'],
    ] as const)('%j is a usage error', (args, message) => {
      expect(() => parseMakeArgs(args)).toThrow(new UsageError(message));
    });

    it('words a missing switch argument as raco does', () => {
      expect(() => parseMakeArgs(['-j'])).toThrow('nx-raco make: the "-j" option needs 1 argument, but 0 provided');
    });

    it('words a repeated once-only switch as raco does', () => {
      expect(() => parseMakeArgs(['-j', '2', '-j', '3', 'a.rkt'])).toThrow('nx-raco make: the -j option can only be specified once');
    });

    it('accepts combined single-letter switches as raco does', () => {
      expect(parseMakeArgs(['-vj', '2', 'a.rkt'])).toEqual({ ...defaults, files: ['a.rkt'], verbose: true, jobs: 2 });
    });
  });

  describe('the nx-raco bin', () => {
    beforeAll(() => {
      const built = join(REPO, 'packages/setup-executor/dist/cli/make-command.js');
      const stale = ['packages/cm-core', 'packages/setup-executor'].some(
        (pkg) => !existsSync(built) || newestSource(join(REPO, pkg, 'src')) > statSync(join(REPO, pkg, 'dist/.tsbuildinfo')).mtimeMs,
      );
      if (stale) throw new Error('[setup-executor test] dist is missing or older than src: run `npm run build` first.');
      workspace = realpathSync(mkdtempSync(join(tmpdir(), 'nx-raco-cli-make-')));
      mkdirSync(join(workspace, 'node_modules'));
    });

    afterAll(() => {
      if (workspace !== undefined && process.env['NX_RACO_KEEP_TMP'] === undefined) rmSync(workspace, { recursive: true, force: true });
      workspace = undefined;
    });

    it('--help prints the usage and exits 0', () => {
      const r = nxRaco(workspace!, ['--help']);
      expect(r).toEqual({ code: 0, signal: null, stdout: `${MAKE_USAGE}\n`, stderr: '' });
    });

    it('a usage error goes to stderr with exit 1, as raco', () => {
      const tree = useTree({});
      expect(nxRaco(tree.root, [])).toEqual({ code: 1, signal: null, stdout: '', stderr: 'nx-raco make: expects at least one file or module path\n' });
      expect(raco(tree.root, []).stderr).toBe('raco make: expects at least one file or module path\n');
    });

    it('keeps the Racket probe cache in the workspace\'s node_modules', () => {
      const tree = useTree(KERNEL);
      expect(nxRaco(tree.root, ['b.rkt']).code).toBe(0);
      expect(existsSync(join(workspace!, 'node_modules/.cache/nx-raco/racket-probe.json'))).toBe(true);
    });

    it('-v prints what raco make -v prints, on a fresh tree and on the no-change rerun', () => {
      const ours = useTree(KERNEL);
      const theirs = useTree(KERNEL);
      const fresh = scrub(nxRaco(ours.root, ['-v', 'a.rkt']), ours.root);
      expect(fresh).toEqual({
        code: 0,
        signal: null,
        stdout: ['"a.rkt":', '  making #<path:<root>/a.rkt>', '  making #<path:<root>/b.rkt>', ' [output to "compiled/a_rkt.zo"]', ''].join('\n'),
        stderr: '',
      });
      expect(fresh).toEqual(scrub(raco(theirs.root, ['-v', 'a.rkt']), theirs.root));
      expect(files(ours.path('compiled'))).toEqual(['a_rkt.dep', 'a_rkt.zo', 'b_rkt.dep', 'b_rkt.zo']);
      // What we wrote is what raco writes.
      expect(readFileSync(ours.path('compiled/b_rkt.dep'), 'utf8')).toBe(readFileSync(theirs.path('compiled/b_rkt.dep'), 'utf8'));

      const again = scrub(nxRaco(ours.root, ['-v', 'a.rkt']), ours.root);
      expect(again).toEqual({ code: 0, signal: null, stdout: '"a.rkt":\n [already up-to-date at "compiled/a_rkt.zo"]\n', stderr: '' });
      expect(again).toEqual(scrub(raco(theirs.root, ['-v', 'a.rkt']), theirs.root));
      // raco agrees that our output is up to date.
      expect(raco(ours.root, ['-v', 'a.rkt']).stdout).toBe('"a.rkt":\n [already up-to-date at "compiled/a_rkt.zo"]\n');
    });

    it('--events - writes one JSON object per compile event to stdout', () => {
      const tree = useTree(KERNEL);
      const r = nxRaco(tree.root, ['--events', '-', 'a.rkt']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const events = r.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const e of events) {
        expect(Object.keys(e).sort()).toEqual(['path', 'reason', 'timestamp', 'type', 'worker']);
        expect(e).toMatchObject({ worker: null, timestamp: expect.any(Number) });
      }
      // b is compiled while a is being compiled (the server's need for b).
      expect(events.map((e) => `${String(e['type'])} ${relative(tree.root, String(e['path']))} ${String(e['reason'])}`)).toEqual([
        'start-compile a.rkt old-version/no-source-hash',
        'start-compile b.rkt old-version/no-source-hash',
        'finish-compile b.rkt old-version/no-source-hash',
        'finish-compile a.rkt old-version/no-source-hash',
      ]);
      expect(nxRaco(tree.root, ['--events', '-', 'a.rkt'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    });

    it('--events FILE writes the events to the file, nothing to stdout', () => {
      const tree = useTree(KERNEL);
      const r = nxRaco(tree.root, ['--events', 'events.jsonl', 'a.rkt']);
      expect(r).toEqual({ code: 0, signal: null, stdout: '', stderr: '' });
      const lines = readFileSync(tree.path('events.jsonl'), 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['start-compile', 'start-compile', 'finish-compile', 'finish-compile']);
    });

    it('--events to a place it cannot write is a one-line error', () => {
      const tree = useTree(KERNEL);
      const r = nxRaco(tree.root, ['--events', 'no/such/dir/ev.jsonl', 'a.rkt']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^nx-raco make: cannot open the events file no\/such\/dir\/ev\.jsonl: ENOENT.*Pass a writable path or - for stdout\.\n$/);
    });

    it('a compile error exits 1 with Racket\'s message and compilation context, without a stack trace', () => {
      const fixture = {
        'top.rkt': `(module top '#%kernel (#%require "bad.rkt"))\n`,
        'bad.rkt': `(module bad '#%kernel\n  (define-values (y) undefined-id))\n`,
      };
      const ours = useTree(fixture);
      const theirs = useTree(fixture);
      const r = scrub(nxRaco(ours.root, ['top.rkt']), ours.root);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        [
          'bad.rkt:2:21: undefined-id: unbound identifier',
          '  in: undefined-id',
          '  compilation context...:',
          '   <root>/bad.rkt',
          '   <root>/top.rkt',
          '  location...:',
          '   bad.rkt:2:21',
          '',
        ].join('\n'),
      );
      // raco prints the same, then its own stack trace ("  context...:").
      const racoStderr = scrub(raco(theirs.root, ['top.rkt']), theirs.root).stderr;
      expect(racoStderr.slice(0, racoStderr.indexOf('  context...:\n'))).toBe(r.stderr);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });

    it('a missing file exits 1 with raco\'s message', () => {
      const tree = useTree({});
      expect(nxRaco(tree.root, ['x.rkt'])).toEqual({ code: 1, signal: null, stdout: '', stderr: 'nx-raco make: file does not exist: x.rkt\n' });
    });

    it('-l compiles a collection-based module path (PLTCOLLECTS=<tmp>:)', () => {
      const tree = useTree({
        'colls/mycoll/main.rkt': `(module main '#%kernel (#%require "lib.rkt"))\n`,
        'colls/mycoll/lib.rkt': `(module lib '#%kernel)\n`,
        'work/.keep': '',
      });
      const env = { PLTCOLLECTS: `${tree.path('colls')}:` };
      const r = scrub(nxRaco(tree.path('work'), ['-v', '-l', 'mycoll'], env), tree.root);
      expect(r).toEqual({
        code: 0,
        signal: null,
        stdout: [
          '"<root>/colls/mycoll/main.rkt":',
          '  making #<path:<root>/colls/mycoll/main.rkt>',
          '  making #<path:<root>/colls/mycoll/lib.rkt>',
          ' [output to "<root>/colls/mycoll/compiled/main_rkt.zo"]',
          '',
        ].join('\n'),
        stderr: '',
      });
      expect(files(tree.path('colls/mycoll/compiled'))).toEqual(['lib_rkt.dep', 'lib_rkt.zo', 'main_rkt.dep', 'main_rkt.zo']);
      expect(nxRaco(tree.path('work'), ['-l', 'mycoll/lib'], env)).toEqual({ code: 0, signal: null, stdout: '', stderr: '' });
      expect(raco(tree.path('work'), ['-v', '-l', 'mycoll'], env).stdout).toContain('[already up-to-date at');
    });

    it('compiles several -l paths in raco\'s (reverse) order', () => {
      const tree = useTree({ 'colls/c1/main.rkt': `(module main '#%kernel)\n`, 'colls/c2/main.rkt': `(module main '#%kernel)\n` });
      const r = scrub(nxRaco(tree.root, ['-v', '-l', 'c1', '-l', 'c2'], { PLTCOLLECTS: `${tree.path('colls')}:` }), tree.root);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('"'))).toEqual(['"<root>/colls/c2/main.rkt":', '"<root>/colls/c1/main.rkt":']);
    });

    it('--no-deps compiles only the file given: a .zo, no .dep, dependencies untouched (as raco)', () => {
      const ours = useTree(KERNEL);
      const theirs = useTree(KERNEL);
      expect(nxRaco(ours.root, ['--no-deps', 'a.rkt'])).toEqual({ code: 0, signal: null, stdout: '', stderr: '' });
      expect(raco(theirs.root, ['--no-deps', 'a.rkt'])).toEqual({ code: 0, signal: null, stdout: '', stderr: '' });
      expect(files(ours.path('compiled'))).toEqual(['a_rkt.zo']);
      expect(files(theirs.path('compiled'))).toEqual(['a_rkt.zo']);
    });

    it('--no-deps -v prints the output path as raco does', () => {
      const tree = useTree(KERNEL);
      expect(nxRaco(tree.root, ['-v', '--no-deps', 'a.rkt']).stdout).toBe(' [output to "./compiled/a_rkt.zo"]\n');
    });

    it('(exit 3) in compile-time code exits with status 3 and a message naming the module', () => {
      const tree = useTree({ 'ex.rkt': `(module ex '#%kernel (#%require (for-syntax '#%kernel)) (begin-for-syntax (exit 3)))\n` });
      const r = nxRaco(tree.root, ['ex.rkt']);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`Racket exited while compiling ${tree.path('ex.rkt')} (status 3)`);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(raco(tree.root, ['ex.rkt']).code).toBe(3);
    });

    it('a write failure exits 1 with a one-paragraph message, not a stack trace', () => {
      const tree = useTree({ 'a.rkt': `(module a '#%kernel)\n`, 'compiled/a_rkt.dep/.keep': '' });
      const r = nxRaco(tree.root, ['a.rkt']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(tree.path('compiled/a_rkt.dep'));
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  });
});
