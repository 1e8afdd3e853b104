import { describe, expect, it } from 'vitest';
import {
  BRAND,
  deserializeError,
  isCompileTask,
  isMainMessage,
  isTaskResult,
  isWorkerMessage,
  serializeError,
  type SerializedError,
} from './protocol.js';

class FakeCompileError extends Error {
  readonly code = 'RKT_SERVER_EXITED';
  override name = 'CompileProcessExitedError';
  readonly exitCode = 3;
  constructor(readonly path: string) {
    super(`Racket exited while compiling ${path}`);
  }
}

describe('parallel-build/protocol', () => {
  describe('serializeError / deserializeError', () => {
    it('keeps name, message, stack, code, path and exit code through structured clone', () => {
      const original = new FakeCompileError('/p/die.rkt');
      const data = structuredClone(serializeError(original));
      const rebuilt = deserializeError(data);
      expect(rebuilt).toBeInstanceOf(Error);
      expect(rebuilt.name).toBe('CompileProcessExitedError');
      expect(rebuilt.message).toBe('Racket exited while compiling /p/die.rkt');
      expect(rebuilt.code).toBe('RKT_SERVER_EXITED');
      expect(rebuilt.path).toBe('/p/die.rkt');
      expect(rebuilt.exitCode).toBe(3);
      expect(rebuilt.stack).toBe(original.stack);
    });

    it('shows why plain structured clone is not enough: custom fields and class are lost', () => {
      const cloned = structuredClone(new FakeCompileError('/p/x.rkt')) as Error & { code?: string };
      expect(cloned).not.toBeInstanceOf(FakeCompileError);
      expect(cloned.code).toBeUndefined();
    });

    // input | expected serialized data (stack ignored)
    const table: readonly [unknown, Omit<SerializedError, 'stack'>][] = [
      ['a string', { name: 'Error', message: 'a string' }],
      [42, { name: 'Error', message: '42' }],
      [null, { name: 'Error', message: 'null' }],
      [Object.assign(new TypeError('bad'), { code: 7 }), { name: 'TypeError', message: 'bad' }],
      [Object.assign(new Error('x'), { exitCode: null }), { name: 'Error', message: 'x', exitCode: null }],
    ];
    it.each(table)('flattens %s', (input, expected) => {
      const { stack: _stack, ...rest } = serializeError(input);
      expect(rest).toEqual(expected);
    });
  });

  describe('message guards', () => {
    it('accept branded messages of their own direction only', () => {
      const started = { brand: BRAND, type: 'started', worker: 0 };
      const granted = { brand: BRAND, type: 'lock-granted', requestId: 1, answer: 'locked' };
      const result = { brand: BRAND, type: 'task-done', taskId: 1, worker: 0, stdout: '', stderr: '' };
      expect(isWorkerMessage(started)).toBe(true);
      expect(isMainMessage(started)).toBe(false);
      expect(isMainMessage(granted)).toBe(true);
      expect(isWorkerMessage(granted)).toBe(false);
      expect(isTaskResult(result)).toBe(true);
      expect(isWorkerMessage(result)).toBe(false);
    });

    it('reject unbranded, foreign-version and non-object messages', () => {
      for (const value of [
        { type: 'started', worker: 0 },
        { brand: 'nx-raco/parallel-build@0', type: 'started', worker: 0 },
        { __tinypool_worker_message__: true, source: 'port' },
        'started',
        null,
        undefined,
      ]) {
        expect(isWorkerMessage(value)).toBe(false);
        expect(isMainMessage(value)).toBe(false);
        expect(isTaskResult(value)).toBe(false);
        expect(isCompileTask(value)).toBe(false);
      }
    });
  });
});
