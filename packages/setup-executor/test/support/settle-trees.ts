/**
 * Test-only: bring a raco-built and an nx-raco-built copy of a tree to a settled state
 * (racket-notes §2.4, §12.4) before comparing the tools' decisions.
 */
import { join } from 'node:path';
import { setTreeMtimes } from './compiled-state.js';
import { setMtime } from './file-times.js';
import { runOurs, runRaco, startedWork } from './tool-runs.js';

/** Max re-check rounds before a tree counts as "never settles". */
const MAX_SETTLE_ROUNDS = 3;

export interface SettleReport {
  /** Per tool, the work (`startedWork`) of each re-check round; the last round compiled nothing. */
  readonly raco: readonly (readonly string[])[];
  readonly ours: readonly (readonly string[])[];
}

/**
 * Makes a rebuild of `targets` re-check the recorded hashes of *every* module under `dir`:
 * compiled files get `t`, sources `t + 1`, and the targets themselves `t - 1`.
 *
 * Why not simply every source newer: a top-level module whose source is newer goes straight to
 * CM's hash comparison, which hashes its dependencies in "sha1-only" mode and memoises them, so
 * their own recorded hashes are never compared (observed: a corrupt IMPORTS in b.rkt's `.dep`
 * survives a touch-all `raco make a.rkt`; only a is recompiled). With the target older than its
 * `.zo`, CM checks each dependency first (each is newer than its `.zo`) and then the target
 * (its dependencies are newer).
 */
export function makeEveryModuleStale(dir: string, targets: readonly string[], t: number): void {
  setTreeMtimes(dir, { compiled: t, sources: t + 1 });
  for (const target of targets) setMtime(join(dir, target), t - 1);
}

/**
 * Builds `targets` in `dirs.raco` with raco and in `dirs.ours` with ours, then lets each tree
 * settle with its own tool (racket-notes §2.4, §12.4): make every module stale (all its hashes
 * are re-checked), rebuild, and repeat (T += 10 s) until a rebuild compiles nothing. raco needs
 * an extra round for modules with collection dependencies on the Debian split-root layout. Finally
 * both trees get the same mtimes: sources `times.settled`, compiled files `times.settled + 1`.
 */
export async function settleTrees(
  dirs: { readonly raco: string; readonly ours: string },
  targets: readonly string[],
  times: { readonly firstRound: number; readonly settled: number },
): Promise<SettleReport> {
  const settleOne = async (dir: string, tool: typeof runRaco): Promise<string[][]> => {
    const first = await tool(dir, targets);
    if (first.code !== 0) throw new Error(`[make-harness] the first build in ${dir} failed (${first.code}):\n${first.stderr}`);
    const rounds: string[][] = [];
    for (let round = 0; round < MAX_SETTLE_ROUNDS; round += 1) {
      const t = times.firstRound + 10 * round;
      makeEveryModuleStale(dir, targets, t);
      const r = await tool(dir, targets);
      if (r.code !== 0) throw new Error(`[make-harness] settling ${dir} failed (${r.code}):\n${r.stderr}`);
      const work = startedWork(r.events, dir);
      rounds.push(work);
      if (!work.some((w) => w.startsWith('compile ') || w.startsWith('recompile '))) {
        setTreeMtimes(dir, { sources: times.settled, compiled: times.settled + 1 });
        return rounds;
      }
    }
    throw new Error(`[make-harness] ${dir} still recompiles after ${MAX_SETTLE_ROUNDS} re-check rounds: ${JSON.stringify(rounds)}`);
  };
  const [raco, ours] = await Promise.all([settleOne(dirs.raco, runRaco), settleOne(dirs.ours, runOurs)]);
  return { raco, ours };
}
