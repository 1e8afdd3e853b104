/**
 * `.dep` parsing, snapshots and the independent IMPORTS recomputation of the make scenario suites.
 */
import { describe, expect, it } from 'vitest';
import { compiledFilesOf, computeImportsHash, parseDepText, setTreeMtimes, sha1Hex, snapshotCompiled } from './compiled-state.js';
import { mtimeSeconds } from './file-times.js';
import { useTempTree } from './temp-tree.js';

const NO_DEPS = 'f9065fa7389750e16fe00d7ba36748f61d3e0df6';

describe('setup-executor/test/support/compiled-state', () => {
  it('parses both hash shapes of a .dep (racket-notes §1.4)', () => {
    expect(parseDepText(`("8.7" #f ("557bb7ccfe5ace13b9e4249930b3a70b6036d348" . "${NO_DEPS}"))\n`)).toEqual({
      version: '8.7',
      machine: '#f',
      src: '557bb7ccfe5ace13b9e4249930b3a70b6036d348',
      imports: NO_DEPS,
      assume: undefined,
      deps: '',
    });
    const withAssume = parseDepText(
      `("8.7" ta6le ("557bb7ccfe5ace13b9e4249930b3a70b6036d348" "${NO_DEPS}" . "27bb69e960c63b22dcb6bac6fe1c06723aeae078") #"/ex/b.rkt")\n`,
    );
    expect(withAssume).toMatchObject({ machine: 'ta6le', imports: NO_DEPS, assume: '27bb69e960c63b22dcb6bac6fe1c06723aeae078', deps: '#"/ex/b.rkt"' });
    expect(() => parseDepText('("8.7" ta6le)\n')).toThrow(/Expected a .dep text/);
  });

  it('names the compiled files of a module', () => {
    expect(compiledFilesOf('s01/b.rkt')).toEqual({ dep: 's01/compiled/b_rkt.dep', zo: 's01/compiled/b_rkt.zo' });
    expect(compiledFilesOf('x.ss')).toEqual({ dep: 'compiled/x_ss.dep', zo: 'compiled/x_ss.zo' });
  });

  it('recomputes IMPORTS: (ASSUME or .zo SHA-1) ++ IMPORTS per module, file SHA-1 per ext, sorted by hash', () => {
    const tree = useTempTree({ 'data.txt': 'data' });
    const r = tree.root;
    const assume = 'a'.repeat(40);
    tree.write('compiled/b_rkt.zo', 'B code');
    tree.write('compiled/b_rkt.dep', `("8.7" ta6le ("${'1'.repeat(40)}" . "${NO_DEPS}"))\n`);
    tree.write('compiled/c_rkt.zo', 'C code');
    tree.write('compiled/c_rkt.dep', `("8.7" ta6le ("${'2'.repeat(40)}" "${'3'.repeat(40)}" . "${assume}") #"${r}/b.rkt")\n`);
    tree.write('compiled/a_rkt.dep', `("8.7" ta6le ("${'4'.repeat(40)}" . "${'0'.repeat(40)}") #"${r}/b.rkt" #"${r}/c.rkt" (ext . #"${r}/data.txt"))\n`);
    const pairs = [
      [`${sha1Hex('B code')}${NO_DEPS}`, `. #"${r}/b.rkt"`],
      [`${assume}${'3'.repeat(40)}`, `. #"${r}/c.rkt"`],
      [sha1Hex('data'), `ext . #"${r}/data.txt"`],
    ].sort(([x], [y]) => (x! < y! ? -1 : 1));
    const printed = `(${pairs.map(([h, d]) => `("${h}" ${d})`).join(' ')})`;
    expect(computeImportsHash(r, 'compiled/a_rkt.dep')).toBe(sha1Hex(printed));
    expect(computeImportsHash(r, 'compiled/b_rkt.dep')).toBe(NO_DEPS);
  });

  it('does not compute IMPORTS over collection modules', () => {
    const tree = useTempTree({ 'compiled/b_rkt.dep': `("8.7" ta6le ("${'1'.repeat(40)}" . "${NO_DEPS}") (collects #"racket" #"base.rkt"))\n` });
    expect(computeImportsHash(tree.root, 'compiled/b_rkt.dep')).toBeUndefined();
  });

  it('snapshots .dep text, .zo hashes and mtimes, and sees code that embeds the tree path', () => {
    // Racket abbreviates long source locations to their end: `...XXXX/side/g/b.rkt:3:23`.
    const tree = useTempTree({ 'side/g/b.rkt': '', 'side/g/compiled/b_rkt.dep': '("8.7")\n' });
    tree.write('side/g/compiled/b_rkt.zo', '#~ code [...XXXX/side/g/b.rkt:3:23');
    tree.write('side/g/compiled/c_rkt.zo', '#~ relocatable');
    setTreeMtimes(tree.root, { sources: 1_000_000, compiled: 1_000_001 });
    const snapshot = snapshotCompiled(tree.path('side/g'));
    expect(Object.keys(snapshot)).toEqual(['compiled/b_rkt.dep', 'compiled/b_rkt.zo', 'compiled/c_rkt.zo']);
    expect(snapshot['compiled/b_rkt.dep']).toEqual({ sha1: sha1Hex('("8.7")\n'), mtime: 1_000_001, text: '("8.7")\n' });
    expect(snapshot['compiled/b_rkt.zo']?.embedsPath).toBe(true);
    expect(snapshot['compiled/c_rkt.zo']?.embedsPath).toBe(false);
    expect(mtimeSeconds(tree.path('side/g/b.rkt'))).toBe(1_000_000);
  });
});
