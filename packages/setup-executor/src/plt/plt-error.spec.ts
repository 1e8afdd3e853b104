import { describe, expect, it } from 'vitest';
import { PltArchiveError } from './plt-error.js';

describe('setup-executor/src/plt/plt-error', () => {
  it('names the archive, says why and what to do', () => {
    const e = new PltArchiveError('RKT_PLT_UNSAFE_PATH', 'evil.plt', 'it has the unsafe path `["..","x"]`');
    expect(e).toMatchObject({ name: 'PltArchiveError', code: 'RKT_PLT_UNSAFE_PATH', archive: 'evil.plt' });
    expect(e.message).toBe(
      '[setup-executor] Cannot unpack evil.plt: it has the unsafe path `["..","x"]`. Do not install this archive: it tries to write outside its target directory; nothing was written.',
    );
  });
});
