/**
 * Reads one datum with an explicit stack of open forms (`read-frames.ts`), so nesting depth is
 * limited by `maxDepth`, never by the JavaScript call stack. Port of the structure of Racket's
 * `read/main.rkt`, `sequence.rkt` and `hash.rkt`; atoms come from `read-dispatch.ts`.
 *
 * The main loop: skip whitespace and comments, let the innermost open form react to structural
 * characters (closers, `.`, the parts of a hash pair), otherwise start a datum, and hand each
 * finished datum to the form that waits for it (`deliver`).
 *
 * Racket 8.7 details kept (all observed): `(a . b . c)` is infix and reads `(b a c)`; a `.`
 * needs an element before it; after `(a . b` only `)` or an infix `.` may follow; `#;` works
 * wherever whitespace does, except that inside a hash it comments out a whole `(k . v)` pair;
 * errors at end of file point at the innermost open form (the `#` of `#(`, `#hash(`, `#s(`) and
 * name the missing closer, with Racket's indentation hint (`read-indentation.ts`).
 *
 * Fragile: error wording and positions mirror Racket exactly; `reader.parity.spec.ts` checks
 * them against the installed Racket.
 */
import { skipAtmosphere } from './read-atmosphere.js';
import { EOF, type Scanner } from './read-scanner.js';
import { closerOf, isCloser, isDelimiter } from './read-char-class.js';
import { readDatumStart } from './read-dispatch.js';
import { closeSeqFrame, HashFrame, PrefixFrame, SeqFrame, type Ctx, type Frame } from './read-frames.js';
import { HashBuilder } from './read-hash.js';
import { type Indentation, possibleCause, trackIndentation, unexpectedCloserMessage } from './read-indentation.js';
import type { Place } from './read-input.js';
import type { RacketValue } from './types.js';

/** Racket has no limit; ours keeps recursive consumers (writer, `isEqual`) safe. */
export const DEFAULT_MAX_DEPTH = 1_000;
const MAX_VECTOR_LENGTH = 1n << 24n;
const DOT_HINT = 'A `.` is only allowed between the last two elements of a list, as in `(a . b)`.';

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
      const r = top.t === 'seq' ? this.onSeq(top, c) : this.onHash(top, c);
      if (r === 'handled') return undefined;
      if (r !== 'datum') return this.deliver(r);
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

  private track(index: number, ctx: Ctx): void {
    if (ctx === null) return;
    const line = this.sc.lineAt(index);
    if (line > ctx.lastLine) trackIndentation(ctx, line, this.sc.columnAt(index));
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

  private failClose(f: SeqFrame): never {
    const o = String.fromCodePoint(f.opener);
    const cl = String.fromCodePoint(f.closer);
    this.sc.fail(`expected a \`${cl}\` to close \`${o}\`${possibleCause(f)}`, f.at, `Add the missing \`${cl}\`.`);
  }

  private onSeq(f: SeqFrame, c: number): 'handled' | 'datum' | RacketValue {
    const sc = this.sc;
    const isDot = c === 0x2e && isDelimiter(sc.peek(1));
    switch (f.state) {
      case 'items':
        if (c === EOF) this.failClose(f);
        if (c === f.closer) return this.closeSeq(f);
        if (!isDot || f.items.length === 0) return 'datum';
        this.track(sc.i, f);
        if (f.shape === 'vector' || f.head !== undefined) sc.fail('illegal use of `.`', sc.i, DOT_HINT);
        f.dotAt = sc.i++;
        f.state = 'afterDot';
        return 'handled';
      case 'afterDot':
        if (c === EOF) this.failClose(f);
        return 'datum';
      case 'afterTail':
        if (c === f.closer) return this.closeSeq(f);
        if (!isDot) sc.fail('illegal use of `.`', f.dotAt, DOT_HINT);
        this.track(sc.i, f);
        sc.i++;
        f.head = f.tail;
        f.tail = undefined;
        f.state = 'afterInfixDot';
        return 'handled';
      case 'afterInfixDot':
        if (c === EOF) this.failClose(f);
        if (c === f.closer) sc.fail('illegal use of `.`', f.dotAt, DOT_HINT);
        return 'datum';
      default:
        return f.state satisfies never;
    }
  }

  private closeSeq(f: SeqFrame): RacketValue {
    this.sc.i++;
    this.stack.pop();
    return closeSeqFrame(this.sc, f);
  }

  private onHash(f: HashFrame, c: number): 'handled' | 'datum' | RacketValue {
    const sc = this.sc;
    const isDot = c === 0x2e && isDelimiter(sc.peek(1));
    const pairCloser = (): string => String.fromCodePoint(f.pairCloser);
    // Racket locates an end of file inside a hash pair at the last character read.
    const eofAt = Math.max(sc.i - 1, 0);
    switch (f.state) {
      case 'pair':
        if (c === EOF) {
          sc.fail(`expected \`${String.fromCodePoint(f.closer)}\` to close \`${String.fromCodePoint(f.opener)}\``, f.at);
        }
        if (c === f.closer && !f.discardPair) {
          sc.i++;
          this.stack.pop();
          return f.builder.build(sc.locFrom(f.start));
        }
        if (c === 0x28 || c === 0x5b || c === 0x7b) {
          sc.i++;
          f.pairCloser = closerOf(c);
          f.state = 'key';
          return 'handled';
        }
        if (isCloser(c)) return 'datum';
        if (isDot && f.builder.size > 0 && !f.discardPair) sc.fail('illegal use of `.`', sc.i, DOT_HINT);
        return sc.fail('expected `(`, `[`, or `{` to start a hash pair', sc.i);
      case 'key':
        if (c === EOF) sc.fail('expected `.` and value for hash', eofAt);
        return 'datum';
      case 'dot':
        if (!isDot) sc.fail('expected `.` and value for hash', c === EOF ? eofAt : sc.i);
        sc.i++;
        f.state = 'value';
        return 'handled';
      case 'value':
        if (c === EOF) sc.fail(`expected \`${pairCloser()}\` after value within a hash`, eofAt);
        return 'datum';
      case 'pairClose':
        if (c !== f.pairCloser) sc.fail(`expected \`${pairCloser()}\` after value within a hash`, c === EOF ? eofAt : sc.i);
        sc.i++;
        f.state = 'pair';
        f.discardPair = false;
        return 'handled';
      default:
        return f.state satisfies never;
    }
  }
}
