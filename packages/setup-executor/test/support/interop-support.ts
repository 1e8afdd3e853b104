/**
 * Test-only helpers for the interop and crash suites (make-interop.test.ts, make-crash.test.ts).
 *
 * The general machinery (temp trees, running both tools, `.dep` text parsing, mtimes) lives in
 * make-harness.ts; this file adds what only these suites need: copying an installed collection,
 * reading `raco make --vv` verdicts, splitting a `.dep` dependency list and turning it into a
 * module graph, loading modules under a `current-load` spy (to prove Racket ran the `.zo` files),
 * settling a raco-built tree, and spawning / killing `nx-raco make` as a process group.
 *
 * Fragile: the `--vv` trace lines (`hash-equivalent: …`, `compiling …`) and the `.dep` printing
 * are Racket 8.7's, matched literally.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import {
  KEEP_TMP_ENV,
  assertBuiltCliIsFresh,
  listFiles,
  parseDepText,
  runRaco,
  runRacket,
  setTreeMtimes,
  startedWork,
  type RunOptions,
} from './make-harness.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The built CLI, run with `process.execPath`. */
const NX_RACO_BIN = join(REPO_ROOT, 'packages/setup-executor/bin/nx-raco.js');

// ---------------------------------------------------------------------------------------------
// Trees

/** Removes `dir` when the current test finishes, unless NX_RACO_KEEP_TMP is set. */
export function removeWhenTestFinishes(dir: string): void {
  onTestFinished(() => {
    if (process.env[KEEP_TMP_ENV] === undefined) rmSync(dir, { recursive: true, force: true });
    else console.log(`[interop-support] kept ${dir}`);
  });
}

/** Copies the sources under `from` to `to`, leaving out every `compiled` directory. */
export function copySources(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (src) => !relative(from, src).split(sep).includes('compiled') });
}

/**
 * Renames `from` to `to` (same file system: mtimes are kept, which CM's decisions depend on).
 * @example moveTree('/tmp/a', '/tmp/a-moved')
 */
export function moveTree(from: string, to: string): void {
  renameSync(from, to);
}

/** The installed directory of collection `name`, from `collection-path`. */
export function installedCollectionDir(name: string): string {
  const r = spawnSync('racket', ['-e', `(display (collection-path ${JSON.stringify(name)}))`], { encoding: 'utf8' });
  if (r.status !== 0 || r.stdout === '') throw new Error(`[interop-support] cannot find collection ${name}: ${r.stderr}`);
  return r.stdout;
}

/** The `.rkt` files under `dir` a user would compile (all but `info.rkt`), relative and sorted. */
export function compilableModules(dir: string): string[] {
  return listFiles(dir).filter((rel) => rel.endsWith('.rkt') && !rel.split('/').includes('compiled') && !/(^|\/)info\.rkt$/.test(rel));
}

// ---------------------------------------------------------------------------------------------
// Tool output

/** The `  making #<path:…>` lines of `-v` output (raco's and ours), as absolute paths. */
export function makingLines(stdout: string): string[] {
  return [...stdout.matchAll(/^ *making #<path:(.*)>$/gm)].map((m) => m[1]!);
}

/** What `raco make --vv` decided: the `.zo` files found hash-equivalent, the sources compiled. */
export function traceVerdicts(stdout: string): { readonly hashEquivalent: string[]; readonly compiled: string[]; readonly differentDeps: string[] } {
  const pick = (re: RegExp): string[] => [...stdout.matchAll(re)].map((m) => m[1]!).sort();
  return {
    hashEquivalent: pick(/^[ |]*hash-equivalent: (.*)$/gm),
    compiled: pick(/^[ |]*compiling (\/.*)$/gm),
    differentDeps: pick(/^[ |]*different dependency deps for (\S*):/gm),
  };
}

// ---------------------------------------------------------------------------------------------
// .dep contents

/**
 * The top-level elements of a printed dependency list (`DepParts.deps`), each as printed.
 * @example splitDepEntries('#"/a/b.rkt" (collects #"racket" #"base.rkt")') //=> ['#"/a/b.rkt"', '(collects #"racket" #"base.rkt")']
 */
export function splitDepEntries(deps: string): string[] {
  const out: string[] = [];
  let i = 0;
  const skipString = (): void => {
    // at the opening quote
    i += 1;
    while (i < deps.length && deps[i] !== '"') i += deps[i] === '\\' ? 2 : 1;
    i += 1;
  };
  while (i < deps.length) {
    if (deps[i] === ' ') {
      i += 1;
      continue;
    }
    const start = i;
    if (deps[i] === '(') {
      let depth = 0;
      do {
        if (deps[i] === '"') {
          skipString();
          continue;
        }
        if (deps[i] === '#' && deps[i + 1] === '"') {
          i += 1;
          skipString();
          continue;
        }
        if (deps[i] === '(') depth += 1;
        if (deps[i] === ')') depth -= 1;
        i += 1;
      } while (depth > 0 && i < deps.length);
    } else if (deps[i] === '#' && deps[i + 1] === '"') {
      i += 1;
      skipString();
    } else {
      while (i < deps.length && deps[i] !== ' ') i += 1;
    }
    out.push(deps.slice(start, i));
  }
  return out;
}

/** Reads and parses the `.dep` at `path` (make-harness `parseDepText`) plus its split dependency list. */
export function readDep(path: string): ReturnType<typeof parseDepText> & { readonly entries: string[] } {
  const parts = parseDepText(readFileSync(path, 'latin1'));
  return { ...parts, entries: splitDepEntries(parts.deps) };
}

/**
 * The module (not `ext`) dependency of one `.dep` entry as a path relative to `root`, when it is
 * inside `root`; collection entries are resolved in `collsDir` (a PLTCOLLECTS directory).
 */
export function entryToTreePath(entry: string, root: string, collsDir: string): string | undefined {
  // `(indirect . #"/p")` / `(indirect collects …)` are module deps too; `(ext …)` are plain files.
  let body = entry.startsWith('(') ? entry.slice(1, -1) : entry;
  if (body.startsWith('indirect ')) body = body.slice('indirect '.length).replace(/^\. /, '');
  let path: string;
  if (body.startsWith('collects ')) {
    path = join(collsDir, ...[...body.matchAll(/#"([^"\\]*)"/g)].map((m) => m[1]!));
  } else {
    const abs = /^#"([^"\\]*)"$/.exec(body);
    if (abs === null || !isAbsolute(abs[1]!)) return undefined; // ext, or escaped bytes
    path = abs[1]!;
  }
  return path.startsWith(`${root}/`) ? relative(root, path) : undefined;
}

/** The module whose `.dep` is `depRel` (inverse of make-harness `compiledFilesOf`). */
export function moduleOfDepFile(depRel: string): string {
  return depRel.replace(/(^|\/)compiled\/([^/]*)_rkt\.dep$/, '$1$2.rkt');
}

/** Module → the modules inside `root` it depends on (module and indirect entries), from the `.dep` files. */
export function readModuleGraph(root: string, collsDir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const rel of listFiles(root).filter((f) => f.endsWith('.dep'))) {
    const { entries } = readDep(join(root, rel));
    graph.set(
      moduleOfDepFile(rel),
      entries.map((e) => entryToTreePath(e, root, collsDir)).filter((p): p is string => p !== undefined),
    );
  }
  return graph;
}

/** `seeds` plus every module that depends on one of them, directly or not. */
export function withDependents(graph: ReadonlyMap<string, readonly string[]>, seeds: Iterable<string>): Set<string> {
  const out = new Set(seeds);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [mod, deps] of graph) {
      if (!out.has(mod) && deps.some((d) => out.has(d))) {
        out.add(mod);
        grew = true;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running compiled code

const LOAD_SPY = `(define loaded '())
(define old-load (current-load))
(current-load (lambda (p n) (set! loaded (cons p loaded)) (old-load p n)))
(for-each (lambda (f) (dynamic-require (string->path f) #f)) (vector->list (current-command-line-arguments)))
(flush-output)
(eprintf "LOADED:~s\\n" (map path->string (reverse loaded)))`;

/**
 * Requires each absolute module path in one `racket` process with a spy on `current-load`, and
 * returns what the modules printed plus every file Racket loaded: a module's `.zo` when Racket
 * accepted it, its source when it did not (the default load handler compiles in memory then).
 */
export async function requireWithLoadSpy(cwd: string, modules: readonly string[], options?: RunOptions): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string; readonly loaded: string[] }> {
  const r = await runRacket(cwd, ['-e', LOAD_SPY, ...modules], options);
  const m = /^LOADED:(.*)$/m.exec(r.stderr);
  const loaded = m ? [...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]!) : [];
  return { code: r.code, stdout: r.stdout, stderr: r.stderr.replace(/^LOADED:.*\n?/m, ''), loaded };
}

// ---------------------------------------------------------------------------------------------
// Settling raco

/**
 * Lets a tree built by raco settle (racket-notes §2.4, §12.4): set compiled files to T and sources
 * to T+1, rebuild, repeat (T += 10) until a round compiles nothing; then give every source
 * `times.settled` and every compiled file `times.settled + 1`. Returns each round's work.
 */
export async function settleWithRaco(
  dir: string,
  targets: readonly string[],
  times: { readonly firstRound: number; readonly settled: number },
  options?: RunOptions,
  maxRounds = 4,
): Promise<string[][]> {
  const rounds: string[][] = [];
  for (let round = 0; round < maxRounds; round += 1) {
    const t = times.firstRound + 10 * round;
    setTreeMtimes(dir, { compiled: t, sources: t + 1 });
    const r = await runRaco(dir, targets, options);
    if (r.code !== 0) throw new Error(`[interop-support] settling ${dir} with raco failed (${r.code}):\n${r.stderr}`);
    const work = startedWork(r.events, dir);
    rounds.push(work);
    if (!work.some((w) => w.startsWith('compile ') || w.startsWith('recompile '))) {
      setTreeMtimes(dir, { sources: times.settled, compiled: times.settled + 1 });
      return rounds;
    }
  }
  throw new Error(`[interop-support] ${dir} still recompiles after ${maxRounds} touch-all rounds: ${JSON.stringify(rounds)}`);
}

// ---------------------------------------------------------------------------------------------
// Killing nx-raco

/** mulberry32: a small seeded PRNG, so a failing round sequence can be replayed. */
export function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Whether any process of process group `pgid` can still run. Zombies do not count: they can no
 * longer write files, and in containers whose PID 1 reaps lazily they linger for a second or more
 * (`kill(-pgid, 0)` still succeeds for them). Reads `/proc` where there is one.
 */
function groupAlive(pgid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      } catch {
        continue; // exited meanwhile
      }
      // "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

export interface KillableRun {
  readonly child: ChildProcess;
  /** Resolves when the CLI exits by itself or is killed, with its exit status or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs the whole group (CLI and compile server) and waits until no member is left. */
  killGroup(): Promise<void>;
  readonly stderr: () => string;
}

/** Longest wait for a SIGKILLed group to disappear. */
const GROUP_EXIT_TIMEOUT_MS = 10_000;

/**
 * Starts `nx-raco make ARGS` in `cwd` as the leader of a new process group (the compile server
 * it spawns joins that group), so that `killGroup` kills Racket too.
 */
export function startNxRacoMake(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): KillableRun {
  assertBuiltCliIsFresh();
  const child = spawn(process.execPath, [NX_RACO_BIN, 'make', ...args], { cwd, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('[interop-support] could not start nx-raco make');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    stderr: () => stderr,
    async killGroup() {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      await exited;
      const deadline = Date.now() + GROUP_EXIT_TIMEOUT_MS;
      while (groupAlive(pgid)) {
        if (Date.now() > deadline) throw new Error(`[interop-support] process group ${pgid} survived SIGKILL for ${GROUP_EXIT_TIMEOUT_MS} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}
