#!/usr/bin/env bash
# Streams outlive a server restart: while clients/python/follow.py follows
# WatchEvents and `sendcasectl alerts watch` follows WatchAlerts, the server
# is stopped with SIGTERM (streams end UNAVAILABLE, not OK) and started
# again on the same address; both clients say so on stderr, resume where
# they were, and see what happens next with no gap and no duplicate.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
export PYTHONPATH="$(dirname "$SENDCASED")/../python:$ROOT/clients/python"
DB="$WORK/streams.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=bridge --role=ADMIN --scope='*' 2>/dev/null)
start_server "$DB"
LISTEN=$SENDCASE_SERVER  # the restart reuses the address the clients know

# wait_for_line FILE PATTERN: blocks (at most 60 s) until FILE has a line
# matching PATTERN; tail -f wakes on each write, no polling.
wait_for_line() {
  timeout 60 grep -q -m 1 -E -- "$2" <(tail -n +1 --pid=$$ -f "$1") ||
    fail "no line matching '$2' in $1: $(cat "$1")"
}

"$PY" "$ROOT/clients/python/follow.py" --from=1 --count=8 \
  >"$WORK/follow.out" 2>"$WORK/follow.err" &
FOLLOWER=$!
"$SENDCASECTL" --json alerts watch --after=0 >"$WORK/alerts.out" 2>"$WORK/alerts.err" &
WATCHER=$!
trap 'kill "$FOLLOWER" "$WATCHER" 2>/dev/null || true; cleanup' EXIT

first=$(plan_issued B801200005001)
wait_for_line "$WORK/follow.out" "^4 "
wait_for_line "$WORK/alerts.out" "\"journey\":\"$first\""
echo "ok: both clients follow the first server"

kill -TERM "$SERVER_PID"
server_line "stopped" >/dev/null
wait "$SERVER_PID" || fail "the server did not stop cleanly"
SERVER_PID=""
wait_for_line "$WORK/follow.err" "UNAVAILABLE: the server is shutting down; resume with start_revision=5.*resuming from revision 5"
wait_for_line "$WORK/alerts.err" "UNAVAILABLE: the server is shutting down; resume with after_revision="
kill -0 "$FOLLOWER" || fail "follow.py exited on shutdown: $(cat "$WORK/follow.err")"
kill -0 "$WATCHER" || fail "alerts watch exited on shutdown: $(cat "$WORK/alerts.err")"
echo "ok: SIGTERM ends both streams with UNAVAILABLE and both clients wait to resume"

start_server "$DB"
second=$(plan_issued P207000016049)
timeout 60 tail --pid="$FOLLOWER" -f /dev/null || fail "follower did not finish"
wait "$FOLLOWER" || fail "follow.py failed: $(cat "$WORK/follow.err")"
revs=$(awk '{print $1}' "$WORK/follow.out" | tr '\n' ' ')
expect_eq "events followed across the restart" "1 2 3 4 5 6 7 8 " "$revs"
journeys=$(awk '{print $2}' "$WORK/follow.out" | uniq | tr '\n' ' ')
expect_eq "journeys in order" "$first $second " "$journeys"

wait_for_line "$WORK/alerts.out" "\"journey\":\"$second\""
kill "$WATCHER"
mine=$(sed -n 's/.*"revision":"\([0-9]*\)".*/\1/p' "$WORK/alerts.out" | tr '\n' ' ')
count=$(wc -l <"$WORK/alerts.out")
expected=$(seq 1 "$count" | tr '\n' ' ')
expect_eq "alert revisions across the restart (no gap, no duplicate)" "$expected" "$mine"
echo "PASS"
