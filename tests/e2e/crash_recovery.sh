#!/usr/bin/env bash
# Every acknowledged write survives a SIGKILL, with its audit row: write,
# kill -9, restart on the same file, and read everything back (and replay a
# request_id). A write's audit row commits in the write's own transaction,
# so an acknowledged write without its row would be a lost audit record.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

DB="$WORK/crash.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=crash --role=ADMIN --scope='*')
start_server "$DB"


N=25
journeys=()
for n in $(seq 1 $N); do
  j=$("$SENDCASECTL" --json pupils create --upn="$(upn_for "$n")" --given-name=G \
      --family-name=F --birth-date=2015-05-05 --setting-urn=100001 --la-code=201 \
      --request-id="crash-$n" | json_field currentJourney)
  [ -n "$j" ] || fail "create $n not acknowledged"
  "$SENDCASECTL" events record "$j" assessment_requested --date=2025-06-02 >/dev/null \
    || fail "event $n not acknowledged"
  journeys+=("$j")
done
echo "ok: $N pupils and events acknowledged"

kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
start_server "$DB"

count=$("$SENDCASECTL" --json pupils list --all --page-size=7 | wc -l)
expect_eq "pupils after SIGKILL" "$N" "$count"
for j in "${journeys[@]}"; do
  state=$("$SENDCASECTL" --json journeys get "$j" | json_field state)
  [ "$state" = ASSESSMENT_REQUESTED ] || fail "$j lost its event (state $state)"
done
echo "ok: every journey kept its event"
for j in "${journeys[@]}"; do
  p=${j%/journeys/*}
  # CreatePupil (the pupil) and RecordEvent (its journey, below the pupil).
  made=$("$SENDCASECTL" --json audit list --resource="$p" --all \
    | grep -c '"method": *"CreatePupil"' || true)
  recorded=$("$SENDCASECTL" --json audit list --resource="$j" --all \
    | grep -c '"method": *"RecordEvent"' || true)
  [ "$made" = 1 ] && [ "$recorded" = 1 ] \
    || fail "$p: audit rows after SIGKILL: CreatePupil $made, RecordEvent $recorded"
done
echo "ok: every acknowledged write kept its audit row"
again=$("$SENDCASECTL" --json pupils create --upn="$(upn_for 1)" --given-name=G \
    --family-name=F --birth-date=2015-05-05 --setting-urn=100001 --la-code=201 \
    --request-id=crash-1 | json_field currentJourney)
expect_eq "request_id replay after SIGKILL" "${journeys[0]}" "$again"
echo "PASS"
