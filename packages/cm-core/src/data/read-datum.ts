/**
 * Reads one datum with an explicit stack of open forms (`read-frames.ts`), so nesting depth is
 * limited by `maxDepth`, never by the JavaScript call stack. Port of the structure of Racket's
 * `read/main.rkt`; atoms come from `read-dispatch.ts`, the structure inside lists and hashes
 * from `read-sequence.ts`.
 *
 * The main loop: skip whitespace and comments, let the innermost open list or hash react to
 * structural characters (closers, `.`, the parts of a hash pair), otherwise start a datum, and
 * hand each finished datum to the form that waits for it (`deliver`).
 *
 * Racket 8.7 details kept (all observed): `#;` works wherever whitespace does, except that inside
 * a hash it comments out a whole `(k . v)` pair, and between the elements of a list it is read in
 * the list's outer indentation context; errors at end of file point at the innermost open form
 * (the `#` of `#(`, `#hash(`, `#s(`, the quote of `'`); an unexpected closer is described with
 * Racket's indentation hint (`read-indentation.ts`).
 *
 * Fragile: error wording and positions mirror Racket exactly; `reader.parity.spec.ts` checks
 * them against the installed Racket.
 */
import { skipAtmosphere } from './read-atmosphere.js';
import { EOF, type Scanner } from './read-scanner.js';
import { isCloser } from './read-char-class.js';
import { readDatumStart } from './read-dispatch.js';
import { closeSeqFrame, HashFrame, PrefixFrame, SeqFrame, type Ctx, type Frame } from './read-frames.js';
import { HashBuilder } from './read-hash.js';
import { type Indentation, trackIndentation, unexpectedCloserMessage } from './read-indentation.js';
import { stepHash, stepSequence } from './read-sequence.js';
import type { Place } from './read-input.js';
import type { RacketValue } from './types.js';

/** Racket has no limit; ours keeps recursive consumers (writer, `isEqual`) safe. */
export const DEFAULT_MAX_DEPTH = 1_000;
const MAX_VECTOR_LENGTH = 1n << 24n;

type Step = { readonly value: RacketValue | undefined } | undefined;

export class DatumReader {
  private stack: Frame[] = [];

  constructor(
    private readonly sc: Scanner,
    private readonly maxDepth: number = DEFAULT_MAX_DEPTH,
  ) {}

  /** Reads the next datum, or returns `undefined` at end of input. */
  read(): RacketValue | undefined {
    this.stack = [];
    for (;;) {
      const done = this.step();
      if (done !== undefined) return done.value;
    }
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The context in which the next datum is read. */
  private ctx(): Ctx {
    const top = this.top();
    if (top === undefined) return null;
    if (top.t === 'seq') return top;
    if (top.t === 'hash') return top.discardPair ? top.outer : top;
    return top.ctx;
  }

  /** One step of the main loop; returns `{ value }` when a top-level datum (or EOF) is complete. */
  private step(): Step {
    const sc = this.sc;
    skipAtmosphere(sc);
    const c = sc.peek();
    const top = this.top();
    if (c === 0x23 && sc.peek(1) === 0x3b) {
      this.startComment(top);
      return undefined;
    }
    if (top?.t === 'seq' || top?.t === 'hash') {
      const r = top.t === 'seq' ? stepSequence(sc, top, c) : stepHash(sc, top, c);
      if (r === 'handled') return undefined;
      if (r === 'closed') {
        this.stack.pop();
        return this.deliver(top.t === 'seq' ? closeSeqFrame(sc, top) : top.builder.build(sc.locFrom(top.start)));
      }
    }
    if (c === EOF) return this.onEof();
    if (isCloser(c)) this.unexpectedCloser(c);
    return this.startDatum();
  }

  private startComment(top: Frame | undefined): void {
    const sc = this.sc;
    let ctx = this.ctx();
    if (top?.t === 'hash' && top.state === 'pair' && !top.discardPair) {
      top.discardPair = true;
      sc.i += 2;
      return;
    }
    // Between the elements of a sequence Racket reads the comment in the outer context.
    if (top?.t === 'seq' && top.state !== 'afterDot') ctx = top.outer;
    this.push(new PrefixFrame('comment', sc.i, undefined, top?.fold ?? false, ctx));
    sc.i += 2;
  }

  private push(frame: Frame): void {
    if (this.stack.length >= this.maxDepth) {
      this.sc.fail(
        `nesting deeper than ${this.maxDepth} levels is not supported`,
        frame.at,
        'Racket has no such limit; pass a larger `maxDepth` if the data really is this deep.',
      );
    }
    this.stack.push(frame);
  }

  private unexpectedCloser(c: number): never {
    const open: Indentation[] = [];
    for (let ctx = this.ctx(); ctx !== null; ctx = ctx.outer) open.push(ctx);
    this.sc.fail(unexpectedCloserMessage(c, open), this.sc.i, 'Remove the closer or add the matching opener.');
  }

  private startDatum(): Step {
    const sc = this.sc;
    const at = sc.i;
    const line = sc.lineAt(at);
    const column = sc.columnAt(at);
    const position = sc.positionAt(at);
    const ctx = this.ctx();
    if (ctx !== null && line > ctx.lastLine) trackIndentation(ctx, line, column);
    const fold = this.top()?.fold ?? false;
    const s = readDatumStart(sc, fold);
    if (s.t === 'atom') {
      s.value.loc = sc.loc(line, column, position);
      return this.deliver(s.value);
    }
    const start: Place = { line, column, position };
    switch (s.t) {
      case 'seq':
      case 'hash': {
        // The opener is the last character read, on the start line.
        const afterColumn = sc.columnAt(sc.i);
        if (s.t === 'hash') {
          this.push(new HashFrame(at, start, fold, s.opener, ctx, line, afterColumn, new HashBuilder(s.equiv, sc.who)));
          return undefined;
        }
        if (s.length !== undefined && s.length > MAX_VECTOR_LENGTH) {
          sc.fail(`vector length ${s.length} is too large`, at, 'Racket would run out of memory too.');
        }
        this.push(new SeqFrame(at, start, fold, s.shape, s.opener, ctx, line, afterColumn, s.length));
        return undefined;
      }
      case 'quote':
        this.push(new PrefixFrame('quote', at, start, fold, ctx, s.sym, s.desc, sc.locFrom(start)));
        return undefined;
      case 'box':
        this.push(new PrefixFrame('box', at, start, fold, ctx));
        return undefined;
      case 'case':
        this.push(new PrefixFrame('case', at, start, s.fold, ctx));
        return undefined;
      default:
        return s satisfies never;
    }
  }

  /** Hands a finished datum to the waiting frames; returns it when nothing waits. */
  private deliver(v0: RacketValue): Step {
    let v = v0;
    for (;;) {
      const top = this.top();
      if (top === undefined) return { value: v };
      switch (top.t) {
        case 'seq':
          if (top.state === 'afterDot') {
            top.tail = v;
            top.state = 'afterTail';
          } else {
            top.items.push(v);
            top.state = 'items';
          }
          return undefined;
        case 'hash':
          if (top.state === 'key') {
            top.key = v;
            top.state = 'dot';
          } else {
            if (!top.discardPair) top.builder.add(top.key!, v);
            top.state = 'pairClose';
          }
          return undefined;
        case 'comment':
          this.stack.pop();
          return undefined;
        case 'case':
          this.stack.pop();
          break;
        case 'quote':
          this.stack.pop();
          v = { kind: 'list', items: [{ kind: 'symbol', name: top.sym, loc: top.symLoc }, v], loc: this.sc.locFrom(top.start!) };
          break;
        case 'box':
          this.stack.pop();
          v = { kind: 'box', value: v, loc: this.sc.locFrom(top.start!) };
          break;
        default:
          return top satisfies never;
      }
    }
  }

  private onEof(): Step {
    const sc = this.sc;
    const top = this.top();
    if (top === undefined) return { value: undefined };
    switch (top.t) {
      case 'quote':
        return sc.fail(`expected an element for ${top.desc}, found end-of-file`, top.at);
      case 'box':
        return sc.fail('expected an element for `#&` box, found end-of-file', top.at);
      case 'comment': {
        // Racket reports this at the enclosing form (and gives no position at top level).
        const outer = this.stack.findLast((f) => f.t !== 'comment');
        return sc.fail('expected a commented-out element for `#;`, but found end-of-file', (outer ?? top).at);
      }
      case 'case':
        this.stack.pop();
        return undefined;
      default:
        throw new Error(`read-datum: end of file with a ${top.t} frame on top. This is a bug in @nx-raco/cm-core.`);
    }
  }
}
