import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { writeDocStamp } from './doc-stamp.js';
import { getDocIndexPath, updateIndexPage } from './index-file.js';

describe('docs/index-file', () => {
  it('lists built documents only, and rewrites the page only when it changes', () => {
    const ws = createTempWorkspace({});
    const target = (name: string) => ({ id: `${name}/doc/${name}`, destDir: ws.path(`${name}/doc/${name}`), category: 'tool', sortNumber: 0 });
    writeDocStamp(target('a'), { racket: 'r', entry: { src: 'a.scrbl', flags: [], name: 'a', outCount: 1, upLink: 'x' }, source: 's', title: 'The A', refs: {}, undefined: [] });
    expect(updateIndexPage(ws.root, [target('a'), target('b')])).toBe(true);
    const page = readFileSync(getDocIndexPath(ws.root), 'utf8');
    expect(page).toContain('<li><a href="../a/doc/a/index.html">The A</a></li>');
    expect(page).not.toContain('b/doc/b');
    const mtime = statSync(getDocIndexPath(ws.root)).mtimeMs;
    expect(updateIndexPage(ws.root, [target('a'), target('b')])).toBe(false);
    expect(statSync(getDocIndexPath(ws.root)).mtimeMs).toBe(mtime);
  });
});
