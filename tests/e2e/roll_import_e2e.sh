#!/usr/bin/env bash
# End to end: `sendcasectl import roll` against the built server — a dry
# run, an import, a re-import that changes nothing, a changed row, and a
# malformed file that imports nothing and names its lines.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

DB="$WORK/sendcase.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=mis-bridge --role=ADMIN --scope='*' 2>/dev/null)
start_server "$DB"
"$SENDCASECTL" settings add --urn=100001 --name="Oak Primary" --phase=PRIMARY --la-code=201 >/dev/null

ROLL="$WORK/roll.csv"
printf '\xef\xbb\xbfUPN,Legal Surname,Legal Forename,Date of Birth,Year Group,SEN Provision,Primary Need,Secondary Need\r\n' >"$ROLL"
printf 'B801200005001,"Smith, Jr",Ann,01/09/2015,5,K,ASD,SLCN\r\n' >>"$ROLL"
printf 'P207000016049,Jones,Sam,2014-02-28,6,N,,\r\n' >>"$ROLL"
printf 'X938612324001,Lee,Kit,2016-12-01,4,S,SEMH,\r\n' >>"$ROLL"

out=$("$SENDCASECTL" import roll "$ROLL" --setting=100001 --dry-run 2>/dev/null)
echo "$out" | grep -q "dry run, nothing written): 3 rows: 3 created" || fail "dry run: $out"
expect_eq "pupils after a dry run" 0 "$("$SENDCASECTL" --json pupils list --all | wc -l)"

out=$("$SENDCASECTL" import roll "$ROLL" --setting=100001 2>"$WORK/progress")
echo "$out" | grep -q "roll: 3 rows: 3 created, 0 updated, 0 unchanged, 0 refused" || fail "import: $out"
grep -q "importing: 3/3 rows (100%)" "$WORK/progress" || fail "no progress: $(cat "$WORK/progress")"
echo "$out" | grep -q "note: line 2: the roll says K, sendcase has N" || fail "no provision note: $out"
json=$("$SENDCASECTL" --json pupils list --all)
echo "$json" | grep -q '"familyName":"Smith, Jr".*"needs":\["ASD","SLCN"\]' || fail "imported pupil: $json"
echo "ok: import"

out=$("$SENDCASECTL" import roll "$ROLL" --setting=100001 2>/dev/null)
echo "$out" | grep -q "3 rows: 0 created, 0 updated, 3 unchanged" || fail "re-import: $out"
sed -i 's/Jones,Sam/Jones,Samuel/' "$ROLL"
out=$("$SENDCASECTL" import roll "$ROLL" --setting=100001 2>/dev/null)
echo "$out" | grep -q "3 rows: 0 created, 1 updated, 2 unchanged" || fail "changed row: $out"
"$SENDCASECTL" --json pupils list --all | grep -q '"givenName":"Samuel"' || fail "update not applied"
echo "ok: re-import changes nothing; a changed row updates the pupil"

BAD="$WORK/bad.csv"
printf 'UPN,Surname,Forename,DOB\nB801200005009,Ok,Row,2015-01-01\nQ801200005002,Bad,Date,2015-02-30\n' >"$BAD"
"$SENDCASECTL" import roll "$BAD" --setting=100001 >/dev/null 2>"$WORK/err" && fail "bad file accepted"
grep -q "line 2: upn: not 13 characters with a valid check letter" "$WORK/err" || fail "bad: $(cat "$WORK/err")"
grep -q "line 3: dob: not a date" "$WORK/err" || fail "bad: $(cat "$WORK/err")"
grep -q "nothing imported" "$WORK/err" || fail "bad: $(cat "$WORK/err")"
expect_eq "pupils after a bad file" 3 "$("$SENDCASECTL" --json pupils list --all | wc -l)"
printf 'UPN,Surname\nB801200005001,Smith\n' >"$BAD"
"$SENDCASECTL" import roll "$BAD" --setting=100001 2>"$WORK/err" && fail "missing columns accepted"
grep -q 'line 1: missing column "Forename"' "$WORK/err" || fail "missing column: $(cat "$WORK/err")"
echo "PASS"
