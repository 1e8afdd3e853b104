/**
 * `file-stamp-in-paths` / `file-stamp-in-collection` (compiler/cm.rkt:23-95): a stamp for a file
 * that lies inside one of `paths` — the newer of the source and its `.zo` — for use as a
 * `skipFile` handler (raco setup skips the installation's files this way).
 */
import { relative, resolve, sep } from 'node:path';
import { getSourceSha1, rktToSs, tryFileTime, type FileCheck } from './file-stamps.js';
import { getCompiledFilePath } from '../paths/compilation-path.js';
import { tryFileSha1 } from './compiled-sha1.js';
import { FileFacts } from './file-facts.js';
import { makeStamp, type Stamp } from './stamp.js';

export interface FileStampContext {
  readonly modes: readonly string[];
  readonly roots: readonly string[];
  readonly fileCheck: FileCheck;
  readonly version: string;
  readonly targetMachine: string | null;
}

function inside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
}

/**
 * The stamp of `p` if it is inside one of `paths`, else `undefined`.
 * @example fileStampInPaths('/usr/share/racket/collects/racket/base.rkt', ['/usr/share/racket/collects'], ctx)?.time //=> 1700000000
 */
export function fileStampInPaths(p: string, paths: readonly string[], ctx: FileStampContext): Stamp | undefined {
  const path = resolve(p);
  if (!paths.some((dir) => inside(path, dir))) return undefined;
  const pDate = tryFileTime(path, ctx.fileCheck);
  const altDate = pDate === undefined ? tryFileTime(rktToSs(path), ctx.fileCheck) : undefined;
  const date = pDate ?? altDate;
  const zoFor = (source: string): { time: number; zo: string } | undefined => {
    for (const root of ctx.roots) {
      for (const mode of ctx.modes) {
        const zo = getCompiledFilePath(source, '.zo', { modes: [mode], roots: [root] });
        const time = tryFileTime(zo, ctx.fileCheck);
        if (time !== undefined) return { time, zo };
      }
    }
    return undefined;
  };
  const mainZo = pDate !== undefined || altDate === undefined ? zoFor(path) : undefined;
  const altZo = altDate !== undefined || (pDate === undefined && mainZo === undefined) ? zoFor(rktToSs(path)) : undefined;
  const zo = mainZo ?? altZo;
  const hashCtx = {
    version: ctx.version,
    targetMachine: ctx.targetMachine,
    search: { modes: ctx.modes, roots: ctx.roots },
    fileCheck: ctx.fileCheck,
    trace: () => {},
    facts: new FileFacts(),
  };
  if (zo !== undefined && (date === undefined || zo.time > date)) {
    return makeStamp(zo.time, () => tryFileSha1(zo.zo, zo.zo.replace(/\.zo$/, '.dep'), hashCtx));
  }
  if (date !== undefined) return makeStamp(date, () => getSourceSha1(pDate !== undefined ? path : rktToSs(path)));
  return undefined;
}

/**
 * `file-stamp-in-collection`: `fileStampInPaths` over the collection directories of the running
 * Racket (`(current-library-collection-paths)`), e.g. from `collectionSearchPath().collectionPaths`.
 * @example fileStampInCollection('/usr/share/racket/collects/racket/base.rkt', collectionSearchPath().collectionPaths, ctx)
 */
export function fileStampInCollection(p: string, collectionPaths: readonly string[], ctx: FileStampContext): Stamp | undefined {
  return fileStampInPaths(p, collectionPaths, ctx);
}
