/**
 * Test-only mtime helpers. Tests never sleep: they set explicit whole-second mtimes in the past
 * (CM compares whole seconds with a strict `>`), so two trees can be put into the same state.
 */
import { statSync, utimesSync } from 'node:fs';

/** Whole seconds since the epoch, now. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Sets atime and mtime of `path` to `seconds` (whole seconds since the epoch). */
export function setMtime(path: string, seconds: number): void {
  if (!Number.isInteger(seconds)) throw new Error(`Expected whole seconds, got \`${seconds}\` (${typeof seconds})`);
  utimesSync(path, seconds, seconds);
}

/** Mtime of `path` in whole seconds, as CM reads it. */
export function mtimeSeconds(path: string): number {
  return Math.floor(statSync(path).mtimeMs / 1000);
}
