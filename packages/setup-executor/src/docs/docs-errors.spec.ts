import { describe, expect, it } from 'vitest';
import { DocWorkerExitedError, ScribblingsError } from './docs-errors.js';

describe('docs/docs-errors', () => {
  it('names the info file and ends with what to do', () => {
    const e = new ScribblingsError('/ws/a/info.rkt', 'document 1: nope');
    expect(e.code).toBe('RKT_BAD_SCRIBBLINGS');
    expect(e.message).toBe("/ws/a/info.rkt: bad `scribblings`: document 1: nope. Fix the field; none of this collection's documents is built until then.");
  });

  it('says how the worker ended, with the tail of its stderr', () => {
    expect(new DocWorkerExitedError('running /a.scrbl', { exitCode: 3, signal: null }, 'last words\n').message).toBe(
      'racket exited (code 3) while running /a.scrbl; check that `racket` 8.x with scribble is installed, then run the step again.\nlast words',
    );
    expect(new DocWorkerExitedError('x', { exitCode: null, signal: 'SIGKILL' }, '').message).toMatch(/^racket exited \(signal SIGKILL\) while x;/);
    const spawnError = new Error('spawn racket ENOENT');
    const e = new DocWorkerExitedError('x', { exitCode: null, signal: null, spawnError }, '');
    expect(e.code).toBe('RKT_DOC_WORKER_EXITED');
    expect(e.message).toMatch(/^racket could not be started \(spawn racket ENOENT\) while x;/);
    expect(e.cause).toBe(spawnError);
  });
});
