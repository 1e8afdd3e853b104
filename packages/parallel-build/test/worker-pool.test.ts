/**
 * The worker pool against tiny fixture workers (one behaviour each), from the built `dist`:
 * a lock round trip over the task's channel, and a worker thread that dies mid-task.
 */
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../dist/worker-pool.js';
import type { MainMessage, WorkerMessage, WorkerSettings } from '../src/protocol.js';
import { assertBuilt } from './support/racket-tree.js';

const settings: WorkerSettings = { buildId: 'b', cwd: '/', env: {}, racket: 'racket', veryVerbose: false };

describe('parallel-build/worker-pool (fixture workers)', () => {
  it('carries messages both ways on the task channel and returns the result after them', async () => {
    assertBuilt();
    const seen: string[] = [];
    const pool = new WorkerPool({
      workerCount: 1,
      workerUrl: new URL('./fixtures/lock-worker.mjs', import.meta.url),
      onMessage: (taskId: number, message: WorkerMessage, reply: (m: MainMessage) => void) => {
        seen.push(`${taskId} ${message.type}`);
        if (message.type === 'lock') reply({ brand: 'nx-raco/parallel-build@1', type: 'lock-granted', requestId: message.requestId, answer: 'locked' });
      },
    });
    try {
      const outcome = await pool.run(5, '/p/a.rkt', settings);
      expect(outcome).toMatchObject({ type: 'task-done', taskId: 5 });
      expect(JSON.parse((outcome as { stdout: string }).stdout)).toMatchObject({ type: 'lock-granted', answer: 'locked' });
      // The unlock sent before the result was delivered before the result.
      expect(seen).toEqual(['5 lock', '5 unlock']);
    } finally {
      await pool.destroy();
    }
  });

  it('turns a worker thread that dies mid-task into a worker-died outcome and keeps working', async () => {
    const pool = new WorkerPool({ workerCount: 1, workerUrl: new URL('./fixtures/exit-worker.mjs', import.meta.url), onMessage: () => {} });
    try {
      const first = await pool.run(1, '/p/a.rkt', settings);
      expect(first.type).toBe('worker-died');
      expect((first as { error: Error }).error.message).toMatch(/^worker thread \d+ exited$/);
      const second = await pool.run(2, '/p/b.rkt', settings);
      expect(second).toMatchObject({ type: 'worker-died', taskId: 2 });
    } finally {
      await pool.destroy();
    }
  });
});
