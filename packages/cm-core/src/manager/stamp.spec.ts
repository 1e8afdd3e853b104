import { describe, expect, it } from 'vitest';
import { makeStamp, StampMemo } from './stamp.js';

describe('cm-core/manager/stamp', () => {
  describe('makeStamp', () => {
    it('computes the hash on first use only, like Racket delay', () => {
      let calls = 0;
      const stamp = makeStamp(1_700_000_000, () => {
        calls += 1;
        return 'a'.repeat(80);
      });
      expect(calls).toBe(0);
      expect(stamp.time).toBe(1_700_000_000);
      expect(stamp.sha1()).toBe('a'.repeat(80));
      expect(stamp.sha1()).toBe('a'.repeat(80));
      expect(calls).toBe(1);
    });

    it('remembers an undefined answer too', () => {
      let calls = 0;
      const stamp = makeStamp(Number.POSITIVE_INFINITY, () => {
        calls += 1;
        return undefined;
      });
      expect(stamp.sha1()).toBeUndefined();
      expect(stamp.sha1()).toBeUndefined();
      expect(calls).toBe(1);
      expect(stamp.time).toBe(Number.POSITIVE_INFINITY);
    });
  });

  describe('StampMemo', () => {
    it('keeps done, assumed and needs-build entries apart', () => {
      const memo = new StampMemo();
      const done = makeStamp(1, () => 'd');
      const assumed = makeStamp(2, () => 'a');
      expect(memo.get('/p/a.rkt')).toBeUndefined();
      memo.set('/p/a.rkt', assumed, true);
      expect(memo.get('/p/a.rkt')).toBeUndefined();
      expect(memo.getAssumed('/p/a.rkt')).toBe(assumed);
      memo.set('/p/a.rkt', done);
      expect(memo.get('/p/a.rkt')).toBe(done);
      expect(memo.getAssumed('/p/a.rkt')).toBe(assumed);

      expect(memo.needsBuild('/p/b.rkt')).toBe(false);
      memo.markNeedsBuild('/p/b.rkt');
      expect(memo.needsBuild('/p/b.rkt')).toBe(true);
      expect(memo.get('/p/b.rkt')).toBeUndefined();
      expect(memo.getAssumed('/p/b.rkt')).toBeUndefined();
      expect(memo.needsBuild('/p/a.rkt')).toBe(false);
    });
  });
});
