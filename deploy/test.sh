#!/usr/bin/env bash
# Builds if needed and runs every test with ctest; exits non-zero on any
# failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each phase's time is printed: README's build and test times are these.
started=$SECONDS
deploy/build.sh
built=$SECONDS
cd build
ctest --output-on-failure -j "$(nproc)"
echo "test.sh: build $((built - started)) s, tests $((SECONDS - built)) s on $(nproc) cores"
