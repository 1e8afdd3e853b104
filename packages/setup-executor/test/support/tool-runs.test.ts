/**
 * Parsing and normalising tool output in the make scenario suites (no Racket needed).
 */
import { describe, expect, it } from 'vitest';
import { comparableStderr, eventKeys, parseOurEvents, parseRacoEvents, startedWork } from './tool-runs.js';

describe('setup-executor/test/support/tool-runs', () => {
  it('takes raco events out of stderr, whatever their indentation (racket-notes §3.2)', () => {
    const stderr = [
      'compiler/cm:   start-compile: /t/a.rkt',
      'compiler/cm:   | start-touch: /t/dir with space/b.rkt',
      'compiler/cm:      | finish-touch: /t/dir with space/b.rkt',
      'c.rkt:4:26: undefined-id: unbound identifier',
      'compiler/cm:   finish-compile: /t/a.rkt',
      '',
    ].join('\n');
    const { events, rest } = parseRacoEvents(stderr);
    expect(events).toEqual([
      { type: 'start-compile', path: '/t/a.rkt' },
      { type: 'start-touch', path: '/t/dir with space/b.rkt' },
      { type: 'finish-touch', path: '/t/dir with space/b.rkt' },
      { type: 'finish-compile', path: '/t/a.rkt' },
    ]);
    expect(rest).toBe('c.rkt:4:26: undefined-id: unbound identifier\n');
  });

  it('takes our JSON events out of stdout', () => {
    const stdout = `{"type":"start-touch","path":"/t/b.rkt","timestamp":1,"worker":null,"reason":"newer-source/hash-equivalent"}\nhello\n`;
    expect(parseOurEvents(stdout)).toEqual({
      events: [{ type: 'start-touch', path: '/t/b.rkt', reason: 'newer-source/hash-equivalent' }],
      rest: 'hello\n',
    });
  });

  it('compares events as a sorted multiset relative to a directory', () => {
    const events = [
      { type: 'start-compile', path: '/t/g/b.rkt' },
      { type: 'start-compile', path: '/t/g/b.rkt' },
      { type: 'finish-compile', path: '/t/g/b.rkt' },
      { type: 'start-touch', path: '/t/g/a.rkt' },
      { type: 'start-touch', path: '/elsewhere/x.rkt' },
    ];
    expect(eventKeys(events, '/t')).toEqual(['finish-compile g/b.rkt', 'start-compile g/b.rkt', 'start-compile g/b.rkt', 'start-touch /elsewhere/x.rkt', 'start-touch g/a.rkt']);
    expect(startedWork(events, '/t/g')).toEqual(['compile b.rkt', 'compile b.rkt', 'touch /elsewhere/x.rkt', 'touch a.rkt']);
  });

  it('makes error text comparable: root, temporary .zo name and dates replaced, stack cut', () => {
    const stderr = [
      'compile-zo: date for newly created .zo file (/t/A/g/compiled/COLLECTS-racket-file.rkt-586-20_1795 @ 2026-11-21 21:23:21) is before source-file date (/t/A/g/b.rkt @ 2026-11-21 23:23:20), which appears to be in the future',
      '  context...:',
      '   /usr/share/racket/collects/compiler/private/cm-minimal.rkt:808:6',
    ].join('\n');
    expect(comparableStderr(stderr, '/t/A')).toEqual([
      'compile-zo: date for newly created .zo file (<temporary .zo> @ <date>) is before source-file date (<root>/g/b.rkt @ <date>), which appears to be in the future',
    ]);
  });
});
