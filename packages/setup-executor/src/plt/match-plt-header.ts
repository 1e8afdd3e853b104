/**
 * The two S-expressions after `PLT` (racket-notes §8.2, `unpack.rkt` `unpack`): the info
 * procedure and the setup unit. Racket `match`es them against fixed shapes and only then builds
 * a procedure from the matched parts; we match the same shapes and never evaluate anything.
 * Where Racket would accept any datum and fail later (a non-string name, a non-list of
 * collections), we refuse up front.
 */
import { PltFormatError } from './plt-error.js';
import { isSymbol, showSexp, type Sexp } from './read-sexp.js';

/** The facts the info procedure answers. */
export interface PltInfo {
  /** `(name)`: the printed name, `"archive"` by default. */
  readonly name: string;
  /** `(requires)`: collections that must exist, with a version prefix that must match. */
  readonly requires: readonly { readonly collection: readonly string[]; readonly version: readonly bigint[] }[];
  /** `(conflicts)`: collections that must not exist. */
  readonly conflicts: readonly (readonly string[])[];
  /** `(plt-relative?)`: first path elements `collects`/`doc`/`lib`/`include` are redirected. */
  readonly pltRelative: boolean;
  /** `(plt-home-relative?)`: prefer the installation over the user directories. */
  readonly pltHomeRelative: boolean;
  /** `(test-plt-dirs)`, or `undefined` when absent or `#f`. */
  readonly testPltDirs: readonly string[] | undefined;
}

const isList = (v: Sexp | undefined): v is readonly Sexp[] => Array.isArray(v);

function shapeError(what: string, v: Sexp | undefined): never {
  throw new PltFormatError('RKT_PLT_INVALID', `its ${what} did not have the expected shape, got \`${showSexp(v)}\``);
}

/** `[(key) value]` → value, when the clause has exactly that key. */
function clauseValue(clause: Sexp | undefined, key: string): Sexp | undefined {
  if (!isList(clause) || clause.length !== 2) return undefined;
  const [keys, value] = clause;
  return isList(keys) && keys.length === 1 && isSymbol(keys[0], key) ? value : undefined;
}

/** `(quote x)` → x. */
function unquote(v: Sexp | undefined): Sexp | undefined {
  return isList(v) && v.length === 2 && isSymbol(v[0], 'quote') ? v[1] : undefined;
}

function isElseFailure(clause: Sexp | undefined): boolean {
  return isList(clause) && clause.length === 2 && isSymbol(clause[0], 'else') && isList(clause[1]) && clause[1].length === 1 && isSymbol(clause[1][0], 'failure');
}

function asStringList(v: Sexp | undefined): string[] | undefined {
  return isList(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/**
 * Matches the info procedure S-expression.
 * @throws PltFormatError `RKT_PLT_INVALID` when it is not the `raco pack` shape.
 * @example parsePltInfo(readSexp(Buffer.from(infoText), 0)!.value).name //=> 'archive'
 */
export function parsePltInfo(v: Sexp | undefined): PltInfo {
  const what = 'info-procedure S-expression';
  if (!isList(v) || v.length !== 3 || !isSymbol(v[0], 'lambda')) shapeError(what, v);
  const params = v[1];
  if (!isList(params) || params.length !== 2 || !isSymbol(params[0], 'request') || !isSymbol(params[1], 'failure')) shapeError(what, v);
  const body = v[2];
  if (!isList(body) || (body.length !== 9 && body.length !== 10) || !isSymbol(body[0], 'case') || !isSymbol(body[1], 'request')) shapeError(what, v);
  const name = clauseValue(body[2], 'name');
  const unpacker = unquote(clauseValue(body[3], 'unpacker'));
  const requires = unquote(clauseValue(body[4], 'requires'));
  const conflicts = unquote(clauseValue(body[5], 'conflicts'));
  const rel = clauseValue(body[6], 'plt-relative?');
  const homeRel = clauseValue(body[7], 'plt-home-relative?');
  let testDirs: Sexp | undefined = false;
  if (body.length === 10) {
    testDirs = clauseValue(body[8], 'test-plt-dirs');
    if (testDirs === undefined || !isElseFailure(body[9])) shapeError(what, v);
  } else if (!isElseFailure(body[8])) {
    shapeError(what, v);
  }
  if (name === undefined || requires === undefined || conflicts === undefined || rel === undefined || homeRel === undefined) shapeError(what, v);
  if (!isSymbol(unpacker, 'mzscheme')) shapeError(`${what} (unpacker must be 'mzscheme)`, v);
  if (typeof name !== 'string') shapeError('archive name (Expected a string)', name);
  if (typeof rel !== 'boolean') shapeError('plt-relative? (Expected #t or #f)', rel);
  if (typeof homeRel !== 'boolean') shapeError('plt-home-relative? (Expected #t or #f)', homeRel);
  let testPltDirs: string[] | undefined;
  if (testDirs !== false) {
    testPltDirs = asStringList(unquote(testDirs));
    if (testPltDirs === undefined) shapeError('test-plt-dirs (Expected #f or a quoted list of strings)', testDirs);
  }
  if (!isList(requires)) shapeError('`requires` info', requires);
  const req = requires.map((d) => {
    const collection = isList(d) && d.length === 2 ? asStringList(d[0]) : undefined;
    const version = isList(d) && d.length === 2 ? d[1] : undefined;
    if (collection === undefined || !isList(version) || !version.every((n) => typeof n === 'bigint')) shapeError('`requires` info', requires);
    return { collection, version: version as bigint[] };
  });
  if (!isList(conflicts)) shapeError('`conflicts` info', conflicts);
  const conf = conflicts.map((c) => asStringList(c) ?? shapeError('`conflicts` info', conflicts));
  return { name, requires: req, conflicts: conf, pltRelative: rel, pltHomeRelative: homeRel, testPltDirs };
}

/**
 * Matches `(unit (import <sym> mzuntar) (export) (mzuntar void) (quote <collections>))` and
 * returns the collections to set up afterwards.
 * @throws PltFormatError `RKT_PLT_INVALID` on any other shape.
 * @example parsePltUnit(readSexp(Buffer.from('(unit (import p mzuntar) (export) (mzuntar void) (quote (("zc"))))'), 0)!.value) //=> [['zc']]
 */
export function parsePltUnit(v: Sexp | undefined): string[][] {
  const what = '`unit` S-expression';
  const ok =
    isList(v) && v.length === 5 && isSymbol(v[0], 'unit') &&
    isList(v[1]) && v[1].length === 3 && isSymbol(v[1][0], 'import') && isSymbol(v[1][1]) && isSymbol(v[1][2], 'mzuntar') &&
    isList(v[2]) && v[2].length === 1 && isSymbol(v[2][0], 'export') &&
    isList(v[3]) && v[3].length === 2 && isSymbol(v[3][0], 'mzuntar') && isSymbol(v[3][1], 'void');
  const collections = ok ? unquote(v[4]) : undefined;
  if (!ok || !isList(collections)) shapeError(what, v);
  return collections.map((c) => asStringList(c) ?? shapeError(`${what} (collections must be lists of strings)`, collections));
}

