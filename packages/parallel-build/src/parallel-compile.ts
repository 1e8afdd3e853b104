/**
 * `parallel-compile` (seed parallel-build-api.txt): raco setup's parallel compilation of
 * collection trees, as a thin layer over `parallelCompileFiles`.
 *
 * Differences from raco's `collects-queue%` (racket-notes §4.3), deliberate: files are not
 * handed out a collection at a time per worker but by the whole-graph scheduler, so
 * `"<id> making"` lines name the collection of the file a worker starts when it differs from
 * that worker's previous one; files are compiled with the build's working directory, not their
 * own directory.
 */
import { join, sep } from 'node:path';
import { InvalidOptionError } from './errors.js';
import { parallelCompileFiles } from './parallel-compile-files.js';
import type { AppendError, CollectionInfo, CollectsTreeNode, ParallelCompileFilesOptions, SetupFprintf } from './public-types.js';

/** The first line of a message: raco's "short form" omits the context that follows. */
function shortForm(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

function flatten(tree: readonly CollectsTreeNode[], files: string[], ccOf: Map<string, CollectionInfo>): void {
  for (const node of tree) {
    for (const source of node.sources) {
      const path = join(node.cc.path, source);
      if (!ccOf.has(path)) files.push(path);
      ccOf.set(path, node.cc);
    }
    flatten(node.children, files, ccOf);
  }
}

/**
 * Compiles every source file of `collectsTree` with `workerCount` workers, reporting progress
 * through `setupFprintf` and failures through `appendError` (with `[long, short]` messages).
 * @example
 * await parallelCompile(2, (port, task, fmt, ...args) => port.write(`raco setup: ${task ?? ''} ${fmt.replace('~a', String(args[0]))}\n`),
 *   (cc, prefix, exn) => errors.push(`${prefix} ${cc.name}: ${exn?.[1]}`),
 *   [{ cc: { name: 'mine', path: '/ws/mine' }, sources: ['main.rkt'], children: [] }]) //=> undefined
 */
export async function parallelCompile(
  workerCount: number,
  setupFprintf: SetupFprintf,
  appendError: AppendError,
  collectsTree: readonly CollectsTreeNode[],
  options: Omit<ParallelCompileFilesOptions, 'workerCount' | 'handler'> = {},
): Promise<void> {
  if (!Number.isInteger(workerCount) || workerCount < 0) {
    throw new InvalidOptionError(`parallelCompile: expected \`workerCount\` to be a non-negative integer, got \`${String(workerCount)}\` (${typeof workerCount})`);
  }
  if (!Array.isArray(collectsTree)) throw new InvalidOptionError(`parallelCompile: expected \`collectsTree\` to be a list, got ${typeof collectsTree}`);
  const jobs = Math.max(1, workerCount);
  setupFprintf(process.stdout, null, `--- parallel build using ${jobs} jobs ---`);
  const files: string[] = [];
  const ccOf = new Map<string, CollectionInfo>();
  flatten(collectsTree, files, ccOf);
  const ccs = [...new Set(ccOf.values())].sort((a, b) => b.path.length - a.path.length);
  const collectionOf = (path: string): CollectionInfo | undefined =>
    ccOf.get(path) ?? ccs.find((cc) => path.startsWith(cc.path.endsWith(sep) ? cc.path : `${cc.path}${sep}`));
  const lastCc = new Map<number, CollectionInfo>();
  await parallelCompileFiles(files, {
    ...options,
    workerCount: jobs,
    handler: (id, kind, path, message, stdout, stderr) => {
      const cc = collectionOf(path);
      switch (kind) {
        case 'start':
          if (cc !== undefined && lastCc.get(id) !== cc) setupFprintf(process.stdout, `${id} making`, '~a', cc.name);
          if (cc !== undefined) lastCc.set(id, cc);
          return;
        case 'done':
          return;
        case 'output':
          process.stdout.write(stdout);
          process.stderr.write(stderr);
          return;
        case 'error':
        case 'fatal-error':
          if (cc !== undefined) appendError(cc, 'making', [message, shortForm(message)], stdout, stderr, 'error');
          return;
        default:
          kind satisfies never;
      }
    },
  });
}
