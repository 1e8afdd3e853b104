/**
 * Golden test of the package's public API (`src/index.ts`): the runtime export names and the
 * type of every export, kept in `__snapshots__/public-api.golden.txt` so that a change to the API
 * shows up in review as a diff of that file. After a deliberate change, update it with
 *   npx vitest run packages/cm-core/src/public-api.spec.ts -u
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPublicApiGolden } from './testing/describe-public-api.js';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

describe('cm-core/public-api', () => {
  it('exports the same names and types as the golden file', async () => {
    const golden = formatPublicApiGolden('@nx-raco/cm-core', await import('./index.js'), ENTRY, TSCONFIG);
    await expect(golden).toMatchFileSnapshot('./__snapshots__/public-api.golden.txt');
  });
});
