import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runEnvCommand } from './env-command.js';

function capture(): { out: string[]; err: string[]; output: { stdout(t: string): void; stderr(t: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
}

describe('setup-executor/cli/env-command', () => {
  it('prints PLTCOLLECTS with the workspace collections and a trailing colon', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'nx-raco-env-')));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'libs', 'mylib'), { recursive: true });
    writeFileSync(join(root, 'libs', 'mylib', 'info.rkt'), '#lang info\n(define collection "mylib")\n');
    const c = capture();
    expect(runEnvCommand([root], c.output)).toBe(0);
    expect(c.out.join('')).toMatch(new RegExp(`^export PLTCOLLECTS='${join(root, 'libs')}:.*'\\n$`));
  });

  it('refuses a path that is not a directory, saying what to pass', () => {
    const c = capture();
    expect(runEnvCommand(['/nonexistent/ws'], c.output)).toBe(1);
    expect(c.err.join('')).toBe('nx-raco env: /nonexistent/ws is not a directory. Pass the workspace root (the directory with nx.json).\n');
  });
});
