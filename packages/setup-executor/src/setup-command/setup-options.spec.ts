import { describe, expect, it } from 'vitest';
import { parseSetupArgs, splitShellWords } from './setup-options.js';

describe('setup-command/setup-options', () => {
  // args | env PLT_SETUP_OPTIONS | expected subset of the parsed options
  const table: [readonly string[], string | undefined, Record<string, unknown>][] = [
    [[], undefined, { collections: [], clean: false, jobs: undefined, noZo: false, noLauncher: false }],
    [['hello', 'greeting'], undefined, { collections: ['hello', 'greeting'] }],
    [['-l', 'hello', 'greeting', '-v'], undefined, { collections: ['hello', 'greeting'], verbose: true }],
    [['-c'], undefined, { clean: true, noZo: true, noLauncher: true, noInstall: true, noPostInstall: true, noDocs: true }],
    [['--clean', 'hello'], undefined, { clean: true, collections: ['hello'] }],
    [['-j', '3'], undefined, { jobs: 3 }],
    [['--jobs', '2'], undefined, { jobs: 2 }],
    [['--workers', '4'], undefined, { jobs: 4 }],
    [['-nxiID'], undefined, { noZo: true, noLauncher: true, noInstall: true, noPostInstall: true, noDocs: true }],
    [['--no-zo', '--no-launcher', '--no-install', '--no-post-install', '--no-docs'], undefined, { noZo: true, noLauncher: true, noInstall: true, noPostInstall: true, noDocs: true }],
    [['--mode', 'errortrace', '--trust-zos'], undefined, { mode: 'errortrace', trustZos: true }],
    [['--mode', 'my-lang/debug'], undefined, { mode: 'my-lang/debug' }],
    [['-A', 'a.plt', 'b.plt', '-x'], undefined, { archives: ['a.plt', 'b.plt'], noLauncher: true }],
    [['-d', '--avoid-main'], undefined, { ignored: ['-d', '--avoid-main'] }],
    [['--', '-odd'], undefined, { collections: ['-odd'] }],
    [[], '-j 1', { jobs: 1 }],
    [['-j', '2'], '-j 1', { jobs: 2 }],
    [['hello'], `-D "-v"`, { noDocs: true, verbose: true, collections: ['hello'] }],
  ];
  it.each(table)('parses %j with PLT_SETUP_OPTIONS=%j', (args, extra, expected) => {
    const env = extra === undefined ? {} : { PLT_SETUP_OPTIONS: extra };
    expect(parseSetupArgs(args, env)).toMatchObject(expected);
  });

  it('answers help for -h and --help', () => {
    expect(parseSetupArgs(['-h'])).toBe('help');
    expect(parseSetupArgs(['--help'])).toBe('help');
  });

  // args | env | raco's error text (with this tool's name)
  const errors: [readonly string[], string | undefined, string | RegExp][] = [
    [['--bogus'], undefined, 'nx-raco setup: unknown switch: --bogus'],
    [['-j'], undefined, 'nx-raco setup: the "-j" option needs 1 argument, but 0 provided'],
    [['--mode'], undefined, 'nx-raco setup: the "--mode" option needs 1 argument, but 0 provided'],
    [['-j', 'x'], undefined, /Expected a positive integer for -j, got `x`/],
    [['--mode', '../x'], undefined, /--mode: Expected a collection name such as "errortrace" .*, got `\.\.\/x` \(string\)/],
    [['--mode', '/abs'], undefined, /--mode: Expected a collection name/],
    [[], '--nope', 'nx-raco setup: unknown switch: --nope'],
    [[], '"-j', /unterminated " quote/],
  ];
  it.each(errors)('refuses %j (PLT_SETUP_OPTIONS=%j)', (args, extra, message) => {
    const env = extra === undefined ? {} : { PLT_SETUP_OPTIONS: extra };
    expect(() => parseSetupArgs(args, env)).toThrow(message);
  });

  it('splits a shell command line', () => {
    expect(splitShellWords(`  -j 1  -l 'a b' "c\\"d" e\\ f `)).toEqual(['-j', '1', '-l', 'a b', 'c"d', 'e f']);
    expect(splitShellWords('')).toEqual([]);
  });
});
