#!/usr/bin/env bash
# Runs every test: installs what the tests need, builds, then runs Node's test runner over the
# compiled tests (its summary is printed last).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
rm -rf dist/test   # no stale compiled tests of deleted sources
npx tsc -p tsconfig.json
mapfile -t files < <(find dist/test -name '*.test.js' | sort)
exec node --test --test-concurrency=2 --test-timeout=300000 "${files[@]}"
