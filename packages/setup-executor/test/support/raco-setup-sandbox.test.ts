/**
 * The raco setup sandbox's guards: only `… -l <collection>…` reaches raco, and commands run as
 * `nobody` with exactly the sandbox environment.
 */
import { describe, expect, it } from 'vitest';
import { checkRacoSetupArgs, sandboxArgv } from './raco-setup-sandbox.js';

describe('setup-executor/test/support/raco-setup-sandbox', () => {
  it.each([
    // args | why they pass
    [['-l', 'alpha'], 'one collection'],
    [['-j', '1', '-l', 'alpha', 'beta'], 'jobs, then collections'],
    [['-c', '-l', 'alpha', 'alpha/sub'], 'clean, a subcollection'],
    [['--fast-clean', '-l', 'alpha'], 'clean without bootstrapping'],
    [['-j', '2', '-D', '-x', '-l', 'a_b-c'], 'several known flags'],
  ])('passes %j (%s)', (args) => {
    expect(() => checkRacoSetupArgs(args)).not.toThrow();
  });

  it.each([
    // args | why they are refused
    [[], 'nothing: raco would set up everything'],
    [['-j', '1'], 'no -l'],
    [['-l'], '-l without a collection'],
    [['alpha'], 'a positional collection instead of -l'],
    [['--bogus', '-l', 'alpha'], 'an unknown flag'],
    [['-A', 'x.plt', '-l', 'alpha'], 'a flag outside the allow-list'],
    [['-j', '-l', 'alpha'], '-j without its number'],
    [['-l', 'alpha', '-c'], 'a flag after -l'],
    [['-l', '../x'], 'a path that climbs'],
    [['-l', '/abs'], 'an absolute path'],
  ])('refuses %j (%s)', (args) => {
    expect(() => checkRacoSetupArgs(args)).toThrow(/Expected raco setup arguments ending in `-l <collection>…`/);
  });

  it('runs as nobody with only the given environment when asked to', () => {
    expect(sandboxArgv('raco', ['setup', '-l', 'a'], { PATH: '/usr/bin', PLTADDONDIR: '/t/addon' }, true)).toEqual([
      'runuser', '-u', 'nobody', '--', 'env', '-i', 'PATH=/usr/bin', 'PLTADDONDIR=/t/addon', 'raco', 'setup', '-l', 'a',
    ]);
    expect(sandboxArgv('raco', ['link'], { HOME: '/t/home' }, false)).toEqual(['env', '-i', 'HOME=/t/home', 'raco', 'link']);
  });
});
