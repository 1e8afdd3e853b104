/**
 * The text of a Unix launcher script, byte for byte what Racket 8.7's `launcher` library writes
 * (`launcher/launcher.rkt` `make-unix-launcher`, lines 385-500) for an absolute bindir and the
 * default (non-script) launcher variant:
 *
 *     #!/bin/sh
 *     # This script was created by make-mzscheme-launcher
 *
 *     # {{{ bindir
 *     bindir="/usr/bin"
 *     # }}} bindir
 *
 *     exec "${bindir}/racket" -N "$0" '-l-' 'mycoll/main.rkt'  ${1+"$@"}
 *
 * Rules (each checked against Racket in `launcher-text.spec.ts`):
 * - `racket`/`mzscheme` launchers are of kind `mzscheme` and exec `racket`; `gracket`/`mred`
 *   launchers are of kind `mred`, exec `gracket`, and carry `# unixstyle-install: use librktdir`
 *   (their bindir is Racket's lib directory, where `gracket` lives, not the console bin dir);
 * - `make-mzscheme-launcher` prepends `-I scheme/init`, `make-mred-launcher` `-I scheme/gui/init`;
 * - each flag is single-quoted (`'` → `'"'"'`) and followed by one space, then one more space
 *   precedes `${1+"$@"}` — hence the two spaces;
 * - the bindir has `"`, backquote, `'`, `$` and `\` backslash-escaped;
 * - GUI launchers with flags move standard X toolkit flags given first (`-display :0`, …) before
 *   `-N "$0"` and wrap the exec line in a `findxend` shell function that moves X flags given on
 *   the command line to the front too (`launcher.rkt:239-307`).
 *
 * Not produced (raco setup never needs them for a workspace launcher): the relative bindir header
 * of relocatable main-installation launchers, the `-J <wm-class>` of a `.wmclass` file next to the
 * library, and the `-G`/`-A` flags of tethered installations.
 */

/** Which `make-…-launcher` of Racket's `launcher` library the text imitates. */
export type LauncherKind = 'racket' | 'gracket' | 'mzscheme' | 'mred';

export interface LauncherTextOptions {
  /**
   * Absolute directory holding the executable: `(find-console-bin-dir)` for `racket`/`mzscheme`
   * launchers, the lib directory holding `gracket` for `gracket`/`mred` launchers.
   */
  readonly bindir: string;
  readonly kind: LauncherKind;
  /** The flags as given to `make-<kind>-launcher` (before its own `-I …` prefix). */
  readonly flags: readonly string[];
}

/** Standard X toolkit flags taking one argument, with the shell variable that remembers them. */
const ONE_ARG_X_FLAGS: readonly (readonly [string, ...string[]])[] = [
  ['xa', '-display'],
  ['xb', '-geometry'],
  ['xc', '-bg', '-background'],
  // Racket's own spelling: `-foregound` (sic).
  ['xd', '-fg', '-foregound'],
  ['xe', '-font'],
  ['xf', '-name'],
  ['xg', '-selectionTimeout'],
  ['xh', '-title'],
  ['xi', '-xnllanguage'],
  ['xj', '-xrm'],
];

/** Standard X toolkit flags without an argument. */
const NO_ARG_X_FLAGS: readonly (readonly [string, ...string[]])[] = [
  ['xk', '-iconic'],
  ['xl', '-rv', '-reverse'],
  ['xm', '+rv'],
  ['xn', '-synchronous'],
  ['xo', '-singleInstance'],
];

function isGuiKind(kind: LauncherKind): boolean {
  return kind === 'gracket' || kind === 'mred';
}

/**
 * The flags a launcher of `kind` passes, in order: `make-mzscheme-launcher` and
 * `make-mred-launcher` prepend their `-I` init library.
 * @example getLauncherFlags('mzscheme', ['-l-', 'x/main.rkt']) //=> ['-I', 'scheme/init', '-l-', 'x/main.rkt']
 */
export function getLauncherFlags(kind: LauncherKind, flags: readonly string[]): string[] {
  switch (kind) {
    case 'racket':
    case 'gracket':
      return [...flags];
    case 'mzscheme':
      return ['-I', 'scheme/init', ...flags];
    case 'mred':
      return ['-I', 'scheme/gui/init', ...flags];
    default:
      return kind satisfies never;
  }
}

/**
 * How many leading flags are standard X toolkit flags (with their arguments), as
 * `skip-x-flags` counts them; a one-argument X flag without its argument takes the rest.
 * @example countLeadingXFlags(['-display', ':0', '-iconic', '-l-', 'x']) //=> 3
 */
export function countLeadingXFlags(flags: readonly string[]): number {
  let i = 0;
  while (i < flags.length) {
    const flag = flags[i]!;
    if (ONE_ARG_X_FLAGS.some(([, ...names]) => names.includes(flag))) {
      if (i + 1 >= flags.length) return flags.length;
      i += 2;
    } else if (NO_ARG_X_FLAGS.some(([, ...names]) => names.includes(flag))) {
      i += 1;
    } else {
      break;
    }
  }
  return i;
}

/**
 * Racket's `str-list->sh-str`: each flag single-quoted and followed by a space.
 * @example quoteShellWords(["a'b", '$x']) //=> `'a'"'"'b' '$x' `
 */
export function quoteShellWords(words: readonly string[]): string {
  return words.map((word) => `'${word.replaceAll("'", `'"'"'`)}' `).join('');
}

/**
 * Racket's `protect-shell-string`: a backslash before each `"`, backquote, `'`, `$` and `\`,
 * for use inside a double-quoted shell string.
 * @example protectShellString('/opt/my "racket"') //=> '/opt/my \\"racket\\"'
 */
export function protectShellString(text: string): string {
  return text.replace(/["`'$\\]/g, '\\$&');
}

/** `output-x-arg-getter`: the `findxend` function that moves X flags to the front. */
function formatXArgGetter(exec: string, args: string): string {
  const orFlags = (names: readonly string[]): string => names.join(' | ');
  const lines = ['# Find X flags and shift them to the front\n', 'findxend() {\n', " oneargflag=''\n", ' case "$1" in\n'];
  for (const [variable, ...names] of ONE_ARG_X_FLAGS) {
    lines.push(`  ${orFlags(names)})\n     oneargflag="$1"\n     ${variable}="$2"\n   ;;\n`);
  }
  for (const [variable, ...names] of NO_ARG_X_FLAGS) lines.push(`  ${orFlags(names)})\n    ${variable}=yes\n  ;;\n`);
  const remembered = [
    ...ONE_ARG_X_FLAGS.map(([variable, name]) => ` \${${variable}+"${name}"} \${${variable}+"$${variable}"}`),
    ...NO_ARG_X_FLAGS.map(([variable, name]) => ` \${${variable}+"${name}"}`),
  ].join('');
  lines.push(
    `  *)\n    ${exec}${remembered} ${args}  ;;\n`,
    ' esac\n',
    ' shift\n',
    ` if [ "$oneargflag" != '' ] ; then\n`,
    `   if [ "\${1+n}" != 'n' ] ; then echo $0: missing argument for standard X flag $oneargflag ; exit 1 ; fi\n`,
    '   shift\n',
    ' fi\n',
    ' findxend ${1+"$@"}\n',
    '}\nfindxend ${1+"$@"}\n',
  );
  return lines.join('');
}

/**
 * The launcher script Racket's `make-<kind>-launcher` writes on Unix for `flags`, with an
 * absolute bindir.
 * @param options.bindir where the executable lives (see `LauncherTextOptions.bindir`)
 * @param options.kind `racket`, `gracket`, `mzscheme` or `mred`
 * @param options.flags the flags given to the launcher maker
 * @example launcherText({ bindir: '/usr/bin', kind: 'racket', flags: ['-l-', 'x/main.rkt'] }).split('\n').at(-2)
 * //=> `exec "${bindir}/racket" -N "$0" '-l-' 'x/main.rkt'  ${1+"$@"}`
 */
export function launcherText(options: LauncherTextOptions): string {
  const gui = isGuiKind(options.kind);
  const flags = getLauncherFlags(options.kind, options.flags);
  // X flags given first go before `-N "$0"`: gracket only honours them at the front.
  const preCount = gui ? countLeadingXFlags(flags) : 0;
  const pre = flags.slice(0, preCount);
  const post = flags.slice(preCount);
  const exec = `exec "\${bindir}/${gui ? 'gracket' : 'racket'}" ${quoteShellWords(pre)}`;
  const args = `-N "$0" ${quoteShellWords(post)} \${1+"$@"}\n`;
  return [
    '#!/bin/sh\n',
    `# This script was created by make-${gui ? 'mred' : 'mzscheme'}-launcher\n`,
    '\n',
    gui ? '# unixstyle-install: use librktdir\n' : '',
    '# {{{ bindir\n',
    `bindir="${protectShellString(options.bindir)}"\n`,
    '# }}} bindir\n',
    '\n',
    gui && post.length > 0 ? formatXArgGetter(exec, args) : `${exec}${args}`,
  ].join('');
}
