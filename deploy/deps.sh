#!/usr/bin/env bash
# Installs the Debian 12 packages sendcase needs to build, test and benchmark,
# only when missing (deploy/bench.sh also needs Node.js and npm; see there).
# Idempotent: a second run installs nothing and does not touch apt's lists.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libhowardhinnant-date-dev libsqlite3-dev tzdata
  libgtest-dev libgmock-dev libcli11-dev libssl-dev libcurl4-openssl-dev
  python3 python3-aiosmtpd openssl clang libclang-rt-14-dev libcsv-dev
  python3-grpcio python3-protobuf libbenchmark-dev libcpp-httplib-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
