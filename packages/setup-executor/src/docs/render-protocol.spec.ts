import { describe, expect, it } from 'vitest';
import { parseWorkerReply, toWorkerDoc } from './render-protocol.js';
import type { DocTarget } from './doc-target.js';

describe('docs/render-protocol', () => {
  it('parses replies and rejects what is not one', () => {
    expect(parseWorkerReply('{"op":"ready"}')).toEqual({ op: 'ready' });
    const ran = '{"op":"ran","ok":true,"outChanged":false,"provides":[],"stdout":"","stderr":"w"}';
    expect(parseWorkerReply(ran)).toMatchObject({ op: 'ran', ok: true, stderr: 'w' });
    expect(parseWorkerReply('{"op":"rendered","ok":false,"error":"boom","stdout":"","stderr":""}')).toMatchObject({ ok: false, error: 'boom' });
    for (const line of ['hello', '{"op":"nope"}', '{"op":"ran","ok":true}', '{"op":"ran","ok":false,"stdout":"","stderr":""}']) {
      expect(() => parseWorkerReply(line), line).toThrow(TypeError);
    }
  });

  it('describes a target as a lib path of its collection', () => {
    const target = { id: 'a/sub/doc/x', srcPath: '/ws/a/sub/s/x.scrbl', src: 's/x.scrbl', collection: 'a/sub', destDir: '/ws/a/sub/doc/x', flags: ['multi-page'], outCount: 2 } as unknown as DocTarget;
    expect(toWorkerDoc(target, '/ws/doc/index.html', '../../../../doc/index.html')).toEqual({
      id: 'a/sub/doc/x',
      src: '/ws/a/sub/s/x.scrbl',
      spec: ['s/x.scrbl', 'a', 'sub'],
      destDir: '/ws/a/sub/doc/x',
      flags: ['multi-page'],
      outCount: 2,
      upPath: '/ws/doc/index.html',
      upLink: '../../../../doc/index.html',
    });
  });
});
