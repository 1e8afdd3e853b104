#!/usr/bin/env bash
# Installs what nx-raco needs on a fresh Debian machine with Node 20, then builds the packages.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v racket >/dev/null 2>&1 || ! command -v raco >/dev/null 2>&1; then
  echo "nx-raco: racket not found on PATH; installing Debian's racket package" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq racket >/dev/null
fi
echo "nx-raco: using $(racket --version)"

# npm ci when node_modules is missing or older than the lock file (npm writes the marker file).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm 11.19 with omit-lockfile-registry-resolved (set on these machines) leaves other platforms'
  # optional nx binaries out of the lock file and then refuses it in `npm ci` ("Missing:
  # @nx/nx-darwin-arm64 from lock file"); `npm install` accepts the same lock file.
  if ! npm ci --no-audit --no-fund; then
    echo "nx-raco: npm ci refused the lock file; falling back to npm install" >&2
    npm install --no-audit --no-fund
  fi
fi
npm run --silent build
