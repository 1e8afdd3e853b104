/**
 * Golden test of the package's public API (`src/index.ts`): runtime export names and the type of
 * every export, kept in `__snapshots__/public-api.golden.txt` so an API change shows up in review.
 * After a deliberate change: npx vitest run packages/parallel-build/src/public-api.spec.ts -u
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// cm-core's test-only describer (not part of its package API; shared through the repo).
import { formatPublicApiGolden } from '../../cm-core/src/testing/describe-public-api.js';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

describe('parallel-build/public-api', () => {
  it('exports the same names and types as the golden file', async () => {
    const golden = formatPublicApiGolden('@nx-raco/parallel-build', await import('./index.js'), ENTRY, TSCONFIG);
    await expect(golden).toMatchFileSnapshot('./__snapshots__/public-api.golden.txt');
  });
});
