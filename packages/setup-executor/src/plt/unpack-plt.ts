/**
 * `unpackPlt`: the `-A ARCHIVE.plt` step of `nx-raco setup` (racket-notes §8, `unpack.rkt`
 * `unpack`). Order matters for safety: read the whole archive, decode, match the header, read
 * every entry (data lengths included), check every path and the disk, and only then write. Any
 * refusal before the write phase leaves the disk untouched.
 *
 * Writes: each file goes to a temp file beside it and is renamed into place, so a reader never
 * sees half a file. If the file system fails mid-way, the files and directories this call
 * created are removed again; files it had already replaced (`file-replace`) stay replaced.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { DEFAULT_MAX_PAYLOAD_BYTES, decodePltPayload } from './decode-plt-payload.js';
import { parsePltInfo, parsePltUnit, type PltInfo } from './match-plt-header.js';
import { assertSafeElement, planPltUnpack, type PltTargets, type PltWrite } from './plan-plt-unpack.js';
import { PltArchiveError, PltFormatError } from './plt-error.js';
import { readPltEntries } from './read-plt-entries.js';
import { readSexp } from './read-sexp.js';
import type { UnpackPltOptions, UnpackPltResult } from './types.js';

const OPTION_KEYS = new Set(['targetDir', 'collectsDir', 'docDir', 'libDir', 'includeDir', 'isCollectionInstalled', 'force', 'dryRun', 'maxPayloadBytes', 'onStatus']);

/**
 * Unpacks a `.plt` archive written by `raco pack` and returns the collections it names for
 * setup. Nothing is written unless the whole archive is valid and every path stays inside its
 * target directory.
 *
 * @param archivePath path of the `.plt` file.
 * @param options targets and behaviour; see {@link UnpackPltOptions}.
 * @throws PltArchiveError with `code` `RKT_PLT_INVALID`, `RKT_PLT_UNSAFE_PATH`,
 *   `RKT_PLT_CONFLICT` (nothing written) or `RKT_PLT_WRITE_FAILED`.
 * @example
 * await unpackPlt('zc.plt', { targetDir: ws, collectsDir: join(ws, 'collects') })
 * //=> { name: 'Z', collections: [['zc']], files: ['/ws/collects/zc/a.txt', …], … }
 */
export async function unpackPlt(archivePath: string, options: UnpackPltOptions): Promise<UnpackPltResult> {
  const o = normalizeOptions(options);
  const fail = (error: PltFormatError): never => {
    throw new PltArchiveError(error.code, archivePath, error.reason);
  };
  let text: Buffer;
  try {
    text = await readFile(archivePath);
  } catch (error) {
    throw new PltArchiveError('RKT_PLT_INVALID', archivePath, `the file could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  let plan: PltWrite[];
  let info: PltInfo;
  let collections: string[][];
  const warnings: string[] = [];
  try {
    const payload = decodePltPayload(text, o.maxPayloadBytes);
    if (payload.subarray(0, 3).toString('latin1') !== 'PLT') {
      throw new PltFormatError('RKT_PLT_INVALID', 'it is not an unpackable distribution archive (no `PLT` header)');
    }
    const infoRead = readSexp(payload, 3);
    info = parsePltInfo(infoRead?.value);
    const unitRead = infoRead === undefined ? undefined : readSexp(payload, infoRead.end);
    collections = parsePltUnit(unitRead?.value);
    for (const c of collections) for (const el of c) assertSafeElement(el, JSON.stringify(c));
    const entries = readPltEntries(payload, unitRead?.end ?? payload.length);
    checkDependencies(info, o, warnings);
    plan = planPltUnpack(entries, info.pltRelative, o);
  } catch (error) {
    if (error instanceof PltFormatError) return fail(error);
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new PltArchiveError('RKT_PLT_WRITE_FAILED', archivePath, `checking the target directories failed (${code}); nothing was written`, { cause: error });
  }
  o.onStatus(`Unpacking ${info.name} from ${archivePath}`);
  for (const w of warnings) o.onStatus(`warning: ${w}`);
  const result = { name: info.name, collections, files: [] as string[], directories: [] as string[], skipped: [] as string[], warnings };
  if (o.dryRun) {
    for (const w of plan) (w.op === 'mkdir' ? result.directories : w.op === 'skip' ? result.skipped : result.files).push(w.path);
    return result;
  }
  await applyPlan(plan, archivePath, o.onStatus, result);
  return result;
}

/**
 * `requires` (collection must exist) and `conflicts` (must not). Required version prefixes are
 * not compared: that needs the installed collection's `info.rkt` `version`, which this module
 * does not read.
 */
function checkDependencies(info: PltInfo, o: NormalizedUnpackPltOptions, warnings: string[]): void {
  const exists = (c: readonly string[]): boolean => {
    for (const el of c) assertSafeElement(el, JSON.stringify(c));
    return o.isCollectionInstalled(c);
  };
  const problems = [
    ...info.requires.filter((r) => !exists(r.collection)).map((r) => `missing required collection ${JSON.stringify(r.collection)}`),
    ...info.conflicts.filter((c) => exists(c)).map((c) => `conflict with installed collection ${JSON.stringify(c)}`),
  ];
  if (problems.length === 0) return;
  if (!o.force) throw new PltFormatError('RKT_PLT_CONFLICT', `cannot install; ${problems.join('; ')}`);
  warnings.push(...problems);
}

async function applyPlan(plan: readonly PltWrite[], archive: string, onStatus: (line: string) => void, result: UnpackPltResult): Promise<void> {
  const created: string[] = [];
  const pretty = (p: string): string => `${basename(p)} in ${dirname(p)}${sep}`;
  try {
    for (const w of plan) {
      if (!existsSync(w.base)) {
        const first = await mkdir(w.base, { recursive: true });
        if (first !== undefined) created.push(first);
      }
      if (w.op === 'mkdir') {
        if (existsSync(w.path)) continue;
        onStatus(`  making directory ${pretty(w.path)}`);
        await mkdir(w.path);
        created.push(w.path);
        result.directories.push(w.path);
      } else if (w.op === 'skip') {
        onStatus(`  skipping ${pretty(w.path)}; already exists`);
        result.skipped.push(w.path);
      } else {
        onStatus(`  unpacking ${pretty(w.path)}`);
        const tmp = join(dirname(w.path), `.${basename(w.path)}.plt-${randomBytes(6).toString('hex')}.tmp`);
        try {
          // keep the mode of a replaced file, as raco's truncate-in-place does
          const mode = w.replace ? (await stat(w.path)).mode & 0o7777 : 0o666;
          await writeFile(tmp, w.data, { flag: 'wx', mode });
          if (w.replace) await chmod(tmp, mode);
          await rename(tmp, w.path);
        } catch (error) {
          await rm(tmp, { force: true });
          throw error;
        }
        if (!w.replace) created.push(w.path);
        result.files.push(w.path);
      }
    }
  } catch (error) {
    for (const p of created.reverse()) await unlink(p).catch(() => rmdir(p).catch(() => rm(p, { recursive: true, force: true })));
    throw new PltArchiveError('RKT_PLT_WRITE_FAILED', archive, `writing failed (${(error as NodeJS.ErrnoException).code ?? String(error)}); what this call created was removed`, { cause: error });
  }
}

type NormalizedUnpackPltOptions = PltTargets & Required<Pick<UnpackPltOptions, 'isCollectionInstalled' | 'force' | 'dryRun' | 'maxPayloadBytes' | 'onStatus'>>;

function normalizeOptions(options: UnpackPltOptions): NormalizedUnpackPltOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`[setup-executor] unpackPlt: Expected an options object, got \`${String(options)}\` (${typeof options})`);
  const unknown = Object.keys(options).filter((k) => !OPTION_KEYS.has(k));
  if (unknown.length > 0) throw new TypeError(`[setup-executor] unpackPlt received unknown option(s): ${unknown.join(', ')}. Remove them.`);
  const dir = (v: unknown, name: string, fallback?: string): string => {
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || v === '') throw new TypeError(`[setup-executor] unpackPlt: Expected \`${name}\` to be a directory path, got \`${String(v)}\` (${typeof v})`);
    return resolve(v);
  };
  const targetDir = dir(options.targetDir, 'targetDir');
  const max = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  if (!Number.isSafeInteger(max) || max <= 0) throw new TypeError(`[setup-executor] unpackPlt: Expected \`maxPayloadBytes\` to be a positive integer, got \`${String(max)}\` (${typeof max})`);
  const collectsDir = dir(options.collectsDir, 'collectsDir', join(targetDir, 'collects'));
  const installed = options.isCollectionInstalled;
  if (installed !== undefined && typeof installed !== 'function') throw new TypeError(`[setup-executor] unpackPlt: Expected \`isCollectionInstalled\` to be a function, got \`${String(installed)}\` (${typeof installed})`);
  return {
    targetDir,
    collectsDir,
    isCollectionInstalled: installed ?? ((c) => isDirectory(join(collectsDir, ...c))),
    docDir: dir(options.docDir, 'docDir', join(targetDir, 'doc')),
    libDir: dir(options.libDir, 'libDir', join(targetDir, 'lib')),
    includeDir: dir(options.includeDir, 'includeDir', join(targetDir, 'include')),
    force: options.force ?? false,
    dryRun: options.dryRun ?? false,
    maxPayloadBytes: max,
    onStatus: options.onStatus ?? (() => {}),
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
