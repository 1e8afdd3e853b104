import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTempWorkspace, EXAMPLE_WORKSPACE } from '../testing/fixtures/temp-workspace.js';
import { createNodes, createNodesV2 } from './index.js';
import { LAUNCHER_RUNTIME_INPUT, RACKET_RUNTIME_INPUT } from './targets.js';

const context = (workspaceRoot: string) => ({ workspaceRoot, nxJsonConfiguration: {} });

function run(files: string[], root: string, options?: object) {
  return createNodesV2[1](files, options, context(root)) as [string, { projects?: Record<string, any> }][];
}

afterEach(() => vi.restoreAllMocks());

describe('plugin/create-nodes', () => {
  it('exports the same v2 tuple as createNodes and createNodesV2, keyed on info.rkt', () => {
    expect(createNodes).toBe(createNodesV2);
    expect(createNodesV2[0]).toBe('**/info.rkt');
  });

  it('infers the example workspace: setup and clean targets, inputs, outputs, metadata', () => {
    const result = run(['greeting/info.rkt', 'hello/info.rkt'], EXAMPLE_WORKSPACE);
    expect(result.map(([file]) => file)).toEqual(['greeting/info.rkt', 'hello/info.rkt']);
    const hello = result[1]![1].projects!['hello'];
    expect(hello.name).toBe('hello');
    expect(hello.metadata).toEqual({
      technologies: ['racket'],
      description: 'Racket collection hello: Says hello from an nx-raco example',
      racket: { kind: 'single', collections: ['hello'], collectionRoot: '.', packageName: 'hello', deps: ['base', 'greeting'], buildDeps: ['rackunit-lib'] },
    });
    expect(hello.namedInputs).toEqual({ racketSources: ['{projectRoot}/**/*', '!{projectRoot}/**/compiled/**', '!{projectRoot}/**/doc/**'] });
    expect(hello.targets.setup).toEqual({
      executor: '@nx-raco/setup-executor:setup',
      options: {},
      dependsOn: ['^setup'],
      cache: true,
      // hello declares the launcher "hello" (racket-launcher-names).
      inputs: ['racketSources', '^racketSources', { runtime: RACKET_RUNTIME_INPUT }, { runtime: LAUNCHER_RUNTIME_INPUT }],
      outputs: ['{projectRoot}/**/compiled', '{projectRoot}/**/doc', '{workspaceRoot}/bin/hello'],
      metadata: { technologies: ['racket'], description: 'Compile collection hello and the workspace collections it requires (raco setup)' },
    });
    expect(hello.targets.clean).toMatchObject({ executor: '@nx-raco/setup-executor:setup', options: { clean: true }, cache: false });
  });

  it('uses the configured target names', () => {
    const result = run(['greeting/info.rkt'], EXAMPLE_WORKSPACE, { setupTargetName: 'build', cleanTargetName: 'wipe' });
    const targets = result[0]![1].projects!['greeting'].targets;
    expect(Object.keys(targets)).toEqual(['build', 'wipe']);
    expect(targets.build.dependsOn).toEqual(['^build']);
  });

  it('gives nested info.rkt files an empty result', () => {
    const ws = createTempWorkspace({
      'pkg/info.rkt': "#lang info\n(define collection 'multi)\n",
      'pkg/a/info.rkt': '#lang info\n',
      'node_modules/x/info.rkt': '#lang info\n',
    });
    const result = run(['pkg/a/info.rkt', 'pkg/info.rkt', 'node_modules/x/info.rkt'], ws.root);
    expect(result[0]).toEqual(['pkg/a/info.rkt', {}]);
    expect(Object.keys(result[1]![1].projects!)).toEqual(['pkg']);
    expect(result[1]![1].projects!['pkg'].metadata.description).toBe('Racket package pkg (collections: a)');
    expect(result[2]).toEqual(['node_modules/x/info.rkt', {}]);
  });

  it('keeps a project with a bad info.rkt and says why in its description and a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ws = createTempWorkspace({ 'bad/info.rkt': '#lang info\n(define x (\n' });
    const result = run(['bad/info.rkt'], ws.root);
    const project = result[0]![1].projects!['bad'];
    expect(project.name).toBe('bad');
    expect(project.targets.setup).toBeDefined();
    expect(project.metadata.description).toMatch(/^Racket collection bad\. Problems: bad\/info\.rkt could not be read, so its fields are ignored: bad\/info\.rkt:2:/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('bad/info.rkt:2:'));
  });

  it('renames the second of two projects with the same name after its root', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ws = createTempWorkspace({ 'a/x/info.rkt': '#lang info\n', 'b/x/info.rkt': '#lang info\n' });
    const result = run(['a/x/info.rkt', 'b/x/info.rkt'], ws.root);
    expect(result.map(([, r]) => Object.values(r.projects!)[0].name)).toEqual(['x', 'b/x']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('another project is already named "x"'));
  });

  it('rejects unknown plugin options', () => {
    expect(() => run(['greeting/info.rkt'], EXAMPLE_WORKSPACE, { setup: 'x' })).toThrow('unknown option `setup`');
  });
});
