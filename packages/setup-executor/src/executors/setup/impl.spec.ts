/**
 * The setup executor against real Racket, called as Nx calls it: default export, options, and
 * a hand-built ExecutorContext whose projects come from createNodes over a temp copy of
 * examples/workspace (greeting; hello requires greeting).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput, contextFor, exampleCopy, hasRacket } from '../../testing/fixtures/executor-context.js';
import setupExecutor from './impl.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe.skipIf(!hasRacket)('executors/setup/impl', () => {
  it('compiles the project and the workspace collections it requires, then finds nothing to do', async () => {
    const ws = exampleCopy();
    const output = captureOutput();
    expect(await setupExecutor({ verbose: true }, contextFor(ws, 'hello'))).toEqual({ success: true });
    for (const zo of ['hello/compiled/main_rkt.zo', 'hello/private/compiled/banner_rkt.zo', 'greeting/compiled/main_rkt.zo']) {
      expect(existsSync(ws.path(zo)), zo).toBe(true);
    }
    // Reached through PLTCOLLECTS, so recorded relative to the collection: portable across checkouts.
    expect(readFileSync(ws.path('hello/compiled/main_rkt.dep'), 'utf8')).toContain('(collects #"greeting" #"main.rkt")');
    // nx-raco setup's steps, over the project's collections (hello and its subcollection) only.
    expect(output.stdout()).toMatch(/^nx-raco setup: --- compiling collections --- +\[\d+:\d\d:\d\d\]$/m);
    expect(output.stdout()).toContain(`nx-raco setup: making: ${ws.path('hello')}\n`);
    expect(output.stdout()).toContain(`nx-raco setup: making: ${ws.path('hello/private')}\n`);
    expect(output.stdout()).not.toContain(`making: ${ws.path('greeting')}`);
    expect(output.stdout()).toContain(`making ${ws.path('hello/main.rkt')}`);

    const before = statSync(ws.path('hello/compiled/main_rkt.zo')).mtimeMs;
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: true });
    expect(statSync(ws.path('hello/compiled/main_rkt.zo')).mtimeMs).toBe(before);
    expect(output.stderr()).toBe('');
  });

  it('honours compile-omit-paths (greeting omits scratch/)', async () => {
    const ws = exampleCopy({ 'greeting/scratch/broken.rkt': '#lang racket/base\n(this is not bound)\n' });
    captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'greeting'))).toEqual({ success: true });
    expect(existsSync(ws.path('greeting/scratch/compiled'))).toBe(false);
  });

  it("reports a compile error with Racket's message, in raco's summary", async () => {
    const ws = exampleCopy({ 'hello/private/broken.rkt': '#lang racket/base\n(undefined-thing)\n' });
    const output = captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: false });
    expect(output.stderr()).toContain(`nx-raco setup: error: during making for ${ws.path('hello/private')}\n`);
    expect(output.stderr()).toContain('undefined-thing: unbound identifier');
    // As raco: the other files are still compiled.
    expect(existsSync(ws.path('hello/compiled/main_rkt.zo'))).toBe(true);
  });

  it("cleans only the project's collections, as raco setup -c -l does (files, not directories)", async () => {
    const ws = exampleCopy();
    const output = captureOutput();
    await setupExecutor({}, contextFor(ws, 'hello'));
    expect(await setupExecutor({ clean: true }, contextFor(ws, 'hello'))).toEqual({ success: true });
    expect(output.stdout()).toContain(`nx-raco setup: deleting: in ${ws.path('hello')}\n`);
    expect(readdirSync(ws.path('hello/compiled'))).toEqual([]);
    expect(readdirSync(ws.path('hello/private/compiled'))).toEqual([]);
    expect(existsSync(ws.path('greeting/compiled/main_rkt.zo'))).toBe(true);
  });

  it('compiles in errortrace mode into compiled/errortrace/', async () => {
    const ws = exampleCopy();
    const output = captureOutput();
    expect(await setupExecutor({ mode: 'errortrace', noLauncher: true }, contextFor(ws, 'greeting'))).toEqual({ success: true });
    expect(existsSync(ws.path('greeting/compiled/errortrace/main_rkt.zo'))).toBe(true);
    expect(existsSync(ws.path('greeting/compiled/main_rkt.zo'))).toBe(false);
    expect(output.stderr()).toBe('');
  });
});

describe('executors/setup/impl without Racket', () => {
  it('fails with one line when racket is not on PATH', async () => {
    const ws = exampleCopy();
    vi.stubEnv('PATH', ws.path('no-bin'));
    vi.stubEnv('NX_RACO_RACKET', '');
    const output = captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: false });
    expect(output.stderr()).toBe(
      'nx-raco setup: cannot run Racket (`racket`): it is not on PATH. Install Racket 8.x (Debian: apt-get install -y racket) or set NX_RACO_RACKET to the racket executable.\n',
    );
  });

  it('fails with one line when NX_RACO_RACKET names a missing file', async () => {
    const ws = exampleCopy();
    vi.stubEnv('NX_RACO_RACKET', ws.path('nowhere/racket'));
    const output = captureOutput();
    expect(await setupExecutor({}, contextFor(ws, 'hello'))).toEqual({ success: false });
    expect(output.stderr()).toBe(
      `nx-raco setup: cannot run Racket (\`${ws.path('nowhere/racket')}\`): no such file. Install Racket 8.x (Debian: apt-get install -y racket) or set NX_RACO_RACKET to the racket executable.\n`,
    );
  });

  it('rejects bad options and unknown projects', async () => {
    const ws = exampleCopy();
    const output = captureOutput();
    expect(await setupExecutor({ jobs: -1 }, contextFor(ws, 'hello'))).toEqual({ success: false });
    expect(await setupExecutor({}, contextFor(ws, 'nope'))).toEqual({ success: false });
    expect(output.stderr()).toContain('option `jobs`: Expected a positive integer, got `-1` (number)');
    expect(output.stderr()).toContain('no project named `nope`');
  });
});
