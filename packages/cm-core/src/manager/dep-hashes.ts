/**
 * `get-dep-sha1s` (cm-minimal.rkt:881-919): the IMPORTS hash of a dependency list, as Racket's
 * checker computes it and as a new `.dep` records it (racket-notes §2.4).
 *
 * Each module dependency contributes its stamp's compiled hash — from this run's memo, or from a
 * sha1-only `compile-root` through all compiled-file roots. When that finds the dependency out of
 * date, the checker gives up (`undefined`: "not hash-equivalent"), while the writer
 * (`mustExist`) uses the dependency's source SHA-1, as Racket does for a module registered with
 * `register-external-module` that was not compiled yet.
 *
 * Racket 8.7 writes `.dep` files looking up only the *first* root here, so on Debian's split-root
 * layout a dependency it has not memoised falls back to its source hash and the next check
 * recompiles once (notes §2.4). We look through all roots, so what we write is what the checker
 * (ours and Racket's) computes.
 */
import type { DepEntry } from '../dep/dep-record.js';
import { combineDepHashes, type DepHash } from '../hash/combined-hash.js';
import type { ManagerRun } from './compile-root.js';
import { MissingExternalDependencyError } from './manager-errors.js';
import { resolve } from 'node:path';

export async function getDepSha1s(
  run: ManagerRun,
  forPath: string,
  deps: readonly DepEntry[],
  seen: ReadonlySet<string>,
  mustExist: boolean,
): Promise<string | undefined> {
  const hashes: DepHash[] = [];
  for (const dep of deps) {
    const p = run.settings.resolveDep(dep);
    if (dep.external) {
      const v = run.sourceSha1(p);
      if (v === undefined) {
        if (mustExist) throw new MissingExternalDependencyError(p);
        return undefined;
      }
      hashes.push({ hash: v, dep: dep.value });
      continue;
    }
    const simple = resolve(p);
    const stamp = run.memo.get(simple) ?? run.memo.getAssumed(simple) ?? (await run.compileRoot(p, seen, true));
    const sha1 = stamp?.sha1();
    if (stamp !== undefined && sha1 !== undefined) {
      hashes.push({ hash: sha1, dep: dep.value });
    } else if (mustExist) {
      // Forced to use the source of the module (cm-minimal.rkt:905-908).
      hashes.push({ hash: run.sourceSha1(p) ?? '', dep: dep.value });
    } else {
      run.trace(`no hash available toward ${forPath}: ${p}`);
      return undefined;
    }
  }
  return combineDepHashes(hashes);
}
