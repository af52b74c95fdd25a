#!/usr/bin/env bash
# End to end: the built sendcased on port 0, driven by sendcasectl exactly as
# README.md tells a newcomer to.
SENDCASED=$1
SENDCASECTL=$2
RULES_DIR=$3
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

journey_text=$("$SENDCASECTL" journeys get "$journey")
for clock in "ehc.decision_to_assess  2024-02-19" "ehc.draft_plan_target   2024-04-15" \
             "ehc.no_plan_notice      2024-04-29" "ehc.final_plan          2024-05-27"; do
  echo "$journey_text" | grep -q "$clock" || fail "journey lacks clock '$clock': $journey_text"
done
echo "ok: the four EHC clocks with exact dates"

# A candidate rules directory: the same rules preview as no change; a
# 21-week final plan shows the one clock that would move.
"$SENDCASECTL" rules preview "$RULES_DIR" | grep -q "no live clock would change" \
  || fail "preview of the shipped rules reported changes"
cp -r "$RULES_DIR" "$WORK/candidate"
sed -i 's/version: "[^"]*"/version: "candidate"/' "$WORK/candidate/ruleset.textproto"
sed -i 's/due { weeks: 20 }/due { weeks: 21 }/' "$WORK/candidate/ehc_assessment.textproto"
preview=$("$SENDCASECTL" rules preview "$WORK/candidate")
echo "$preview" | grep -q "ehc.final_plan .* 2024-05-27  2024-06-03" || fail "preview: $preview"
echo "ok: rules preview shows the moved clock"

events=$("$SENDCASECTL" events list "$journey")
echo "$events" | grep -q "2024-01-08  assessment_requested  CONCERN -> ASSESSMENT_REQUESTED  e2e-admin" \
  || fail "chronology table wrong: $events"
echo "ok: chronology lists the event"

csv=$("$SENDCASECTL" chronology "$pupil" --format=csv)
echo "$csv" | head -1 | grep -q "^date,journey,kind,summary,detail,recorded_by" || fail "csv: $csv"
echo "$csv" | grep -q "^2024-01-08,$journey,EVENT,assessment_requested,,e2e-admin" \
  || fail "chronology lacks the event: $csv"
echo "$csv" | grep -q "^2024-05-27,$journey,CLOCK_DUE,ehc.final_plan due (OVERDUE)" \
  || fail "chronology lacks the 20-week date: $csv"
echo "ok: chronology exports as CSV"

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

# The demo data set goes in through the public API (every RPC must accept it).
"$SENDCASECTL" demo seed --pupils=30 2>/dev/null | grep -q "seeded 30 pupils" || fail "demo seed"
count=$("$SENDCASECTL" --json pupils list --all | wc -l)
expect_eq "pupils after demo seed" 31 "$count"
"$SENDCASECTL" --json assessments list --all | grep -q '"week"' || fail "no open assessment in the demo"
settings=$("$SENDCASECTL" --json settings list --all | wc -l)
expect_eq "demo settings" 4 "$settings"
echo "ok: demo seed"

# The SENCO's and trust's views, and the two changes they rely on.
"$SENDCASECTL" --json pupils update "$pupil" --needs=ASD,SLCN | grep -q '"needs":\["ASD","SLCN"\]' \
  || fail "pupils update --needs"
"$SENDCASECTL" --json journeys assign "$journey" --officer=e2e.officer | grep -q '"caseOfficer":"e2e.officer"' \
  || fail "journeys assign"
senco=$("$SENDCASED" issue-token --db="$DB" --subject=senco --role=SENCO --scope=setting:100001)
entry=$("$SENDCASECTL" --token="$senco" --json register settings/100001 --all | grep "\"pupil\":\"$pupil\"")
echo "$entry" | grep -q '"senProvision":"SEN_PROVISION_K".*"needs":\["ASD","SLCN"\]' || fail "register entry: $entry"
"$SENDCASECTL" --token="$senco" register settings/100002 2>"$WORK/err" && fail "foreign register listed"
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "expected PERMISSION_DENIED: $(cat "$WORK/err")"
"$SENDCASECTL" --token="$senco" reviews due --within=366 --all >/dev/null || fail "reviews due"
tracker=$("$SENDCASECTL" assessments list --all)
echo "$tracker" | grep -q "$journey  *Lovelace, Ada  *2024-01-08" || fail "the 20-week tracker names no pupil: $tracker"
found=$("$SENDCASECTL" --token="$senco" pupils list --upn=b801200005001)
echo "$found" | grep -q "$pupil  *B801200005001  *Lovelace, Ada" || fail "pupils list --upn: $found"
"$SENDCASECTL" --token="$senco" --json pupils list --name="love ada" | grep -q "\"name\":\"$pupil\"" \
  || fail "pupils list --name found nothing"
expect_eq "a name nobody has" "" "$("$SENDCASECTL" --token="$senco" --json pupils list --name=nobody)"
"$SENDCASECTL" --json caseloads | grep -q '"caseOfficer":"e2e.officer","openAssessments":1' \
  || fail "caseloads: $("$SENDCASECTL" --json caseloads)"
summaries=$("$SENDCASECTL" --json settings summary --all | wc -l)
expect_eq "setting summaries" 4 "$summaries"
echo "ok: register, reviews, the tracker with names, finding a pupil, caseloads, summaries"

# "My cases", the cases behind a caseload, and the LA's SEN2 return: a
# request received today with no source, for a child whose sex is not
# recorded, is in the return and in its validation report.
"$SENDCASECTL" assessments list --case-officer=e2e.officer --all | grep -q "^$journey " \
  || fail "assessments list --case-officer"
[ -z "$("$SENDCASECTL" assessments list --case-officer=nobody.here --all | grep journeys/)" ] \
  || fail "another officer's cases listed"
"$SENDCASECTL" --json caseloads --cases | grep -q "\"journey\":\"$journey\",\"openAssessment\":true" \
  || fail "caseloads --cases: $("$SENDCASECTL" --json caseloads --cases)"
bo=$("$SENDCASECTL" --json pupils create --upn=P207000016049 --given-name=Bo --family-name=Sen \
  --birth-date=2015-05-05 --setting-urn=100001 --la-code=201 | json_field currentJourney)
"$SENDCASECTL" events record "$bo" assessment_requested --date="$(date +%F)" >/dev/null
year=$(( $(date +%Y) + 1 ))
report=$("$SENDCASECTL" reports sen2 --year=$year --la-code=201 --out="$WORK/sen2.xml")
echo "$report" | grep -q "^SEN2 $year for LA 201 (reference date $year-01-" || fail "sen2: $report"
grep -q "<Collection>SEN2</Collection>" "$WORK/sen2.xml" || fail "sen2.xml: $(head -20 "$WORK/sen2.xml")"
grep -q "<LEA>201</LEA>" "$WORK/sen2.xml" || fail "sen2.xml has no LEA"
expect_eq "sen2.xml readable by its owner only" 600 "$(stat -c %a "$WORK/sen2.xml")"
grep -q "<Forename>Bo</Forename>" "$WORK/sen2.xml" || fail "sen2.xml lacks the request of today"
echo "$report" | grep -q "ERROR   Sex: not recorded" || fail "sen2 report: $report"
updated=$("$SENDCASECTL" --json pupils update "${bo%/journeys/*}" --sex=F --ethnicity=WBRI \
  --postcode="SW1A 1AA" --uln=1234567890)
echo "$updated" | grep -q '"sex":"FEMALE","ethnicity":"WBRI","postcode":"SW1A 1AA","uniqueLearnerNumber":"1234567890"' \
  || fail "pupils update --sex --ethnicity --postcode --uln: $updated"
"$SENDCASECTL" pupils update "${bo%/journeys/*}" --ethnicity=WHITE 2>"$WORK/err" && fail "a made-up ethnicity code"
grep -q "INVALID_ARGUMENT: pupil.ethnicity" "$WORK/err" || fail "ethnicity error: $(cat "$WORK/err")"
echo "$report" | grep -A1 "^${bo}$" | grep -q "ERROR   RequestSource" || fail "sen2 report: $report"
if echo "$report" | grep -q "Bo\b\|Sen\b"; then fail "the report names a child: $report"; fi
echo "ok: my cases, caseload cases, the SEN2 return and its report"

# Token administration works on the live database: revocation and expiry
# take effect on the server's next call.
temp=$("$SENDCASED" issue-token --db="$DB" --subject=temp --role=SENCO --scope=setting:100001 \
  --ttl-days=1 2>"$WORK/issued")
temp_id=$(sed -n 's/.*token \([^ ]*\) for temp.*/\1/p' "$WORK/issued")
[ -n "$temp_id" ] || fail "issue-token printed no id: $(cat "$WORK/issued")"
"$SENDCASECTL" --token="$temp" pupils list >/dev/null || fail "fresh token refused"
"$SENDCASED" list-tokens --db="$DB" | grep -q "^$temp_id *temp .* -\$" || fail "list-tokens: $("$SENDCASED" list-tokens --db="$DB")"
"$SENDCASED" revoke-token --db="$DB" --token-id="$temp_id" | grep -q "revoked 1 token" || fail "revoke-token"
"$SENDCASECTL" --token="$temp" pupils list 2>"$WORK/err" && fail "revoked token accepted"
grep -q "UNAUTHENTICATED" "$WORK/err" || fail "expected UNAUTHENTICATED: $(cat "$WORK/err")"
"$SENDCASED" list-tokens --db="$DB" | grep "^$temp_id" | grep -q "T.*Z *[0-9]" || fail "list-tokens shows no revocation"
echo "ok: revoke-token on a running server"

# One spelling of flags everywhere (dashes), the underscore one accepted too;
# --help lists sendcased's flags.
help=$("$SENDCASED" --help)
for flag in --listen= --http-listen= --db= --tls-cert= --smtp-url= --ttl-days= --event-feed-retention-days=; do
  echo "$help" | grep -q -- "$flag" || fail "sendcased --help lacks $flag: $help"
done
echo "$help" | grep -q "No flags matched" && fail "sendcased --help: $help"
# Read as --token-id: the token is found already revoked (not "give one of").
out=$("$SENDCASED" revoke-token --db="$DB" --token_id="$temp_id" 2>&1 || true)
echo "$out" | grep -q "not already revoked" || fail "--token_id is not --token-id: $out"
"$SENDCASECTL" --json pupils list --page_size=1 | wc -l | grep -q "^1$" || fail "sendcasectl --page_size"
echo "ok: flags are spelled one way, the other accepted"

# Every call is in the audit trail; the server's own output carries no
# personal data (names, UPN, birth date) whatever happened above.
"$SENDCASECTL" audit list --resource="$pupil" --all | grep -q "GetPupil\|CreatePupil" \
  || fail "audit list: $("$SENDCASECTL" audit list --resource="$pupil")"
"$SENDCASECTL" --json audit list --subject=temp | grep -q '"outcome":"UNAUTHENTICATED"' && fail "revoked call attributed"
echo "ok: audit trail"

# The health probe a container or monitor runs: no token needed.
expect_eq "sendcasectl health" SERVING "$(SENDCASE_TOKEN= "$SENDCASECTL" health)"
expect_eq "health of the CaseService" SERVING \
  "$("$SENDCASECTL" health --service=sendcase.v1.CaseService)"

# SIGTERM stops the server cleanly.
kill -TERM "$SERVER_PID"
server_line "stopped" >/dev/null || fail "no clean-stop message"
wait "$SERVER_PID" && rc=0 || rc=$?
SERVER_PID=""
expect_eq "exit status after SIGTERM" 0 "$rc"
if "$SENDCASECTL" --timeout=5 health >/dev/null 2>&1; then fail "health with no server said SERVING"; fi
echo "ok: health fails once the server has stopped"
# All the server printed, to its last line: no personal data in it.
for personal in Lovelace Ada B801200005001 2016-02-29; do
  grep -q -- "$personal" "$WORK/server.out" && fail "server output contains personal data: $personal"
done
echo "ok: no personal data in the server output"
echo "PASS"
