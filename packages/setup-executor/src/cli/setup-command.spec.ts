import { describe, expect, it } from 'vitest';
import { runSetupCliCommand, SETUP_USAGE } from './setup-command.js';

function capture(): { io: { stdout: (t: string) => void; stderr: (t: string) => void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => (out += t), stderr: (t) => (err += t) }, out: () => out, err: () => err };
}

describe('cli/setup-command', () => {
  it('prints the usage for --help', async () => {
    const c = capture();
    expect(await runSetupCliCommand(['--help'], c.io, { env: {} })).toBe(0);
    expect(c.out()).toBe(`${SETUP_USAGE}\n`);
  });

  it('reports a bad switch, also from PLT_SETUP_OPTIONS, with raco\'s wording', async () => {
    const c = capture();
    expect(await runSetupCliCommand([], c.io, { env: { PLT_SETUP_OPTIONS: '-j' } })).toBe(1);
    expect(c.err()).toBe('nx-raco setup: the "-j" option needs 1 argument, but 0 provided\n');
  });
});
