#!/usr/bin/env bash
# End to end: README "The JSON API" against the built sendcased started with
# --http-listen, over real HTTP on loopback (Python's urllib as the client):
# a pupil created, listed and its assessment request recorded with exact
# dates, a refusal as google.rpc JSON, and the security headers.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

DB="$WORK/api.db"
TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=e2e-admin --role=ADMIN --scope='*' 2>/dev/null)
start_server "$DB" --http-listen=127.0.0.1:0
line=$(server_line "http on ") || fail "no http listener"
BASE="http://${line#*http on }/api/v1"

# api VERB PATH [BODY]: prints "STATUS BODY"; HEADERS=1 prints the headers too.
api() {
  /usr/bin/python3 - "$1" "$BASE$2" "${3:-}" "$TOKEN" "${HEADERS:-0}" <<'PY'
import sys, urllib.request, urllib.error
verb, url, body, token, headers = sys.argv[1:6]
req = urllib.request.Request(url, method=verb, data=body.encode() if body else None,
                             headers={"Authorization": "Bearer " + token} if token else {})
try:
    res = urllib.request.urlopen(req)
except urllib.error.HTTPError as e:
    res = e
if headers == "1":
    for k, v in res.headers.items():
        print(f"{k}: {v}")
print(res.status, res.read().decode())
PY
}

out=$(api POST /pupils '{"pupil": {"upn": "B801200005001", "givenName": "Ada", "familyName": "Lovelace",
  "birthDate": {"year": 2015, "month": 6, "day": 1}, "settingUrn": "100001", "localAuthorityCode": "201"}}')
[[ "$out" == "200 "* ]] || fail "create: $out"
pupil=$(echo "${out#200 }" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['name'])")
journey=$(echo "${out#200 }" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['currentJourney'])")
out=$(api GET "/pupils?pageSize=5")
grep -q "\"name\":\"$pupil\"" <<<"$out" || fail "list: $out"
echo "ok: a pupil created and listed over HTTP"

# Monday 5 October 2026: the final plan is due 20 weeks on, Monday 22 February 2027.
out=$(api POST "/$journey:recordEvent" '{"event": {"eventDate": {"year": 2026, "month": 10, "day": 5}, "assessmentRequested": {}}}')
[[ "$out" == "200 "* ]] || fail "record: $out"
echo "${out#200 }" | /usr/bin/python3 -c "
import json, sys
j = json.load(sys.stdin)
due = {c['ruleId']: c['dueDate'] for c in j['clocks']}
assert j['state'] == 'ASSESSMENT_REQUESTED', j['state']
assert due['ehc.final_plan'] == {'year': 2027, 'month': 2, 'day': 22}, due
assert due['ehc.decision_to_assess'] == {'year': 2026, 'month': 11, 'day': 16}, due
" || fail "clocks: $out"
echo "ok: an event recorded over HTTP, with the 20-week clock's exact date"

out=$(TOKEN= api GET "/$pupil")
[[ "$out" == "401 "* ]] && grep -q '"status":"UNAUTHENTICATED"' <<<"$out" || fail "no token: $out"
out=$(api POST "/$journey:recordEvent" '{"event": {"eventDate": {"year": 2026, "month": 10, "day": 6}, "finalPlanIssued": {}}}')
[[ "$out" == "400 "* ]] && grep -q '"status":"FAILED_PRECONDITION"' <<<"$out" || fail "illegal event: $out"
out=$(HEADERS=1 api GET "/$pupil")
grep -q "^Cache-Control: no-store$" <<<"$out" && grep -q "^Content-Security-Policy: default-src 'none'" <<<"$out" \
  || fail "headers: $out"
echo "ok: refusals are google.rpc JSON with their HTTP status; the security headers are sent"

# A proxy's X-Request-Id names the call in the server's log line for it.
trace=5b0e8c1e-7d5a-4c1b-9a43-2f6de0c1a7b9
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H "X-Request-Id: $trace" \
  "$BASE/$pupil"
server_line "request_id=$trace" | grep -q "call method=sendcase.v1.CaseService/GetPupil code=OK ms=" \
  || fail "log line for X-Request-Id: $(grep "$trace" "$SERVER_OUT")"
echo "ok: X-Request-Id reaches the call's log line"

# Without --metrics-listen, /metrics is on this listener, no sign-in needed.
get_ok=$(/usr/bin/python3 "$(dirname "$0")/prom.py" "http://${line#*http on }/metrics" \
  'sendcase_grpc_calls_total{method="sendcase.v1.CaseService/GetPupil",code="OK"}')
expect_eq "GetPupil calls answered OK, counted on /metrics" 2 "$get_ok"
echo "PASS"
