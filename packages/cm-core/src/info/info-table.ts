/**
 * The result of evaluating an `info.rkt`: its fields in definition order (Racket's
 * `#%info-domain` order) and a lookup by name (Racket's `#%info-lookup`).
 */
import type { RacketValue, SrcLoc } from '../data/types.js';
import { makeList, sym } from '../data/values.js';
import { writeValue } from '../data/writer.js';

/** One `(define name value)` of an info file. */
export interface InfoField {
  readonly name: string;
  readonly value: RacketValue;
  /** Where the definition starts in the file. */
  readonly loc?: SrcLoc;
}

export interface InfoTable {
  /** The file the table was read from (as given to the reader). */
  readonly file: string;
  /** Every field, in definition order. */
  readonly fields: readonly InfoField[];
  /** Field names in definition order: Racket's `(#%info-domain)`. */
  readonly names: readonly string[];
  /**
   * The value of field `name`, or `undefined` when the file does not define it (where Racket's
   * info procedure raises `info.rkt: no info for <name>`).
   * @example readInfoFile('/usr/share/racket/pkgs/base/info.rkt').get('version') //=> the value of "8.7"
   */
  get(name: string): RacketValue | undefined;
  has(name: string): boolean;
}

/** Builds an `InfoTable`; `fields` must have unique names. */
export function createInfoTable(file: string, fields: readonly InfoField[]): InfoTable {
  const byName = new Map<string, RacketValue>();
  for (const field of fields) byName.set(field.name, field.value);
  const names = fields.map((field) => field.name);
  return {
    file,
    fields,
    names,
    get: (name) => byName.get(name),
    has: (name) => byName.has(name),
  };
}

/**
 * One field as Racket `write`s the pair `(name . value)`: a list value prints spliced.
 * @example formatInfoField({ name: 'deps', value: <("base")> }) //=> '(deps "base")'
 * @example formatInfoField({ name: 'version', value: <"1.0"> }) //=> '(version . "1.0")'
 */
export function formatInfoField(field: Pick<InfoField, 'name' | 'value'>): string {
  return writeValue(makeList([sym(field.name)], field.value));
}
