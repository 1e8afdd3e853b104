import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { runSetupCommand, type UnpackArchive } from './run-setup-command.js';
import { parseSetupArgs, type SetupCommandOptions } from './setup-options.js';

// `-n -x` keep Racket out: these cover the archive hook, selection errors and the summary.
const NO_RACKET = { NX_RACO_RACKET: '/nonexistent/racket' };

function capture(): { io: { stdout: (t: string) => void; stderr: (t: string) => void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => (out += t), stderr: (t) => (err += t) }, out: () => out, err: () => err };
}

function parse(args: string[]): SetupCommandOptions {
  const parsed = parseSetupArgs(args);
  if (parsed === 'help') throw new Error('unexpected help');
  return parsed;
}

describe('setup-command/run-setup-command', () => {
  const now = (): Date => new Date(2026, 0, 1, 9, 0, 0);

  it('-A without an unpacker says "not supported yet" and exits 1', async () => {
    const ws = createTempWorkspace({ 'a/info.rkt': '#lang info\n' });
    const c = capture();
    expect(await runSetupCommand(parse(['-A', 'x.plt']), { workspaceRoot: ws.root, env: NO_RACKET, now }, c.io)).toBe(1);
    expect(c.err()).toContain('nx-raco setup: error: during unpacking for x.plt\nnx-raco setup:   unpacking .plt archives is not supported yet');
  });

  it('-A sets up the collections the injected unpacker names', async () => {
    const ws = createTempWorkspace({ 'a/info.rkt': '#lang info\n', 'b/info.rkt': '#lang info\n' });
    const seen: string[] = [];
    const unpackArchive: UnpackArchive = async (archive, { workspaceRoot }) => {
      seen.push(`${archive} ${workspaceRoot === ws.root}`);
      return { collections: [['b']] };
    };
    const c = capture();
    expect(await runSetupCommand(parse(['-c', '-A', 'x.plt']), { workspaceRoot: ws.root, env: NO_RACKET, now, unpackArchive }, c.io)).toBe(0);
    expect(seen).toEqual(['x.plt true']);
  });

  it('refuses unknown collections before doing anything', async () => {
    const ws = createTempWorkspace({ 'a/info.rkt': '#lang info\n' });
    const c = capture();
    expect(await runSetupCommand(parse(['-n', '-x', 'nope']), { workspaceRoot: ws.root, env: NO_RACKET, now }, c.io)).toBe(1);
    expect(c.err()).toBe("nx-raco setup: collection not found: nope; the workspace's collections are: a.\n");
  });

  it('collects a bad info.rkt and a refused clean, sets up the rest, and summarises both', async () => {
    const ws = createTempWorkspace({
      'a/info.rkt': '#lang info\n(define clean (list "../b"))\n',
      'b/info.rkt': '#lang info\n(define x (+ 1 2))\n',
      'c/info.rkt': '#lang info\n',
      'c/compiled/main_rkt.zo': '',
    });
    const c = capture();
    expect(await runSetupCommand(parse(['-c']), { workspaceRoot: ws.root, env: NO_RACKET, now }, c.io)).toBe(1);
    expect(c.out()).toContain(`nx-raco setup: deleting: in ${ws.path('c')}\n`);
    expect(c.out()).toContain('nx-raco setup: --- summary of errors ---                              [9:00:00]\n');
    expect(c.err()).toContain(`nx-raco setup: error: during reading info.rkt for ${ws.path('b')}\nnx-raco setup:   ${ws.path('b/info.rkt')}:2:11: +: unbound identifier`);
    expect(c.err()).toContain(`nx-raco setup: error: during cleaning for ${ws.path('a')}\nnx-raco setup:   a: clean entry "../b" leaves the collection`);
  });
});
