// Compiles the Racket compile server shipped in @nx-raco/cm-core (racket/compile-server.rkt) with
// `raco make`, so each server starts in ~0.3 s instead of ~0.8 s. Skipped quietly when raco is
// missing: the server then runs from source, only slower. The compiled/ directory is not packed
// (package.json "files"), because it only fits the Racket version that made it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../packages/cm-core/racket/compile-server.rkt', import.meta.url));
const r = spawnSync('raco', ['make', server], { stdio: 'inherit' });
if (r.error && r.error.code === 'ENOENT') {
  console.error('nx-raco: raco not found; the compile server will run from source');
} else if (r.status !== 0) {
  process.exit(r.status ?? 1);
}
