/**
 * Graph creation at scale: 200 collections × 25 modules (5,000 modules, ~2 KB each, each
 * requiring racket/base, two sibling modules and three other collections) must be inferred
 * and scanned cold (no plugin state) in well under 10 s, without Racket. Runs in CI: about
 * 1.5 s for the graph and 2 s in all on 2 cores. The tree goes to RAM when possible because
 * this machine's disk takes ~1 ms per file create, which would dominate the test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { FileData, ProjectConfiguration } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import { createTempWorkspace, getFastTempDir } from '../testing/fixtures/temp-workspace.js';
import { createDependencies } from './create-dependencies.js';
import { createNodesV2 } from './create-nodes.js';

const COLLECTIONS = 200;
const MODULES = 25;
const BUDGET_MS = 10_000;

function moduleText(c: number, m: number): string {
  const others = [1, 7, 31].map((k) => `coll${(c + k) % COLLECTIONS}/mod${(m + k) % MODULES}`);
  const body = Array.from({ length: 40 }, (_, i) => `(define (f${i} x) (if (zero? x) '(a "b" #\\c) (list x ${i} 'sym "text ${i}")))`).join('\n');
  return `#lang racket/base\n;; module ${m} of collection ${c}\n(require racket/list\n         "mod${(m + 1) % MODULES}.rkt"\n         (only-in "mod${(m + 2) % MODULES}.rkt" f1)\n         ${others.join('\n         ')})\n(provide f0)\n${body}\n(module+ test (require rackunit) (check-equal? (f0 0) '(a "b" #\\c)))\n`;
}

describe('plugin/graph-performance', () => {
  it(`infers ${COLLECTIONS} collections with ${COLLECTIONS * MODULES} modules cold in under ${BUDGET_MS / 1000} s`, async () => {
    const ws = createTempWorkspace({}, { base: getFastTempDir() });
    const infoFiles: string[] = [];
    const files: string[] = [];
    for (let c = 0; c < COLLECTIONS; c += 1) {
      mkdirSync(ws.path(`libs/coll${c}`), { recursive: true });
      const info = `libs/coll${c}/info.rkt`;
      writeFileSync(ws.path(info), `#lang info\n(define collection "coll${c}")\n(define deps '("base" "coll${(c + 1) % COLLECTIONS}"))\n(define pkg-desc "Collection ${c}")\n`);
      infoFiles.push(info);
      for (let m = 0; m < MODULES; m += 1) {
        const file = `libs/coll${c}/mod${m}.rkt`;
        writeFileSync(ws.path(file), moduleText(c, m));
        files.push(file);
      }
    }

    const start = performance.now();
    const results = await createNodesV2[1](infoFiles, undefined, { workspaceRoot: ws.root, nxJsonConfiguration: {} });
    const projects: Record<string, ProjectConfiguration> = {};
    for (const [, result] of results) {
      for (const [root, project] of Object.entries(result.projects ?? {})) projects[project.name!] = { ...project, root };
    }
    const projectFileMap: Record<string, FileData[]> = {};
    for (const file of files) (projectFileMap[file.split('/')[1]!] ??= []).push({ file, hash: '' });
    const fileMap = { projectFileMap, nonProjectFiles: [] };
    const edges = await createDependencies(undefined, { projects, workspaceRoot: ws.root, fileMap, filesToProcess: fileMap, externalNodes: {}, nxJsonConfiguration: {} });
    const elapsed = performance.now() - start;

    expect(Object.keys(projects)).toHaveLength(COLLECTIONS);
    // Each module names three other collections; each collection has one implicit edge.
    expect(edges.filter((e) => e.type === 'static')).toHaveLength(COLLECTIONS * MODULES * 3);
    expect(edges.filter((e) => e.type === 'implicit')).toHaveLength(COLLECTIONS);
    console.log(`[graph-performance] ${COLLECTIONS} projects, ${files.length} modules, ${edges.length} edges in ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(BUDGET_MS);
  });
});
