import { describe, expect, it } from 'vitest';
import { normalizeSetupOptions } from './normalize-options.js';

describe('executors/setup/normalize-options', () => {
  it('fills the defaults and keeps Nx-internal keys out', () => {
    expect(normalizeSetupOptions({ __unparsed__: [] } as object)).toEqual({
      jobs: 1,
      clean: false,
      noDocs: false,
      noLauncher: false,
      noInstall: false,
      noPostInstall: false,
      mode: undefined,
      verbose: false,
    });
  });

  /** Columns: options, expected message fragment. */
  const BAD: readonly (readonly [object, string])[] = [
    [{ jobs: 0 }, 'option `jobs`: Expected a positive integer, got `0` (number)'],
    [{ jobs: '2' }, 'option `jobs`: Expected a positive integer, got `"2"` (string)'],
    [{ clean: 'yes' }, 'option `clean`: Expected a boolean, got `"yes"` (string)'],
    [{ mode: 'a b' }, 'option `mode`: Expected a mode name such as "errortrace", got `"a b"` (string)'],
    [{ noDoc: true }, 'unknown option `noDoc`. Expected one of jobs, mode, clean, noDocs'],
  ];
  it.each(BAD)('rejects %j', (options, message) => {
    expect(() => normalizeSetupOptions(options)).toThrow(message);
  });
});
