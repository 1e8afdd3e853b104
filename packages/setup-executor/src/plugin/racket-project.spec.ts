import { describe, expect, it } from 'vitest';
import { createTempWorkspace } from '../testing/fixtures/temp-workspace.js';
import { isCollectionName, readRacketProject } from './racket-project.js';

describe('plugin/racket-project', () => {
  it('reads a string collection with deps, build-deps, pkg-desc and version', () => {
    const ws = createTempWorkspace({
      'libs/greet/info.rkt': '#lang info\n(define collection "greet")\n(define deps \'("base" ("util" #:version "1.0")))\n(define build-deps \'("rackunit-lib"))\n(define pkg-desc "Hi")\n(define version "2.0")\n',
    });
    expect(readRacketProject(ws.root, 'libs/greet')).toEqual({
      root: 'libs/greet',
      name: 'greet',
      kind: 'single',
      collections: ['greet'],
      collectionRoot: 'libs',
      packageName: 'greet',
      deps: ['base', 'util'],
      buildDeps: ['rackunit-lib'],
      description: 'Hi',
      version: '2.0',
      problems: [],
    });
  });

  it("reads 'multi as one collection per subdirectory", () => {
    const ws = createTempWorkspace({
      'pkg/info.rkt': "#lang info\n(define collection 'multi)\n",
      'pkg/one/main.rkt': '#lang racket/base\n',
      'pkg/two/info.rkt': '#lang info\n',
      'pkg/compiled/x.zo': '',
      'pkg/.hidden/x': '',
    });
    const project = readRacketProject(ws.root, 'pkg');
    expect(project).toMatchObject({ name: 'pkg', kind: 'multi', collections: ['one', 'two'], collectionRoot: 'pkg', problems: [] });
  });

  it.each([
    ['absent', '#lang info\n(define version "1")\n'],
    ["'use-pkg-name", "#lang info\n(define collection 'use-pkg-name)\n"],
  ])('names the collection after the directory when `collection` is %s', (_title, text) => {
    const ws = createTempWorkspace({ 'dir/info.rkt': text });
    expect(readRacketProject(ws.root, 'dir')).toMatchObject({ name: 'dir', collections: ['dir'], collectionRoot: '.', problems: [] });
  });

  it('reports a collection name that differs from the directory', () => {
    const ws = createTempWorkspace({ 'dir/info.rkt': '#lang info\n(define collection "other")\n' });
    const project = readRacketProject(ws.root, 'dir');
    expect(project.name).toBe('other');
    expect(project.collections).toEqual(['dir', 'other']);
    expect(project.problems[0]).toContain('collection "other" differs from the directory name "dir"');
  });

  it('keeps a project with a bad info.rkt, with the file and line in its problems', () => {
    const ws = createTempWorkspace({ 'bad/info.rkt': '#lang info\n(define deps (car 5))\n' });
    const project = readRacketProject(ws.root, 'bad');
    expect(project).toMatchObject({ name: 'bad', collections: ['bad'], deps: [] });
    expect(project.problems).toHaveLength(1);
    expect(project.problems[0]).toMatch(/^bad\/info\.rkt could not be read, so its fields are ignored: bad\/info\.rkt:2:\d+: car: contract violation/);
  });

  it('reports a `collection` of the wrong type', () => {
    const ws = createTempWorkspace({ 'dir/info.rkt': '#lang info\n(define collection 5)\n' });
    expect(readRacketProject(ws.root, 'dir').problems[0]).toContain("Expected `collection` to be a string, 'multi or 'use-pkg-name, got a integer");
  });

  it.each([
    ['abc', true],
    ['a-b_c+1.x%', true],
    ['.', false],
    ['a/b', false],
    ['', false],
  ])('isCollectionName(%j) is %s', (name, expected) => {
    expect(isCollectionName(name)).toBe(expected);
  });
});
