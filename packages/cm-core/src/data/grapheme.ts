/**
 * Extended grapheme clusters as Racket 8.7 CS computes them (Chez Scheme's `char-grapheme-step`,
 * UAX #29 for Unicode 14: GB3–GB13, without the Unicode 15.1 rule GB9c), plus the column
 * counting of Racket's line-counting ports, which the pretty printer measures with.
 *
 * `write` of a string emits a whole cluster verbatim when it starts with a graphic character
 * (`string-grapheme-span`), so a ZWJ, a tag character or anything after a Prepend character
 * (even `"` — a Racket 8.7 quirk that makes the output unreadable) stays unescaped there.
 * Port columns, in contrast, count code points in 8.7 (observed: "e\u0301" advances by 2).
 *
 * Fragile: the rules follow the Unicode version of the Racket build (see `unicode-props.ts`).
 */
import { GB, graphemeBreakProperty, isExtendedPictographic } from './unicode-props.js';

/** Where the scan stands after the last character; compared against the next one. */
interface BreakState {
  /** Grapheme-break property of the previous character, or -1 at the start of text. */
  prev: number;
  /** Number of consecutive regional indicators ending at the previous character. */
  riRun: number;
  /** 0: nothing; 1: ExtPict Extend* seen; 2: ExtPict Extend* ZWJ seen (GB11). */
  emoji: number;
}

function startState(): BreakState {
  return { prev: -1, riRun: 0, emoji: 0 };
}

const isControlLike = (gb: number): boolean => gb === GB.Control || gb === GB.CR || gb === GB.LF;

/** True when UAX #29 puts a cluster boundary between the previous character and `cp`. */
function isBoundary(state: BreakState, cp: number, gb: number): boolean {
  const prev = state.prev;
  if (prev === -1) return true;
  if (prev === GB.CR && gb === GB.LF) return false; // GB3
  if (isControlLike(prev) || isControlLike(gb)) return true; // GB4, GB5
  if (prev === GB.L && (gb === GB.L || gb === GB.V || gb === GB.LV || gb === GB.LVT)) return false; // GB6
  if ((prev === GB.LV || prev === GB.V) && (gb === GB.V || gb === GB.T)) return false; // GB7
  if ((prev === GB.LVT || prev === GB.T) && gb === GB.T) return false; // GB8
  if (gb === GB.Extend || gb === GB.ZWJ || gb === GB.SpacingMark) return false; // GB9, GB9a
  if (prev === GB.Prepend) return false; // GB9b
  if (state.emoji === 2 && isExtendedPictographic(cp)) return false; // GB11
  if (prev === GB.RegionalIndicator && gb === GB.RegionalIndicator && state.riRun % 2 === 1) return false; // GB12, GB13
  return true;
}

function advance(state: BreakState, cp: number, gb: number): void {
  if (isExtendedPictographic(cp)) state.emoji = 1;
  else if (gb === GB.Extend && state.emoji === 1) state.emoji = 1;
  else if (gb === GB.ZWJ && state.emoji === 1) state.emoji = 2;
  else state.emoji = 0;
  state.riRun = gb === GB.RegionalIndicator ? state.riRun + 1 : 0;
  state.prev = gb;
}

/**
 * Racket's `string-grapheme-span`: how many code points of `cps` the cluster starting at
 * `start` covers (0 at the end).
 * @example graphemeSpan([0x61, 0x301, 0x62], 0) //=> 2
 */
export function graphemeSpan(cps: readonly number[], start: number): number {
  if (start >= cps.length) return 0;
  const state = startState();
  let i = start;
  for (; i < cps.length; i++) {
    const cp = cps[i]!;
    const gb = graphemeBreakProperty(cp);
    if (i > start && isBoundary(state, cp, gb)) break;
    advance(state, cp, gb);
  }
  return i - start;
}

/**
 * The column of a line-counting Racket 8.7 port: one per code point since the last CR or LF
 * (8.7 does not cluster graphemes when counting), tabs to the next multiple of 8.
 */
export class ColumnCounter {
  #column: number;

  constructor(column = 0) {
    this.#column = column;
  }

  get column(): number {
    return this.#column;
  }

  /** Accounts for `text` being written. */
  write(text: string): void {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 10 || cp === 13) this.#column = 0;
      else if (cp === 9) this.#column = (this.#column & ~7) + 8;
      else this.#column++;
    }
  }
}
