/**
 * A small versioned JSON cache file (`{ "format": N, "entries": { key: value } }`), for answers
 * that cost a `racket` run (the probe, launcher directories). A missing, corrupt or
 * other-format file reads as empty; writing is atomic (temporary file, then rename) and a
 * failure to write is ignored — a cache that cannot be written only costs time.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The entries of cache `file` when it has format `format`, else `{}`.
 * @example readJsonCache<number>('/ws/node_modules/.cache/nx-raco/x.json', 1) //=> { key: 42 }
 */
export function readJsonCache<T>(file: string, format: number): Record<string, T> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; entries?: unknown };
    if (data.format === format && typeof data.entries === 'object' && data.entries !== null) return data.entries as Record<string, T>;
  } catch {
    // missing or corrupt: the caller asks again
  }
  return {};
}

/** Replaces cache `file` with `entries` in format `format`, atomically; failures are ignored. */
export function writeJsonCache<T>(file: string, format: number, entries: Record<string, T>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ format, entries }, null, 1)}\n`);
    renameSync(tmp, file);
  } catch {
    // a cache that cannot be written only costs time
  }
}
