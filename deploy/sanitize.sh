#!/usr/bin/env bash
# Builds everything with ASan + UBSan (gcc) in build-asan/ and runs the whole
# test suite there. Any sanitizer report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/deps.sh
if [ ! -f build-asan/build.ninja ]; then
  # -O1: sanitized code runs tolerably and compiles faster than -O2.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DSENDCASE_SANITIZE=address,undefined
fi
cmake --build build-asan -- -j "$(nproc)"
cd build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "$(nproc)"
