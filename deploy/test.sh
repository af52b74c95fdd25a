#!/usr/bin/env bash
# Builds if needed and runs every test with ctest; exits non-zero on any
# failure.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/build.sh
cd build
ctest --output-on-failure -j "$(nproc)"
