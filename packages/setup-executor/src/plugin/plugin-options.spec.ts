import { describe, expect, it } from 'vitest';
import { normalizePluginOptions } from './plugin-options.js';

describe('plugin/plugin-options', () => {
  it('fills the defaults', () => {
    expect(normalizePluginOptions(undefined)).toEqual({ setupTargetName: 'setup', cleanTargetName: 'clean' });
    expect(normalizePluginOptions({ setupTargetName: 'build' })).toEqual({ setupTargetName: 'build', cleanTargetName: 'clean' });
  });

  /** Columns: options, expected message fragment. */
  const BAD: readonly (readonly [unknown, string])[] = [
    [[], 'Expected an object, got `[]` (object)'],
    [{ setupTarget: 'x' }, 'unknown option `setupTarget`. Expected one of setupTargetName, cleanTargetName'],
    [{ setupTargetName: 3 }, '`setupTargetName`: Expected a target name (letters, digits, _ . : -), got `3` (number)'],
    [{ setupTargetName: 'x', cleanTargetName: 'x' }, 'Expected different names for setupTargetName and cleanTargetName'],
  ];
  it.each(BAD)('rejects %j', (options, message) => {
    expect(() => normalizePluginOptions(options)).toThrow(message);
  });
});
