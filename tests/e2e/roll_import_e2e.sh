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
echo "$out" | grep -q "dry run, nothing written): 3 pupils: 3 created" || fail "dry run: $out"
expect_eq "pupils after a dry run" 0 "$("$SENDCASECTL" --json pupils list --all | wc -l)"

out=$("$SENDCASECTL" import roll "$ROLL" --setting=100001 2>"$WORK/progress")
echo "$out" | grep -q "roll: 3 pupils: 3 created, 0 updated, 0 linked to a former UPN, 0 unchanged, 0 probable duplicates, 0 refused" || fail "import: $out"
grep -q "importing: 3/3 rows (100%)" "$WORK/progress" || fail "no progress: $(cat "$WORK/progress")"
echo "$out" | grep -q "note: line 2: the roll says K, sendcase has N" || fail "no provision note: $out"
json=$("$SENDCASECTL" --json pupils list --all)
echo "$json" | grep -q '"familyName":"Smith, Jr".*"needs":\["ASD","SLCN"\]' || fail "imported pupil: $json"
echo "ok: import"

out=$("$SENDCASECTL" import roll "$ROLL" --setting=100001 2>/dev/null)
echo "$out" | grep -q "3 pupils: 0 created, 0 updated, 0 linked to a former UPN, 3 unchanged" || fail "re-import: $out"
sed -i 's/Jones,Sam/Jones,Samuel/' "$ROLL"
out=$("$SENDCASECTL" import roll "$ROLL" --setting=100001 2>/dev/null)
echo "$out" | grep -q "3 pupils: 0 created, 1 updated, 0 linked to a former UPN, 2 unchanged" || fail "changed row: $out"
"$SENDCASECTL" --json pupils list --all | grep -q '"givenName":"Samuel"' || fail "update not applied"
echo "ok: re-import changes nothing; a changed row updates the pupil"

BAD="$WORK/bad.csv"
printf 'UPN,Surname,Forename,DOB\nB801200005009,Ok,Row,2015-01-01\nQ801200005002,Bad,Date,2015-02-30\n' >"$BAD"
"$SENDCASECTL" import roll "$BAD" --setting=100001 >/dev/null 2>"$WORK/err" && fail "bad file accepted"
grep -q "line 2: column \"UPN\": \"B801200005009\" is not a UPN" "$WORK/err" || fail "bad: $(cat "$WORK/err")"
grep -q "line 3: column \"DOB\": \"2015-02-30\" is not a date" "$WORK/err" || fail "bad: $(cat "$WORK/err")"
grep -q "nothing imported" "$WORK/err" || fail "bad: $(cat "$WORK/err")"
expect_eq "pupils after a bad file" 3 "$("$SENDCASECTL" --json pupils list --all | wc -l)"
printf 'UPN,Surname\nB801200005001,Smith\n' >"$BAD"
"$SENDCASECTL" import roll "$BAD" --setting=100001 2>"$WORK/err" && fail "missing columns accepted"
grep -q 'line 1: missing column "Forename"' "$WORK/err" || fail "missing column: $(cat "$WORK/err")"
echo "ok: a bad file imports nothing and names its lines, columns and values"

# A SIMS-style export: display text, a Name column, columns not read, a
# temporary UPN replaced by the permanent one, and the same child under a
# new UPN without its former one.
temp=$("$SENDCASECTL" --json pupils create --upn=J80120000700A --given-name=Kim \
  --family-name=Park --birth-date=2016-03-03 --setting-urn=100001 --la-code=201 \
  | json_field currentJourney)
"$SENDCASECTL" events record "$temp" concern_raised --date=2026-10-01 >/dev/null
MIS="$WORK/sims.csv"
cat >"$MIS" <<'CSV'
Adno,UPN,Former UPN,Name,Date of Birth,Year,Reg Group,SEN Status,Primary Need
001,H801200007007,J80120000700A,"Park, Kim",03/03/2016,Year 4,4S,K - SEN Support,Autistic Spectrum Disorder
002,Q801200005002,,"Lee, Kit",01/12/2016,Year 4,4S,N - No Special Educational Need,
003,L801200007009,,"Nguyen, Bao",2017-05-05,Reception,RB,"E - Education, Health and Care Plan",Hearing Impairment
CSV
"$SENDCASECTL" import roll "$MIS" --setting=100001 >"$WORK/out" 2>"$WORK/err" && fail "a probable duplicate was not reported"
grep -q 'roll: not read (sendcase does not use them): "Adno", "Reg Group"' "$WORK/err" || fail "ignored columns: $(cat "$WORK/err")"
grep -q "line 3: probable duplicate of pupils/.* (the same names and date of birth under another UPN); not created" "$WORK/err" || fail "duplicate: $(cat "$WORK/err")"
grep -q "roll: 3 pupils: 1 created, 0 updated, 1 linked to a former UPN, 0 unchanged, 1 probable duplicates, 0 refused" "$WORK/out" || fail "summary: $(cat "$WORK/out")"
grep -q "note: line 2: pupils/.* takes UPN H801200007007 in place of its former UPN J80120000700A" "$WORK/out" || fail "link note: $(cat "$WORK/out")"
pupil=${temp%/journeys/*}
linked=$("$SENDCASECTL" --json pupils get "$pupil")
echo "$linked" | grep -q '"upn":"H801200007007"' || fail "not linked: $linked"
echo "$linked" | grep -q "\"currentJourney\":\"$temp\"" || fail "journey lost: $linked"
"$SENDCASECTL" --json pupils list --all | grep -q '"upn":"J80120000700A"' && fail "the temporary UPN is still a pupil"
expect_eq "pupils after the SIMS file" 5 "$("$SENDCASECTL" --json pupils list --all | wc -l)"
"$SENDCASECTL" --json audit list --all 2>/dev/null | grep -q "UpdatePupil.*$pupil\|$pupil.*UpdatePupil" || fail "UPN change not audited"
echo "ok: a former UPN links to the pupil (journey kept, audited); a probable duplicate is reported, not created"

# A UPN and its former UPN that are both pupils already: reported, not merged.
printf 'UPN,Former UPN,Surname,Forename,DOB\nP207000016049,X938612324001,Jones,Samuel,2014-02-28\n' >"$WORK/both.csv"
"$SENDCASECTL" import roll "$WORK/both.csv" --setting=100001 >"$WORK/out" 2>"$WORK/err" && fail "two records of one pupil accepted"
grep -q "line 2: the UPN is pupils/.* and its Former UPN is pupils/.*: probably one pupil recorded twice" "$WORK/err" \
  || fail "both exist: $(cat "$WORK/err")"
echo "ok: a UPN and its former UPN that are two pupils are reported"

# A nursery child recorded without a UPN, now on the school's roll with one:
# the same child, reported with the fix, not created a second time.
"$SENDCASECTL" settings add --urn=300001 --name="Little Acorns" --phase=EARLY_YEARS --la-code=201 >/dev/null
nursery=$("$SENDCASECTL" --json pupils create --upn-unknown=UN1 --given-name=Bea --family-name=Hart \
  --birth-date="$(date -d '4 years ago' +%F)" --setting-urn=300001 --la-code=201 | json_field name)
printf 'UPN,Surname,Forename,DOB\nE801200008006,Hart,Bea,%s\n' "$(date -d '4 years ago' +%F)" >"$WORK/reception.csv"
"$SENDCASECTL" import roll "$WORK/reception.csv" --setting=100001 >"$WORK/out" 2>"$WORK/err" \
  && fail "a nursery child was created again"
grep -q "line 2: probably $nursery, recorded without a UPN (UN1) under the same names and date of birth; not created: give that pupil this UPN (sendcasectl pupils update $nursery --upn=E801200008006, and --setting-urn if it moved), then import again" "$WORK/err" \
  || fail "no-UPN twin: $(cat "$WORK/err")"
"$SENDCASECTL" pupils update "$nursery" --upn=E801200008006 --setting-urn=100001 >/dev/null || fail "give the UPN"
"$SENDCASECTL" import roll "$WORK/reception.csv" --setting=100001 | grep -q "0 created, 0 updated, 0 linked to a former UPN, 1 unchanged" \
  || fail "the roll after the UPN was given"
echo "ok: a nursery child without a UPN is matched on the school's roll, not recorded twice"
echo "PASS"
