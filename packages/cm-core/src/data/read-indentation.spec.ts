import { describe, expect, it } from 'vitest';
import { possibleCause, trackIndentation, unexpectedCloserMessage, type Indentation } from './read-indentation.js';

/** A form whose opener ends at `line`:`column` (what `read-frames.ts` builds). */
const newIndentation = (closer: number, { line, column }: { line: number; column: number }): Indentation => ({
  closer,
  startLine: line,
  lastLine: line,
  maxIndent: column + 1,
  multiline: false,
});
const at = (line: number, column: number) => ({ line, column });

describe('data/read-indentation', () => {
  it('suspects the first line indented less than the contents so far', () => {
    const ind = newIndentation(0x29, at(2, 2)); // `(` at 2:1
    trackIndentation(ind, 2, 2); // same line: ignored
    trackIndentation(ind, 3, 4);
    trackIndentation(ind, 4, 1);
    trackIndentation(ind, 5, 0);
    expect(possibleCause(ind)).toBe('\n  possible cause: indentation suggests a missing `)` before line 4');
  });

  it('says nothing when the indentation never decreases', () => {
    const ind = newIndentation(0x5d, at(1, 1));
    trackIndentation(ind, 2, 2);
    trackIndentation(ind, 3, 2);
    expect(possibleCause(ind)).toBe('');
  });

  describe('unexpectedCloserMessage', () => {
    it('at top level', () => {
      expect(unexpectedCloserMessage(0x29, [])).toBe('unexpected `)`');
    });

    it('for the expected closer', () => {
      expect(unexpectedCloserMessage(0x29, [newIndentation(0x29, at(1, 1))])).toBe('unexpected `)`');
    });

    it('for another closer, on one line or several', () => {
      const inner = newIndentation(0x29, at(1, 1));
      expect(unexpectedCloserMessage(0x5d, [inner])).toBe('expected `)` to close preceding `(`, found instead `]`');
      trackIndentation(inner, 2, 1);
      expect(unexpectedCloserMessage(0x5d, [inner])).toBe(
        'expected `)` to close `(` on line 1, found instead `]`\n  possible cause: indentation suggests a missing `)` before line 2',
      );
    });

    it('for a closer that an outer form is waiting for', () => {
      const outer = newIndentation(0x5d, at(1, 1));
      const inner = newIndentation(0x29, at(1, 3));
      expect(unexpectedCloserMessage(0x5d, [inner, outer])).toBe('missing `)` to close preceding `(`, found instead `]`');
    });
  });
});
