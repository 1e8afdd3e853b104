/**
 * Spec helpers for the info evaluator (not a test file itself: vitest only runs `*.spec.ts`
 * under src/, and the build skips `*.test.ts`).
 *
 * - `makeTempTree` writes a file tree under a unique temp root; set `NX_RACO_KEEP_TMP=1` to keep it.
 * - `askRacket` runs info-oracle.rkt once over many directories and returns, per directory,
 *   the mismatches between our result and Racket's `get-info/full` (values compared with
 *   `equal?` inside Racket).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RacketValue } from '../data/types.js';
import { writeValue } from '../data/writer.js';
import { findRacket } from '../testing/racket-available.js';
import { InfoFileError } from './info-error.js';
import type { InfoTable } from './info-table.js';

/** The `racket` on PATH; specs skip themselves unless `hasRacket()`. */
export const RACKET = findRacket() ?? 'racket';
const ORACLE = fileURLToPath(new URL('./info-oracle.rkt', import.meta.url));

export interface TempTree {
  readonly root: string;
  /** Absolute path of `relativePath` inside the tree. */
  path(relativePath: string): string;
  dispose(): void;
}

/** Writes `files` (relative path → text) under a fresh temp directory. */
export function makeTempTree(files: Readonly<Record<string, string | Uint8Array>>): TempTree {
  const root = mkdtempSync(join(tmpdir(), 'nx-raco-info-'));
  const path = (relativePath: string): string => {
    const full = resolve(root, relativePath);
    if (relative(root, full).startsWith('..')) throw new Error(`makeTempTree: ${relativePath} escapes the temp root`);
    return full;
  };
  for (const [name, content] of Object.entries(files)) {
    const full = path(name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return {
    root,
    path,
    dispose: () => {
      if (process.env['NX_RACO_KEEP_TMP'] === undefined) rmSync(root, { recursive: true, force: true });
    },
  };
}

function isReadable(value: RacketValue): boolean {
  switch (value.kind) {
    case 'path':
    case 'procedure':
    case 'void':
      return false;
    case 'list':
      return value.items.every(isReadable) && (value.tail === undefined || isReadable(value.tail));
    case 'vector':
      return value.items.every(isReadable);
    case 'box':
      return isReadable(value.value);
    case 'hash':
      return value.entries.every(([k, v]) => isReadable(k) && isReadable(v));
    case 'prefab':
      return value.fields.every(isReadable);
    default:
      return true;
  }
}

/** Our result for one directory, as a datum for info-oracle.rkt. */
export function oracleEntry(dir: string, result: InfoTable | InfoFileError): string {
  const quotedDir = writeValue({ kind: 'string', value: dir });
  if (result instanceof InfoFileError) return `(${quotedDir} error)`;
  const fields = result.fields.map(({ name, value }) => {
    const key = writeValue({ kind: 'symbol', name });
    const text = writeValue(value);
    return isReadable(value) ? `(${key} . ${text})` : `(${key} . #s(nx-raco-printed ${writeValue({ kind: 'string', value: text })}))`;
  });
  return `(${quotedDir} ok (${fields.join(' ')}))`;
}

export type RacketAnswer =
  | { readonly dir: string; readonly ok: true; readonly names: string[]; readonly checks: { name: string; equal: boolean; racket: string }[] }
  | {
      readonly dir: string;
      readonly ok: false;
      readonly message: string;
      readonly line: number | null;
      readonly column: number | null;
      readonly position: number | null;
    };

/** Runs the oracle over `entries` (from `oracleEntry`) in one Racket process. */
export function askRacket(entries: readonly string[], env: NodeJS.ProcessEnv = process.env): RacketAnswer[] {
  const tree = makeTempTree({ 'ours.rktd': `${entries.join('\n')}\n` });
  try {
    const run = spawnSync(RACKET, [ORACLE, tree.path('ours.rktd')], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`info-oracle.rkt failed (${run.status}): ${run.stderr}`);
    return JSON.parse(run.stdout) as RacketAnswer[];
  } finally {
    tree.dispose();
  }
}

/** Differences between our result and Racket's answer; `[]` when they agree. */
export function compareWithRacket(result: InfoTable | InfoFileError, answer: RacketAnswer): string[] {
  if (answer.ok) {
    if (result instanceof InfoFileError) return [`we failed (${result.racketMessage}) but Racket succeeded`];
    const problems: string[] = [];
    if (JSON.stringify(result.names) !== JSON.stringify(answer.names)) {
      problems.push(`names: ours ${JSON.stringify(result.names)}, Racket ${JSON.stringify(answer.names)}`);
    }
    for (const check of answer.checks) {
      if (!check.equal) problems.push(`${check.name}: ours ${writeValue(result.get(check.name) ?? { kind: 'void' })}, Racket ${check.racket}`);
    }
    return problems;
  }
  if (!(result instanceof InfoFileError)) return [`we succeeded but Racket failed: ${answer.message}`];
  const problems: string[] = [];
  if (result.racketMessage !== answer.message) problems.push(`message: ours ${JSON.stringify(result.racketMessage)}, Racket ${JSON.stringify(answer.message)}`);
  if (answer.line !== null && result.line !== answer.line) problems.push(`line: ours ${result.line}, Racket ${answer.line}`);
  if (answer.line === null && answer.position !== null && result.position !== answer.position) {
    problems.push(`position: ours ${result.position}, Racket ${answer.position}`);
  }
  if (answer.column !== null && result.column !== answer.column) problems.push(`column: ours ${result.column}, Racket ${answer.column}`);
  return problems;
}
