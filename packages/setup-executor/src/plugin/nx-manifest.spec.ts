/**
 * What Nx reads from the package: the plugin entry (package root), executors.json,
 * generators.json and their schemas. Checks the paths the way the @nx/nx-plugin-checks lint
 * rule would, and pins the runtime exports of the entry (adding one is a public-API change).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { describe, expect, it } from 'vitest';
import { normalizeOptions as normalizeCollection } from '../generators/collection/generator.js';
import { normalizeOptions as normalizeInit } from '../generators/init/generator.js';
import { normalizeSetupOptions } from '../executors/setup/normalize-options.js';

const packageRoot = resolve(import.meta.dirname, '../..');
const readJson = (rel: string) => JSON.parse(readFileSync(join(packageRoot, rel), 'utf8')) as Record<string, any>;
const sourceOf = (distPath: string) => distPath.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');

describe('plugin/nx-manifest', () => {
  it('exports the plugin from the package entry, as Nx loads it', async () => {
    const entry = await import('../index.js');
    expect(Object.keys(entry).sort()).toEqual([
      'createDependencies',
      'createNodes',
      'createNodesV2',
      'createWorkspaceEnv',
      'findWorkspaceCollectionDirs',
      'formatWorkspaceEnv',
      'getProjectCollectionDirs',
      'main',
    ]);
    expect(entry.createNodes).toBe(entry.createNodesV2);
    expect(entry.createNodes[0]).toBe('**/info.rkt');
    expect(typeof entry.createDependencies).toBe('function');
    expect('default' in entry).toBe(false);
  });

  it('points package.json at executors.json and generators.json, and ships them', () => {
    const pkg = readJson('package.json');
    expect(pkg['executors']).toBe('./executors.json');
    expect(pkg['generators']).toBe('./generators.json');
    expect(pkg['exports']['./package.json']).toBe('./package.json');
    expect(pkg['files']).toEqual(expect.arrayContaining(['executors.json', 'generators.json', 'src/executors/*/schema.json', 'src/generators/*/schema.json', 'src/generators/*/files/**']));
    expect(pkg['dependencies']['@nx/devkit']).toBeDefined();
    expect(pkg['dependencies']['nx']).toBeUndefined();
  });

  it.each([
    ['executors.json', 'executors', 'implementation'],
    ['generators.json', 'generators', 'factory'],
  ])('%s names implementations and schemas that exist', (file, key, field) => {
    const entries = Object.entries(readJson(file)[key] as Record<string, Record<string, string>>);
    expect(entries.length).toBeGreaterThan(0);
    for (const [, entry] of entries) {
      expect(entry[field], `${file} ${field}`).toMatch(/^\.\/dist\/.*\.js$/);
      expect(existsSync(join(packageRoot, sourceOf(entry[field]!))), sourceOf(entry[field]!)).toBe(true);
      expect(existsSync(join(packageRoot, entry['schema']!)), entry['schema']).toBe(true);
      expect(entry['description']).toBeTruthy();
    }
  });

  it('keeps the setup schema and the executor options in step', () => {
    const schema = readJson('src/executors/setup/schema.json');
    expect(Object.keys(schema['properties']).sort()).toEqual(Object.keys(normalizeSetupOptions({})).sort());
    expect(schema['additionalProperties']).toBe(false);
  });

  it('keeps the generator schemas and options in step', () => {
    const sample = (rel: string, overrides: Record<string, unknown>) => {
      const props = readJson(rel)['properties'] as Record<string, { type: string; default?: unknown }>;
      return { ...Object.fromEntries(Object.entries(props).map(([k, p]) => [k, p.default ?? (p.type === 'boolean' ? true : 'x')])), ...overrides };
    };
    expect(() => normalizeInit(sample('src/generators/init/schema.json', {}))).not.toThrow();
    expect(() => normalizeCollection(createTreeWithEmptyWorkspace(), sample('src/generators/collection/schema.json', { name: 'x', directory: 'x' }) as { name: string })).not.toThrow();
  });
});
