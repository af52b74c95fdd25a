#!/usr/bin/env bash
# Two sendcased replicas on one PostgreSQL database behave as one service,
# and losing one loses nothing. A throw-away PostgreSQL 15 (pg_cluster.sh);
# replicas A and B; writes through both at once, each pupil's plan issued
# long ago so that its annual review is overdue and a reminder is due at
# once. A is killed with SIGKILL mid-load; its writer retries on B with the
# same request ids. Then: every acknowledged write is there exactly once,
# every reminder fired exactly once, and each was e-mailed. The
# installation begins on SQLite and is moved with copy-db.
# Usage: replicas_e2e.sh SENDCASED SENDCASECTL RULES SMTP_SINK PG_CLUSTER
SENDCASED=$1
SENDCASECTL=$2
SINK=$4
PG_CLUSTER=$5
source "$(dirname "$0")/lib.sh"
trap 'kill -9 ${A_PID:-} ${B_PID:-} 2>/dev/null; stop_sink 2>/dev/null; cleanup' EXIT

line=$(bash "$PG_CLUSTER" $$)
case "$line" in URI*) DB=${line#URI } ;; *) fail "PostgreSQL: $line" ;; esac

# The installation starts on SQLite and moves: copy-db brings its token
# and pupils along.
OLD=3
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$WORK/old.db" --subject=e2e --role=ADMIN --scope='*')
start_server "$WORK/old.db"
for n in $(seq 1001 $((1000 + OLD))); do
  "$SENDCASECTL" pupils create --upn="$(upn_for "$n")" --given-name=G --family-name=F \
    --birth-date=2014-04-01 --setting-urn=100001 --la-code=201 >/dev/null
done
kill -TERM "$SERVER_PID"; server_line "stopped" >/dev/null; wait "$SERVER_PID" || true
SERVER_PID=""
"$SENDCASED" copy-db --from="$WORK/old.db" --to="$DB" 2>"$WORK/copy.log" \
  | grep -q "^copied 20 tables" || { cat "$WORK/copy.log"; fail "copy-db"; }
grep -q "^copy-db: pupils  *$OLD rows, counts match" "$WORK/copy.log" \
  || { cat "$WORK/copy.log"; fail "copy-db did not report the pupils"; }
echo "ok: copy-db moved the SQLite installation ($OLD pupils, its token)"
"$SENDCASED" copy-db --from="$WORK/old.db" --to="$DB" 2>"$WORK/again.log" \
  && fail "a second copy-db into the same database succeeded"
grep -q "FAILED_PRECONDITION: --to: table .* already has rows" "$WORK/again.log" \
  || { cat "$WORK/again.log"; fail "copy-db into a used database"; }
echo "ok: copy-db refuses a database that already has rows"
start_sink

# start_replica NAME: sendcased on a free port and the shared database; sets
# NAME_PID and NAME_ADDR. Its output goes to a file of its own.
start_replica() {
  local fifo="$WORK/$1.fifo" fd out
  mkfifo "$fifo"
  "$SENDCASED" --listen=127.0.0.1:0 --db="$DB" --db-pool-size=4 \
    --smtp-url="smtp://127.0.0.1:$SMTP_PORT" --smtp-from=sendcase@la.example \
    --reminder-retry-seconds=1 --reminder-lease-seconds=2 >"$fifo" 2>&1 &
  eval "$1_PID=$!"
  exec {fd}<"$fifo"
  rm -f "$fifo"
  while read -r -t 30 -u "$fd" out; do
    case "$out" in *"listening on "*) eval "$1_ADDR=${out#*listening on }"; break ;; esac
  done
  [ -n "$(eval echo "\${$1_ADDR:-}")" ] || fail "replica $1 did not start"
  # Keep reading its output so that it never blocks on a full pipe.
  cat <&"$fd" >"$WORK/$1.log" &
}
start_replica A
start_replica B
echo "ok: replicas A ($A_ADDR) and B ($B_ADDR) on one database"
SENDCASE_SERVER=$A_ADDR "$SENDCASECTL" contacts add --role=SENCO \
  --scope=setting:100001 --email=senco@school.example >/dev/null

# write PRIMARY FALLBACK ARGS...: a sendcasectl call on PRIMARY; if that
# replica cannot be reached, the same call (same request id) on FALLBACK.
write() {
  local primary=$1 fallback=$2 err="$WORK/err.$BASHPID"
  shift 2
  if SENDCASE_SERVER=$primary "$SENDCASECTL" "$@" 2>"$err"; then return 0; fi
  grep -q "UNAVAILABLE\|DEADLINE_EXCEEDED" "$err" || { cat "$err" >&2; return 1; }
  echo "$*" >>"$WORK/fallback.$BASHPID"
  SENDCASE_SERVER=$fallback "$SENDCASECTL" "$@"
}

# load NAME FIRST LAST PRIMARY FALLBACK: pupils FIRST..LAST, each created
# and its EHC plan issued on 2024-03-15; "NAME n JOURNEY" on stdout for
# each acknowledged pupil.
load() {
  local name=$1 first=$2 last=$3 primary=$4 fallback=$5 n j k step
  for n in $(seq "$first" "$last"); do
    j=$(write "$primary" "$fallback" --json pupils create --upn="$(upn_for "$n")" \
        --given-name=G --family-name=F --birth-date=2014-04-01 \
        --setting-urn=100001 --la-code=201 --request-id="create-$n" \
        | json_field currentJourney)
    [ -n "$j" ] || fail "$name: pupil $n not acknowledged"
    k=0
    for step in "assessment_requested 2023-11-01" "assessment_agreed 2023-12-01" \
                "draft_plan_issued 2024-02-20" "final_plan_issued 2024-03-15"; do
      set -- $step
      k=$((k + 1))
      write "$primary" "$fallback" events record "$j" "$1" --date="$2" \
        --request-id="event-$n-$k" >/dev/null || fail "$name: pupil $n event $1"
    done
    echo "$name $n $j"
  done
}

N=20  # pupils per writer
exec 7< <(load A 1 $N "$A_ADDR" "$B_ADDR" & load B $((N + 1)) $((2 * N)) "$B_ADDR" "$A_ADDR" & wait)
acked=()
killed=""
while read -r -t 120 -u 7 who n j; do
  acked+=("$j")
  # Mid-load: A's writer has 5 pupils acknowledged and is sending more.
  if [ "$who" = A ] && [ "$n" = 5 ] && [ -z "$killed" ]; then
    kill -9 "$A_PID"
    killed=yes
    echo "ok: replica A killed with SIGKILL after 5 of its writer's pupils"
  fi
done
expect_eq "acknowledged pupils (A's writer going on through B)" $((2 * N)) "${#acked[@]}"
[ -n "$killed" ] || fail "A was never killed"
export SENDCASE_SERVER=$B_ADDR

count=$("$SENDCASECTL" --json pupils list --all --page-size=50 | wc -l)
expect_eq "pupils on the surviving replica" $((OLD + 2 * N)) "$count"
for j in "${acked[@]}"; do
  events=$("$SENDCASECTL" --json events list "$j" | wc -l)
  [ "$events" = 4 ] || fail "$j has $events events, not 4"
done
echo "ok: every acknowledged write is there exactly once (4 events per journey)"

# Each reminder e-mailed: B's scheduler fires and sends what A had not.
mails=()
while [ "$(printf '%s\n' "${mails[@]}" | sort -u | grep -c .)" -lt $((2 * N)) ]; do
  read -r -t 60 -u 4 line || fail "only ${#mails[@]} reminder e-mails arrived"
  mails+=("${line##* }")
done
echo "ok: every reminder e-mailed; $(ls "$WORK/mail" | wc -l) messages for" \
     "$((2 * N)) reminders (a send cut short by the kill may go twice: delivery" \
     "is at least once)"

# Each reminder fired once, whichever replica fired it. Every alert fired
# so far, the stream then left waiting until its bound runs out: no task's
# reminder of one kind twice, and each pupil's annual review reminder (its
# task stays open) exactly once. (The assessment's steps were overdue as
# they were recorded; their reminders fired or not depending on whether a
# scheduler pass came before the next event closed the step.)
status=0
timeout 5 "$SENDCASECTL" --json alerts watch --after=0 --all-roles \
  >"$WORK/alerts" || status=$?
expect_eq "the alert stream, still open when its bound ran out" 124 "$status"
fired=$(wc -l <"$WORK/alerts")
once=$(sed 's/.*"task":"\([^"]*\)".*"kind":"\([^"]*\)".*/\1 \2/' "$WORK/alerts" \
  | sort -u | wc -l)
expect_eq "alerts fired once each (task and kind)" "$fired" "$once"
reviews=$(grep -c '"ruleId":"review.annual"' "$WORK/alerts" || true)
expect_eq "annual review reminders, one per pupil" $((2 * N)) "$reviews"
echo "ok: $(cat "$WORK"/fallback.* 2>/dev/null | wc -l) writes of A's writer" \
     "went to B after the kill, each with the request id it had for A"
echo "PASS"
