import { describe, expect, it } from 'vitest';
import { flattenRacketMessage, InfoFileError } from './info-error.js';

describe('info/info-error', () => {
  // Columns: Racket's message, flattened.
  const FLAT: readonly (readonly [string, string])[] = [
    ['car: contract violation\n  expected: pair?\n  given: 5', 'car: contract violation; expected: pair?; given: 5'],
    ['application: not a procedure;\n expected a procedure that can be applied to arguments\n  given: 1', 'application: not a procedure; expected a procedure that can be applied to arguments; given: 1'],
    ['read: expected a `)` to close `(`', 'read: expected a `)` to close `(`'],
  ];
  it.each(FLAT)('%j', (message, flat) => {
    expect(flattenRacketMessage(message)).toBe(flat);
  });

  it('carries a stable code, the location and one paragraph ending in what to do', () => {
    const error = new InfoFileError({
      kind: 'runtime',
      file: '/x/info.rkt',
      racketMessage: 'car: contract violation\n  expected: pair?\n  given: 5',
      loc: { line: 2, column: 10, position: 22 },
    });
    expect(error).toMatchObject({ name: 'InfoFileError', code: 'RKT_INFO_ERROR', kind: 'runtime', file: '/x/info.rkt', line: 2, column: 10, position: 22 });
    expect(error.message).toBe(
      '/x/info.rkt:2:10: car: contract violation; expected: pair?; given: 5. Fix the expression at that position so that it evaluates without an error.',
    );
    const shape = new InfoFileError({ kind: 'bad-shape', file: 'f', racketMessage: 'get-info: info file does not contain a module of the right shape in f' });
    expect(shape.line).toBeUndefined();
    expect(shape.message).toMatch(/^f: get-info: .* in f\. An info file must be `#lang info`/);
  });
});
