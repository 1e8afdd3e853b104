#!/usr/bin/env bash
# Runs every test (unit, scenario, e2e) after making sure Racket, the npm packages and the build are there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
npm run --silent typecheck
node scripts/run-tests.mjs "$@"
