/**
 * Racket dying in a worker: compile-time code that calls `(exit 3)`, and compile-time code that
 * aborts Racket (SIGABRT through the FFI). The build must end promptly with a fatal error naming
 * each module, still compile everything that does not depend on them, leave no lock or
 * temporary file and no half-written output, and exit with status 1.
 */
import { describe, expect, it } from 'vitest';
import { hasRacket, runOurs, runRaco, useTree } from './support/racket-tree.js';

const FILES = {
  'die.rkt': '#lang racket/base\n(require (for-syntax racket/base))\n(begin-for-syntax (exit 3))\n',
  'crash.rkt':
    '#lang racket/base\n(require (for-syntax racket/base ffi/unsafe))\n(begin-for-syntax ((get-ffi-obj "abort" #f (_fun -> _void))))\n',
  'lib.rkt': '#lang racket/base\n(provide x)\n(define x 1)\n',
  'ok1.rkt': '#lang racket/base\n(require "lib.rkt")\n(provide y)\n(define y (+ x 1))\n',
  'ok2.rkt': '#lang racket/base\n(require "ok1.rkt")\n(define z y)\n',
  'top.rkt': '#lang racket/base\n(require "die.rkt" "ok1.rkt")\n',
  'top2.rkt': '#lang racket/base\n(require "crash.rkt")\n',
};

/** Generous for a loaded machine; a hang would hit the harness's 60 s kill instead. */
const PROMPT_MS = 30_000;

describe.skipIf(!hasRacket())('parallel-build: a worker whose Racket dies (real Racket)', () => {
  it('reports a fatal error naming the module, builds the independent modules, exits 1', async () => {
    const tree = useTree(FILES);
    const run = await runOurs(tree.root, ['-j', '2', '-v', 'top.rkt', 'top2.rkt', 'ok2.rkt']);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(PROMPT_MS);
    expect(run.stderr).toBe('');
    const die = tree.path('die.rkt');
    const crash = tree.path('crash.rkt');
    expect(run.stdout).toMatch(new RegExp(` [01] error compiling ${die}\\n\\[@nx-raco/cm-core\\] Racket exited while compiling ${die} \\(status 3\\)`));
    expect(run.stdout).toMatch(new RegExp(` [01] error compiling ${crash}\\n\\[@nx-raco/cm-core\\] Racket exited while compiling ${crash}`));
    // The dependents fail without loading the dead module again, naming it.
    expect(run.stdout).toMatch(new RegExp(` [01] error compiling top\\.rkt\\n.*${die} made Racket exit`));
    expect(run.stdout).toMatch(new RegExp(` [01] error compiling top2\\.rkt\\n.*${crash} made Racket exit`));
    expect(run.stdout).toMatch(/ [01] made ok2\.rkt\n/);

    // The independent modules are compiled and valid; nothing else is on disk.
    expect(tree.list().filter((f) => f.includes('compiled/'))).toEqual(
      ['lib', 'ok1', 'ok2'].flatMap((m) => [`compiled/${m}_rkt.dep`, `compiled/${m}_rkt.zo`]),
    );
    const raco = await runRaco(tree.root, ['make', '-v', 'ok2.rkt']);
    expect(raco.code).toBe(0);
    expect(raco.stdout).not.toContain('making');
  });
});
