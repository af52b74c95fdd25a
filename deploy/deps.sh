#!/usr/bin/env bash
# Installs the Debian 12 packages sendcase needs to build, test and benchmark,
# only when missing, with Node.js and npm for the web app's packages.
# Idempotent: a second run installs nothing and does not touch apt's lists.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libhowardhinnant-date-dev libsqlite3-dev tzdata
  libgtest-dev libgmock-dev libcli11-dev libssl-dev libcurl4-openssl-dev
  python3 python3-aiosmtpd openssl clang libclang-rt-14-dev libcsv-dev
  python3-grpcio python3-protobuf libbenchmark-dev libcpp-httplib-dev
  chromium chromium-driver
  postgresql-15 libpq-dev
  prometheus-cpp-dev libtomlplusplus-dev python3-prometheus-client
  nlohmann-json3-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# The web app's packages (clients/web) install with Node.js and npm. Use the
# machine's if it has one (this kind ships Node.js 20 with npm, which
# provides the npm package); otherwise Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

# The web app's pinned packages (Sass, playwright-core) need Node.js 20.19
# or later; Debian 12's own is 18, so on a machine without a newer one the
# build stops here and says so, rather than half-way through npm.
check_node() {
  local v
  v=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
    echo "deps: Node.js $v is too old for the web app; install Node.js 20.19 or later (e.g. from nodejs.org or NodeSource) and run again" >&2
    exit 1
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  check_node
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
check_node
