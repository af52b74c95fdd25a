#!/usr/bin/env bash
# Builds if needed and runs sendcased in the foreground: gRPC on
# 127.0.0.1:50051, and on http://127.0.0.1:8080 the web app (build/web) with
# the JSON API under /api/v1/, with the
# database var/sendcase.db and the shipped rules. Ctrl-C stops it. Extra
# arguments are passed to sendcased (e.g. --listen=127.0.0.1:0).
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/build.sh
mkdir -p var
exec build/bin/sendcased --listen=127.0.0.1:50051 --http-listen=127.0.0.1:8080 \
  --web-root=build/web --db=var/sendcase.db --rules=rules/definitions "$@"
