#!/usr/bin/env bash
# End to end: the built sendcased on port 0, driven by sendcasectl exactly as
# README.md tells a newcomer to.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

DB="$WORK/var/sendcase.db"   # a directory that does not exist yet
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=e2e-admin --role=ADMIN --scope='*')
[ -n "$SENDCASE_TOKEN" ] || fail "issue-token printed no token"
start_server "$DB"

pupil_json=$("$SENDCASECTL" --json pupils create --upn=B801200005001 \
  --given-name=Ada --family-name=Lovelace --birth-date=2016-02-29 \
  --setting-urn=100001 --la-code=201 --request-id=newcomer-1)
pupil=$(echo "$pupil_json" | json_field name)
journey=$(echo "$pupil_json" | json_field currentJourney)
[[ "$pupil" == pupils/* ]] || fail "no pupil name in: $pupil_json"
expect_eq "journey belongs to pupil" "$pupil/journeys/" "${journey%/journeys/*}/journeys/"

state=$("$SENDCASECTL" --json journeys get "$journey" | json_field state)
expect_eq "new journey state" CONCERN "$state"

"$SENDCASECTL" events record "$journey" assessment_requested --date=2024-01-08 >/dev/null
state=$("$SENDCASECTL" --json journeys get "$journey" | json_field state)
expect_eq "state after assessment_requested" ASSESSMENT_REQUESTED "$state"

events=$("$SENDCASECTL" events list "$journey")
echo "$events" | grep -q "2024-01-08  assessment_requested  CONCERN -> ASSESSMENT_REQUESTED  e2e-admin" \
  || fail "chronology table wrong: $events"
echo "ok: chronology lists the event"

# Errors: the exit code is 1 and stderr names the canonical code.
if "$SENDCASECTL" events record "$journey" plan_ceased --date=2024-01-09 2>"$WORK/err"; then
  fail "illegal transition succeeded"
fi
grep -q "FAILED_PRECONDITION" "$WORK/err" || fail "expected FAILED_PRECONDITION: $(cat "$WORK/err")"
echo "ok: illegal transition is FAILED_PRECONDITION"
if "$SENDCASECTL" --token=wrong pupils list 2>"$WORK/err"; then fail "bad token accepted"; fi
grep -q "UNAUTHENTICATED" "$WORK/err" || fail "expected UNAUTHENTICATED"
echo "ok: bad token is UNAUTHENTICATED"

# A replayed create returns the same pupil and creates nothing.
again=$("$SENDCASECTL" --json pupils create --upn=B801200005001 \
  --given-name=Ada --family-name=Lovelace --birth-date=2016-02-29 \
  --setting-urn=100001 --la-code=201 --request-id=newcomer-1 | json_field name)
expect_eq "replayed create" "$pupil" "$again"
count=$("$SENDCASECTL" --json pupils list --all | wc -l)
expect_eq "pupil count" 1 "$count"

# SIGTERM stops the server cleanly.
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" && rc=0 || rc=$?
SERVER_PID=""
expect_eq "exit status after SIGTERM" 0 "$rc"
grep -q "stopped" "$WORK/server.log" || fail "no clean-stop message"
echo "PASS"
