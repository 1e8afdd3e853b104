import { describe, expect, it } from 'vitest';
import { readPltEntries } from './read-plt-entries.js';

const entries = (text: string | Buffer) => readPltEntries(Buffer.from(text), 0);

describe('setup-executor/src/plt/read-plt-entries', () => {
  it('reads dir, file and file-replace with data following `*` directly', () => {
    const out = entries('dir\n("c")\nfile\n("c" "a")\n2\n*hifile-replace\n(same "c" "b")\n3 \n\t*\0\n*dir\n()\n');
    expect(out.map((e) => ({ ...e, data: 'data' in e ? Buffer.from(e.data).toString('latin1') : undefined }))).toEqual([
      { kind: 'dir', path: ['c'], data: undefined },
      { kind: 'file', path: ['c', 'a'], data: 'hi' },
      { kind: 'file-replace', path: ['c', 'b'], data: '\0\n*' },
      { kind: 'dir', path: [], data: undefined },
    ]);
  });

  it('reads zero-length files at the end of the payload', () => {
    expect(entries('file\n("e")\n0\n*')).toMatchObject([{ kind: 'file', path: ['e'] }]);
  });

  // payload | reason
  const BAD: readonly [string, RegExp][] = [
    ['symlink\n("a")\n', /unknown file tag `symlink`/],
    ['"dir"\n("a")\n', /unknown file tag `"dir"`/],
    ['dir\n"a"\n', /Expected a list of path strings after `dir`, got `"a"`/],
    ['dir\n', /Expected a list of path strings after `dir`, got `#<eof>`/],
    ['file\n("a" 1)\n1\n*x', /Expected a list of path strings/],
    ['file\n()\n1\n*x', /empty path/],
    ['file\n("a")\nten\n*x', /Expected a file size for `a`, got `ten`/],
    ['file\n("a")\n-1\n*', /Expected a file size/],
    ['file\n("a")\n1\nx*x', /Expected `\*` before the data of `a`, got `x`/],
    ['file\n("a")\n1\n', /got end of data \(truncated archive\?\)/],
    ['file\n("a")\n5\n*abc', /shorter than declared \(3 of 5 bytes/],
    ['file\n("a")\n99999999999999999999999\n*abc', /shorter than declared/],
  ];
  it.each(BAD)('refuses %j', (text, reason) => {
    expect(() => entries(text)).toThrow(reason);
  });
});
