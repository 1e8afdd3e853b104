/**
 * Finds where `(require …)`-like forms start in Racket source text, fast: one pass over the
 * characters that skips strings, `|…|` symbol parts, character constants and comments, and
 * checks each opening parenthesis for one of the heads `scan-requires.ts` cares about.
 *
 * Why not read the whole file: the full reader builds every datum of every module (about
 * 0.6 ms per 3 KB module), which made a 5,000-module workspace take 5 s or more; the scanner
 * only needs a handful of forms per file, which it then reads with the real reader.
 *
 * Fragile by design, in the safe direction: a form that looks like a require inside `#;`-commented
 * datum, a here-string, `(quote …)` spelled out, or nested deeper inside quoted data
 * (`'(a (require b))`) is still reported (an extra graph edge, never a missing one). Forms
 * preceded directly by `'`, `` ` ``, `#'` or `` #` `` are skipped as data.
 */

/** The form heads reported, each followed by a delimiter. */
const HEAD = /\s*(require|#%require|module\*?|lazy-require|dynamic-require)(?=[\s()[\]{}";]|$)/y;

export interface FormStart {
  /** Index of the opening parenthesis. */
  readonly index: number;
  /** The head symbol. */
  readonly head: string;
}

const SEMICOLON = 0x3b;
const QUOTE = 0x22;
const BAR = 0x7c;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x28, 0x5b, 0x7b]);
const DATA_PREFIXES = new Set([0x27, 0x60]);

function skipBlockComment(text: string, i: number): number {
  let depth = 1;
  let j = i + 2;
  while (j < text.length && depth > 0) {
    const c = text.charCodeAt(j);
    if (c === BAR && text.charCodeAt(j + 1) === HASH) {
      depth -= 1;
      j += 2;
    } else if (c === HASH && text.charCodeAt(j + 1) === BAR) {
      depth += 1;
      j += 2;
    } else {
      j += 1;
    }
  }
  return j;
}

function skipString(text: string, i: number, close: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH && close === QUOTE) j += 2;
    else if (c === close) return j + 1;
    else j += 1;
  }
  return j;
}

function skipCharConstant(text: string, i: number): number {
  // #\x, #\(, #\space, #\u03BB: the first character is always part of it, then letters/digits.
  let j = i + 3;
  while (j < text.length && /[A-Za-z0-9]/.test(text[j]!)) j += 1;
  return j;
}

/**
 * The starts of require-like forms in `text`, in order.
 * @example locateForms('(define s "(require x)") (require y)') //=> [{ index: 25, head: 'require' }]
 */
export function locateForms(text: string): FormStart[] {
  const found: FormStart[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === SEMICOLON) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (c === QUOTE || c === BAR) {
      i = skipString(text, i, c);
    } else if (c === HASH) {
      const next = text.charCodeAt(i + 1);
      if (next === BAR) i = skipBlockComment(text, i);
      else if (next === BACKSLASH) i = skipCharConstant(text, i);
      else i += 1;
    } else if (OPENERS.has(c)) {
      HEAD.lastIndex = i + 1;
      const match = HEAD.exec(text);
      const before = text.charCodeAt(i - 1);
      if (match !== null && !DATA_PREFIXES.has(before)) found.push({ index: i, head: match[1]! });
      i += 1;
    } else {
      i += 1;
    }
  }
  return found;
}
