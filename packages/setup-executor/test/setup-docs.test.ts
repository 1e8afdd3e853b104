/**
 * The documentation step (`src/docs/`) on real Racket, against real `raco setup`.
 *
 * Fixture workspace (one collection each): alpha (single page, `defproc`, links into the Racket
 * reference; library 5), beta (multi-page, named `beta-guide`, tool 12), gamma (links to alpha
 * and to a section of beta, and to alpha's undocumented `g`; library 5, title "about gamma"), delta (library 12), omni
 * (`'depends-all`), clock (`'always-run 'no-depend-on`, omitted from the index), broken (bad
 * `scribblings` entry), oops (raises while running), zexit (kills the worker with `exit`, as
 * the last document run, so the undefined-tag check and the renders happen in a new worker).
 *
 * Scenario: build everything; compare alpha/beta/gamma with `raco setup` run on a copy in the
 * sandbox of `support/raco-setup-sandbox.ts` (as `nobody`, `PLTADDONDIR` in a temp dir); build again (only clock); edit alpha's prose
 * (alpha, then omni); rename beta's section that gamma links to (beta, gamma, omni); the index
 * page. The step's stand-in for the compile step is `raco make` on the sources.
 * NX_RACO_KEEP_TMP=1 keeps the trees.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentation, getDocIndexPath, type DocDecision } from '../src/docs/index.js';
import { createWorkspaceEnv } from '../src/plugin/workspace-env.js';
import { listSetupCollections } from '../src/setup-command/collection-files.js';
import type { SetupError } from '../src/setup-command/setup-report.js';
import { listWorkspaceCollections } from '../src/setup-command/workspace-collections.js';
import { cleanEnv, runProcess, type ProcessRun } from './support/process-run.js';
import { createRacoSetupSandbox, type RacoSetupSandbox } from './support/raco-setup-sandbox.js';
import { createTempTree, listFiles, type FileTree } from './support/temp-tree.js';
import { hasRacketAndRaco } from './support/tool-runs.js';

const RACO_TIMEOUT_MS = 120_000;

const FIXTURE: FileTree = {
  'package.json': '{ "name": "docs-fixture", "private": true }\n',
  'alpha/info.rkt': `#lang info\n(define scribblings '(("alpha.scrbl" () (library 5))))\n`,
  'alpha/main.rkt': '#lang racket/base\n(provide f g)\n(define (f x) (car x))\n(define (g x) x)\n',
  'alpha/alpha.scrbl': [
    '#lang scribble/manual',
    '@(require (for-label racket/base alpha))',
    '@title{Alpha Manual}',
    '@defmodule[alpha]',
    '@defproc[(f [x pair?]) any/c]{Returns the @racket[car] of @racket[x].}',
    '@section{More}',
    'See @racket[list] and @racket[nonexistent-binding].',
    '',
  ].join('\n'),
  'beta/info.rkt': `#lang info\n(define scribblings '(("scribblings/beta.scrbl" (multi-page) (tool 12) "beta-guide")))\n`,
  'beta/scribblings/beta.scrbl': '#lang scribble/manual\n@title{Beta Guide}\n@section[#:tag "one"]{One}\nhello\n@section{Two}\nworld\n',
  'gamma/info.rkt': `#lang info\n(define scribblings '(("gamma.scrbl" () (library 5))))\n`,
  'gamma/gamma.scrbl': [
    '#lang scribble/manual',
    '@(require (for-label racket/base alpha))',
    '@title{about gamma}',
    `Uses @racket[f] from @other-doc['(lib "alpha/alpha.scrbl")]; see @secref["one" #:doc '(lib "beta/scribblings/beta.scrbl")] and @racket[map], but not @racket[g].`,
    '',
  ].join('\n'),
  'delta/info.rkt': `#lang info\n(define scribblings '(("delta.scrbl" () (library 12))))\n`,
  'delta/delta.scrbl': '#lang scribble/manual\n@title{Delta}\nDelta.\n',
  'omni/info.rkt': `#lang info\n(define scribblings '(("omni.scrbl" (depends-all) (other))))\n`,
  'omni/omni.scrbl': '#lang scribble/manual\n@title{Omni}\nEverything.\n',
  'clock/info.rkt': `#lang info\n(define scribblings '(("clock.scrbl" (always-run no-depend-on) (omit))))\n`,
  'clock/clock.scrbl': '#lang scribble/manual\n@title{Clock}\nTick.\n',
  'broken/info.rkt': `#lang info\n(define scribblings '(("broken.scrbl" (bogus-flag))))\n`,
  'broken/broken.scrbl': '#lang scribble/manual\n@title{Broken}\n',
  'oops/info.rkt': `#lang info\n(define scribblings '(("oops.scrbl")))\n`,
  'oops/oops.scrbl': `#lang scribble/manual\n@title{Oops}\n@(error 'oops "boom")\n`,
  'zexit/info.rkt': `#lang info\n(define scribblings '(("zexit.scrbl")))\n`,
  'zexit/zexit.scrbl': '#lang scribble/manual\n@title{Zexit}\n@(exit 3)\n',
};

const SOURCES = ['alpha/main.rkt', 'alpha/alpha.scrbl', 'beta/scribblings/beta.scrbl', 'gamma/gamma.scrbl', 'delta/delta.scrbl', 'omni/omni.scrbl', 'clock/clock.scrbl', 'oops/oops.scrbl', 'zexit/zexit.scrbl'];
/** The documents compared with raco, and their directories. */
const COMPARED = ['alpha', 'beta', 'gamma'];
const DOC_DIRS = ['alpha/doc', 'beta/doc', 'gamma/doc'];
/** The collections that fail every time, left out of the incremental runs. */
const FAILING = ['broken', 'oops', 'zexit'];

/** raco setup on a copy of the compared collections, in the sandbox. */
async function runRacoSandboxed(): Promise<{ sandbox: RacoSetupSandbox; run: ProcessRun }> {
  const sandbox = await createRacoSetupSandbox(Object.fromEntries(Object.entries(FIXTURE).filter(([rel]) => COMPARED.some((c) => rel.startsWith(`${c}/`)))));
  try {
    return { sandbox, run: await sandbox.runRacoSetup(['-j', '1', '-l', ...COMPARED]) };
  } catch (error) {
    sandbox.dispose();
    throw error;
  }
}

/** The HTML/css/js files under the documentation directories, relative to `ws`. */
function listRendered(ws: string): string[] {
  return DOC_DIRS.flatMap((dir) => listFiles(join(ws, dir)).map((rel) => `${dir}/${rel}`)).filter((rel) => /\.(html|css|js)$/.test(rel));
}

/** `html` with only the sandbox root and the up link made neutral. */
function normalizeHtml(html: string, ws: string, upLink: RegExp | string): string {
  return html.replaceAll(upLink, 'href="<up>"').split(ws).join('<ws>');
}

describe.skipIf(!hasRacketAndRaco())('documentation step (real Racket, compared with raco setup)', () => {
  const tree = createTempTree(FIXTURE, 'nx-raco-docs-');
  const ws = tree.root;
  const addon = createTempTree({}, 'nx-raco-docs-addon-');
  const env = createWorkspaceEnv([ws], cleanEnv({ PLTADDONDIR: addon.root }));
  let raco: Awaited<ReturnType<typeof runRacoSandboxed>> | undefined;
  let racoRun: Promise<Awaited<ReturnType<typeof runRacoSandboxed>>>;
  afterAll(() => {
    raco?.sandbox.dispose();
    addon.dispose();
    tree.dispose();
  });

  const compile = async (files: readonly string[]): Promise<void> => {
    const r = await runProcess('raco', ['make', ...files], { cwd: ws, env, timeoutMs: RACO_TIMEOUT_MS });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  };

  /** Builds the documents of every collection, or of those not in `skip`. */
  const build = async (skip: readonly string[] = []): Promise<{ stdout: string; stderr: string; errors: SetupError[]; decisions: Map<string, DocDecision['reason']> }> => {
    let stdout = '';
    let stderr = '';
    const decisions = new Map<string, DocDecision['reason']>();
    const ccs = listSetupCollections(listWorkspaceCollections(ws), [], { noDocs: false }).filter((cc) => !skip.includes(cc.name));
    const errors = await buildDocumentation(
      ccs,
      { workspaceRoot: ws, racket: 'racket', env, now: () => new Date(2026, 0, 1, 9, 0, 0), onDecision: (d) => decisions.set(d.id, d.reason) },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    return { stdout: stdout.split(ws).join('<ws>'), stderr: stderr.split(ws).join('<ws>'), errors, decisions };
  };
  const builtIds = (decisions: Map<string, DocDecision['reason']>): Record<string, DocDecision['reason']> =>
    Object.fromEntries([...decisions].filter(([, reason]) => reason !== undefined));
  const docLines = (stdout: string): string[] => stdout.split('\n').filter((l) => /^nx-raco setup: (running|rendering|WARNING)/.test(l) || l.startsWith('nx-raco setup:  '));

  beforeAll(async () => {
    racoRun = runRacoSandboxed();
    // Its failure is reported by the test that awaits it, not as an unhandled rejection.
    racoRun.catch(() => undefined);
    await compile(SOURCES);
  }, RACO_TIMEOUT_MS);

  let first: Awaited<ReturnType<typeof build>>;

  it('builds every good document and reports the bad ones', async () => {
    first = await build();
    expect(first.stdout).toMatch(/^nx-raco setup: --- building documentation --- +\[9:00:00\]\n/);
    expect(docLines(first.stdout)).toEqual([
      'nx-raco setup: running: <ws>/alpha/alpha.scrbl',
      'nx-raco setup: running: <ws>/beta/scribblings/beta.scrbl',
      'nx-raco setup: running: <ws>/clock/clock.scrbl',
      'nx-raco setup: running: <ws>/delta/delta.scrbl',
      'nx-raco setup: running: <ws>/gamma/gamma.scrbl',
      'nx-raco setup: running: <ws>/omni/omni.scrbl',
      'nx-raco setup: running: <ws>/oops/oops.scrbl',
      'nx-raco setup: running: <ws>/zexit/zexit.scrbl',
      'nx-raco setup: WARNING: undefined tag in <ws>/gamma/gamma.scrbl:',
      'nx-raco setup:  ((lib "alpha/main.rkt") g)',
      'nx-raco setup: rendering: <ws>/alpha/alpha.scrbl',
      'nx-raco setup: rendering: <ws>/beta/scribblings/beta.scrbl',
      'nx-raco setup: rendering: <ws>/clock/clock.scrbl',
      'nx-raco setup: rendering: <ws>/delta/delta.scrbl',
      'nx-raco setup: rendering: <ws>/gamma/gamma.scrbl',
      'nx-raco setup: rendering: <ws>/omni/omni.scrbl',
    ]);
    const errors = first.errors.map((e) => ({ ...e, collection: e.collection.split(ws).join('<ws>'), message: e.message.split(ws).join('<ws>') }));
    expect(errors).toEqual([
      {
        collection: '<ws>/broken',
        during: 'building docs',
        message: "<ws>/broken/info.rkt: bad `scribblings`: document 1: expected a mode symbol (main-doc, main-doc-root, user-doc-root, user-doc, multi-page, depends-all, depends-all-main, depends-all-user, no-depend-on, always-run, keep-style, no-search, every-main-layer), got `bogus-flag` (symbol). Fix the field; none of this collection's documents is built until then.",
      },
      { collection: '<ws>/oops/oops.scrbl', during: 'building docs', message: 'oops: boom' },
      { collection: '<ws>/zexit/zexit.scrbl', during: 'building docs', message: expect.stringMatching(/^racket exited \(code 3\) while running <ws>\/zexit\/zexit.scrbl;/) },
    ]);
    for (const dir of ['alpha/doc/alpha', 'beta/doc/beta-guide', 'gamma/doc/gamma', 'delta/doc/delta', 'omni/doc/omni', 'clock/doc/clock']) {
      expect(tree.exists(`${dir}/index.html`), dir).toBe(true);
      expect(tree.exists(`${dir}/nx-raco-doc.json`), dir).toBe(true);
    }
    expect(tree.exists('oops/doc/oops/nx-raco-doc.json')).toBe(false);
    expect(tree.exists('broken/doc')).toBe(false);
  });

  it('writes the same HTML, css and js files as raco setup', async () => {
    raco = await racoRun;
    expect(raco.run.stderr).toBe('');
    expect(raco.run.code).toBe(0);
    const racoWs = raco.sandbox.workspace;
    expect(listRendered(ws)).toEqual(listRendered(racoWs));
    const racoUp = `href="file://${raco.sandbox.userDocIndex}"`;
    const ourUp = /href="\.\.\/\.\.\/\.\.\/doc\/index\.html"/g;
    for (const rel of listRendered(ws)) {
      const ours = readFileSync(join(ws, rel), 'utf8');
      const theirs = readFileSync(join(racoWs, rel), 'utf8');
      if (!rel.endsWith('.html')) {
        expect(ours, rel).toBe(theirs);
        continue;
      }
      expect(ours, rel).toMatch(ourUp);
      expect(normalizeHtml(ours, ws, ourUp), rel).toBe(normalizeHtml(theirs, racoWs, racoUp));
    }
    // raco's printed lines for the compared documents, with its prefix.
    const racoLines = raco.run.stdout
      .split('\n')
      .filter((l) => l.includes(racoWs))
      .filter((l) => /^raco setup: (running|rendering|WARNING)/.test(l))
      .map((l) => l.replace('raco setup:', 'nx-raco setup:').split(racoWs).join('<ws>'));
    expect(racoLines).toEqual(docLines(first.stdout).filter((l) => COMPARED.some((c) => l.includes(`<ws>/${c}/`))));
  }, RACO_TIMEOUT_MS);

  it('resolves links between workspace documents relatively', () => {
    const gamma = tree.read('gamma/doc/gamma/index.html');
    expect(gamma).toContain('href="../../../alpha/doc/alpha/index.html#%28def._%28%28lib._alpha%2Fmain..rkt%29._f%29%29"');
    expect(gamma).toContain('href="../../../beta/doc/beta-guide/one.html"');
    expect(gamma).toContain('href="file:///usr/share/doc/racket/reference/');
  });

  it('builds nothing on a second run but the always-run document', async () => {
    const mtime = (): number => statSync(tree.path('alpha/doc/alpha/index.html')).mtimeMs;
    const before = mtime();
    const r = await build(FAILING);
    expect(builtIds(r.decisions)).toEqual({ 'clock/doc/clock': 'always-run' });
    expect(r.decisions.size).toBe(6);
    expect(docLines(r.stdout)).toEqual(['nx-raco setup: running: <ws>/clock/clock.scrbl', 'nx-raco setup: rendering: <ws>/clock/clock.scrbl']);
    expect(r.errors).toEqual([]);
    expect(mtime()).toBe(before);
  });

  it('rebuilds an edited document and its depends-all dependents only', async () => {
    tree.write('alpha/alpha.scrbl', tree.read('alpha/alpha.scrbl').replace('Returns the', 'Gives back the'));
    await compile(['alpha/alpha.scrbl']);
    const r = await build(FAILING);
    expect(builtIds(r.decisions)).toEqual({ 'alpha/doc/alpha': 'source-changed', 'clock/doc/clock': 'always-run', 'omni/doc/omni': 'depends-all' });
    expect(tree.read('alpha/doc/alpha/index.html')).toContain('Gives back the');
  });

  it('rebuilds a document whose links changed target data', async () => {
    tree.write('beta/scribblings/beta.scrbl', tree.read('beta/scribblings/beta.scrbl').replace('{One}', '{The First}'));
    await compile(['beta/scribblings/beta.scrbl']);
    const r = await build(FAILING);
    expect(builtIds(r.decisions)).toEqual({ 'beta/doc/beta-guide': 'source-changed', 'gamma/doc/gamma': 'reference-changed', 'omni/doc/omni': 'depends-all', 'clock/doc/clock': 'always-run' });
    expect(tree.read('gamma/doc/gamma/index.html')).toContain('The First');
  });

  it('lists the documents by category, sort number and title on the index page', () => {
    const page = readFileSync(getDocIndexPath(ws), 'utf8');
    const body = page.slice(page.indexOf('<h1>'));
    const outline = [...body.matchAll(/<h2>([^<]*)<\/h2>|<ul>|<li><a href="([^"]*)">([^<]*)<\/a><\/li>/g)].map((m) => m[1] ?? (m[3] === undefined ? '--' : `${m[3]} ${m[2]}`));
    expect(outline).toEqual([
      'Tools', '--', 'Beta Guide ../beta/doc/beta-guide/index.html',
      'Miscellaneous Libraries', '--', 'Delta ../delta/doc/delta/index.html', '--', 'about gamma ../gamma/doc/gamma/index.html', 'Alpha Manual ../alpha/doc/alpha/index.html',
      'Other', '--', 'Omni ../omni/doc/omni/index.html',
    ]);
  });
});
