#!/usr/bin/env bash
# Backup and restore under load: a writer (the Python client) creates pupils
# through the running server and prints each one the server acknowledged;
# `sendcased backup` copies the live database meanwhile; the copy, restored
# into a fresh file, holds every pupil acknowledged before the backup began,
# and a server started on it serves them. Restore never overwrites, and
# PostgreSQL is pointed at its own tools.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
export PYTHONPATH="$(dirname "$SENDCASED")/../python:$ROOT/clients/python"
DB="$WORK/live.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=writer --role=ADMIN --scope='*' 2>/dev/null)
start_server "$DB"

# The writer: pupil after pupil until told to stop (its stdin closes), each
# "ACK pupils/ID" printed once the server has answered.
fifo="$WORK/acks"; mkfifo "$fifo"
coproc_in="$WORK/stop"; mkfifo "$coproc_in"
cat >"$WORK/writer.py" <<'PYEOF'
import os, select, sys
from sendcase_client import Client
c = Client(os.environ["SENDCASE_SERVER"], os.environ["SENDCASE_TOKEN"])
letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
for n in range(1, 100000):
    body = "8012000%05d" % n
    check = letters[sum(int(d) * (i + 2) for i, d in enumerate(body)) % 23]
    p = c.create_pupil(check + body, "Grace", "Hopper", "2014-02-03", "100001",
                       "201", request_id=f"w-{n}")
    print("ACK", p.name, flush=True)
    if select.select([sys.stdin], [], [], 0)[0]:
        break  # stdin closed: stop
PYEOF
"$PY" "$WORK/writer.py" <"$coproc_in" >"$fifo" &
WRITER=$!
exec 5>"$coproc_in"   # held open: the writer goes on until it closes
exec 6<"$fifo"
rm -f "$fifo" "$coproc_in"

# Read 40 acknowledgements: those pupils were committed before the backup.
: >"$WORK/before"
for _ in $(seq 1 40); do
  read -r -t 30 -u 6 line || fail "the writer stopped"
  echo "${line#ACK }" >>"$WORK/before"
done
"$SENDCASED" backup --db="$DB" --to="$WORK/nightly.db" >"$WORK/backup.out" 2>&1 \
  || fail "backup: $(cat "$WORK/backup.out")"
# The writer went on during the backup: read 20 more, then stop it.
for _ in $(seq 1 20); do read -r -t 30 -u 6 line || fail "the writer stopped during the backup"; done
exec 5>&-
cat <&6 >/dev/null || true
wait "$WRITER" || fail "the writer failed"
grep -q "^backed up .* migration [0-9]*, checked, mode 0600" "$WORK/backup.out" \
  || fail "backup said: $(cat "$WORK/backup.out")"
expect_eq "backup file mode" 600 "$(stat -c %a "$WORK/nightly.db")"
echo "ok: backed up while the writer ran: $(cat "$WORK/backup.out")"

# Restore into a fresh file; never over the live one.
if "$SENDCASED" restore --from="$WORK/nightly.db" --db="$DB" >"$WORK/refused.out" 2>&1; then
  fail "restore over the live database was not refused"
fi
grep -q "exists; a restore makes a new file" "$WORK/refused.out" || fail "$(cat "$WORK/refused.out")"
"$SENDCASED" restore --from="$WORK/nightly.db" --db="$WORK/restored.db" >"$WORK/restore.out" 2>&1 \
  || fail "restore: $(cat "$WORK/restore.out")"
"$SENDCASED" check --db="$WORK/restored.db" >"$WORK/check.out" || fail "check: $(cat "$WORK/check.out")"
grep -q "^integrity  ok$" "$WORK/check.out" || fail "$(cat "$WORK/check.out")"
grep -q "^migration  \([0-9]*\) of \1 (current)$" "$WORK/check.out" || fail "$(cat "$WORK/check.out")"
pupils_row=$(awk '$1 == "pupils" {print $2}' "$WORK/check.out")
[ "$pupils_row" -ge 40 ] || fail "check counted $pupils_row pupils"
echo "ok: restored and checked: integrity ok, migration current, $pupils_row pupils"

# A server on the restored file serves every pupil acknowledged before the
# backup began.
kill -TERM "$SERVER_PID"; server_line "stopped" >/dev/null; wait "$SERVER_PID" || true
start_server "$WORK/restored.db"
"$PY" - "$WORK/before" <<'PYEOF' || fail "acknowledged pupils missing from the restore"
import os, sys
from sendcase.v1 import case_service_pb2 as api
from sendcase_client import Client
c = Client(os.environ["SENDCASE_SERVER"], os.environ["SENDCASE_TOKEN"])
names = [l.strip() for l in open(sys.argv[1]) if l.strip()]
assert len(names) == 40, len(names)
for name in names:
    p = c._stub.GetPupil(api.GetPupilRequest(name=name), metadata=c._metadata)
    assert p.name == name
print(f"ok: all {len(names)} pupils acknowledged before the backup are served from the restore")
PYEOF

# PostgreSQL has its own tools, and the error says which.
if "$SENDCASED" backup --db=postgresql://sendcase@db.internal/sendcase --to="$WORK/x.db" 2>"$WORK/pg.out"; then
  fail "a PostgreSQL backup was attempted"
fi
grep -q "pg_dump" "$WORK/pg.out" || fail "$(cat "$WORK/pg.out")"
echo "ok: a PostgreSQL --db is pointed at pg_dump and point-in-time recovery"
