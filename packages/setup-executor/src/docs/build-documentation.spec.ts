import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSetupCollections } from '../setup-command/collection-files.js';
import { formatBanner } from '../setup-command/setup-report.js';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { buildDocumentation, type BuildDocumentationContext } from './build-documentation.js';
import { getDocIndexPath } from './index-file.js';
import type { DocDecision } from './rebuild-decision.js';

// A stand-in for render-docs.rkt: `run` writes out0/out1.sxref, `render` writes index.html;
// a document named `bad` fails to render.
const FAKE = `
const fs = require('fs'), path = require('path');
const out = (o) => process.stdout.write(JSON.stringify({ stdout: '', stderr: '', ...o }) + '\\n');
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const r = JSON.parse(line);
  if (r.op === 'init') return out({ op: 'ready' });
  if (r.op === 'quit') process.exit(0);
  if (r.op === 'check') return out({ op: 'checked', ok: true, undefined: Object.fromEntries(r.ids.map((id) => [id, id.includes('lonely') ? ['(x y)'] : []])) });
  const d = r.doc;
  fs.mkdirSync(d.destDir, { recursive: true });
  if (r.op === 'run') {
    for (const i of [0, 1]) fs.writeFileSync(path.join(d.destDir, 'out' + i + '.sxref'), d.id + fs.readFileSync(d.src, 'utf8'));
    return out({ op: 'ran', ok: true, outChanged: true, provides: [], stderr: 'warning from ' + d.id + '\\n' });
  }
  if (d.id.endsWith('/bad')) return out({ op: 'rendered', ok: false, error: 'bad: boom' });
  fs.writeFileSync(path.join(d.destDir, 'index.html'), 'html of ' + d.id);
  out({ op: 'rendered', ok: true, title: 'Title ' + path.basename(d.destDir), refs: [], undefined: [] });
});
`;

const hasRacket = (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
  try {
    accessSync(join(dir, 'racket'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

async function build(root: string, names: readonly string[], extra: Partial<BuildDocumentationContext> = {}) {
  let stdout = '';
  let stderr = '';
  const decisions: DocDecision[] = [];
  const ccs = names.flatMap((name) => listSetupCollections([{ name, dir: join(root, name) }], [], { noDocs: false }));
  const errors = await buildDocumentation(
    ccs,
    { workspaceRoot: root, racket: 'racket', env: process.env, now: () => new Date(2026, 0, 1, 9, 5, 7), onDecision: (d) => decisions.push(d), workerCommand: { file: process.execPath, args: ['-e', FAKE] }, ...extra },
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  const hide = (t: string): string => t.split(root).join('<ws>');
  return { stdout: hide(stdout), stderr: hide(stderr), errors: errors.map((e) => ({ ...e, collection: hide(e.collection), message: hide(e.message) })), decisions: decisions.map((d) => `${d.id} ${d.reason ?? '-'}`) };
}

describe('docs/build-documentation', () => {
  it('prints the banner and does nothing else without documents', async () => {
    const ws = createTempWorkspace({ 'a/info.rkt': '#lang info\n(define name "a")\n' });
    const r = await build(ws.root, ['a'], { workerCommand: { file: '/nonexistent', args: [] } });
    expect(r).toEqual({ stdout: formatBanner('building documentation', new Date(2026, 0, 1, 9, 5, 7)), stderr: '', errors: [], decisions: [] });
    expect(existsSync(getDocIndexPath(ws.root))).toBe(false);
  });

  it('reports a bad scribblings field without starting Racket', async () => {
    const ws = createTempWorkspace({ 'a/info.rkt': `#lang info\n(define scribblings '(("a.scrbl" (nope))))\n` });
    const r = await build(ws.root, ['a'], { racket: '/nonexistent/racket' });
    expect(r.errors).toEqual([{ collection: '<ws>/a', during: 'building docs', message: expect.stringMatching(/^<ws>\/a\/info.rkt: bad `scribblings`: document 1: expected a mode symbol/) }]);
  });

  it.skipIf(!hasRacket)('runs, then renders, stamps after rendering, and rebuilds depends-all documents', async () => {
    const ws = createTempWorkspace({
      'a/info.rkt': `#lang info\n(define scribblings '(("a.scrbl" () (tool)) ("bad.scrbl") ("gone.scrbl")))\n`,
      'a/a.scrbl': 'a',
      'a/compiled/a_scrbl.zo': 'zo a',
      'a/bad.scrbl': 'bad',
      'all/info.rkt': `#lang info\n(define scribblings '(("all.scrbl" (depends-all))))\n`,
      'all/all.scrbl': 'all',
      'all/compiled/all_scrbl.zo': 'zo all',
      'lonely/info.rkt': `#lang info\n(define scribblings '(("lonely.scrbl")))\n`,
      'lonely/lonely.scrbl': 'lonely',
      'lonely/compiled/lonely_scrbl.zo': 'zo lonely',
    });
    const first = await build(ws.root, ['a', 'all', 'lonely']);
    expect(first.stdout.split('\n').slice(1)).toEqual([
      'nx-raco setup: running: <ws>/a/a.scrbl',
      'nx-raco setup: running: <ws>/all/all.scrbl',
      'nx-raco setup: running: <ws>/a/bad.scrbl',
      'nx-raco setup: running: <ws>/lonely/lonely.scrbl',
      'nx-raco setup: WARNING: undefined tag in <ws>/lonely/lonely.scrbl:',
      'nx-raco setup:  (x y)',
      'nx-raco setup: rendering: <ws>/a/a.scrbl',
      'nx-raco setup: rendering: <ws>/all/all.scrbl',
      'nx-raco setup: rendering: <ws>/a/bad.scrbl',
      'nx-raco setup: rendering: <ws>/lonely/lonely.scrbl',
      '',
    ]);
    expect(first.stderr).toBe('warning from a/doc/a\nwarning from all/doc/all\nwarning from a/doc/bad\nwarning from lonely/doc/lonely\n');
    expect(first.errors).toEqual([
      { collection: '<ws>/a/gone.scrbl', during: 'building docs', message: '<ws>/a/gone.scrbl: the document\'s source is missing; create it or remove its entry from `scribblings` in <ws>/a/info.rkt.' },
      { collection: '<ws>/a/bad.scrbl', during: 'building docs', message: 'bad: boom' },
    ]);
    expect(existsSync(ws.path('a/doc/bad/nx-raco-doc.json'))).toBe(false);
    expect(JSON.parse(readFileSync(ws.path('a/doc/a/nx-raco-doc.json'), 'utf8'))).toMatchObject({ format: 1, title: 'Title a', entry: { src: 'a.scrbl', upLink: '../../../doc/index.html' } });
    expect(readFileSync(getDocIndexPath(ws.root), 'utf8')).toMatch(/<h2>Tools<\/h2>\n<ul>\n<li><a href="..\/a\/doc\/a\/index.html">Title a<\/a><\/li>\n<\/ul>\n<\/div>\n<div class="section">\n<h2>Miscellaneous Libraries<\/h2>\n<ul>\n<li><a href="..\/all\/doc\/all\/index.html">Title all<\/a><\/li>\n<li><a href="..\/lonely\/doc\/lonely\/index.html">Title lonely<\/a><\/li>\n<\/ul>/);

    ws.write('lonely/lonely.scrbl', 'lonely, edited');
    ws.write('lonely/compiled/lonely_scrbl.zo', 'pretend it was recompiled');
    const second = await build(ws.root, ['a', 'all', 'lonely']);
    expect(second.decisions).toEqual(['a/doc/a -', 'all/doc/all -', 'a/doc/bad never-built', 'lonely/doc/lonely source-changed', 'all/doc/all depends-all']);
  });
});
