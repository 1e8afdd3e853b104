/**
 * Skipping what lies between data: whitespace (and the byte-order mark), `; …` line comments,
 * nested `#| … |#` block comments and `#! ` / `#!/` line comments. `#;` datum comments need the
 * datum reader and are handled in `read-datum.ts`. Port of Racket's `read/whitespace.rkt`.
 *
 * Racket quirks kept: a `;` comment ends only at LF (a lone CR does not end it); a `#!` comment
 * continues onto the next line when the line ends with `\`; an unterminated `#|` is reported at
 * the `|`, not the `#`.
 */
import { EOF, type Scanner } from './read-scanner.js';
import { isSkippable } from './read-char-class.js';

/** Advances the cursor to the next character that is not whitespace or a comment. */
export function skipAtmosphere(sc: Scanner): void {
  for (;;) {
    const c = sc.peek();
    if (c === EOF) return;
    if (isSkippable(c)) {
      sc.i++;
    } else if (c === 0x3b) {
      skipLineComment(sc);
    } else if (c === 0x23 && sc.peek(1) === 0x7c) {
      skipBlockComment(sc);
    } else if (c === 0x23 && sc.peek(1) === 0x21 && (sc.peek(2) === 0x20 || sc.peek(2) === 0x2f)) {
      skipUnixLineComment(sc);
    } else {
      return;
    }
  }
}

function skipLineComment(sc: Scanner): void {
  for (;;) {
    const c = sc.next();
    if (c === EOF || c === 0x0a) return;
  }
}

function skipBlockComment(sc: Scanner): void {
  const bar = sc.i + 1;
  sc.i += 2;
  let prev = -1;
  let depth = 0;
  for (;;) {
    const c = sc.next();
    if (c === EOF) sc.fail('end of file in `#|` comment', bar, 'Close the block comment with `|#`.');
    if (c === 0x7c && prev === 0x23) {
      depth++;
      prev = -1;
    } else if (c === 0x23 && prev === 0x7c) {
      if (depth === 0) return;
      depth--;
      prev = -1;
    } else {
      prev = c;
    }
  }
}

function skipUnixLineComment(sc: Scanner): void {
  sc.i += 2;
  let backslash = false;
  for (;;) {
    const c = sc.next();
    if (c === EOF) return;
    if (c === 0x0a) {
      if (!backslash) return;
      backslash = false;
    } else {
      backslash = c === 0x5c;
    }
  }
}
