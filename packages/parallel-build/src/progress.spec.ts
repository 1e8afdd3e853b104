import { describe, expect, it } from 'vitest';
import { chooseProgressMode, createProgressReporter, formatProgressLine, PLAIN_INTERVAL_MS, TTY_INTERVAL_MS } from './progress.js';
import type { BuildProgress } from './public-types.js';

const progress = (finished: number, active: BuildProgress['active'] = [], failed = 0): BuildProgress => ({ total: 10, finished, failed, active });

function fakeStream(isTTY: boolean, columns = 80): { isTTY: boolean; columns: number; text: string; write(t: string): void } {
  return { isTTY, columns, text: '', write(t) { this.text += t; } };
}

describe('parallel-build/progress', () => {
  // stream is a TTY | TERM | CI | mode
  const modes: readonly [boolean, string | undefined, string | undefined, string][] = [
    [true, 'xterm', undefined, 'tty'],
    [true, 'dumb', undefined, 'none'],
    [false, 'xterm', 'true', 'plain'],
    [false, undefined, '0', 'none'],
    [false, undefined, undefined, 'none'],
  ];
  it.each(modes)('isTTY %s, TERM %s, CI %s → %s', (isTTY, term, ci, mode) => {
    expect(chooseProgressMode({ isTTY, write: () => true }, { TERM: term, CI: ci })).toBe(mode);
  });

  it('formats workers in id order and cuts the line to the width', () => {
    const p = progress(3, [{ worker: 1, path: 'b.rkt' }, { worker: 0, path: 'a.rkt' }], 1);
    expect(formatProgressLine(p, 80)).toBe('[3/10] 1 failed  0: a.rkt  1: b.rkt');
    expect(formatProgressLine(p, 10)).toBe('[3/10] 1 …');
  });

  it('tty: redraws one line in place at most every interval, and clears it around printed text and at the end', () => {
    let now = 0;
    const s = fakeStream(true);
    const r = createProgressReporter(s, 'tty', { now: () => now });
    r.update(progress(1));
    r.update(progress(2)); // too soon: not drawn
    now += TTY_INTERVAL_MS;
    r.update(progress(3));
    r.print(() => s.write('line\n'));
    r.stop();
    expect(s.text).toBe('\r\x1b[2K[1/10]\r\x1b[2K[3/10]\r\x1b[2Kline\n\r\x1b[2K[3/10]\r\x1b[2K');
  });

  it('plain: nothing for a short build; lines every interval and a final one for a long build', () => {
    let now = 0;
    const short = fakeStream(false);
    const r1 = createProgressReporter(short, 'plain', { now: () => now });
    r1.update(progress(5));
    r1.stop();
    expect(short.text).toBe('');
    const long = fakeStream(false);
    const r2 = createProgressReporter(long, 'plain', { now: () => now });
    now += PLAIN_INTERVAL_MS;
    r2.update(progress(4, [{ worker: 0, path: 'a.rkt' }]));
    r2.update(progress(5));
    r2.stop();
    expect(long.text).toBe('nx-raco: 4/10 modules done, 1 worker(s) busy\nnx-raco: 5/10 modules done, 0 worker(s) busy\n');
  });
});
