import { readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initGenerator } from './generator.js';

describe('generators/init/generator', () => {
  // The empty workspace selects a formatter that is not installed here; formatting is Nx's job.
  beforeEach(() => {
    vi.stubEnv('NX_SKIP_FORMAT', 'true');
    return () => vi.unstubAllEnvs();
  });

  it('registers the plugin and ignores compiled files and the workspace Racket state', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('.gitignore', 'node_modules\n/dist');
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@nx-raco/setup-executor', options: { setupTargetName: 'setup', cleanTargetName: 'clean' } }]);
    expect(tree.read('.gitignore', 'utf-8')).toBe('node_modules\n/dist\n\n# Racket (nx-raco)\ncompiled/\n/.nx-raco/\n');
  });

  it('changes nothing when run twice, and keeps an existing plugin entry', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('nx.json', JSON.stringify({ plugins: [{ plugin: '@nx-raco/setup-executor', options: { setupTargetName: 'build' } }] }));
    await initGenerator(tree, { setupTargetName: 'other' });
    const once = { nx: tree.read('nx.json', 'utf-8'), ignore: tree.read('.gitignore', 'utf-8') };
    await initGenerator(tree, {});
    expect({ nx: tree.read('nx.json', 'utf-8'), ignore: tree.read('.gitignore', 'utf-8') }).toEqual(once);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@nx-raco/setup-executor', options: { setupTargetName: 'build' } }]);
    expect(once.ignore).toBe('# Racket (nx-raco)\ncompiled/\n/.nx-raco/\n');
  });

  it('rejects bad target names', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await expect(initGenerator(tree, { setupTargetName: 'a b' })).rejects.toThrow('Expected a target name');
    await expect(initGenerator(tree, { target: 'x' } as object)).rejects.toThrow('init generator: unknown option `target`. Expected one of setupTargetName, cleanTargetName, skipFormat.');
  });
});
