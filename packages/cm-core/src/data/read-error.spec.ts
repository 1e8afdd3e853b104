import { describe, expect, it } from 'vitest';
import { RacketReadError } from './read-error.js';

describe('data/read-error', () => {
  it('carries Racket wording, a stable code and the location', () => {
    const e = new RacketReadError('read-syntax: expected a `)` to close `(`', { source: 'bad2.rkt', line: 2, column: 10, position: 14 }, 'Add the missing `)`.');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('RacketReadError');
    expect(e.code).toBe('RKT_READ_ERROR');
    expect([e.source, e.line, e.column, e.position]).toEqual(['bad2.rkt', 2, 10, 14]);
    expect(e.racketMessage).toBe('read-syntax: expected a `)` to close `(`');
    expect(e.message).toBe('bad2.rkt:2:10: read-syntax: expected a `)` to close `(`. Add the missing `)`.');
  });

  it('folds Racket continuation lines into one paragraph', () => {
    const e = new RacketReadError(
      'read-syntax: expected a `)` to close `(`\n  possible cause: indentation suggests a missing `)` before line 3',
      { line: 2, column: 1, position: 3 },
    );
    expect(e.source).toBeUndefined();
    expect(e.message).toMatch(/^<string>:2:1: read-syntax: expected a `\)` to close `\(`; possible cause: indentation suggests .* line 3\. /);
    expect(e.message).not.toContain('\n');
  });

  it('escapes control characters quoted in the message and shortens huge ones', () => {
    const quoted = new RacketReadError('read-syntax: found `\n`', { line: 1, column: 0, position: 1 });
    expect(quoted.message).toContain('found `\\n`');
    const huge = new RacketReadError(`read-syntax: bad number: \`#e${'1'.repeat(10_000)}x\``, { line: 1, column: 0, position: 1 });
    expect(huge.message.length).toBeLessThan(700);
    expect(huge.racketMessage.length).toBeGreaterThan(10_000);
  });
});
