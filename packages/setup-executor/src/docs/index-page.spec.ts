import { describe, expect, it } from 'vitest';
import { formatDocIndexPage, groupIndexEntries, toHref, type IndexEntry } from './index-page.js';

const e = (id: string, category: IndexEntry['category'], sortNumber = 0, title = id): IndexEntry => ({ id, title, category, sortNumber, href: `../${id}/index.html` });

describe('docs/index-page', () => {
  it('orders sections as manuals.rkt, custom string sections before the libraries', () => {
    const sections = groupIndexEntries([
      e('lib', 'library'), e('odd', 'unheard-of'), e('other', 'other'), e('legacy', 'legacy'), e('exp', 'experimental'),
      e('tool', 'tool'), e('start', 'getting-started'), e('zed', { label: 'Zed' }), e('abc', { label: 'Abc' }), e('gone', 'omit'), e('gone2', 'omit-start'),
    ]);
    expect(sections.map((s) => [s.heading, s.groups.flat().map((x) => x.id)])).toEqual([
      [null, ['start']],
      ['Tools', ['tool']],
      ['Abc', ['abc']],
      ['Zed', ['zed']],
      ['Miscellaneous Libraries', ['lib', 'odd']],
      ['Experimental Languages and Libraries', ['exp']],
      ['Legacy Languages and Libraries', ['legacy']],
      ['Other', ['other']],
    ]);
  });

  it('sorts by number descending, then title case-insensitively, and groups by tens', () => {
    // [id, sort number, title]
    const docs: [string, number, string][] = [['a', 5, 'beta'], ['b', 5, 'Alpha'], ['c', 3, 'c'], ['d', 12, 'd'], ['e', 19, 'e'], ['f', -1, 'f'], ['g', 0, 'g']];
    const [library] = groupIndexEntries(docs.map(([id, n, title]) => e(id, 'library', n, title)));
    expect(library!.groups.map((g) => g.map((x) => x.id))).toEqual([['e', 'd'], ['b', 'a', 'c', 'g', 'f']]);
    const [other] = groupIndexEntries([e('x', 'other', 10), e('y', 'other', 9), e('z', 'other', 9)]);
    expect(other!.groups.map((g) => g.map((x) => x.id))).toEqual([['x'], ['y', 'z']]);
  });

  it('writes escaped titles and relative links', () => {
    const page = formatDocIndexPage([e('a', 'tool', 0, 'A <b> & "c"')]);
    expect(page).toContain('<h2>Tools</h2>\n<ul>\n<li><a href="../a/index.html">A &lt;b&gt; &amp; &quot;c&quot;</a></li>\n</ul>');
    expect(formatDocIndexPage([])).toContain('<p>No documentation has been built yet.</p>');
    expect(toHref('/ws/doc', '/ws/a/doc/a/index.html')).toBe('../a/doc/a/index.html');
  });
});
