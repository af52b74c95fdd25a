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

# start_server DB [FLAGS...]: starts sendcased on $LISTEN (default
# 127.0.0.1:0, a free port), its stdout and stderr into a file of its own,
# $SERVER_OUT ($WORK/server.out links to the latest), and waits for its
# "listening on" line; sets SERVER_PID and SENDCASE_SERVER. A file, not a
# pipe: the server logs a line per call, and a pipe nobody reads would
# block it.
SERVER_STARTS=0
start_server() {
  local db=$1
  shift
  SERVER_STARTS=$((SERVER_STARTS + 1))
  SERVER_OUT="$WORK/server.$SERVER_STARTS.out"
  : >"$SERVER_OUT"
  ln -sfn "$SERVER_OUT" "$WORK/server.out"
  "$SENDCASED" --listen="${LISTEN:-127.0.0.1:0}" --db="$db" "$@" >"$SERVER_OUT" 2>&1 &
  SERVER_PID=$!
  local line
  line=$(server_line "listening on ") || fail "server did not start"
  export SENDCASE_SERVER="${line#*listening on }"
}

# server_line TEXT: the first line of the current server's output containing
# TEXT (printed), waiting for it to be written: tail -f follows the file
# (inotify, no polling) until grep has its line, the server has exited, or
# 30 s have passed (then it fails, printing the output).
server_line() {
  local line
  if line=$(grep -m 1 -F -- "$1" < <(timeout 30 tail --pid="$SERVER_PID" -n +1 -f \
        "$SERVER_OUT" 2>/dev/null)); then
    echo "$line"
    return 0
  fi
  echo "no '$1' from the server; its output:" >&2
  cat "$SERVER_OUT" >&2
  return 1
}

# json_field NAME: the first "NAME":"value" string from stdin (sendcasectl
# --json prints one compact object per line).
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1; }

# plan_issued UPN: a pupil at setting 100001 (LA 201) whose EHC plan was
# issued on 2024-03-15 with no review since, so its annual review is overdue
# and a reminder fires; prints its journey.
plan_issued() {
  local j step
  j=$("$SENDCASECTL" --json pupils create --upn="$1" --given-name=G \
      --family-name=F --birth-date=2014-04-01 --setting-urn=100001 --la-code=201 \
      | json_field currentJourney)
  for step in "assessment_requested 2023-11-01" "assessment_agreed 2023-12-01" \
              "draft_plan_issued 2024-02-20" "final_plan_issued 2024-03-15"; do
    set -- $step
    "$SENDCASECTL" events record "$j" "$1" --date="$2" >/dev/null || fail "record $1"
  done
  echo "$j"
}

# upn_for N: a valid permanent UPN (check letter computed as the server
# does) whose digits end in N.
upn_for() {
  local body; body=$(printf '8012000%05d' "$1")
  local sum=0 i
  for i in $(seq 0 11); do sum=$(( sum + ${body:$i:1} * (i + 2) )); done
  local letters=ABCDEFGHJKLMNPQRTUVWXYZ
  echo "${letters:$(( sum % 23 )):1}$body"
}

# start_sink [PORT]: a real SMTP server (aiosmtpd, $SINK) on fd 4; sets
# SMTP_PORT and SINK_PID. Its "MAIL ..." lines are read from fd 4; each
# message is a file in $WORK/mail.
SINK_PID=""
start_sink() {
  mkdir -p "$WORK/mail"
  local fifo="$WORK/sink.$RANDOM"
  mkfifo "$fifo"
  /usr/bin/python3 "$SINK" "$WORK/mail" "$@" >"$fifo" &
  SINK_PID=$!
  exec 4<"$fifo"
  rm -f "$fifo"
  local line=""
  read -r -t 20 -u 4 line || fail "SMTP sink did not start"
  SMTP_PORT=${line#PORT }
}
stop_sink() { kill -9 "$SINK_PID"; wait "$SINK_PID" 2>/dev/null || true; }
