/**
 * The workspace documentation index, `<workspaceRoot>/doc/index.html`: every built workspace
 * document, by category, as Racket's root page lays them out
 * (racket-index/scribblings/main/private/manuals.rkt and config.rkt, Racket 8.7):
 *
 * - Sections in `manual-sections` order. That order puts `'experimental` before `'legacy`,
 *   although the `scribblings` documentation lists them the other way round; raco's page is
 *   followed. String categories are custom sections, sorted by label, placed before
 *   `'library`. Unrecognised symbols go to `'library`; `'omit` and `'omit-start` are not listed.
 * - Within a section: sort number descending (default 0), ties by title, case-insensitively
 *   (`string-ci<?` on the link text), then by document id.
 * - A new group (here a new list) starts where `truncate(n / 10)` differs between neighbours.
 */
import { relative, sep } from 'node:path';

/** One listed document. */
export interface IndexEntry {
  readonly id: string;
  readonly title: string;
  readonly category: string | { readonly label: string };
  readonly sortNumber: number;
  /** The document's `index.html`, relative to the index page's directory. */
  readonly href: string;
}

/** `manual-sections` of config.rkt: category and heading (`null`: no heading). */
export const INDEX_SECTIONS: readonly (readonly [string, string | null])[] = [
  ['getting-started', null],
  ['tutorial', 'Tutorials'],
  ['racket-core', 'Racket Language and Core Libraries'],
  ['teaching', 'Teaching'],
  ['language', 'Other Languages in the Racket Environment'],
  ['tool', 'Tools'],
  ['gui-library', 'GUI and Graphics Libraries'],
  ['net-library', 'Network Libraries'],
  ['parsing-library', 'Parsing Libraries'],
  ['tool-library', 'Tool Libraries'],
  ['foreign', 'Low-Level APIs'],
  ['interop', 'Interoperability'],
  ['library', 'Miscellaneous Libraries'],
  ['experimental', 'Experimental Languages and Libraries'],
  ['legacy', 'Legacy Languages and Libraries'],
  ['other', 'Other'],
];

const KNOWN = new Set(INDEX_SECTIONS.map(([cat]) => cat));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: IndexEntry, b: IndexEntry): number {
  if (a.sortNumber !== b.sortNumber) return b.sortNumber - a.sortNumber;
  return compareCodeUnits(a.title.toLowerCase(), b.title.toLowerCase()) || compareCodeUnits(a.id, b.id);
}

/** The section key of a category: a known symbol, `string:<label>`, `'library'`, or `undefined` (omitted). */
function sectionOf(category: IndexEntry['category']): string | undefined {
  if (typeof category !== 'string') return `string:${category.label}`;
  if (category === 'omit' || category === 'omit-start') return undefined;
  return KNOWN.has(category) ? category : 'library';
}

/**
 * The sections of the page: heading and groups of entries, in page order.
 * @example groupIndexEntries([{ id: 'a', title: 'A', category: 'tool', sortNumber: 0, href: '…' }])
 * //=> [{ heading: 'Tools', groups: [[{ id: 'a', … }]] }]
 */
export function groupIndexEntries(entries: readonly IndexEntry[]): { heading: string | null; groups: IndexEntry[][] }[] {
  const bySection = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    const key = sectionOf(entry.category);
    if (key === undefined) continue;
    bySection.set(key, [...(bySection.get(key) ?? []), entry]);
  }
  const custom = [...bySection.keys()].filter((k) => k.startsWith('string:')).sort(compareCodeUnits);
  const order = INDEX_SECTIONS.flatMap(([cat, heading]): [string, string | null][] =>
    cat === 'library' ? [...custom.map((k): [string, string] => [k, k.slice('string:'.length)]), [cat, heading]] : [[cat, heading]],
  );
  const out: { heading: string | null; groups: IndexEntry[][] }[] = [];
  for (const [key, heading] of order) {
    const sorted = [...(bySection.get(key) ?? [])].sort(compareEntries);
    if (sorted.length === 0) continue;
    const groups: IndexEntry[][] = [];
    let key10: number | undefined;
    let last: number | undefined;
    for (const entry of sorted) {
      const n = Math.trunc(entry.sortNumber / 10);
      // manuals.rkt's add-sections: a separator where the number changes and truncate(n/10) differs.
      if (groups.length === 0 || (entry.sortNumber !== last && n !== key10)) groups.push([]);
      groups[groups.length - 1]!.push(entry);
      key10 = n;
      last = entry.sortNumber;
    }
    out.push({ heading, groups });
  }
  return out;
}

/**
 * The index page's HTML.
 * @example formatDocIndexPage([]) //=> '<!DOCTYPE html>\n<html …'
 */
export function formatDocIndexPage(entries: readonly IndexEntry[]): string {
  const body: string[] = [];
  for (const section of groupIndexEntries(entries)) {
    body.push('<div class="section">');
    if (section.heading !== null) body.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    for (const group of section.groups) {
      body.push('<ul>');
      for (const e of group) body.push(`<li><a href="${escapeHtml(e.href)}">${escapeHtml(e.title)}</a></li>`);
      body.push('</ul>');
    }
    body.push('</div>');
  }
  if (body.length === 0) body.push('<p>No documentation has been built yet.</p>');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=0.8"/>',
    '<title>Workspace Documentation</title>',
    '<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}h1{font-size:1.6em}h2{font-size:1.1em;margin-bottom:0.3em}ul{list-style:none;padding-left:1em;margin:0.6em 0}a{text-decoration:none}</style>',
    '</head><body>',
    '<h1>Workspace Documentation</h1>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/** `to` relative to directory `fromDir`, `/`-separated (for links). */
export function toHref(fromDir: string, to: string): string {
  return relative(fromDir, to).split(sep).join('/');
}
