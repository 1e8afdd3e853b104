// Benchmarks: nx-raco against Racket's own tools on the same files, in the same run, printed as
// ratios. Timing never fails anything: this script exits 0 whatever the numbers are (it exits 1
// only when a benchmark could not run at all).
//
// Usage: npm run bench [-- --only NAME] [--quick] [--parallel] [--repeat N]
// (the last three go to the `raco make` comparison, bench/make-bench.mjs, which also runs alone;
// --repeat also goes to the `raco setup` comparison, bench/setup-bench.mjs, default 3 there)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateInfo, readAll } from '@nx-raco/cm-core';
import { parseMakeBenchArgs, runMakeBench } from './make-bench.mjs';
import { parseSetupBenchArgs, runSetupBench } from './setup-bench.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function findFiles(root, predicate, out = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) findFiles(path, predicate, out);
    else if (predicate(entry.name)) out.push(path);
  }
  return out;
}

/** Runs `fn` `repeat` times and returns the best wall time in ms (best-of reduces noise). */
function bestOf(repeat, fn) {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Times a Racket snippet inside one racket process (start-up excluded), best of `repeat`. */
function racketTime(program, files, repeat) {
  const script = `
    (define files (call-with-input-file (vector-ref (current-command-line-arguments) 0) read))
    (define (run) ${program})
    (define best
      (for/fold ([best +inf.0]) ([i (in-range ${repeat})])
        (collect-garbage)
        (define t0 (current-inexact-milliseconds))
        (run)
        (min best (- (current-inexact-milliseconds) t0))))
    (display best)`;
  const listFile = join(process.env.TMPDIR ?? '/tmp', `nx-raco-bench-${process.pid}.rktd`);
  execFileSync('sh', ['-c', 'cat > "$0"', listFile], { input: `(${files.map((f) => JSON.stringify(f)).join(' ')})` });
  const out = execFileSync('racket', ['-l', 'racket/base', '-l', 'setup/getinfo', '-e', script, listFile], { encoding: 'utf8' });
  return Number(out.trim());
}

function report(name, ours, theirs, what) {
  console.log(`${name.padEnd(34)} nx-raco ${ours.toFixed(1).padStart(8)} ms   ${what} ${theirs.toFixed(1).padStart(8)} ms   ratio ${(ours / theirs).toFixed(2)}×`);
}

const benches = {
  'info.rkt (397 files)': () => {
    const files = findFiles('/usr/share/racket', (n) => n === 'info.rkt');
    const sources = files.map((f) => readFileSync(f));
    const ours = bestOf(5, () => files.forEach((f, i) => evaluateInfo(sources[i], f, { env: {} })));
    const oursWithIo = bestOf(5, () => files.forEach((f) => evaluateInfo(readFileSync(f), f, { env: {} })));
    const theirs = racketTime(
      `(for ([f files]) (define i (get-info/full (let-values ([(d n _) (split-path f)]) d))) (when i (for ([k ((dynamic-require (string->path f) '#%info-domain))]) (i k))))`,
      files,
      3,
    );
    report(`info.rkt, ${files.length} files, read+eval`, oursWithIo, theirs, 'get-info/full');
    console.log(`${''.padEnd(34)} (nx-raco without file I/O: ${ours.toFixed(1)} ms)`);
  },
  '.dep files': () => {
    const files = findFiles('/usr/lib/racket/compiled', (n) => n.endsWith('.dep'));
    const ours = bestOf(5, () => files.forEach((f) => readAll(readFileSync(f))));
    const theirs = racketTime(`(for ([f files]) (call-with-input-file f read))`, files, 3);
    report(`.dep files, ${files.length}, read`, ours, theirs, 'racket read');
  },
  'raco make': () => {
    console.log('');
    runMakeBench(parseMakeBenchArgs(process.argv.slice(2), { strict: false }));
  },
  'raco setup': () => {
    console.log('');
    runSetupBench(parseSetupBenchArgs(process.argv.slice(2), { strict: false }));
  },
};

let failed = false;
for (const [name, bench] of Object.entries(benches)) {
  if (only && !name.includes(only)) continue;
  try {
    bench();
  } catch (error) {
    failed = true;
    console.error(`bench ${name}: could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
