#!/usr/bin/env bash
# Operations, end to end: after a scripted load through the Python client
# (python3-grpcio), /metrics on --metrics-listen, read with the Prometheus
# project's own parser (prom.py), counts every call by method and status
# code exactly; the JSON log has one line per call with its request id and
# no personal data; /metrics is not on the web listener when it has its own.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
PROM="$PY $ROOT/tests/e2e/prom.py"
export PYTHONPATH="$(dirname "$SENDCASED")/../python:$ROOT/clients/python"
DB="$WORK/ops.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=ops --role=ADMIN --scope='*' 2>/dev/null)

start_server "$DB" --http-listen=127.0.0.1:0 --metrics-listen=127.0.0.1:0 --log-format=json
rule_set=$(server_line '"msg":"started"' | sed -n 's/.*"rule_set":"\([^"]*\)".*/\1/p')
metrics_port=$(server_line "metrics on " | sed 's/.*://')
http_port=$(server_line "http on " | sed 's/.*://')
METRICS="http://127.0.0.1:$metrics_port/metrics"
[ -n "$rule_set" ] || fail "no rule set in the started line"

# Before any call: every family is there, and nothing is counted yet.
families=$($PROM "$METRICS" | sed 's/[{ ].*//; s/_\(bucket\|count\|sum\)$//' | sort -u | tr '\n' ' ')
expect_eq "families before any call" "sendcase_log_lines_suppressed_total sendcase_open_streams sendcase_reminder_deliveries_total sendcase_reminder_delivery_retries_total sendcase_rule_set_info sendcase_scheduler_lag_seconds sendcase_sqlite_checkpoints_total sendcase_sqlite_commit_group_size sendcase_sqlite_commit_groups_total sendcase_sqlite_wal_bytes " "$families"

# The load: 5 pupils made, 2 refused (no such UPN), 3 looked up that do not
# exist, 1 looked up with an x-request-id, 1 call with a revoked-looking
# token, 1 health check.
UPNS="$(upn_for 11) $(upn_for 12) $(upn_for 13) $(upn_for 14) $(upn_for 15)"
"$PY" - $UPNS <<'PYEOF' || fail "the load"
import os, sys, grpc
from sendcase_client import Client
from sendcase.v1 import case_service_pb2 as api
c = Client(os.environ["SENDCASE_SERVER"], os.environ["SENDCASE_TOKEN"])
# UUIDs, as request ids usually are: logged as they are.
made = [c.create_pupil(u, "Ada", "Lovelace", "2015-06-01", "100001", "201",
                       request_id=f"00000000-0000-4000-8000-00000000000{i}")
        for i, u in enumerate(sys.argv[1:])]
def refused(code, call):
    try:
        call()
    except grpc.RpcError as e:
        assert e.code() == code, (e.code(), e.details())
        return
    raise AssertionError("not refused")
for i in range(2):
    refused(grpc.StatusCode.INVALID_ARGUMENT, lambda: c.create_pupil(
        "NOT-A-UPN", "Ada", "Lovelace", "2015-06-01", "100001", "201",
        request_id=f"bad-{i}"))  # not UUIDs: logged as digests
missing = made[0].name[:-4] + ("0000" if not made[0].name.endswith("0000") else "1111")
for _ in range(3):
    refused(grpc.StatusCode.NOT_FOUND, lambda: c._stub.GetPupil(
        api.GetPupilRequest(name=missing), metadata=c._metadata))
# An id built from the pupil's UPN, as a careless client might: the log
# must not show it.
c._stub.GetPupil(api.GetPupilRequest(name=made[1].name),
                 metadata=c._metadata + (("x-request-id", "upn-" + sys.argv[2]),))
stranger = Client(os.environ["SENDCASE_SERVER"], "not-a-token")
refused(grpc.StatusCode.UNAUTHENTICATED, lambda: stranger._stub.GetPupil(
    api.GetPupilRequest(name=made[1].name), metadata=stranger._metadata))
assert c.health() == "SERVING"
PYEOF
echo "ok: the load ran (5 + 2 CreatePupil, 3 + 1 + 1 GetPupil, 1 health check)"

values=$($PROM "$METRICS" \
    'sendcase_grpc_calls_total{method="sendcase.v1.CaseService/CreatePupil",code="OK"}' \
    'sendcase_grpc_calls_total{method="sendcase.v1.CaseService/CreatePupil",code="INVALID_ARGUMENT"}' \
    'sendcase_grpc_calls_total{method="sendcase.v1.CaseService/GetPupil",code="NOT_FOUND"}' \
    'sendcase_grpc_calls_total{method="sendcase.v1.CaseService/GetPupil",code="OK"}' \
    'sendcase_grpc_calls_total{method="sendcase.v1.CaseService/GetPupil",code="UNAUTHENTICATED"}' \
    'sendcase_grpc_calls_total{method="grpc.health.v1.Health/Check",code="OK"}' \
    'sendcase_grpc_call_duration_seconds_count{method="sendcase.v1.CaseService/CreatePupil"}' \
    'sendcase_grpc_call_duration_seconds_count{method="sendcase.v1.CaseService/GetPupil"}' \
    'sendcase_grpc_call_duration_seconds_bucket{method="sendcase.v1.CaseService/GetPupil",le="+Inf"}' \
    "sendcase_rule_set_info{version=\"$rule_set\"}" \
    'sendcase_open_streams' 'sendcase_scheduler_lag_seconds' \
    'sendcase_reminder_deliveries_total{outcome="sent"}' \
    'sendcase_reminder_deliveries_total{outcome="failed"}' \
    'sendcase_reminder_delivery_retries_total')
read -r created refused_ missing found stranger health created_n getpupil_n inf \
  rules streams lag sent failed retries <<<"$(echo $values)"
expect_eq "CreatePupil OK" 5 "$created"
expect_eq "CreatePupil INVALID_ARGUMENT" 2 "$refused_"
expect_eq "GetPupil NOT_FOUND" 3 "$missing"
expect_eq "GetPupil OK" 1 "$found"
expect_eq "GetPupil UNAUTHENTICATED" 1 "$stranger"
expect_eq "health checks" 1 "$health"
expect_eq "CreatePupil durations observed" 7 "$created_n"
expect_eq "GetPupil durations observed" 5 "$getpupil_n"
expect_eq "GetPupil +Inf bucket" 5 "$inf"
expect_eq "rule set $rule_set in use" 1 "$rules"
expect_eq "open streams" 0 "$streams"
expect_eq "scheduler lag (nothing due)" 0 "$lag"
expect_eq "e-mails sent, failed, retried (no SMTP)" "0 0 0" "$sent $failed $retries"

# Group commit: the histogram's count is the groups committed, its sum the
# writes they carried; each write is in exactly one group.
values=$($PROM "$METRICS" \
  sendcase_sqlite_commit_groups_total sendcase_sqlite_commit_group_size_count \
  sendcase_sqlite_commit_group_size_sum 'sendcase_sqlite_commit_group_size_bucket{le="+Inf"}' \
  sendcase_sqlite_wal_bytes)
read -r groups hist_count hist_sum le64 wal <<<"$(echo $values)"
expect_eq "group-size histogram count = groups" "$groups" "$hist_count"
expect_eq "group-size +Inf bucket = groups" "$groups" "$le64"
[ "$groups" -ge 5 ] && [ "$hist_sum" -ge "$groups" ] || fail "groups $groups, writes $hist_sum"
[ "$wal" -gt 0 ] || fail "WAL bytes: $wal"
echo "ok: $groups commit groups carried $hist_sum writes; WAL $wal bytes"

# No personal data anywhere on the page: not a name, not a UPN.
page=$($PROM "$METRICS")
for secret in Ada Lovelace $UPNS 2015-06-01; do
  case "$page" in *"$secret"*) fail "metrics page holds '$secret'" ;; esac
done
echo "ok: the metrics page holds no name, UPN or date of birth"

# With --metrics-listen, the web listener has no /metrics.
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/metrics")
expect_eq "/metrics on the web listener when it has its own" 404 "$code"

kill -TERM "$SERVER_PID"; server_line '"msg":"stopped"' >/dev/null
wait "$SERVER_PID" || true
SERVER_PID=""
"$PY" - "$SERVER_OUT" $UPNS <<'PYEOF' || fail "the JSON log"
import hashlib, json, sys
def digest(request_id):  # as README "Logs" says to compute it
    return "sha256:" + hashlib.sha256(request_id.encode()).hexdigest()[:16]
calls, lines = [], 0
for raw in open(sys.argv[1]):
    raw = raw.strip()
    if raw.startswith(("listening on", "http on", "metrics on")):
        continue  # stdout: the addresses, for scripts
    record = json.loads(raw)  # every log line is one JSON object
    lines += 1
    assert {"time", "level", "msg"} <= record.keys(), record
    for secret in ["Ada", "Lovelace", "2015-06-01"] + sys.argv[2:]:
        assert secret not in raw, (secret, raw)
    if record["msg"] == "call":
        calls.append(record)
def ids(method, code):
    return sorted(r["request_id"] for r in calls
                  if r["method"] == "sendcase.v1.CaseService/" + method and r["code"] == code)
assert ids("CreatePupil", "OK") == [
    f"00000000-0000-4000-8000-00000000000{i}" for i in range(5)], ids("CreatePupil", "OK")
assert ids("CreatePupil", "INVALID_ARGUMENT") == sorted(
    [digest("bad-0"), digest("bad-1")]), ids("CreatePupil", "INVALID_ARGUMENT")
assert ids("GetPupil", "OK") == [digest("upn-" + sys.argv[3])], ids("GetPupil", "OK")
made = ids("GetPupil", "NOT_FOUND")
assert len(made) == 3 and len(set(made)) == 3, made  # ids made by the server
assert all(m.startswith("s") for m in made), made
assert all(isinstance(r["ms"], (int, float)) and r["ms"] >= 0 for r in calls)
assert not [r for r in calls if r["method"].startswith("grpc.health")], "health at info"
print(f"ok: {lines} JSON log lines; {len(calls)} calls, each with method, code, ms and request id")
PYEOF
