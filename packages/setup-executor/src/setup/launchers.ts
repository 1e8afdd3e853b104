/**
 * Which launchers a collection declares, computed from its `info.rkt` as `raco setup` does
 * (`setup-core.rkt:1500-1686`, `make-launchers-step`):
 *
 * - four triples, in raco's order: `gracket-`, `mred-`, `racket-`, `mzscheme-launcher-names`,
 *   each with `…-libraries` and `…-flags`;
 * - no names → nothing; names but neither libraries nor flags → a WARNING; a list whose length
 *   differs from the names' → a WARNING naming the list, and that triple is skipped;
 * - per name: the flags given in `…-flags`, else `("-l-" "<collection>/<library>")`;
 * - fields of the wrong shape are an error for the whole collection, with raco's wording
 *   (`result is not a list of relative path strings: …`).
 *
 * The warning texts are raco's, without the `raco setup: WARNING: ` prefix.
 *
 * Deliberate differences from raco: names are also refused when they are not plain file names
 * (`launcher-name.ts`); every problem of a collection is found before any launcher of it is
 * written (raco writes the triples before a bad one); only the collection's own `info.rkt` is
 * read, not those of its subcollections.
 */
import { join, posix } from 'node:path';
import { getInfo, writeValue, type InfoTable, type RacketValue } from '@nx-raco/cm-core';
import { LauncherInfoError } from './launcher-errors.js';
import { checkLauncherFileName } from './launcher-name.js';
import type { LauncherKind } from './launcher-text.js';

/** One launcher to create. */
export interface LauncherSpec {
  readonly kind: LauncherKind;
  /** The name as declared in `info.rkt`. */
  readonly name: string;
  /** The file name under `bin/` (`toLauncherFileName`). */
  readonly fileName: string;
  /** The flags raco passes to `make-<kind>-launcher`. */
  readonly flags: readonly string[];
}

export interface LauncherPlan {
  readonly launchers: readonly LauncherSpec[];
  /** raco's WARNING texts, without prefix. */
  readonly warnings: readonly string[];
}

/** The GUI kinds first, as raco's launcher step processes them. */
export const LAUNCHER_KINDS: readonly LauncherKind[] = ['gracket', 'mred', 'racket', 'mzscheme'];

/** A collection of a project: its name (as Racket finds it) and its directory. */
export interface ProjectCollection {
  readonly name: string;
  readonly dir: string;
}

function toPrinted(value: RacketValue): string {
  // Racket's error-value->string-handler `print`s: lists and symbols get a quote.
  const quoted = value.kind === 'list' || value.kind === 'symbol';
  return `${quoted ? "'" : ''}${writeValue(value)}`;
}

function readPathStrings(info: InfoTable, field: string): readonly string[] | undefined {
  const value = info.get(field);
  if (value === undefined) return undefined;
  const items = value.kind === 'list' && value.tail === undefined ? value.items : undefined;
  const strings = items?.map((item) => (item.kind === 'string' || item.kind === 'path' ? item.value : undefined));
  if (strings === undefined || strings.some((s) => s === undefined || s === '' || s.includes('\0') || s.startsWith('/'))) {
    throw new LauncherInfoError(`${info.file}: ${field}: result is not a list of relative path strings: ${toPrinted(value)}; fix the field.`);
  }
  return strings as string[];
}

function readOptionalPathStrings(info: InfoTable, field: string): readonly string[] | undefined {
  const value = info.get(field);
  // `(or-f name-list)`: #f means "not given".
  return value?.kind === 'boolean' && !value.value ? undefined : readPathStrings(info, field);
}

function readFlagLists(info: InfoTable, field: string): readonly (readonly string[])[] | undefined {
  const value = info.get(field);
  if (value === undefined || (value.kind === 'boolean' && !value.value)) return undefined;
  const lists = value.kind === 'list' && value.tail === undefined ? value.items : undefined;
  const flags = lists?.map((list) =>
    list.kind === 'list' && list.tail === undefined && list.items.every((item) => item.kind === 'string')
      ? list.items.map((item) => (item.kind === 'string' ? item.value : ''))
      : undefined,
  );
  if (flags === undefined || flags.some((f) => f === undefined)) {
    throw new LauncherInfoError(`${info.file}: ${field}: result is not a list of strings: ${toPrinted(value)}; fix the field.`);
  }
  return flags as string[][];
}

function printField(info: InfoTable, field: string): string {
  const value = info.get(field);
  return value === undefined ? '#f' : writeValue(value);
}

/**
 * The launchers `info` declares for the collection at `collectionPath` (its path elements,
 * e.g. `['hello']`), with raco's warnings.
 * @throws LauncherInfoError for a launcher field of the wrong shape
 * @throws LauncherNameError for a name that is not a plain file name
 * @example planLaunchers(getInfo('/ws/hello'), ['hello']).launchers
 * //=> [{ kind: 'racket', name: 'hello', fileName: 'hello', flags: ['-l-', 'hello/main.rkt'] }]
 */
export function planLaunchers(info: InfoTable | undefined, collectionPath: readonly string[]): LauncherPlan {
  const launchers: LauncherSpec[] = [];
  const warnings: string[] = [];
  if (info === undefined) return { launchers, warnings };
  for (const kind of LAUNCHER_KINDS) {
    const namesField = `${kind}-launcher-names`;
    const librariesField = `${kind}-launcher-libraries`;
    const flagsField = `${kind}-launcher-flags`;
    const scope = kind === 'gracket' || kind === 'mred' ? 'gui' : 'console';
    const names = readPathStrings(info, namesField) ?? [];
    const libraries = readOptionalPathStrings(info, librariesField);
    const flags = readFlagLists(info, flagsField);
    if (names.length === 0) continue;
    if (libraries === undefined && flags === undefined) {
      warnings.push(`${scope} launcher name list ${printField(info, namesField)} has no matching library/flags lists`);
      continue;
    }
    const librariesMatch = libraries === undefined || libraries.length === names.length;
    if (!librariesMatch || (flags !== undefined && flags.length !== names.length)) {
      const fault = librariesMatch ? flagsField : librariesField;
      warnings.push(
        `${scope} launcher name list ${printField(info, namesField)} doesn't match ${librariesMatch ? 'flags' : 'library'} list; ${printField(info, fault)}`,
      );
      continue;
    }
    names.forEach((name, i) => {
      const fileName = checkLauncherFileName(name, namesField, info.file);
      const given = flags?.[i];
      const library = libraries?.[i];
      const prefix = collectionPath.map((element) => `${element}/`).join('');
      launchers.push({ kind, name, fileName, flags: given ?? ['-l-', `${prefix}${library ?? ''}`] });
    });
  }
  return { launchers, warnings };
}

/**
 * The collections of a project with their directories: the project directory itself for a
 * single collection (named after the directory, as `PLTCOLLECTS`/`-S` find it), each listed
 * subdirectory for a `'multi` package.
 * @example listProjectCollections('/ws/hello', { kind: 'single', collections: ['hello'] }) //=> [{ name: 'hello', dir: '/ws/hello' }]
 */
export function listProjectCollections(
  projectDir: string,
  facts: { readonly kind: 'single' | 'multi'; readonly collections: readonly string[] } | undefined,
): ProjectCollection[] {
  if (facts?.kind === 'multi') return facts.collections.map((name) => ({ name, dir: join(projectDir, name) }));
  return [{ name: posix.basename(projectDir.replaceAll('\\', '/')), dir: projectDir }];
}

/**
 * The launcher file names the project's `info.rkt` files declare, for the `setup` target's
 * outputs. Never throws: a collection whose launcher fields are bad contributes nothing (the
 * executor reports it).
 * @example listDeclaredLauncherFiles('/ws/hello', { kind: 'single', collections: ['hello'] }) //=> ['hello']
 */
export function listDeclaredLauncherFiles(
  projectDir: string,
  facts: { readonly kind: 'single' | 'multi'; readonly collections: readonly string[] } | undefined,
): string[] {
  const files = new Set<string>();
  for (const collection of listProjectCollections(projectDir, facts)) {
    try {
      for (const launcher of planLaunchers(getInfo(collection.dir), [collection.name]).launchers) files.add(launcher.fileName);
    } catch {
      // reported by the executor
    }
  }
  return [...files].sort();
}
