import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompileEvent } from '@nx-raco/cm-core';
import { TraceRecorder } from './chrome-trace.js';
import { useTempDir } from './testing/fixtures/temp-dir.js';

const ev = (type: CompileEvent['type'], path: string, worker: number): CompileEvent => ({ type, path, worker, timestamp: 0, reason: 'r' });

describe('parallel-build/chrome-trace', () => {
  it('writes one track per worker with nested complete events in microseconds', () => {
    const dir = useTempDir();
    const t = new TraceRecorder(1_000, '/ws');
    t.record(0, ev('locking', '/ws/a.rkt', 0), 1_001);
    t.record(0, ev('start-compile', '/ws/a.rkt', 0), 1_002);
    t.record(0, ev('locking', '/ws/b.rkt', 0), 1_003);
    t.record(0, ev('start-compile', '/ws/b.rkt', 0), 1_003);
    t.record(0, ev('finish-compile', '/ws/b.rkt', 0), 1_004.5);
    t.record(0, ev('finish-compile', '/ws/a.rkt', 0), 1_010);
    t.record(1, ev('locking', '/other/c.rkt', 1), 1_002);
    t.record(1, ev('already-done', '/other/c.rkt', 1), 1_009);
    t.record(1, ev('start-touch', '/other/d.rkt', 1), 1_009);
    t.closeWorker(1, 1_020);
    t.write(dir.path('trace.json'));
    const json = JSON.parse(readFileSync(dir.path('trace.json'), 'utf8')) as ReturnType<TraceRecorder['toJSON']>;
    const slices = json.traceEvents.filter((e) => e.ph === 'X').map((e) => [e.tid, e.name, e.cat, e.ts, e.dur]);
    expect(slices).toEqual([
      [1, 'lock wait: a.rkt', 'lock', 1_000, 1_000],
      [1, 'b.rkt', 'compile', 3_000, 1_500],
      [1, 'a.rkt', 'compile', 2_000, 8_000],
      [2, 'lock wait: /other/c.rkt', 'lock', 2_000, 7_000],
      [2, '/other/d.rkt', 'touch', 9_000, 11_000],
    ]);
    expect(json.traceEvents.filter((e) => e.ph === 'M').map((e) => e.args?.['name'])).toEqual(['nx-raco parallel build', 'worker 0', 'worker 1']);
  });
});
