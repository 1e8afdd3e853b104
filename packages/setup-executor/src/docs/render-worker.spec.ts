import { describe, expect, it } from 'vitest';
import { DocWorkerExitedError } from './docs-errors.js';
import type { WorkerDoc } from './render-protocol.js';
import { createDocWorker } from './render-worker.js';

// A stand-in for render-docs.rkt: answers init and run; `die` exits mid-request; `noise` prints a non-reply line.
const FAKE = `
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const r = JSON.parse(line);
  if (r.op === 'init') out({ op: 'ready' });
  else if (r.op === 'quit') process.exit(0);
  else if (r.doc.id === 'die') { process.stderr.write('dying words\\n'); process.exit(3); }
  else { if (r.doc.id === 'noise') console.log('not a reply'); out({ op: 'ran', ok: true, outChanged: true, provides: [r.doc.id], stdout: '', stderr: '' }); }
});
`;

const doc = (id: string): WorkerDoc => ({ id, src: `/ws/${id}.scrbl`, spec: [`${id}.scrbl`, id], destDir: `/ws/${id}/doc/${id}`, flags: [], outCount: 1, upPath: '/ws/doc/index.html', upLink: '../../../doc/index.html' });

describe('docs/render-worker', () => {
  it('starts lazily, answers in order, and restarts after the process dies', async () => {
    let stderr = '';
    const worker = createDocWorker({ racket: 'unused', cwd: process.cwd(), env: process.env, docs: [], onStderr: (t) => (stderr += t), command: { file: process.execPath, args: ['-e', FAKE] } });
    expect(worker.starts).toBe(0);
    const [a, b] = await Promise.all([worker.request({ op: 'run', doc: doc('a') }, 'running a'), worker.request({ op: 'run', doc: doc('noise') }, 'running noise')]);
    expect(a).toMatchObject({ op: 'ran', provides: ['a'] });
    expect(b).toMatchObject({ op: 'ran', provides: ['noise'] });
    expect(stderr).toBe('not a reply\n');
    const died = await worker.request({ op: 'run', doc: doc('die') }, 'running die').catch((e: unknown) => e);
    expect(died).toBeInstanceOf(DocWorkerExitedError);
    expect((died as Error).message).toMatch(/^racket exited \(code 3\) while running die; .*\ndying words$/s);
    expect(await worker.request({ op: 'run', doc: doc('c') }, 'running c')).toMatchObject({ provides: ['c'] });
    expect(worker.starts).toBe(2);
    await worker.close();
  });

  it('fails every request, without retrying, when the program cannot start', async () => {
    const worker = createDocWorker({ racket: '/nonexistent/racket', cwd: process.cwd(), env: process.env, docs: [] });
    for (const id of ['a', 'b']) {
      const error = await worker.request({ op: 'run', doc: doc(id) }, `running ${id}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocWorkerExitedError);
      expect((error as Error).message).toMatch(new RegExp(`^racket could not be started \\(spawn /nonexistent/racket ENOENT\\) while running ${id};`));
    }
    expect(worker.starts).toBe(1);
    await worker.close();
  });
});
