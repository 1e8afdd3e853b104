import { readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readInfoFile } from '@nx-raco/cm-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTempWorkspace } from '../../testing/fixtures/temp-workspace.js';
import { collectionGenerator } from './generator.js';

describe('generators/collection/generator', () => {
  // The empty workspace selects a formatter that is not installed here; formatting is Nx's job.
  beforeEach(() => {
    vi.stubEnv('NX_SKIP_FORMAT', 'true');
    return () => vi.unstubAllEnvs();
  });

  it('writes info.rkt, main.rkt, a rackunit test and a Scribble document', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await collectionGenerator(tree, { name: 'mylib', directory: 'libs/mylib' });
    const files = tree.listChanges().map((c) => c.path).filter((p) => p.startsWith('libs/')).sort();
    expect(files).toEqual(['libs/mylib/info.rkt', 'libs/mylib/main.rkt', 'libs/mylib/scribblings/mylib.scrbl', 'libs/mylib/tests/main-test.rkt']);
    expect(tree.read('libs/mylib/info.rkt', 'utf-8')).toBe(
      [
        '#lang info',
        '(define collection "mylib")',
        '(define deps \'("base"))',
        '(define build-deps \'("rackunit-lib" "scribble-lib" "racket-doc"))',
        '(define version "0.1")',
        '(define pkg-desc "The mylib collection")',
        '(define scribblings \'(("scribblings/mylib.scrbl" ())))',
        '(define racket-launcher-names \'("mylib"))',
        '(define racket-launcher-libraries \'("main.rkt"))',
        '',
      ].join('\n'),
    );
    expect(tree.read('libs/mylib/tests/main-test.rkt', 'utf-8')).toContain('(require rackunit\n         mylib)');
    expect(tree.read('libs/mylib/scribblings/mylib.scrbl', 'utf-8')).toContain('@defmodule[mylib]');
    expect(readNxJson(tree)?.plugins).toHaveLength(1);
  });

  it('escapes the description for Racket and Scribble; omits the launcher when asked', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await collectionGenerator(tree, { name: 'q', description: 'Say "hi" @ {home} \\ now', launcher: false });
    const info = tree.read('q/info.rkt', 'utf-8')!;
    expect(info).toContain('(define pkg-desc "Say \\"hi\\" @ {home} \\\\ now")');
    expect(info).not.toContain('racket-launcher-names');
    expect(tree.read('q/scribblings/q.scrbl', 'utf-8')).toContain('Say "hi" @"@" @"{"home@"}" @"\\\\" now');
  });

  it('writes an info.rkt that the info evaluator reads back', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await collectionGenerator(tree, { name: 'round', description: 'A "quoted" \\ one', version: '2.0' });
    const ws = createTempWorkspace();
    const file = join(ws.root, 'round/info.rkt');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, tree.read('round/info.rkt')!);
    const info = readInfoFile(file);
    expect(info.get('pkg-desc')).toMatchObject({ kind: 'string', value: 'A "quoted" \\ one' });
    expect(info.get('version')).toMatchObject({ kind: 'string', value: '2.0' });
  });

  /** Columns: options, expected message fragment. */
  const BAD: readonly (readonly [{ name: string; directory?: string }, string])[] = [
    [{ name: 'a/b' }, 'option `name`: Expected a collection name (letters, digits, _ + - . %), got `"a/b"` (string)'],
    [{ name: 'x', directory: 'libs/y' }, 'Expected a directory whose last segment is the collection name "x", got `"libs/y"` (string)'],
    [{ name: 'x', directory: '../x' }, 'Expected a new directory inside the workspace'],
    [{ name: 'x', dir: 'x' } as { name: string }, 'collection generator: unknown option `dir`. Expected one of name, directory'],
  ];
  it.each(BAD)('rejects %j', async (options, message) => {
    await expect(collectionGenerator(createTreeWithEmptyWorkspace(), options)).rejects.toThrow(message);
  });

  it('refuses to overwrite an existing collection', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('x/info.rkt', '#lang info\n');
    await expect(collectionGenerator(tree, { name: 'x' })).rejects.toThrow('Expected a new directory inside the workspace, got `"x"`');
  });
});
