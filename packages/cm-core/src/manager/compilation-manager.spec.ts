import { describe, expect, it } from 'vitest';
import { sha1Hex } from '../hash/sha1.js';
import { createFakeBackend, fakeProbe, useTmpTree } from '../testing/fixtures/manager-fixtures.js';
import { createCompilationManager, getFileSha1 } from './compilation-manager.js';

describe('cm-core/manager/compilation-manager', () => {
  it('rejects unknown option keys, naming the call and the valid keys', () => {
    expect(() => createCompilationManager({ verbose: true } as never)).toThrow(
      /^createCompilationManager: unknown option `verbose`\. Expected one of racket, cwd, env, probeCacheFile, /,
    );
  });

  it('uses the given probe without starting Racket, and exposes it', async () => {
    const tree = useTmpTree();
    const probe = fakeProbe(tree.root);
    const cm = createCompilationManager({ probe, backend: createFakeBackend(), probeCacheFile: false, racket: '/nonexistent/racket', env: {} });
    expect(cm.racket).toBe(probe);
    await cm.close();
  });

  it('getCompiledFileSha1 is the .zo SHA-1 followed by its .dep IMPORTS', async () => {
    const tree = useTmpTree({ 'compiled/a_rkt.zo': '#~zo', 'compiled/a_rkt.dep': `("8.7" ta6le ("${'a'.repeat(40)}" . "${'b'.repeat(40)}"))\n` });
    const cm = createCompilationManager({ probe: fakeProbe(tree.root), backend: createFakeBackend(), probeCacheFile: false, env: {} });
    expect(cm.getCompiledFileSha1(tree.path('compiled/a_rkt.zo'))).toBe(sha1Hex('#~zo') + 'b'.repeat(40));
    expect(cm.getCompiledFileSha1(tree.path('compiled/none_rkt.zo'))).toBeUndefined();
    await cm.close();
  });

  it('collectionFilePath resolves in the manager\'s collection setup (PLTCOLLECTS from its env)', async () => {
    const tree = useTmpTree({ 'colls/mycoll/main.rkt': '' });
    const cm = createCompilationManager({ probe: fakeProbe(tree.root), backend: createFakeBackend(), probeCacheFile: false, env: { PLTCOLLECTS: `${tree.path('colls')}:` } });
    expect(cm.collectionFilePath(['mycoll'], 'main.rkt')).toBe(tree.path('colls/mycoll/main.rkt'));
    await cm.close();
  });

  it('resolves relative files against cwd; a caching compiler shares decisions across calls', async () => {
    const tree = useTmpTree({ 'src/a.rkt': 'require b.rkt\n(a)', 'src/b.rkt': '(b)' });
    const backend = createFakeBackend();
    const traces: string[] = [];
    const cm = createCompilationManager({ probe: fakeProbe(tree.root), backend, probeCacheFile: false, cwd: tree.path('src'), env: {}, onTrace: (l) => traces.push(l) });
    await cm.managedCompileZo('b.rkt');
    expect(backend.calls).toEqual([`compile ${tree.path('src/b.rkt')}`]);
    traces.length = 0;
    await cm.managedCompileZo('b.rkt');
    expect(traces).toContain(`checking: ${tree.path('src/b.rkt')}`);
    const compile = cm.makeCachingManagedCompileZo();
    await compile('a.rkt');
    traces.length = 0;
    await compile('b.rkt');
    expect(traces).toEqual([]);
    expect(backend.calls).toEqual([`compile ${tree.path('src/b.rkt')}`, `compile ${tree.path('src/a.rkt')}`]);
    await cm.close();
  });

  it('getFileSha1 hashes a file, undefined when missing', () => {
    const tree = useTmpTree({ 'x.txt': 'x' });
    expect(getFileSha1(tree.path('x.txt'))).toBe(sha1Hex('x'));
    expect(getFileSha1(tree.path('y.txt'))).toBeUndefined();
  });
});
