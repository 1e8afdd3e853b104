/**
 * The compile-server client with a real Racket server: compile errors come back as data with
 * raco's own text and the server keeps serving; compile-time output and stdin use cannot corrupt
 * the protocol; a dead, killed or silent server rejects promptly instead of hanging.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, run, startServerBuild } from '../testing/fixtures/compile-server-build.js';
import { CompileServerClient } from './compile-server-client.js';
import { PROTOCOL_VERSION } from './protocol.js';
import {
  CompileServerClosedError,
  CompileServerExitedError,
  CompileServerProtocolError,
  CompileServerSpawnError,
  CompileServerTimeoutError,
} from './compile-server-errors.js';

const OK_MODULE = '#lang racket/base\n(provide ok)\n(define ok 1)\n';

/** raco's error text up to its stack trace, which the server leaves out (it cannot match). */
function racoErrorText(root: string, file: string): string {
  const r = run('raco', ['make', file], root);
  expect(r.code).toBe(1);
  return r.stderr.split('\n  context...:\n')[0]!.replace(/\n$/, '');
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('compile-server/compile-server-client', () => {
  // (d) compile errors. Columns: name, source of bad.rkt, whether raco shows a compilation
  // context (phase-1 code runs under a prompt that hides it, in raco as here).
  it.each([
    ['unbound identifier', '#lang racket/base\n(define y (+ 1 undefined-id))\n', true],
    ['read error', '#lang racket/base\n(define (f x)\n', true],
    ['error at phase 1', "#lang racket/base\n(require (for-syntax racket/base))\n(begin-for-syntax (error 'boom \"bad ~a\" 42))\n", false],
    ['non-exception raise', "#lang racket/base\n(require (for-syntax racket/base))\n(begin-for-syntax (raise 'oops))\n", false],
  ])('returns ok:false with raco make’s error text and keeps serving (%s)', async (_name, bad, hasContext) => {
    const root = makeTree({ 'bad.rkt': bad, 'ok.rkt': OK_MODULE });
    const expected = racoErrorText(root, 'bad.rkt');
    const { client } = await startServerBuild(root);

    const result = await client.compile(join(root, 'bad.rkt'), join(root, 'bad.zo'));
    expect(result).toMatchObject({
      ok: false,
      kind: 'compile-error',
      message: expected,
      context: hasContext ? [join(root, 'bad.rkt')] : [],
    });
    expect(await client.compile(join(root, 'ok.rkt'), join(root, 'ok.zo'))).toMatchObject({ ok: true });
  });

  it('fails a dependent with the nested error text raco make prints (compilation context b, a)', async () => {
    const files = {
      'a.rkt': '#lang racket/base\n(require "b.rkt")\n',
      'b.rkt': '#lang racket/base\n(define y (+ 1 undefined-id))\n',
    };
    const root = makeTree(files);
    const expected = racoErrorText(makeTree(files), 'a.rkt');
    const build = await startServerBuild(root);

    const result = await build.buildTopLevel(join(root, 'a.rkt'));
    expect(result).toMatchObject({ ok: false, kind: 'dependency-failed', context: [join(root, 'a.rkt')] });
    expect(result.ok === false && result.message.replaceAll(root, '<root>')).toBe(
      expected.replaceAll(/\/tmp\/nx-raco-cs-\w+/g, '<root>'),
    );
  });

  it('answers a need with failed when onNeed throws', async () => {
    const root = makeTree({ 'a.rkt': '#lang racket/base\n(require "b.rkt")\n', 'b.rkt': OK_MODULE });
    const build = await startServerBuild(root, {
      onNeed: (path) => (path.endsWith('b.rkt') ? Promise.reject(new Error('no b today')) : Promise.resolve(undefined)),
    });
    expect(await build.client.compile(join(root, 'a.rkt'), join(root, 'a.zo'))).toMatchObject({
      ok: false,
      kind: 'dependency-failed',
      message: 'no b today',
    });
  });

  // (e) compile-time output is captured, stdin is not the protocol.
  it('returns compile-time output in the reply without corrupting the protocol', async () => {
    const root = makeTree({
      'loud.rkt': [
        '#lang racket/base',
        '(require (for-syntax racket/base))',
        '(begin-for-syntax',
        '  (displayln "{\\"type\\":\\"bye\\",\\"id\\":1}")',
        '  (printf "read: ~s\\n" (read-line))',
        '  (eprintf "to stderr\\n"))',
        '',
      ].join('\n'),
    });
    const { client } = await startServerBuild(root);
    const result = await client.compile(join(root, 'loud.rkt'), join(root, 'loud.zo'));
    expect(result).toMatchObject({
      ok: true,
      stdout: '{"type":"bye","id":1}\nread: #<eof>\n',
      stderr: 'to stderr\n',
    });
    expect(await client.ping()).toMatchObject({ type: 'pong', protocol: PROTOCOL_VERSION, racketVersion: '8.7' });
  });

  // (f) killed mid-request.
  it('rejects the pending request promptly when the server is killed mid-compile', async () => {
    const root = makeTree({
      'slow.rkt': '#lang racket/base\n(require "dep.rkt" (for-syntax racket/base))\n(begin-for-syntax (sleep 60))\n',
      'dep.rkt': OK_MODULE,
    });
    const needSeen = deferred<void>();
    const { client } = await startServerBuild(root, {
      onNeed: async (path) => {
        if (path.endsWith('dep.rkt')) needSeen.resolve();
        return undefined;
      },
    });
    const pending = client.compile(join(root, 'slow.rkt'), join(root, 'slow.zo'));
    await needSeen.promise;
    const killedAt = Date.now();
    process.kill(client.pid!, 'SIGKILL');
    const error = await pending.catch((e: unknown) => e);
    expect(Date.now() - killedAt).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(CompileServerExitedError);
    expect(error).toMatchObject({ code: 'RKT_SERVER_EXITED', signal: 'SIGKILL' });
    expect(client.state).toBe('dead');
    await expect(client.ping()).rejects.toBeInstanceOf(CompileServerClosedError);
  });

  // (g) (exit 3) at compile time.
  it('reports the server’s exit code when compile-time code exits', async () => {
    const root = makeTree({ 'quit.rkt': '#lang racket/base\n(require (for-syntax racket/base))\n(begin-for-syntax (exit 3))\n' });
    const { client } = await startServerBuild(root);
    const error = await client.compile(join(root, 'quit.rkt'), join(root, 'quit.zo')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileServerExitedError);
    expect(error).toMatchObject({ exitCode: 3, signal: null });
    expect((error as Error).message).toContain('exited with code 3');
  });

  it('kills a server that stays silent longer than silenceTimeoutMs', async () => {
    const root = makeTree({ 'slow.rkt': '#lang racket/base\n(require (for-syntax racket/base))\n(begin-for-syntax (sleep 60))\n' });
    const { client } = await startServerBuild(root, { silenceTimeoutMs: 2_000 });
    const pid = client.pid!;
    await expect(client.compile(join(root, 'slow.rkt'), join(root, 'slow.zo'))).rejects.toBeInstanceOf(
      CompileServerTimeoutError,
    );
    expect(await client.close()).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('does not count time spent in onNeed against silenceTimeoutMs', async () => {
    const root = makeTree({ 'a.rkt': '#lang racket/base\n(require "b.rkt")\n', 'b.rkt': OK_MODULE });
    const build = await startServerBuild(root, {
      silenceTimeoutMs: 2_000,
      onNeed: async (path) => {
        if (path.endsWith('b.rkt')) await new Promise((r) => setTimeout(r, 3_000));
        return undefined;
      },
    });
    expect(await build.buildTopLevel(join(root, 'a.rkt'))).toMatchObject({ ok: true });
  });

  it('holds a need answer until the requests nested under it are answered', async () => {
    const root = makeTree({
      'a.rkt': '#lang racket/base\n(require "b.rkt")\n',
      'b.rkt': '#lang racket/base\n(require "c.rkt")\n',
      'c.rkt': OK_MODULE,
    });
    let nested: Promise<unknown> | undefined;
    const build = await startServerBuild(root, {
      onNeed: async (path) => {
        if (!path.endsWith('b.rkt')) return undefined;
        // Fire and forget: answer "ready" before the nested compile (which needs c) is done.
        nested = build.client.compile(path, join(root, 'b.zo'));
        return 'ready';
      },
    });
    expect(await build.client.compile(join(root, 'a.rkt'), join(root, 'a.zo'))).toMatchObject({ ok: true });
    expect(await nested).toMatchObject({ ok: true, path: join(root, 'b.rkt') });
  });

  it('never nests an unrelated top-level request inside another compilation', async () => {
    const root = makeTree({
      'a.rkt': '#lang racket/base\n(require "b.rkt")\n',
      'b.rkt': OK_MODULE,
      'c.rkt': '#lang racket/base\n(define y (+ 1 undefined-id))\n',
    });
    const build = await startServerBuild(root, {
      onNeed: async (path) => {
        // Keep the need for b outstanding while c's request is issued.
        if (path.endsWith('b.rkt')) await new Promise((r) => setTimeout(r, 300));
        return undefined;
      },
    });
    const [a, c] = await Promise.all([
      build.client.compile(join(root, 'a.rkt'), join(root, 'a.zo')),
      build.client.compile(join(root, 'c.rkt'), join(root, 'c.zo')),
    ]);
    expect(a).toMatchObject({ ok: true });
    // Nested inside a's compilation, c's compilation context would also list a.rkt.
    expect(c).toMatchObject({ ok: false, context: [join(root, 'c.rkt')] });
  });

  it('keeps one namespace until reset, and rejects reset while a need is outstanding', async () => {
    const root = makeTree({ 'a.rkt': '#lang racket/base\n(require "b.rkt")\n', 'b.rkt': OK_MODULE });
    let resetError: unknown;
    const build = await startServerBuild(root, {
      onNeed: async (path) => {
        if (path.endsWith('b.rkt')) resetError = await build.client.reset().catch((e: unknown) => e);
        return undefined;
      },
    });
    const b = join(root, 'b.rkt');
    expect(await build.buildTopLevel(join(root, 'a.rkt'))).toMatchObject({ ok: true });
    expect(resetError).toBeInstanceOf(CompileServerProtocolError);
    // One namespace per run: b stays declared, so compiling a again does not ask for it...
    expect(await build.client.compile(join(root, 'a.rkt'), join(root, 'a2.zo'))).toMatchObject({ ok: true });
    expect(build.needed.filter((p) => p === b)).toHaveLength(1);
    // ...until a reset starts a fresh namespace.
    await build.client.reset();
    expect(await build.client.compile(join(root, 'a.rkt'), join(root, 'a3.zo'))).toMatchObject({ ok: true });
    expect(build.needed.filter((p) => p === b)).toHaveLength(2);
  });

  it('rejects with a spawn error when racket cannot be started', async () => {
    const client = new CompileServerClient({ racket: '/nonexistent/racket' });
    await expect(client.ping()).rejects.toMatchObject({ code: 'RKT_SERVER_SPAWN' });
    await expect(client.ping()).rejects.toBeInstanceOf(CompileServerClosedError);
    expect(client.state).toBe('dead');
    expect(CompileServerSpawnError.name).toBe('CompileServerSpawnError');
  });

  it('closes gracefully, idempotently, and refuses work afterwards', async () => {
    const never = new CompileServerClient();
    expect(await never.close()).toEqual({ exitCode: null, signal: null });

    const client = new CompileServerClient();
    await client.ping();
    expect(await client.close()).toEqual({ exitCode: 0, signal: null });
    expect(await client.close()).toEqual({ exitCode: 0, signal: null });
    expect(client.state).toBe('closed');
    await expect(client.ping()).rejects.toBeInstanceOf(CompileServerClosedError);
  });
});
