/**
 * Racket's path arithmetic on POSIX paths, as strings: `build-path` (no normalisation, trailing
 * separators kept) and the syntactic part of `simplify-path`.
 *
 * Fragile: Racket's `simplify-path` may consult the file system for `..` after a symbolic link;
 * this version is purely syntactic, like Node's `path.posix.normalize`.
 */

/**
 * `(build-path base element …)` for relative `elements`: joins with one `/` unless the left side
 * already ends in `/`. Elements may contain `/`; `..` and `.` stand for `'up` and `'same`.
 * @example buildPath('/a/', 'b', '..') //=> '/a/b/..'
 * @example buildPath('a/', 'b/') //=> 'a/b/'
 */
export function buildPath(base: string, ...elements: readonly string[]): string {
  let result = base;
  for (const element of elements) result = result.endsWith('/') ? `${result}${element}` : `${result}/${element}`;
  return result;
}

/**
 * The syntactic `simplify-path`: drops `.` and empty elements, resolves `..` against the previous
 * element, and ends in `/` when the input did or its last element was `.` or `..`.
 * @example simplifyPath('/tmp/lk/ad/8.7/../../c1/foo') //=> '/tmp/lk/c1/foo'
 * @example simplifyPath('/a/b/..') //=> '/a/'
 */
export function simplifyPath(path: string): string {
  const absolute = path.startsWith('/');
  const parts = path.split('/');
  const last = parts[parts.length - 1];
  const trailing = path.endsWith('/') || last === '.' || last === '..';
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const body = out.join('/');
  if (absolute) return body === '' ? '/' : `/${body}${trailing ? '/' : ''}`;
  if (body === '') return './';
  return `${body}${trailing ? '/' : ''}`;
}

/** Splits a relative path into its elements, dropping empty ones: `a//b/` → `['a', 'b']`. */
export function pathElements(path: string): string[] {
  return path.split('/').filter((element) => element !== '');
}
