/**
 * raco setup's printed forms (racket-notes §7.3), with `nx-raco setup:` as the prefix:
 * step banners (`--- compiling collections ---` padded to 55 columns, then `[H:MM:SS]`, hour
 * not zero-padded, as `setup/private/time.rkt`), and the `--- summary of errors ---` block
 * (`error: during <step> for <collection>` followed by the message, each line indented by two
 * spaces).
 */
import { PROGRAM } from './setup-options.js';

/** One error collected during a step, as raco's `append-error` records it. */
export interface SetupError {
  /** The collection (its directory, as raco prints it). */
  readonly collection: string;
  /** `making`, `cleaning`, `launcher creation`, `reading info.rkt`, … */
  readonly during: string;
  readonly message: string;
}

/** `H:MM:SS` of `date` in local time. */
export function formatClock(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getHours()}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * A step banner line (with its newline).
 * @example formatBanner('compiling collections', new Date(2026, 0, 1, 9, 5, 7))
 * //=> 'nx-raco setup: --- compiling collections ---                          [9:05:07]\n'
 */
export function formatBanner(step: string, date: Date): string {
  return `${PROGRAM}: ${`--- ${step} ---`.padEnd(55)}[${formatClock(date)}]\n`;
}

/**
 * The summary block for `errors` (empty string when there are none): the banner goes to
 * stdout, the details to stderr, as raco prints them.
 * @example formatErrorSummary([{ collection: '/ws/a', during: 'making', message: 'x: unbound' }], date).stderr
 * //=> 'nx-raco setup: error: during making for /ws/a\nnx-raco setup:   x: unbound\n'
 */
export function formatErrorSummary(errors: readonly SetupError[], date: Date): { stdout: string; stderr: string } {
  if (errors.length === 0) return { stdout: '', stderr: '' };
  const lines: string[] = [];
  for (const error of errors) {
    lines.push(`${PROGRAM}: error: during ${error.during} for ${error.collection}`);
    for (const line of error.message.replace(/\n+$/, '').split('\n')) lines.push(`${PROGRAM}:   ${line}`);
  }
  return { stdout: formatBanner('summary of errors', date), stderr: `${lines.join('\n')}\n` };
}

/** What the header needs to know about Racket (cm-core's `RacketProbe`). */
export interface HeaderFacts {
  readonly version: string;
  readonly vm: string;
  readonly targetMachine: string | null;
  readonly librarySubpath: string;
  readonly collectsDir: string;
  readonly roots: readonly string[];
}

/**
 * raco setup's header lines (`setup-core.rkt:2147-2170`), for the workspace: `collects paths`
 * lists the workspace's collection directories (as `PLTCOLLECTS` puts them first), then the
 * main collects; installation name, variants, package paths, links files and docs are left out
 * (nothing of the installation is set up).
 * @example formatHeader({ version: '8.7', vm: 'chez-scheme', targetMachine: 'ta6le', librarySubpath: 'x86_64-linux', collectsDir: '/usr/share/racket/collects/', roots: ['same'] }, ['/ws'])
 * //=> 'nx-raco setup: version: 8.7\nnx-raco setup: platform: x86_64-linux [cs]\n…'
 */
export function formatHeader(facts: HeaderFacts, collectsDirs: readonly string[]): string {
  const vm = facts.vm === 'chez-scheme' ? 'cs' : facts.vm === 'racket' ? 'bc' : facts.vm;
  const lines = [
    `version: ${facts.version}`,
    `platform: ${facts.librarySubpath} [${vm}]`,
    `target machine: ${facts.targetMachine ?? 'any'}`,
    `main collects: ${facts.collectsDir}`,
    'collects paths: ',
    ...[...collectsDirs, facts.collectsDir].map((dir) => `  ${dir}`),
    ...(facts.roots.length === 1 && facts.roots[0] === 'same' ? [] : ['compiled-file roots: ', ...facts.roots.map((root) => `  ${root}`)]),
  ];
  return lines.map((line) => `${PROGRAM}: ${line}\n`).join('');
}
