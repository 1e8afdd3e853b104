import { describe, expect, it } from 'vitest';
import {
  CompileModeError,
  CompileOutputError,
  CompileProcessExitedError,
  DependencyCycleError,
  InstallationModuleError,
  ManagerError,
  MissingExternalDependencyError,
  RacketCompileError,
  RecompileOnlyError,
} from './manager-errors.js';

describe('cm-core/manager/manager-errors', () => {
  // error | name | stable code
  it.each([
    [new RacketCompileError({ path: '/p/a.rkt', message: 'a.rkt:1:0: boom', context: ['/p/a.rkt'] }), 'RacketCompileError', 'RKT_COMPILE_ERROR'],
    [new DependencyCycleError('/p/a.rkt'), 'DependencyCycleError', 'RKT_DEP_CYCLE'],
    [new InstallationModuleError('/usr/share/racket/collects/x.rkt', 'newer-source/hash-equivalent'), 'InstallationModuleError', 'RKT_INSTALLATION_STALE'],
    [new RecompileOnlyError('/p/a.rkt', 'no source hash'), 'RecompileOnlyError', 'RKT_RECOMPILE_ONLY'],
    [new MissingExternalDependencyError('/p/d.txt'), 'MissingExternalDependencyError', 'RKT_MISSING_EXTERNAL'],
    [new CompileModeError('nosuchmode', 'error loading compiler for mode "nosuchmode": collection not found'), 'CompileModeError', 'RKT_COMPILE_MODE'],
    [new CompileOutputError('disk full'), 'CompileOutputError', 'RKT_OUTPUT'],
    [new CompileProcessExitedError('/p/a.rkt', new Error('exited')), 'CompileProcessExitedError', 'RKT_SERVER_EXITED'],
  ] as const)('%s has name %s and code %s', (error, name, code) => {
    expect(error).toBeInstanceOf(ManagerError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
  });

  it('RacketCompileError keeps Racket\'s text, the context and the get-module-code flag', () => {
    const e = new RacketCompileError({ path: '/p/b.rkt', message: 'msg', context: ['/p/b.rkt', '/p/a.rkt'], getModuleCode: true });
    expect(e).toMatchObject({ message: 'msg', path: '/p/b.rkt', context: ['/p/b.rkt', '/p/a.rkt'], getModuleCode: true });
    expect(new RacketCompileError({ path: '/p/b.rkt', message: 'msg', context: [] }).getModuleCode).toBe(false);
  });

  it('messages name the module and, where the user can act, say what to do', () => {
    expect(new DependencyCycleError('/p/a.rkt').message).toBe('compile-zo: dependency cycle\n  involves module: /p/a.rkt');
    expect(new RecompileOnlyError('/p/a.rkt', 'why').message).toBe('compile-zo: compile from source disallowed\n  module: /p/a.rkt\n  compile reason: why');
    expect(new InstallationModuleError('/i/x.rkt', 'old-version/no-source-hash').message).toBe(
      '[@nx-raco/cm-core] /i/x.rkt belongs to the Racket installation and its compiled form looks out of date (old-version/no-source-hash). ' +
        'nx-raco never writes into the installation. Repair the installation (e.g. `raco setup` as its owner, or reinstall the package), then build again.',
    );
  });

  it('CompileProcessExitedError carries the exit status and the cause', () => {
    const cause = Object.assign(new Error('server exited'), { exitCode: 3 });
    const e = new CompileProcessExitedError('/p/ex.rkt', cause);
    expect(e).toMatchObject({ path: '/p/ex.rkt', exitCode: 3, cause });
    expect(e.message).toMatch(/^\[@nx-raco\/cm-core\] Racket exited while compiling \/p\/ex\.rkt \(status 3\); .* Run `raco make` on that file/);
    const noStatus = new CompileProcessExitedError('/p/ex.rkt', new Error('killed'));
    expect(noStatus.exitCode).toBeNull();
    expect(noStatus.message).toContain('while compiling /p/ex.rkt; ');
  });
});
