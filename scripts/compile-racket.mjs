// Compiles the Racket programs shipped in the packages — @nx-raco/cm-core's compile server
// (racket/compile-server.rkt) and @nx-raco/setup-executor's installer and documentation runners
// (racket/*.rkt) — with `raco make`, so each starts in a fraction of the time it takes from
// source (the compile server: ~0.3 s instead of ~0.8 s). Skipped quietly when raco is missing:
// the programs then run from source, only slower. The compiled/ directories are not packed
// (package.json "files"), because they only fit the Racket version that made them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dirs = ['../packages/cm-core/racket/', '../packages/setup-executor/racket/'].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));
const programs = dirs.filter((dir) => existsSync(dir)).flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.rkt')).map((name) => dir + name));
const r = spawnSync('raco', ['make', ...programs], { stdio: 'inherit' });
if (r.error && r.error.code === 'ENOENT') {
  console.error('nx-raco: raco not found; the Racket programs will run from source');
} else if (r.status !== 0) {
  process.exit(r.status ?? 1);
}
