/**
 * Spec helper (not a test file: vitest runs only `*.spec.ts` under src/, the build skips
 * `*.test.ts`): an in-memory `CollectionFileSystem`.
 */
import type { CollectionFileSystem } from './collection-environment.js';

/**
 * `entries` maps absolute paths to file contents; a path ending in `/` is an (empty) directory.
 * Parent directories are implied.
 */
export function inMemoryFileSystem(entries: Readonly<Record<string, string>>): CollectionFileSystem {
  const files = new Map<string, string>();
  const dirs = new Set<string>(['/']);
  const addParents = (path: string): void => {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  };
  for (const [path, content] of Object.entries(entries)) {
    if (path.endsWith('/')) addParents(path);
    else {
      files.set(path, content);
      addParents(path.slice(0, path.lastIndexOf('/')));
    }
  }
  const normal = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);
  return {
    isDirectory: (path) => dirs.has(normal(path)),
    readFile: (path) => {
      const content = files.get(path);
      return content === undefined ? undefined : new TextEncoder().encode(content);
    },
    listDirectory: (path) => {
      const prefix = `${normal(path)}/`;
      const names = new Set<string>();
      for (const entry of [...dirs, ...files.keys()]) {
        if (entry.startsWith(prefix) && entry.length > prefix.length) names.add(entry.slice(prefix.length).split('/')[0]!);
      }
      return [...names].sort();
    },
  };
}
