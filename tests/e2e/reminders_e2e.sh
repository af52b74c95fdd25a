#!/usr/bin/env bash
# Reminders survive a SIGKILL: with the SMTP server down, reminders become
# due and the server is killed; after both come back, every reminder arrives
# exactly once, and a further restart sends nothing more.
SENDCASED=$1
SENDCASECTL=$2
SINK=$4
source "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/mail"
trap 'stop_sink 2>/dev/null; cleanup' EXIT

DB="$WORK/reminders.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=e2e --role=ADMIN --scope='*')

start_sink
stop_sink   # the port now refuses connections: every send fails
# A send cut short by the SIGKILL below holds its e-mail for the lease; a
# short one here, or the restart would wait out the default 300 s.
FLAGS=(--smtp-url="smtp://127.0.0.1:$SMTP_PORT" --smtp-from=sendcase@la.example
       --reminder-retry-seconds=1 --reminder-lease-seconds=2)
start_server "$DB" "${FLAGS[@]}"
"$SENDCASECTL" contacts add --role=SENCO --scope=setting:100001 --email=senco@school.example >/dev/null

N=3
for n in $(seq 1 $N); do
  plan_issued "$(upn_for "$n")" >/dev/null
done
echo "ok: $N plans issued 2024-03-15 with no review: $N reminders due"

kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
echo "ok: server killed with SIGKILL while the reminders were undelivered"

start_sink "$SMTP_PORT"
start_server "$DB" "${FLAGS[@]}"
ids=()
for n in $(seq 1 $N); do
  line=""
  read -r -t 30 -u 4 line || fail "only ${#ids[@]} of $N reminders arrived"
  case "$line" in "MAIL senco@school.example <alert-"*) ;; *) fail "unexpected: $line" ;; esac
  ids+=("${line##* }")
done
unique=$(printf '%s\n' "${ids[@]}" | sort -u | wc -l)
expect_eq "distinct reminders after restart" "$N" "$unique"

kill -TERM "$SERVER_PID"; server_line "stopped" >/dev/null; wait "$SERVER_PID" || true
start_server "$DB" "${FLAGS[@]}" --metrics-listen=127.0.0.1:0
METRICS="http://127.0.0.1:$(server_line "metrics on " | sed 's/.*://')/metrics"
server_line "delivery: first pass done" >/dev/null || fail "no delivery pass"
count=$(ls "$WORK/mail" | wc -l)
expect_eq "messages after another restart" "$N" "$count"
grep -L "Subject: \[sendcase\] Hold the annual review meeting: OVERDUE since 2025-03-14 Fri" \
  "$WORK"/mail/*.eml | grep -q . && fail "a message has the wrong subject"
echo "ok: each reminder says what is overdue and since when"

# A contact added now still hears of the tasks that are open, once each.
out=$("$SENDCASECTL" contacts add --role=SENCO --scope=la:201 --email=sen-team@la.example)
echo "$out" | grep -q "^$N reminder(s) of open tasks that fired before this contact existed will be e-mailed now" \
  || fail "contacts add: $out"
for n in $(seq 1 $N); do
  line=""
  read -r -t 30 -u 4 line || fail "only $((n - 1)) of $N reminders reached the new contact"
  case "$line" in "MAIL sen-team@la.example <alert-"*) ;; *) fail "unexpected: $line" ;; esac
done
echo "ok: a contact added late receives the open tasks' reminders"
# They were made in one commit, so one delivery pass sent them all; once it
# has said so, /metrics counts exactly those sends (this process's only).
server_line "delivery: pass done sent=$N to_retry=0" >/dev/null || fail "no pass of $N"
counts=$(/usr/bin/python3 "$(dirname "$0")/prom.py" "$METRICS" \
  'sendcase_reminder_deliveries_total{outcome="sent"}' \
  'sendcase_reminder_deliveries_total{outcome="failed"}' \
  sendcase_reminder_delivery_retries_total sendcase_scheduler_lag_seconds)
expect_eq "/metrics: e-mails sent, failed, retried; lag" "$N 0 0 0" "$(echo $counts)"
echo "PASS"
