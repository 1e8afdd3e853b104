import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertSafeElement, planPltUnpack, type PltTargets } from './plan-plt-unpack.js';
import type { PltEntry } from './read-plt-entries.js';

const root = mkdtempSync(join(tmpdir(), 'nx-raco-plt-plan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const targets: PltTargets = {
  targetDir: join(root, 'ws'), collectsDir: join(root, 'ws/collects'), docDir: join(root, 'docs'), libDir: join(root, 'ws/lib'), includeDir: join(root, 'ws/include'),
};
const data = new Uint8Array([104, 105]);
const file = (...path: string[]): PltEntry => ({ kind: 'file', path, data });
const replace = (...path: string[]): PltEntry => ({ kind: 'file-replace', path, data });
const dir = (...path: string[]): PltEntry => ({ kind: 'dir', path });

describe('setup-executor/src/plt/plan-plt-unpack', () => {
  it.each(['', '.', '..', 'a/b', 'a\\b', '/abs', 'nul\0'])('refuses the element %j', (el) => {
    expect(() => assertSafeElement(el, 'x')).toThrow(/unsafe path/);
  });

  it('maps plt-relative first elements as shuffle-path does', () => {
    const plan = planPltUnpack([dir(), dir('collects'), dir('collects', 'zc'), file('collects', 'zc', 'a'), file('doc', 'i.html'), file('share', 'x')], true, targets);
    expect(plan.map((w) => [w.op, w.path])).toEqual([
      ['mkdir', join(root, 'ws/collects/zc')],
      ['write', join(root, 'ws/collects/zc/a')],
      ['write', join(root, 'docs/i.html')],
      ['mkdir', join(root, 'ws/share')],
      ['write', join(root, 'ws/share/x')],
    ]);
  });

  it('keeps non-relative archives under targetDir, collects included', () => {
    const plan = planPltUnpack([file('collects', 'a')], false, targets);
    expect(plan.map((w) => w.path)).toEqual([join(root, 'ws/collects'), join(root, 'ws/collects/a')]);
  });

  it('skips existing files for `file`, replaces for `file-replace`, and tracks earlier entries', () => {
    mkdirSync(join(root, 'ws/c'), { recursive: true });
    writeFileSync(join(root, 'ws/c/old'), 'old');
    const plan = planPltUnpack([file('c', 'old'), replace('c', 'old'), file('c', 'new'), file('c', 'new')], false, targets);
    expect(plan.map((w) => [w.op, w.path.slice(root.length)])).toEqual([
      ['skip', '/ws/c/old'], ['write', '/ws/c/old'], ['write', '/ws/c/new'], ['skip', '/ws/c/new'],
    ]);
  });

  it('refuses clashes inside the archive and with the disk, and symbolic links below the base', () => {
    expect(() => planPltUnpack([file('x'), dir('x')], false, targets)).toThrow(/needs a directory .* there is a file/);
    expect(() => planPltUnpack([dir('c')], false, { ...targets, targetDir: join(root, 'ws/c/old') })).toThrow(/there is a file/);
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'ws/link'));
    expect(() => planPltUnpack([file('link', 'a')], false, targets)).toThrow(/symbolic link/);
    // a base that is itself a link was chosen by the workspace and is followed
    expect(planPltUnpack([file('a')], false, { ...targets, targetDir: join(root, 'ws/link') })).toHaveLength(1);
  });

  it('refuses a file entry that names a target directory itself', () => {
    expect(() => planPltUnpack([file('collects')], true, targets)).toThrow(/names a target directory/);
    expect(() => planPltUnpack([{ kind: 'file', path: [], data }], true, targets)).toThrow(/empty path/);
  });
});
