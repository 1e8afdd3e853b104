/**
 * Progress of a parallel build for people watching it.
 *
 * - `tty`: one live line, redrawn in place (at most every `TTY_INTERVAL_MS`):
 *   `[12/177] 0: srfi/1/list.rkt  1: srfi/19/time.rkt`, cut to the terminal's width. Whatever
 *   else is printed goes through `print`, which clears the line first and redraws it after.
 * - `plain` (CI logs, which keep every byte): at most one line per `PLAIN_INTERVAL_MS`, the
 *   first one `PLAIN_INTERVAL_MS` after the start, and one at the end if any was printed — so a
 *   short build prints nothing and its output stays exactly raco's.
 * - `none`: nothing.
 *
 * `chooseProgressMode` picks `tty` for a terminal, `plain` when `CI` is set, else `none`, so
 * piped output stays exactly raco's.
 *
 * Fragile: the live line assumes the stream is the terminal the other output goes to (we draw
 * on stderr, raco's output goes to stdout; both are normally the same terminal).
 */
import type { BuildProgress } from './public-types.js';

export type ProgressMode = 'tty' | 'plain' | 'none';

export const TTY_INTERVAL_MS = 100;
export const PLAIN_INTERVAL_MS = 10_000;

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressReporter {
  update(progress: BuildProgress): void;
  /** Prints `text` (on its own stream) without garbling the live line. */
  print(write: () => void): void;
  /** Final state; removes the live line. */
  stop(): void;
}

/**
 * @example chooseProgressMode(process.stderr, process.env) //=> 'tty' in a terminal
 */
export function chooseProgressMode(stream: ProgressStream, env: NodeJS.ProcessEnv): ProgressMode {
  if (stream.isTTY === true && env['TERM'] !== 'dumb') return 'tty';
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false' ? 'plain' : 'none';
}

/** The live line's text for `progress`, at most `width` columns. */
export function formatProgressLine(progress: BuildProgress, width: number, shorten: (path: string) => string = (p) => p): string {
  const head = `[${progress.finished}/${progress.total}]${progress.failed > 0 ? ` ${progress.failed} failed` : ''}`;
  const busy = [...progress.active].sort((a, b) => a.worker - b.worker).map((a) => `${a.worker}: ${shorten(a.path)}`);
  const line = [head, ...busy].join('  ');
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}

function plainLine(progress: BuildProgress): string {
  return `nx-raco: ${progress.finished}/${progress.total} modules done${progress.failed > 0 ? `, ${progress.failed} failed` : ''}, ${progress.active.length} worker(s) busy\n`;
}

/**
 * A reporter drawing on `stream` in `mode`.
 * @example const p = createProgressReporter(process.stderr, 'tty'); p.update(progress); p.stop();
 */
export function createProgressReporter(
  stream: ProgressStream,
  mode: ProgressMode,
  options: { readonly now?: () => number; readonly shorten?: (path: string) => string } = {},
): ProgressReporter {
  const now = options.now ?? Date.now;
  let last: BuildProgress | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let shown = false;
  const clear = (): void => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  const draw = (): void => {
    if (last === undefined) return;
    // `columns` is 0 or missing when the terminal does not say (e.g. under `script`).
    const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
    stream.write(`\r\x1b[2K${formatProgressLine(last, Math.max(20, columns - 1), options.shorten)}`);
    shown = true;
    drawnAt = now();
  };
  switch (mode) {
    case 'none':
      return { update: () => {}, print: (write) => write(), stop: () => {} };
    case 'plain': {
      drawnAt = now();
      return {
        update(progress) {
          last = progress;
          if (now() - drawnAt >= PLAIN_INTERVAL_MS) {
            stream.write(plainLine(progress));
            shown = true;
            drawnAt = now();
          }
        },
        print: (write) => write(),
        stop() {
          if (shown && last !== undefined) stream.write(plainLine(last));
        },
      };
    }
    case 'tty':
      return {
        update(progress) {
          last = progress;
          if (now() - drawnAt >= TTY_INTERVAL_MS) draw();
        },
        print(write) {
          clear();
          write();
          draw();
        },
        stop: clear,
      };
    default:
      return mode satisfies never;
  }
}
