#!/usr/bin/env bash
# End to end: the Python client (clients/python, Debian's python3-grpcio)
# against the built server — it creates a pupil and records an event, then
# follows WatchEvents while sendcasectl records more, and resumes from where
# it stopped with no gap and no duplicate.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
export PYTHONPATH="$(dirname "$SENDCASED")/../python:$ROOT/clients/python"
DB="$WORK/sendcase.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=py-bridge --role=ADMIN --scope='*' 2>/dev/null)
start_server "$DB"

journey=$("$PY" - <<'PYEOF'
import os
from sendcase_client import Client
c = Client(os.environ["SENDCASE_SERVER"], os.environ["SENDCASE_TOKEN"])
p = c.create_pupil("B801200005001", "Ada", "Lovelace", "2015-06-01",
                   setting_urn="100001", la_code="201", request_id="py-1")
j = c.record_event(p.current_journey, "sen_support_started", "2026-09-01",
                   review_date="2026-12-01")
assert j.state == j.SEN_SUPPORT, j.state
assert c.health() == "SERVING", c.health()
assert c.health("sendcase.v1.CaseService") == "SERVING"
assert [x.name for x in c.find_pupils(upn="B801200005001")] == [p.name]
assert [x.name for x in c.find_pupils(name_query="love")] == [p.name]
assert list(c.find_pupils(name_query="nobody")) == []
import datetime
three = str(datetime.date.today() - datetime.timedelta(days=3 * 365))
n = c.create_pupil("", "Bo", "Byron", three, setting_urn="100001",
                   la_code="201", upn_unknown="UN1")
assert n.upn == "" and n.upn_unknown == 1, (n.upn, n.upn_unknown)
print(p.current_journey)
PYEOF
)
[[ "$journey" == pupils/*/journeys/* ]] || fail "python client: $journey"
echo "ok: the Python client creates a pupil (and one with UPN unknown UN1), records an event, finds the pupil and checks health"

# Follow from the start while sendcasectl records two more events.
"$PY" "$ROOT/clients/python/follow.py" --from=1 --count=3 >"$WORK/follow.out" 2>&1 &
FOLLOWER=$!
"$SENDCASECTL" events record "$journey" agency_involved --field agency=EP --date=2026-10-01 >/dev/null
"$SENDCASECTL" events record "$journey" support_reviewed --field next_review_date=2027-02-01 --date=2026-11-02 >/dev/null
timeout 30 tail --pid="$FOLLOWER" -f /dev/null || fail "follower did not finish: $(cat "$WORK/follow.out")"
wait "$FOLLOWER" || fail "follower failed: $(cat "$WORK/follow.out")"
kinds=$(awk '{print $3}' "$WORK/follow.out" | tr '\n' ' ')
expect_eq "events followed" "sen_support_started agency_involved support_reviewed " "$kinds"
grep -q "sen_support_started 2026-09-01 py-bridge" "$WORK/follow.out" || fail "follow: $(cat "$WORK/follow.out")"
revs=$(awk '{print $1}' "$WORK/follow.out" | tr '\n' ' ')
expect_eq "revisions" "1 2 3 " "$revs"

# Resume after the last revision seen: the next event only.
"$PY" "$ROOT/clients/python/follow.py" --from=4 --count=1 >"$WORK/resume.out" 2>&1 &
FOLLOWER=$!
"$SENDCASECTL" events record "$journey" concern_raised --date=2026-11-20 >/dev/null
timeout 30 tail --pid="$FOLLOWER" -f /dev/null || fail "resumed follower did not finish"
wait "$FOLLOWER" || fail "resumed follower failed: $(cat "$WORK/resume.out")"
grep -q "^4 $journey concern_raised 2026-11-20" "$WORK/resume.out" || fail "resume: $(cat "$WORK/resume.out")"
echo "PASS"
