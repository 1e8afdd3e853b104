import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from './errors.js';
import { normalizeOptions } from './normalize-options.js';

describe('parallel-build/normalize-options', () => {
  it('fills every default', () => {
    const o = normalizeOptions('f', ['a.rkt']);
    expect(o).toMatchObject({ workerCount: availableParallelism(), cwd: process.cwd(), racket: 'racket', traceFile: undefined, veryVerbose: false, crossProcessLocks: true });
    expect(o.handler(0, 'done', 'a.rkt', '', '', '')).toBeUndefined();
    expect(Object.values(o.env).every((v) => typeof v === 'string')).toBe(true);
  });

  it('keeps only string environment values', () => {
    expect(normalizeOptions('f', [], { env: { A: '1', B: undefined } }).env).toEqual({ A: '1' });
  });

  // arguments | message
  const bad: readonly [unknown, object, RegExp][] = [
    ['a.rkt', {}, /^f: expected a list of file paths, got `a\.rkt` \(string\)$/],
    [[''], {}, /expected a list of file paths/],
    [[], { workerCount: 1.5 }, /^f: expected `workerCount` to be a positive integer, got `1\.5` \(number\)$/],
    [[], { workerCount: 0 }, /positive integer, got `0`/],
    [[], { cwd: '' }, /^f: expected `cwd` to be a non-empty string/],
    [[], { handler: 'x' }, /^f: expected `handler` to be a function, got `x` \(string\)$/],
    [[], { jobs: 2 }, /^f: unknown option `jobs`\. Expected one of workerCount, handler,/],
  ];
  it.each(bad)('refuses %j %j', (files, options, message) => {
    expect(() => normalizeOptions('f', files, options as never)).toThrow(InvalidOptionError);
    expect(() => normalizeOptions('f', files, options as never)).toThrow(message);
  });
});
