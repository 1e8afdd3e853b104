/**
 * What an open list, vector, prefab or hash does with the next significant character: closers,
 * the `.` of pairs and infix forms, and the parts of a hash's `(key . value)` pairs. Port of the
 * loops in Racket's `read/sequence.rkt` and `read/hash.rkt`, as a state machine over the frames
 * of `read-frames.ts` (the datum reader owns the stack).
 *
 * Racket 8.7 details kept (observed): `(a . b . c)` is infix and reads `(b a c)`; a `.` needs an
 * element before it; after `(a . b` only the closer or an infix `.` may follow; `(a . b .` at end
 * of file is "expected a `)`", but `(a . b . )` is an illegal `.`; an end of file inside a hash
 * pair is reported one column and position before the end (on the last line).
 */
import { EOF, type Scanner } from './read-scanner.js';
import { closerOf, isCloser, isDelimiter } from './read-char-class.js';
import type { HashFrame, SeqFrame } from './read-frames.js';
import { possibleCause, trackIndentation } from './read-indentation.js';

/** `handled`: consumed, look again; `datum`: a datum starts here; `closed`: the frame's closer was consumed. */
export type SequenceStep = 'handled' | 'datum' | 'closed';

const DOT_HINT = 'A `.` is only allowed between the last two elements of a list, as in `(a . b)`.';

function failClose(sc: Scanner, f: SeqFrame): never {
  const o = String.fromCodePoint(f.opener);
  const cl = String.fromCodePoint(f.closer);
  sc.fail(`expected a \`${cl}\` to close \`${o}\`${possibleCause(f)}`, f.at, `Add the missing \`${cl}\`.`);
}

/** Racket tracks the indentation of a pair's `.` like that of a datum. */
function trackDot(sc: Scanner, f: SeqFrame): void {
  const line = sc.lineAt(sc.i);
  if (line > f.lastLine) trackIndentation(f, line, sc.columnAt(sc.i));
}

/** A list, vector or prefab frame looks at `c` (the next character after whitespace and comments). */
export function stepSequence(sc: Scanner, f: SeqFrame, c: number): SequenceStep {
  const isDot = c === 0x2e && isDelimiter(sc.peek(1));
  switch (f.state) {
    case 'items':
      if (c === EOF) failClose(sc, f);
      if (c === f.closer) {
        sc.i++;
        return 'closed';
      }
      if (!isDot || f.items.length === 0) return 'datum';
      trackDot(sc, f);
      if (f.shape === 'vector' || f.head !== undefined) sc.fail('illegal use of `.`', sc.i, DOT_HINT);
      f.dotAt = sc.i++;
      f.state = 'afterDot';
      return 'handled';
    case 'afterDot':
      if (c === EOF) failClose(sc, f);
      return 'datum';
    case 'afterTail':
      if (c === f.closer) {
        sc.i++;
        return 'closed';
      }
      if (!isDot) sc.fail('illegal use of `.`', f.dotAt, DOT_HINT);
      trackDot(sc, f);
      sc.i++;
      f.head = f.tail;
      f.tail = undefined;
      f.state = 'afterInfixDot';
      return 'handled';
    case 'afterInfixDot':
      if (c === EOF) failClose(sc, f);
      if (c === f.closer) sc.fail('illegal use of `.`', f.dotAt, DOT_HINT);
      return 'datum';
    default:
      return f.state satisfies never;
  }
}

/** A hash frame looks at `c`; keys and values themselves are read as data. */
export function stepHash(sc: Scanner, f: HashFrame, c: number): SequenceStep {
  const isDot = c === 0x2e && isDelimiter(sc.peek(1));
  const pairCloser = (): string => String.fromCodePoint(f.pairCloser);
  const failAtEnd = (message: string): never => {
    // Racket's `port-next-location*` steps back one column and position (not line) from the end.
    const end = sc.place(sc.i);
    return sc.failAt(message, { line: end.line, column: Math.max(0, end.column - 1), position: Math.max(1, end.position - 1) });
  };
  switch (f.state) {
    case 'pair':
      if (c === EOF) sc.fail(`expected \`${String.fromCodePoint(f.closer)}\` to close \`${String.fromCodePoint(f.opener)}\``, f.at);
      if (c === f.closer && !f.discardPair) {
        sc.i++;
        return 'closed';
      }
      if (c === 0x28 || c === 0x5b || c === 0x7b) {
        sc.i++;
        f.pairCloser = closerOf(c);
        f.state = 'key';
        return 'handled';
      }
      if (isCloser(c)) return 'datum'; // the datum reader reports the unexpected closer
      if (isDot && f.builder.size > 0 && !f.discardPair) sc.fail('illegal use of `.`', sc.i, DOT_HINT);
      return sc.fail('expected `(`, `[`, or `{` to start a hash pair', sc.i);
    case 'key':
      if (c === EOF) failAtEnd('expected `.` and value for hash');
      return 'datum';
    case 'dot':
      if (c === EOF) failAtEnd('expected `.` and value for hash');
      if (!isDot) sc.fail('expected `.` and value for hash', sc.i);
      sc.i++;
      f.state = 'value';
      return 'handled';
    case 'value':
      if (c === EOF) failAtEnd(`expected \`${pairCloser()}\` after value within a hash`);
      return 'datum';
    case 'pairClose':
      if (c === EOF) failAtEnd(`expected \`${pairCloser()}\` after value within a hash`);
      if (c !== f.pairCloser) sc.fail(`expected \`${pairCloser()}\` after value within a hash`, sc.i);
      sc.i++;
      f.state = 'pair';
      f.discardPair = false;
      return 'handled';
    default:
      return f.state satisfies never;
  }
}
