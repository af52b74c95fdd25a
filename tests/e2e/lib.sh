# Shared helpers for the end-to-end scripts. Source it after setting
# SENDCASED and SENDCASECTL. Each script runs in its own temporary directory.
set -euo pipefail

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sendcase-e2e-XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -9 "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [ "$2" != "$3" ]; then fail "$1: expected '$2', got '$3'"; fi
  echo "ok: $1"
}

# start_server DB: starts sendcased on 127.0.0.1:0 and waits (blocking read,
# bounded) for its "listening on" line; sets SERVER_PID and SENDCASE_SERVER.
start_server() {
  local fifo="$WORK/stdout.$$.$RANDOM"
  mkfifo "$fifo"
  "$SENDCASED" --listen=127.0.0.1:0 --db="$1" >"$fifo" 2>>"$WORK/server.log" &
  SERVER_PID=$!
  exec 3<"$fifo"
  local line=""
  read -r -t 20 -u 3 line || fail "server printed nothing within 20 s"
  case "$line" in
    "listening on "*) export SENDCASE_SERVER="${line#listening on }" ;;
    *) fail "unexpected first line: $line" ;;
  esac
  rm -f "$fifo"
}

# json_field NAME: the first "NAME":"value" string from stdin (sendcasectl
# --json prints one compact object per line).
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1; }
