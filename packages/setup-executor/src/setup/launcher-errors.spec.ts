import { describe, expect, it } from 'vitest';
import { LauncherDirsError, LauncherInfoError, LauncherNameError, LauncherWriteError } from './launcher-errors.js';

describe('setup/launcher-errors', () => {
  it('gives each failure a stable code and name', () => {
    /** Columns: error, code, name. */
    const table: [Error & { code: string }, string, string][] = [
      [new LauncherInfoError('x'), 'RKT_LAUNCHER_INFO', 'LauncherInfoError'],
      [new LauncherNameError('x'), 'RKT_LAUNCHER_NAME', 'LauncherNameError'],
      [new LauncherDirsError('x'), 'RKT_LAUNCHER_BINDIR', 'LauncherDirsError'],
      [new LauncherWriteError('x', { cause: new Error('fs') }), 'RKT_LAUNCHER_WRITE', 'LauncherWriteError'],
    ];
    for (const [error, code, name] of table) {
      expect(error).toBeInstanceOf(Error);
      expect([error.code, error.name]).toEqual([code, name]);
    }
  });
});
