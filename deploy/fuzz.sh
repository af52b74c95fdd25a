#!/usr/bin/env bash
# Builds the libFuzzer target with clang (ASan + UBSan) in build-fuzz/ and
# runs it for a bounded time (default 60 s; FUZZ_SECONDS=N) from the seeds in
# tests/fuzz/corpus. Exits non-zero on any crash, leak or sanitizer report.
# Prints the exec count and rate.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/deps.sh
command -v clang++ >/dev/null || { echo "fuzz: clang++ missing (deploy/deps.sh installs it)"; exit 1; }
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSENDCASE_FUZZ=ON
fi
cmake --build build-fuzz --target request_fuzz -- -j "$(nproc)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/fuzz/corpus/* "$work/"
seconds=${FUZZ_SECONDS:-60}
# -rss_limit_mb: the in-memory database grows with accepted events.
build-fuzz/bin/request_fuzz "$work" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -print_final_stats=1 2>"$work/log" || { tail -60 "$work/log"; exit 1; }
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
echo "fuzz: request_fuzz ran $runs inputs in ${seconds} s ($((runs / seconds))/s), no crash"
