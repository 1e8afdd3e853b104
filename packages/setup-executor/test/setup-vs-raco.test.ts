/**
 * `nx-raco setup` against the real `raco setup` on `fixtures/setup-every-field`, a workspace
 * using every info.rkt field nx-raco setup handles: `name`, `compile-omit-paths` (a path with
 * `/`, a regexp), `compile-omit-files`, `compile-include-files`, a subcollection, `scribblings`
 * (single-page; multi-page with a category and a name), `clean`, the three installers (arities
 * 4, 2, 3; each prints its arguments and leaves a marker), racket, mzscheme, gracket and mred launchers (a
 * name with a space and capitals, a flag with a quote) and a mismatched launcher list.
 *
 * raco runs in a sandbox (`support/raco-setup-sandbox.ts`: the fixture's copy linked with
 * `raco link -u`, a temp `PLTADDONDIR`, `nobody` when root); ours runs in another copy, with an
 * empty temp `PLTADDONDIR` that must stay empty. Both run `-j 1` on `alpha beta`, at the same
 * time. Only what must differ is normalised: the temp roots, `raco setup:`/`nx-raco setup:`,
 * banner clocks, where launchers go (`<addon>/8.7/bin` vs `bin/`), our `-S <workspace>` launcher
 * flags, and the documents' "up" link (raco: the user doc index; ours: the workspace's).
 *
 * The clean comparison starts both sides from the same tree (a copy of raco's set-up
 * workspace), so a compile difference cannot hide or fake a clean difference; raco runs
 * `--fast-clean` (the same flags as `-c` without bootstrapping setup from source, which alone
 * takes over a minute here), ours `-c`. It runs last.
 * NX_RACO_KEEP_TMP=1 keeps the trees. Needs racket 8.7 and the built CLI.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runProcess, type ProcessRun } from './support/process-run.js';
import { canUseRacoSetupSandbox, createRacoSetupSandbox, SANDBOX_RUN_TIMEOUT_MS, type RacoSetupSandbox } from './support/raco-setup-sandbox.js';
import { createTempTree, listFiles, type TempTree } from './support/temp-tree.js';
import { assertBuiltCliIsFresh, hasRacketAndRaco } from './support/tool-runs.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/setup-every-field');
const BIN = join(import.meta.dirname, '../bin/nx-raco.js');
const COLLECTIONS = ['alpha', 'beta'] as const;
const SETUP_TIMEOUT_MS = 100_000;

/**
 * The launchers alpha/info.rkt declares.
 * Columns: file name | Racket's launcher maker | the flags raco passes it | what running it prints
 * (`null`: a GUI launcher, not run, since the tests have no display).
 */
const LAUNCHERS = [
  ['alpha-run', 'make-racket-launcher', ['-l-', 'alpha/main.rkt'], 'Hello, world\n'],
  ['my-tool', 'make-racket-launcher', ['-l-', 'alpha/tool.rkt'], 'Hello, tool\n'],
  ['alpha-legacy', 'make-mzscheme-launcher', ['-l-', 'alpha/main.rkt', "it's"], "Hello, it's\n"],
  ['alpha-gui', 'make-gracket-launcher', ['-l-', 'alpha/gui.rkt'], null],
  ['alpha-mred', 'make-mred-launcher', ['-l-', 'alpha/gui.rkt'], null],
] as const;

/** Step banners both tools print, in raco's order; the installer lines must sit between the same ones. */
const STEP_BANNER = /^setup: --- (pre-installing collections|installing foreign libraries|installing shared files|compiling collections|creating launchers|installing man pages|building documentation|installing collections|post-installing collections) ---$/;
const INSTALLER_LINE = /^(setup: (pre-|post-)?installing: |beta [a-z-]+ called: )/;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Output made comparable: roots → `<root>`, both prefixes → `setup:`, banner clocks dropped. */
function normalizeOutput(text: string, replacements: readonly (readonly [string, string])[]): string[] {
  let out = text;
  for (const [from, to] of replacements) out = out.replaceAll(from, to);
  return out
    .replace(/^(nx-)?raco setup:/gm, 'setup:')
    .replace(/^(setup: --- .* ---) +\[\d+:\d\d:\d\d\]$/gm, '$1')
    .split('\n')
    .filter((line) => line !== '');
}

/** The lines of one step: after its banner, up to the next banner. */
function stepLines(lines: readonly string[], step: string): string[] {
  const start = lines.indexOf(`setup: --- ${step} ---`);
  if (start === -1) return [`(no "${step}" step)`];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^setup: --- /.test(line));
  return end === -1 ? rest : rest.slice(0, end);
}

function listFilesOrNone(dir: string): string[] {
  return existsSync(dir) ? listFiles(dir) : [];
}

function compiledFiles(root: string): string[] {
  return listFiles(root).filter((rel) => /(^|\/)compiled\/[^/]+\.(zo|dep)$/.test(rel));
}

/** HTML, CSS and JS under `<root>/<collection>/doc/`, as `<collection>/doc/<rel>`. */
function docFiles(root: string): string[] {
  return COLLECTIONS.flatMap((c) => listFilesOrNone(join(root, c, 'doc')).map((rel) => `${c}/doc/${rel}`)).filter((rel) => /\.(html|css|js)$/.test(rel));
}

function deletedBetween(before: readonly string[], after: readonly string[]): string[] {
  const left = new Set(after);
  return before.filter((rel) => !left.has(rel));
}

describe.skipIf(!hasRacketAndRaco() || !canUseRacoSetupSandbox())('nx-raco setup vs raco setup on fixtures/setup-every-field', () => {
  let raco: RacoSetupSandbox;
  let ours: TempTree;
  let ourAddon: string;
  let racoRun: ProcessRun;
  let ourRun: ProcessRun;
  let racoLines: string[];
  let ourLines: string[];
  const runOurCommand = (command: string, args: readonly string[], cwd: string): Promise<ProcessRun> =>
    runProcess(command, args, { cwd, env: cleanEnv({ PLTADDONDIR: ourAddon }), timeoutMs: SANDBOX_RUN_TIMEOUT_MS });
  const runOurSetup = (cwd: string, args: readonly string[]): Promise<ProcessRun> => runOurCommand(process.execPath, [BIN, 'setup', ...args], cwd);

  beforeAll(async () => {
    assertBuiltCliIsFresh();
    raco = await createRacoSetupSandbox(FIXTURE);
    ours = createTempTree({}, 'nx-raco-every-field-');
    cpSync(FIXTURE, ours.root, { recursive: true });
    // Ours must never need the user's Racket directories; a stray write lands here, not in ~.
    ourAddon = mkdtempSync(join(raco.root, 'our-addon-'));
    [racoRun, ourRun] = await Promise.all([raco.runRacoSetup(['-j', '1', '-l', ...COLLECTIONS]), runOurSetup(ours.root, ['-j', '1', ...COLLECTIONS])]);
    racoLines = normalizeOutput(racoRun.stdout, [[raco.binDir, '<bin>'], [raco.workspace, '<root>']]);
    ourLines = normalizeOutput(ourRun.stdout, [[ours.root, '<root>']]).map((line) => line.replace(/^setup: launcher: bin\//, 'setup: launcher: <bin>/'));
  }, SETUP_TIMEOUT_MS);

  afterAll(() => {
    raco?.dispose();
    ours?.dispose();
  });

  it('exits with the same status and the same stderr', () => {
    expect(racoRun.code).toBe(0);
    expect({ code: ourRun.code, stderr: normalizeOutput(ourRun.stderr, [[ours.root, '<root>']]) }).toEqual({
      code: racoRun.code,
      stderr: normalizeOutput(racoRun.stderr, [[raco.workspace, '<root>']]),
    });
  });

  it('writes nothing to the (temp) user addon directory', () => {
    expect(listFiles(ourAddon)).toEqual([]);
  });

  it('compiles the same .zo/.dep files (omit paths with `/` and regexps, omit files, include files, scribblings)', () => {
    expect(compiledFiles(ours.root)).toEqual(compiledFiles(raco.workspace));
  });

  it('prints the same `making:` lines (with the `name` field)', () => {
    const making = (lines: readonly string[]): string[] => lines.filter((line) => /^setup: (\d+ )?making: /.test(line));
    expect(making(ourLines)).toEqual(making(racoLines));
  });

  it('prints the compile step as raco does (its ` in <dir>/` lines too)', () => {
    expect(stepLines(ourLines, 'compiling collections')).toEqual(stepLines(racoLines, 'compiling collections'));
  });

  it('writes launchers with the same file names', () => {
    expect(listFiles(ours.path('bin'))).toEqual(listFiles(raco.binDir));
    expect(listFiles(raco.binDir)).toEqual(LAUNCHERS.map(([name]) => name).sort());
  });

  it('writes launcher text identical to raco\'s once our `-S <workspace>` flags are removed', () => {
    for (const [name] of LAUNCHERS) {
      const ourText = readFileSync(ours.path(`bin/${name}`), 'utf8');
      expect(ourText).toContain(`'-S' '${ours.root}' `);
      expect(ourText.replace(`'-S' '${ours.root}' `, ''), name).toBe(readFileSync(join(raco.binDir, name), 'utf8'));
    }
  });

  it('writes launchers byte-identical to make-{racket,mzscheme,gracket,mred}-launcher for the same flags', async () => {
    const made = join(raco.root, 'made');
    mkdirSync(made);
    chmodSync(made, 0o777);
    const specs = LAUNCHERS.flatMap(([name, maker, flags]) => [
      [maker, join(made, `raco-${name}`), ...flags],
      [maker, join(made, `ours-${name}`), '-S', ours.root, ...flags],
    ]);
    const datum = `(${specs.map((spec) => `(${spec.map((s) => JSON.stringify(s)).join(' ')})`).join(' ')})`;
    const program = `(for ([s (read (open-input-string (vector-ref (current-command-line-arguments) 0)))])
      ((case (car s) [("make-mzscheme-launcher") make-mzscheme-launcher] [("make-gracket-launcher") make-gracket-launcher] [("make-mred-launcher") make-mred-launcher] [else make-racket-launcher]) (cddr s) (cadr s)))`;
    const r = await raco.run('racket', ['-l', 'racket/base', '-l', 'launcher', '-e', program, '--', datum]);
    expect(r.stderr).toBe('');
    for (const [name] of LAUNCHERS) {
      expect(readFileSync(join(raco.binDir, name)), `raco's ${name}`).toEqual(readFileSync(join(made, `raco-${name}`)));
      expect(readFileSync(ours.path(`bin/${name}`)), `our ${name}`).toEqual(readFileSync(join(made, `ours-${name}`)));
    }
  });

  it('writes launchers that run and print the same', async () => {
    for (const [name, , , expected] of LAUNCHERS) {
      if (expected === null) continue;
      const [theirs, mine] = await Promise.all([raco.run(join(raco.binDir, name), []), runOurCommand(ours.path(`bin/${name}`), [], ours.root)]);
      expect({ code: theirs.code, stdout: theirs.stdout, stderr: theirs.stderr }, `raco's ${name}`).toEqual({ code: 0, stdout: expected, stderr: '' });
      expect({ code: mine.code, stdout: mine.stdout, stderr: mine.stderr }, `our ${name}`).toEqual({ code: 0, stdout: expected, stderr: '' });
    }
  });

  it('prints the same WARNING lines', () => {
    const warnings = (lines: readonly string[]): string[] => lines.filter((line) => line.startsWith('setup: WARNING: '));
    expect(warnings(racoLines)).toEqual(['setup: WARNING: console launcher name list ("beta-a" "beta-b") doesn\'t match library list; ("main.rkt")']);
    expect(warnings(ourLines)).toEqual(warnings(racoLines));
  });

  it('prints the launcher step\'s lines in raco\'s order (each collection\'s WARNING after the launchers before it)', () => {
    expect(stepLines(ourLines, 'creating launchers')).toEqual(stepLines(racoLines, 'creating launchers'));
  });

  it('calls the installers with the same arguments, between the same step banners', () => {
    const installerView = (lines: readonly string[]): string[] => lines.filter((line) => STEP_BANNER.test(line) || INSTALLER_LINE.test(line));
    expect(installerView(ourLines)).toEqual(installerView(racoLines));
  });

  it('leaves the same installer marker files', () => {
    const markers = (root: string): Record<string, string> =>
      Object.fromEntries(listFilesOrNone(join(root, 'beta')).filter((rel) => rel.endsWith('.marker')).map((rel) => [rel, readFileSync(join(root, 'beta', rel), 'utf8').replaceAll(root, '<root>')]));
    expect(Object.keys(markers(raco.workspace))).toEqual(['installer.marker', 'post-installer.marker', 'pre-installer.marker']);
    expect(markers(ours.root)).toEqual(markers(raco.workspace));
  });

  it('produces the same HTML, CSS and JS files under each collection\'s doc/', () => {
    expect(docFiles(raco.workspace)).toContain('beta/doc/beta-manual/Doubling.html');
    expect(docFiles(ours.root)).toEqual(docFiles(raco.workspace));
  });

  it('produces the same HTML text (up link and roots normalised) and the same CSS/JS bytes', () => {
    const racoUp = `file://${raco.userDocIndex}`;
    const ourUp = new RegExp(`(?<=href=")(?:file://${escapeRegExp(ours.root)}/|(?:\\.\\./)+)doc/index\\.html(?=")`, 'g');
    const mismatched: string[] = [];
    for (const rel of docFiles(raco.workspace)) {
      const theirs = readFileSync(join(raco.workspace, rel), 'utf8');
      const ourPath = join(ours.root, rel);
      if (!existsSync(ourPath)) {
        mismatched.push(`${rel} (missing)`);
        continue;
      }
      const mine = readFileSync(ourPath, 'utf8');
      const same = rel.endsWith('.html')
        ? mine.replace(ourUp, '<doc-index>').replaceAll(ours.root, '<root>') === theirs.replaceAll(racoUp, '<doc-index>').replaceAll(raco.workspace, '<root>')
        : mine === theirs;
      if (!same) mismatched.push(rel);
    }
    expect(mismatched).toEqual([]);
  });

  // Last: it deletes compiled files in raco's tree.
  it('setup -c deletes the same files, starting from the same tree (clean list with a generated file and "compiled")', async () => {
    const cleanRoot = createTempTree({}, 'nx-raco-every-field-clean-');
    try {
      cpSync(raco.workspace, cleanRoot.root, { recursive: true });
      for (const root of [raco.workspace, cleanRoot.root]) writeFileSync(join(root, 'alpha/gen.txt'), 'generated\n');
      const before = { raco: listFiles(raco.workspace), ours: listFiles(cleanRoot.root) };
      expect(before.ours).toEqual(before.raco);
      const [theirs, mine] = await Promise.all([raco.runRacoSetup(['--fast-clean', '-l', ...COLLECTIONS]), runOurSetup(cleanRoot.root, ['-c', ...COLLECTIONS])]);
      const deleted = deletedBetween(before.raco, listFiles(raco.workspace));
      expect(deleted).toContain('alpha/gen.txt');
      expect(deleted).toContain('alpha/sub/compiled/helper_rkt.zo');
      expect(deletedBetween(before.ours, listFiles(cleanRoot.root))).toEqual(deleted);
      const from = (lines: string[]): string[] => lines.slice(lines.indexOf('setup: --- cleaning collections ---'));
      expect({ code: mine.code, stdout: from(normalizeOutput(mine.stdout, [[cleanRoot.root, '<root>']])), stderr: mine.stderr }).toEqual({
        code: theirs.code,
        stdout: from(normalizeOutput(theirs.stdout, [[raco.workspace, '<root>']])),
        stderr: theirs.stderr,
      });
    } finally {
      cleanRoot.dispose();
      rmSync(join(raco.workspace, 'alpha/gen.txt'), { force: true });
    }
  });
});
