#!/usr/bin/env bash
# Quick start: installs Racket and the npm packages when missing, builds nx-raco, then runs it on
# the example workspace in examples/workspace: `nx-raco setup` compiles both collections (hello
# requires greeting), writes the `hello` launcher to examples/workspace/bin and builds hello's
# Scribble manual (index: examples/workspace/doc/index.html); then `raco make` agrees nothing is
# left to do, and the launcher runs the program from the compiled files.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
run() { echo "\$ $*"; "$@"; }
run npx --no-install nx-raco info examples/workspace/hello
(cd examples/workspace && run npx --no-install nx-raco setup)
(cd examples/workspace && run npx --no-install nx-raco setup -j 1 hello)
export PLTCOLLECTS="$PWD/examples/workspace:"   # the trailing colon keeps Racket's own collections
run raco make -v examples/workspace/hello/main.rkt
run examples/workspace/bin/hello Racket Nx
echo "documentation: examples/workspace/doc/index.html"
