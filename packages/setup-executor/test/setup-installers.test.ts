/**
 * The installer steps of `nx-raco setup` (`runInstallers`) against real `raco setup` on the same
 * fixture: installers of arity 1, 2, 3 and 4, variadic ones and ones with optional arguments, for
 * all three parts, in collections and subcollections; one collection whose installers raise; and
 * broken ones (missing export, missing file, a symbol instead of a path, a module that does not
 * compile). Every installer prints its arguments and whether its own `.zo` existed when it ran.
 *
 * raco runs in one copy of the fixture in the sandbox of `support/raco-setup-sandbox.ts` (as user
 * `nobody`, so it cannot write into the installation; a temp `PLTADDONDIR`; `colls` linked
 * there); ours runs in another copy. Only the copies' roots are normalised (`<root>`) and raco's
 * program name replaced by ours. Needs root (for `runuser`) and Racket 8.7; NX_RACO_KEEP_TMP=1
 * keeps the trees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompilationManager } from '@nx-raco/cm-core';
import { createWorkspaceEnv } from '../src/plugin/workspace-env.js';
import { listSetupCollections, type SetupCollection } from '../src/setup-command/collection-files.js';
import { installerBanner, runInstallers, type InstallerPart } from '../src/setup-command/installers.js';
import type { SetupError } from '../src/setup-command/setup-report.js';
import { createTempWorkspace, type TempWorkspace } from '../src/testing/fixtures/temp-workspace.js';
import { cleanEnv, type ProcessRun } from './support/process-run.js';
import { createRacoSetupSandbox, type RacoSetupSandbox } from './support/raco-setup-sandbox.js';
import { hasRacketAndRaco } from './support/tool-runs.js';

const RUN_TIMEOUT_MS = 120_000;
const PARTS: readonly InstallerPart[] = ['pre', 'general', 'post'];
const LABELS = new Set(['early install', 'general install', 'post install']);

/** A module exporting `names`, each `(define (<name> . <formals>) …)` printing its arguments. */
function installerModule(names: readonly string[], formals: string, args: string, extra = ''): string {
  return [
    '#lang racket/base',
    `(provide ${names.join(' ')})`,
    '(define (zo?)',
    '  (let-values ([(dir name _) (split-path (variable-reference->module-source (#%variable-reference)))])',
    '    (file-exists? (build-path dir "compiled" (path-add-extension name #".zo")))))',
    ...names.map((name) => `(define (${name} . ${formals}) (printf "${name} ~s zo:~a\\n" ${args} (zo?))${extra})`),
    '',
  ].join('\n');
}

const info = (fields: Record<string, string>): string =>
  `#lang info\n${Object.entries(fields).map(([k, v]) => `(define ${k} ${v})`).join('\n')}\n`;

// collection | what it tests
const FIXTURE: Record<string, string> = {
  // arity 1, 2, 3 (one per part), a name field, installer output on stderr too
  'colls/mc/info.rkt': info({ name: '"MC"', 'pre-install-collection': '"i1.rkt"', 'install-collection': '"i2.rkt"', 'post-install-collection': '"i3.rkt"' }),
  'colls/mc/i1.rkt': installerModule(['pre-installer'], '(a)', '(list a)', ' (eprintf "pre-installer stderr\\n")'),
  'colls/mc/i2.rkt': installerModule(['installer'], '(a b)', '(list a b)'),
  'colls/mc/i3.rkt': installerModule(['post-installer'], '(a b c)', '(list a b c)'),
  // arity 4; variadic; optional plus rest
  'colls/mc/sub/info.rkt': info({ 'pre-install-collection': '"i4.rkt"', 'install-collection': '"iv.rkt"', 'post-install-collection': '"iv.rkt"' }),
  'colls/mc/sub/i4.rkt': installerModule(['pre-installer'], '(a b c d)', '(list a b c d)'),
  'colls/mc/sub/iv.rkt': [
    installerModule(['installer'], 'args', 'args'),
    '(provide post-installer)',
    '(define (post-installer a [b #f] . r) (printf "post-installer ~s\\n" (list a b r)))',
    '',
  ].join('\n'),
  // optional arguments only: arity includes 3, not 4
  'colls/mc/opt/info.rkt': info({ 'pre-install-collection': '"o.rkt"', 'install-collection': '"o.rkt"', 'post-install-collection': '"o.rkt"' }),
  'colls/mc/opt/o.rkt': [
    '#lang racket/base',
    '(provide pre-installer installer post-installer)',
    '(define (show who . xs) (printf "~a ~s\\n" who xs))',
    '(define (pre-installer a [b 1] [c 2]) (show "pre-installer" a b c))',
    '(define (installer a [b 1] [c 2]) (show "installer" a b c))',
    '(define (post-installer a [b 1] [c 2]) (show "post-installer" a b c))',
    '',
  ].join('\n'),
  'colls/mc/plain/x.rkt': '#lang racket/base\n',
  // raises in every part, after printing
  'colls/boom/info.rkt': info({ 'pre-install-collection': '"b.rkt"', 'install-collection': '"b.rkt"', 'post-install-collection': '"b.rkt"' }),
  'colls/boom/b.rkt': installerModule(['pre-installer', 'installer', 'post-installer'], '(a b)', '(list a b)', ' (error \'boom "~a failed" (quote boom))'),
  // broken declarations
  'colls/bad/x.rkt': '#lang racket/base\n',
  'colls/bad/noexp/info.rkt': info({ 'pre-install-collection': '"n.rkt"' }),
  'colls/bad/noexp/n.rkt': '#lang racket/base\n(provide other)\n(define other 1)\n',
  'colls/bad/nofile/info.rkt': info({ 'install-collection': '"missing.rkt"' }),
  'colls/bad/sym/info.rkt': info({ 'post-install-collection': "'sym" }),
  'colls/bad/syn/info.rkt': info({ 'install-collection': '"s.rkt"' }),
  'colls/bad/syn/s.rkt': '#lang racket/base\n(provide installer)\n(define x (+ 1 nope))\n(define (installer a) 1)\n',
};
const COLLECTIONS = ['mc', 'boom', 'bad'];

/** raco's lines inside the step after `--- <banner> ---`, with our program name. */
function section(stdout: string, banner: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`raco setup: --- ${banner} ---`));
  if (start < 0) throw new Error(`[setup-installers test] raco printed no "${banner}" banner:\n${stdout}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('raco setup: ---'));
  return rest.slice(0, end < 0 ? undefined : end).map((line) => `${line.replace(/^raco setup:/, 'nx-raco setup:')}\n`).join('');
}

/** The installer entries of raco's error summary (stderr), as `SetupError`s. */
function summaryErrors(stderr: string): SetupError[] {
  const errors: { collection: string; during: string; lines: string[] }[] = [];
  for (const line of stderr.split('\n')) {
    const head = /^raco setup: error: during (.+?) for (.+)$/.exec(line);
    if (head !== null) errors.push({ during: head[1]!, collection: head[2]!, lines: [] });
    else if (line.startsWith('raco setup:   ') && errors.length > 0) errors.at(-1)!.lines.push(line.slice('raco setup:   '.length));
  }
  return errors
    .filter((e) => LABELS.has(e.during))
    .map((e) => ({ collection: e.collection, during: e.during, message: e.lines.join('\n').replaceAll('raco setup:', 'nx-raco setup:') }));
}

describe.skipIf(!hasRacketAndRaco() || process.getuid?.() !== 0)('runInstallers compared with raco setup (real Racket)', () => {
  let raco: RacoSetupSandbox;
  let ours: TempWorkspace;
  let racoRun: ProcessRun;
  const oursOut: Record<InstallerPart, { stdout: string; stderr: string; errors: SetupError[] }> = {
    pre: { stdout: '', stderr: '', errors: [] },
    general: { stdout: '', stderr: '', errors: [] },
    post: { stdout: '', stderr: '', errors: [] },
  };
  /** `text` with the copy's root (`root`) replaced by `<root>`. */
  const norm = (text: string, root: string): string => text.replaceAll(root, '<root>');

  beforeAll(async () => {
    raco = await createRacoSetupSandbox(FIXTURE, { collectionRoots: ['colls'] });
    ours = createTempWorkspace(FIXTURE, { suite: true });
    racoRun = await raco.runRacoSetup(['-j', '1', '-D', '-x', '-l', ...COLLECTIONS]);

    const workspaceEnv = createWorkspaceEnv([ours.path('colls')], cleanEnv({ PLTADDONDIR: undefined }));
    const ccs: SetupCollection[] = listSetupCollections(
      COLLECTIONS.map((name) => ({ name, dir: ours.path(`colls/${name}`) })),
      [],
      { noDocs: true },
    ).filter((cc) => cc.infoError === undefined);
    const cm = createCompilationManager({ racket: 'racket', cwd: ours.root, env: workspaceEnv });
    try {
      const ctx = { workspaceRoot: ours.root, racket: 'racket', env: workspaceEnv, compile: cm.makeCachingManagedCompileZo() };
      for (const part of PARTS) {
        const out = oursOut[part];
        out.errors = await runInstallers(part, ccs, ctx, { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) });
      }
    } finally {
      await cm.close();
    }
  }, RUN_TIMEOUT_MS * 2);
  afterAll(() => {
    raco?.dispose();
    ours?.dispose();
  });

  it('raco setup ran, with errors only from the broken collections', () => {
    expect(racoRun.stdout).toContain('raco setup: --- summary of errors ---');
    expect(racoRun.code).toBe(1);
  });

  it.each(PARTS)('%s: prints the same lines and calls with the same arguments', (part) => {
    expect(norm(oursOut[part].stdout, ours.root)).toBe(norm(section(racoRun.stdout, installerBanner(part)), raco.workspace));
  });

  it('calls every arity as raco does (spot check of the fixture)', () => {
    const pre = norm(oursOut.pre.stdout, ours.root);
    expect(pre).toContain('nx-raco setup: pre-installing: <root>/colls/mc (MC)\npre-installer (#<path:/usr/share/racket/collects/..>) zo:#t\n');
    expect(pre).toContain('pre-installer (#<path:/usr/share/racket/collects/..> #<path:<root>/colls/mc/sub> #t #f) zo:#t\n');
    expect(norm(oursOut.general.stdout, ours.root)).toContain('installer (#<path:/usr/share/racket/collects/..> #<path:<root>/colls/mc/sub> #t #f) zo:#t\n');
    expect(norm(oursOut.post.stdout, ours.root)).toContain('post-installer (#<path:/usr/share/racket/collects/..> #<path:<root>/colls/mc> #t) zo:#t\n');
    expect(oursOut.pre.stderr).toContain('pre-installer stderr\n');
  });

  it('records the same errors, labelled as raco labels them', () => {
    const mine = PARTS.flatMap((part) => oursOut[part].errors).map((e) => ({
      collection: norm(e.collection, ours.root),
      during: e.during,
      // Our validation errors add a line naming the info.rkt field.
      message: norm(e.message, ours.root).replace(/\n {2}expected by: [^\n]*/, ''),
    }));
    const theirs = summaryErrors(racoRun.stderr).map((e) => ({ ...e, collection: norm(e.collection, raco.workspace), message: norm(e.message, raco.workspace) }));
    expect(mine).toEqual(theirs);
    expect(mine.map((e) => `${e.during} ${e.collection}`)).toEqual([
      'early install <root>/colls/bad/noexp',
      'early install <root>/colls/boom',
      'general install <root>/colls/bad/nofile',
      'general install <root>/colls/bad/syn',
      'general install <root>/colls/boom',
      'post install <root>/colls/bad/sym',
      'post install <root>/colls/boom',
    ]);
  });
});

describe.skipIf(!hasRacketAndRaco())('runInstallers on its own (real Racket)', () => {
  it('records an installer that calls exit and runs the next one', async () => {
    const ws = createTempWorkspace({
      'colls/a/info.rkt': info({ 'install-collection': '"i.rkt"' }),
      'colls/a/i.rkt': '#lang racket/base\n(provide installer)\n(define (installer d) (displayln "a exits") (exit 3))\n',
      'colls/b/info.rkt': info({ 'install-collection': '"i.rkt"' }),
      'colls/b/i.rkt': '#lang racket/base\n(provide installer)\n(define (installer d) (displayln "b ran"))\n',
    });
    const env = createWorkspaceEnv([ws.path('colls')], cleanEnv({ PLTADDONDIR: undefined }));
    const ccs = listSetupCollections([{ name: 'a', dir: ws.path('colls/a') }, { name: 'b', dir: ws.path('colls/b') }], [], { noDocs: true });
    let stdout = '';
    const errors = await runInstallers('general', ccs, { workspaceRoot: ws.root, racket: 'racket', env }, { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(stdout.replaceAll(ws.root, '<root>')).toBe(
      'nx-raco setup: installing: <root>/colls/a\na exits\nnx-raco setup: installing: <root>/colls/b\nb ran\n',
    );
    expect(errors).toEqual([{ collection: ws.path('colls/a'), during: 'general install', message: 'installer called (exit 3); the other installers ran anyway' }]);
  });
});
