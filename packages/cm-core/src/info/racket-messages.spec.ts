import { describe, expect, it } from 'vitest';
import { int, str, sym } from '../data/values.js';
import { arityMismatch, contractViolation, keywordsNotAccepted, notAProcedure, unexpectedKeyword } from './racket-messages.js';

describe('info/racket-messages', () => {
  it('formats contract violations, with the argument position when Racket gives it', () => {
    expect(contractViolation('car', 'pair?', int(5)).message).toBe('car: contract violation\n  expected: pair?\n  given: 5');
    expect(contractViolation('hash-set', '(and/c hash? immutable?)', int(5), { index: 0, args: [int(5), sym('a'), int(1)] }).message).toBe(
      "hash-set: contract violation\n  expected: (and/c hash? immutable?)\n  given: 5\n  argument position: 1st\n  other arguments...:\n   'a\n   1",
    );
  });

  it('formats arity errors with and without the expected count', () => {
    expect(arityMismatch('car', '1', 2).message).toBe(
      'car: arity mismatch;\n the expected number of arguments does not match the given number\n  expected: 1\n  given: 2',
    );
    expect(arityMismatch('hash-update', undefined, 0).message).toBe(
      'hash-update: arity mismatch;\n the expected number of arguments does not match the given number\n  given: 0',
    );
  });

  it('formats application errors', () => {
    expect(notAProcedure(str('a')).message).toBe('application: not a procedure;\n expected a procedure that can be applied to arguments\n  given: "a"');
    expect(keywordsNotAccepted('list', [], [['x', int(1)]]).message).toBe(
      'application: procedure does not accept keyword arguments\n  procedure: list\n  arguments...:\n   #:x 1',
    );
    expect(unexpectedKeyword('collection-path', 'bad', [str('nope')], [['bad', int(1)]]).message).toBe(
      'application: procedure does not expect an argument with given keyword\n  procedure: collection-path\n  given keyword: #:bad\n  arguments...:\n   "nope"\n   #:bad 1',
    );
  });
});
