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

# start_server DB [FLAGS...]: starts sendcased on 127.0.0.1:0, its stdout
# and stderr on fd 3, and waits (blocking read, bounded) for its "listening
# on" line; sets SERVER_PID and SENDCASE_SERVER.
start_server() {
  local db=$1
  shift
  local fifo="$WORK/server.$$.$RANDOM"
  mkfifo "$fifo"
  "$SENDCASED" --listen=127.0.0.1:0 --db="$db" "$@" >"$fifo" 2>&1 &
  SERVER_PID=$!
  exec 3<"$fifo"
  rm -f "$fifo"
  local line
  line=$(server_line "listening on ") || fail "server did not start"
  export SENDCASE_SERVER="${line#*listening on }"
}

# server_line TEXT: reads the server's output (fd 3) until a line containing
# TEXT arrives (printed), or fails after 30 s without one.
server_line() {
  local line
  while read -r -t 30 -u 3 line; do
    echo "$line" >>"$WORK/server.log"
    case "$line" in *"$1"*) echo "$line"; return 0 ;; esac
  done
  echo "no '$1' from the server; log:" >&2
  cat "$WORK/server.log" >&2
  return 1
}

# json_field NAME: the first "NAME":"value" string from stdin (sendcasectl
# --json prints one compact object per line).
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1; }
