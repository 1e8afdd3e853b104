#!/usr/bin/env bash
# Quick start: installs Racket and the npm packages when missing, builds nx-raco, then runs it on
# the example workspace in examples/workspace: compiles the `hello` program (and the `greeting`
# collection it requires) with `nx-raco make`, shows that `raco make` agrees nothing is left to
# do, and runs the program from the compiled files.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-env.sh
export PLTCOLLECTS="$PWD/examples/workspace:"   # the trailing colon keeps Racket's own collections
run() { echo "\$ $*"; "$@"; }
run npx --no-install nx-raco info examples/workspace/hello
run npx --no-install nx-raco make -v examples/workspace/hello/main.rkt
run npx --no-install nx-raco make -v examples/workspace/hello/main.rkt
run raco make -v examples/workspace/hello/main.rkt
run racket -l hello/main Racket Nx
