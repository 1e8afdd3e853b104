/**
 * How values appear inside Racket's error messages.
 *
 * - Syntax errors (`at:`/`in:`) show the form with `write` (no `'` abbreviations).
 * - Run-time errors (`given:`) use the default error value->string handler, which `print`s:
 *   quotable data gets a leading `'` and reader abbreviations (`''x`, `` '`(a ,b) ``), while
 *   strings, numbers, paths and procedures look as with `write`.
 * Both are cut to `(error-print-width)` = 256 characters: longer text keeps 253 characters and
 * ends in `...` (observed with `(car (make-string 255 #\a))`).
 */
import type { RacketValue } from '../data/types.js';
import { writeValue } from '../data/writer.js';

const ERROR_PRINT_WIDTH = 256;

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  quote: "'",
  quasiquote: '`',
  unquote: ',',
  'unquote-splicing': ',@',
  syntax: "#'",
  quasisyntax: '#`',
  unsyntax: '#,',
  'unsyntax-splicing': '#,@',
};

function abbreviation(value: RacketValue): string | undefined {
  if (value.kind !== 'list' || value.tail !== undefined || value.items.length !== 2) return undefined;
  const head = value.items[0]!;
  return head.kind === 'symbol' ? ABBREVIATIONS[head.name] : undefined;
}

function hasAbbreviation(value: RacketValue, depth: number): boolean {
  if (depth > 200) return false;
  switch (value.kind) {
    case 'list':
      return (
        abbreviation(value) !== undefined ||
        value.items.some((item) => hasAbbreviation(item, depth + 1)) ||
        (value.tail !== undefined && hasAbbreviation(value.tail, depth + 1))
      );
    case 'vector':
      return value.items.some((item) => hasAbbreviation(item, depth + 1));
    case 'box':
      return hasAbbreviation(value.value, depth + 1);
    case 'hash':
      return value.entries.some(([k, v]) => hasAbbreviation(k, depth + 1) || hasAbbreviation(v, depth + 1));
    case 'prefab':
      return value.fields.some((field) => hasAbbreviation(field, depth + 1));
    default:
      return false;
  }
}

/** `write` with reader abbreviations, as `print` shows data inside a quote. */
function writeAbbreviated(value: RacketValue): string {
  if (!hasAbbreviation(value, 0)) return writeValue(value);
  const prefix = abbreviation(value);
  if (prefix !== undefined && value.kind === 'list') return `${prefix}${writeAbbreviated(value.items[1]!)}`;
  switch (value.kind) {
    case 'list': {
      const items = value.items.map(writeAbbreviated).join(' ');
      return value.tail === undefined ? `(${items})` : `(${items} . ${writeAbbreviated(value.tail)})`;
    }
    case 'vector':
      return `#(${value.items.map(writeAbbreviated).join(' ')})`;
    case 'box':
      return `#&${writeAbbreviated(value.value)}`;
    case 'hash': {
      const tag = value.equiv === 'equal' ? '#hash' : value.equiv === 'eqv' ? '#hasheqv' : '#hasheq';
      return `${tag}(${value.entries.map(([k, v]) => `(${writeAbbreviated(k)} . ${writeAbbreviated(v)})`).join(' ')})`;
    }
    case 'prefab':
      return `#s(${[value.key, ...value.fields].map((v, i) => (i === 0 ? writeValue(v) : writeAbbreviated(v))).join(' ')})`;
    default:
      return writeValue(value);
  }
}

/** Racket's `print` (quote-depth 0) for the data kinds the info language produces. */
export function printValue(value: RacketValue): string {
  switch (value.kind) {
    case 'symbol':
    case 'keyword':
    case 'list':
    case 'vector':
    case 'hash':
    case 'box':
    case 'prefab':
      return `'${writeAbbreviated(value)}`;
    default:
      return writeValue(value);
  }
}

/** Cuts text to the error print width. */
export function truncateForError(text: string): string {
  return text.length > ERROR_PRINT_WIDTH ? `${text.slice(0, ERROR_PRINT_WIDTH - 3)}...` : text;
}

/** A value in a run-time error message (`given: …`). */
export function errorValue(value: RacketValue): string {
  return truncateForError(printValue(value));
}

/** A form in a syntax error message (`at: …`, `in: …`). */
export function errorForm(value: RacketValue): string {
  return truncateForError(writeValue(value));
}
