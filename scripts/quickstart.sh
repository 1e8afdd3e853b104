#!/usr/bin/env bash
# Quick start: installs Racket and the npm packages when missing, builds nx-raco, then runs it on
# the example workspace in examples/workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
for dir in examples/workspace/greeting examples/workspace/hello; do
  echo "\$ npx nx-raco info $dir"
  npx --no-install nx-raco info "$dir"
done
