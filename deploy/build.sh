#!/usr/bin/env bash
# Installs missing packages, then configures (once) and builds sendcase in
# build/ (CMake + Ninja, Release), the web app in build/web. Re-running
# rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/deps.sh
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
# Two compile jobs: one per core, and each gRPC TU peaks near 0.5 GB.
cmake --build build -- -j "$(nproc)"
