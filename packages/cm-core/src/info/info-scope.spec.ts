import { describe, expect, it } from 'vitest';
import { sym } from '../data/values.js';
import { normalizeInfoLimits, WorkBudget } from './info-limits.js';
import { isFormIdentifier, resolveIdentifier, type CompileScope } from './info-scope.js';

const scope: CompileScope = {
  moduleNames: new Set(['a', 'list', 'unquote']),
  locals: new Set(['x', 'quote']),
  budget: new WorkBudget(normalizeInfoLimits()),
  file: 'info.rkt',
};

describe('info/info-scope', () => {
  // Columns: identifier, what it means in `scope`.
  const CASES = [
    ['x', 'local'],
    ['quote', 'local'],
    ['a', 'variable'],
    ['list', 'variable'],
    ['car', 'builtin'],
    ['if', 'syntax'],
    ['#%app', 'syntax'],
    ['+', 'unbound'],
    ['void', 'unbound'],
  ] as const;
  it.each(CASES)('%s is %s', (name, kind) => {
    expect(resolveIdentifier(name, scope).kind).toBe(kind);
  });

  it('recognises a form only when it is not shadowed', () => {
    expect(isFormIdentifier(sym('quasiquote'), 'quasiquote', scope)).toBe(true);
    expect(isFormIdentifier(sym('unquote'), 'unquote', scope)).toBe(false);
  });
});
