import { describe, expect, it } from 'vitest';
import { formatBanner, formatClock, formatErrorSummary, formatHeader } from './setup-report.js';

describe('setup-command/setup-report', () => {
  const date = new Date(2026, 0, 1, 9, 5, 7);

  it('pads banners to 55 columns and prints H:MM:SS', () => {
    expect(formatClock(date)).toBe('9:05:07');
    expect(formatBanner('compiling collections', date)).toBe('nx-raco setup: --- compiling collections ---                          [9:05:07]\n');
    expect(formatBanner('summary of errors', date)).toBe('nx-raco setup: --- summary of errors ---                              [9:05:07]\n');
  });

  it('prints nothing without errors', () => {
    expect(formatErrorSummary([], date)).toEqual({ stdout: '', stderr: '' });
  });

  it('prints raco\'s summary block: banner on stdout, details on stderr', () => {
    const summary = formatErrorSummary(
      [
        { collection: '/ws/colls/mycoll/sub', during: 'making', message: 'colls/mycoll/sub/bad.rkt:2:15: nope: unbound identifier\n  in: nope\n' },
        { collection: '/ws/colls/other', during: 'reading info.rkt', message: '/ws/colls/other/info.rkt:2:11: +: unbound identifier' },
      ],
      date,
    );
    expect(summary.stdout).toBe(formatBanner('summary of errors', date));
    expect(summary.stderr).toBe(
      [
        'nx-raco setup: error: during making for /ws/colls/mycoll/sub',
        'nx-raco setup:   colls/mycoll/sub/bad.rkt:2:15: nope: unbound identifier',
        'nx-raco setup:     in: nope',
        'nx-raco setup: error: during reading info.rkt for /ws/colls/other',
        'nx-raco setup:   /ws/colls/other/info.rkt:2:11: +: unbound identifier',
        '',
      ].join('\n'),
    );
  });
});

describe('setup-command/setup-report formatHeader', () => {
  const facts = { version: '8.7', vm: 'chez-scheme', targetMachine: 'ta6le', librarySubpath: 'x86_64-linux', collectsDir: '/usr/share/racket/collects/', roots: ['same', '/usr/lib/racket/compiled'] };
  it('prints raco\'s header lines for the workspace', () => {
    expect(formatHeader(facts, ['/ws', '/ws/libs'])).toBe(
      [
        'nx-raco setup: version: 8.7',
        'nx-raco setup: platform: x86_64-linux [cs]',
        'nx-raco setup: target machine: ta6le',
        'nx-raco setup: main collects: /usr/share/racket/collects/',
        'nx-raco setup: collects paths: ',
        'nx-raco setup:   /ws',
        'nx-raco setup:   /ws/libs',
        'nx-raco setup:   /usr/share/racket/collects/',
        'nx-raco setup: compiled-file roots: ',
        'nx-raco setup:   same',
        'nx-raco setup:   /usr/lib/racket/compiled',
        '',
      ].join('\n'),
    );
    expect(formatHeader({ ...facts, roots: ['same'] }, [])).not.toContain('compiled-file roots');
  });
});
