import type { CreateDependenciesContext, FileData, ProjectConfiguration } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace, EXAMPLE_WORKSPACE } from '../testing/fixtures/temp-workspace.js';
import { createDependencies } from './create-dependencies.js';
import { createNodesV2 } from './create-nodes.js';

/** Builds the context Nx would pass: projects from createNodes, and a file map of `files`. */
function contextFor(root: string, infoFiles: string[], files: string[], toProcess = files): CreateDependenciesContext {
  const projects: Record<string, ProjectConfiguration> = {};
  for (const [, result] of createNodesV2[1](infoFiles, undefined, { workspaceRoot: root, nxJsonConfiguration: {} }) as any[]) {
    for (const [projectRoot, project] of Object.entries(result.projects ?? {}) as [string, ProjectConfiguration][]) {
      projects[project.name!] = { ...project, root: projectRoot };
    }
  }
  const owner = (file: string) => Object.values(projects).find((p) => file.startsWith(`${p.root}/`))!.name!;
  const map = (list: string[]) => {
    const projectFileMap: Record<string, FileData[]> = {};
    for (const file of list) (projectFileMap[owner(file)] ??= []).push({ file, hash: '' });
    return { projectFileMap, nonProjectFiles: [] };
  };
  return { projects, workspaceRoot: root, fileMap: map(files), filesToProcess: map(toProcess), externalNodes: {}, nxJsonConfiguration: {} };
}

describe('plugin/create-dependencies', () => {
  it('finds the example edges: static from main.rkt, implicit from deps', async () => {
    const context = contextFor(EXAMPLE_WORKSPACE, ['greeting/info.rkt', 'hello/info.rkt'], [
      'greeting/info.rkt',
      'greeting/main.rkt',
      'hello/info.rkt',
      'hello/main.rkt',
      'hello/private/banner.rkt',
    ]);
    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'hello', target: 'greeting', sourceFile: 'hello/main.rkt', type: 'static' },
      { source: 'hello', target: 'greeting', type: 'implicit' },
    ]);
  });

  it('scans only filesToProcess, but always emits the implicit edges', async () => {
    const context = contextFor(EXAMPLE_WORKSPACE, ['greeting/info.rkt', 'hello/info.rkt'], ['greeting/main.rkt', 'hello/main.rkt'], ['greeting/main.rkt']);
    expect(await createDependencies(undefined, context)).toEqual([{ source: 'hello', target: 'greeting', type: 'implicit' }]);
  });

  it("resolves 'multi collections, relative paths across projects, lib forms and dynamic requires", async () => {
    const ws = createTempWorkspace({
      'pkg/info.rkt': "#lang info\n(define collection 'multi)\n(define build-deps '(\"app\"))\n",
      'pkg/util/main.rkt': '#lang racket/base\n',
      'pkg/util/extra.rkt': '#lang racket/base\n',
      'libs/app/info.rkt': '#lang info\n',
      'libs/app/main.rkt': '#lang racket/base\n(require (lib "util/extra.rkt") "../tool/x.rkt" racket/list)\n(lazy-require [pkg-less/x (f)])\n',
      'libs/app/doc.scrbl': '#lang scribble/manual\n@(require (for-label util))\n',
      'libs/app/compiled/main_rkt.dep': '(require tool)',
      'libs/tool/info.rkt': '#lang info\n',
      'libs/tool/x.rkt': "#lang racket/base\n(define (f) (dynamic-require 'app/main 'g))\n",
    });
    const files = ['pkg/util/main.rkt', 'pkg/util/extra.rkt', 'libs/app/main.rkt', 'libs/app/doc.scrbl', 'libs/app/compiled/main_rkt.dep', 'libs/tool/x.rkt'];
    const context = contextFor(ws.root, ['pkg/info.rkt', 'libs/app/info.rkt', 'libs/tool/info.rkt'], files);
    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'app', target: 'pkg', sourceFile: 'libs/app/main.rkt', type: 'static' },
      { source: 'app', target: 'tool', sourceFile: 'libs/app/main.rkt', type: 'static' },
      { source: 'app', target: 'pkg', sourceFile: 'libs/app/doc.scrbl', type: 'static' },
      { source: 'tool', target: 'app', sourceFile: 'libs/tool/x.rkt', type: 'dynamic' },
      { source: 'pkg', target: 'app', type: 'implicit' },
    ]);
  });

  it('ignores projects of other plugins and unreadable files', async () => {
    const context = contextFor(EXAMPLE_WORKSPACE, ['greeting/info.rkt', 'hello/info.rkt'], ['hello/missing.rkt']);
    context.projects['js-lib'] = { root: 'js-lib', name: 'js-lib' };
    (context.filesToProcess.projectFileMap as Record<string, FileData[]>)['js-lib'] = [{ file: 'js-lib/x.rkt', hash: '' }];
    expect(await createDependencies(undefined, context)).toEqual([{ source: 'hello', target: 'greeting', type: 'implicit' }]);
  });
});
