// Benchmark corpora: installed collections copied into a temp dir, one copy per tool, so neither
// tool ever sees the other's compiled/ files. Each copy is put in front of the installation with
// PLTCOLLECTS=<copy>/colls: (the trailing colon keeps the installation's collections), so
// `(lib "srfi/1")` resolves to the copy and compiled files land next to the copied sources.
//
// Used by make-bench.mjs and parallel-bench.mjs. Fragile: the shadowing relies on nothing in the
// installation depending on the copied collections in a way that makes raco recompile installed
// files; for srfi and datalog nothing does.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MAX_OUTPUT_BYTES, tail } from './runs.mjs';

/** Collections to copy; `quick` ones run under --quick too. */
export const CORPORA = [
  { name: 'datalog', collection: 'datalog', quick: true },
  { name: 'srfi', collection: 'srfi', quick: false },
];

/**
 * Runs `fn(root)` in a fresh temp dir named `<prefix>…`, then removes it, or keeps it and prints
 * its path when NX_RACO_KEEP_TMP is set.
 */
export function withTempRoot(prefix, fn) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  try {
    return fn(root);
  } finally {
    if (process.env.NX_RACO_KEEP_TMP) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/** Every directory that holds part of `collection`, in search order (srfi is split over packages). */
function findCollectionDirs(collection) {
  const program = `(for ([p (collection-search '(lib ${JSON.stringify(`${collection}/x`)}) #:combine (lambda (r v) (cons v r)) #:init null)]) (let-values ([(dir _n _d) (split-path p)]) (displayln (path->string dir))))`;
  const run = spawnSync('racket', ['-l', 'racket/base', '-l', 'setup/collection-search', '-e', program], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`could not locate collection ${collection}: ${run.stderr || run.error?.message}`);
  const dirs = run.stdout.split('\n').filter(Boolean).reverse().filter((dir) => existsSync(dir));
  if (dirs.length === 0) throw new Error(`collection ${collection} is not installed; install its package or use --quick.`);
  return dirs;
}

/**
 * One tool's copy: each dir of the collection copied into `<root>/<name>/colls/<collection>`,
 * merged, without compiled/; `env` puts the copy first.
 */
function createSide(root, name, dirs, collection) {
  const collsRoot = join(root, name, 'colls');
  mkdirSync(collsRoot, { recursive: true });
  for (const dir of dirs) {
    cpSync(dir, join(collsRoot, collection), { recursive: true, filter: (source) => !/(^|[\\/])compiled$/.test(source) });
  }
  // PLTCOLLECTS must not leak in from the caller: the copy has to come first, then the installation.
  return { name, collsRoot, env: { ...process.env, PLTCOLLECTS: `${collsRoot}:` } };
}

function findFiles(root, predicate, out = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'compiled') findFiles(path, predicate, out);
    } else if (predicate(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Candidate module files, relative to `collsRoot` and sorted: every .rkt except info.rkt. The
 * .ss/.scm files in these corpora are `include`d pieces of modules, not modules, so they stay
 * out (the probe would drop them anyway).
 */
function listCandidateFiles(collsRoot) {
  return findFiles(collsRoot, (name) => name.endsWith('.rkt') && name !== 'info.rkt')
    .map((file) => relative(collsRoot, file))
    .sort();
}

export function removeCompiledDirs(root) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name);
    if (entry.name === 'compiled') rmSync(path, { recursive: true, force: true });
    else removeCompiledDirs(path);
  }
}

/** Every `compiled/*.dep` file under `root`. */
export function findDepFiles(root, out = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name);
    if (entry.name === 'compiled') out.push(...readdirSync(path).filter((n) => n.endsWith('.dep')).map((n) => join(path, n)));
    else findDepFiles(path, out);
  }
  return out;
}

/**
 * Compiles each file with compiler/cm in one racket process, catching errors file by file, and
 * returns the files that failed (a file whose dependency fails fails too, as under raco make).
 * It also warms the OS file cache for both tools. The compiled files it writes stay.
 */
function probeFiles(collsRoot, files, env) {
  const listFile = join(collsRoot, '..', 'probe-files.rktd');
  writeFileSync(listFile, `(${files.map((f) => JSON.stringify(join(collsRoot, f))).join(' ')})`);
  const program = `
    (define files (call-with-input-file ${JSON.stringify(listFile)} read))
    (parameterize ([current-namespace (make-base-empty-namespace)])
      (for ([f files])
        (with-handlers ([exn:fail? (lambda (e) (printf "FAILED ~s\\n" f))])
          (managed-compile-zo f))))`;
  const run = spawnSync('racket', ['-l', 'racket/base', '-l', 'compiler/cm', '-e', program], { env, encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
  if (run.status !== 0) throw new Error(`probe failed to run: ${tail(run.stderr)}`);
  const failed = new Set();
  for (const match of run.stdout.matchAll(/^FAILED "(.*)"$/gm)) failed.add(relative(collsRoot, JSON.parse(`"${match[1]}"`)));
  return failed;
}

/**
 * Both tools' copies of `corpus` under `root` (`raco`, `us`: `{ name, collsRoot, env }`), the
 * dirs copied, and the module files raco can compile (relative to `collsRoot`, sorted) with the
 * ones it cannot (`failed`). The probe's compiled files stay in raco's copy.
 */
export function prepareCorpus(root, corpus) {
  const dirs = findCollectionDirs(corpus.collection);
  const raco = createSide(root, `${corpus.name}-raco`, dirs, corpus.collection);
  const us = createSide(root, `${corpus.name}-ours`, dirs, corpus.collection);
  const candidates = listCandidateFiles(raco.collsRoot);
  const failed = probeFiles(raco.collsRoot, candidates, raco.env);
  return { dirs, raco, us, failed, files: candidates.filter((f) => !failed.has(f)) };
}
