/**
 * A module's stamp: what `compile-root` returns and memoises (cm-minimal.rkt:342-364) — the
 * compiled file's time (seconds; +∞ when there is none) and, lazily, its compiled hash
 * (`compiled-sha1.ts`). Dependents compare the time with their own `.zo` time and put the hash
 * into their IMPORTS hash.
 */
export interface Stamp {
  /** Seconds; `Infinity` when there is no compiled file (so every dependent looks older). */
  readonly time: number;
  /** The compiled hash (`""` when there is no `.zo`); computed on first use and then fixed, like Racket's `delay`. */
  readonly sha1: () => string | undefined;
}

/** A stamp whose hash is computed at most once. */
export function makeStamp(time: number, computeSha1: () => string | undefined): Stamp {
  let done = false;
  let value: string | undefined;
  return {
    time,
    sha1: () => {
      if (!done) {
        value = computeSha1();
        done = true;
      }
      return value;
    },
  };
}

/**
 * The per-run memo (`up-to-date` in cm-minimal.rkt): keyed by simplified source path; `assume:`
 * keys hold stamps of machine-independent code not yet recompiled, `needs-build:` keys mark
 * modules a sha1-only check found out of date.
 */
export class StampMemo {
  readonly #table = new Map<string, Stamp | true>();

  get(path: string): Stamp | undefined {
    const v = this.#table.get(path);
    return v === true ? undefined : v;
  }
  getAssumed(path: string): Stamp | undefined {
    const v = this.#table.get(`assume:${path}`);
    return v === true ? undefined : v;
  }
  set(path: string, stamp: Stamp, assumed = false): void {
    this.#table.set(assumed ? `assume:${path}` : path, stamp);
  }
  markNeedsBuild(path: string): void {
    this.#table.set(`needs-build:${path}`, true);
  }
  needsBuild(path: string): boolean {
    return this.#table.has(`needs-build:${path}`);
  }
}
