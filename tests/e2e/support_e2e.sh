#!/usr/bin/env bash
# End to end: the SENCO's graduated approach as README.md "Support plans,
# interventions and the provision map" tells a newcomer to run it, through
# the built sendcased and sendcasectl, with the exact figures checked.
SENDCASED=$1
SENDCASECTL=$2
RULES_DIR=$3
source "$(dirname "$0")/lib.sh"

DB="$WORK/support.db"
tok() { "$SENDCASED" issue-token --db="$DB" --subject="$1" --role="$2" --scope="$3"; }
export SENDCASE_TOKEN=$(tok e2e-admin ADMIN '*')
SENCO=$(tok senco SENCO setting:100001)
TEACHER=$(tok teacher CLASS_TEACHER setting:100001)
start_server "$DB" --rules="$RULES_DIR"
ctl() { "$SENDCASECTL" --token="$SENCO" "$@"; }
# top NAME: a top-level string field of the one JSON object on stdin.
top() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

P=$("$SENDCASECTL" --json pupils create --upn=B801200005001 --given-name=Ada \
  --family-name=Lovelace --birth-date=2016-02-29 --setting-urn=100001 --la-code=201 \
  | json_field name)
S=settings/100001

# 1. The catalogue.
I=$(ctl --json interventions add $S --title="Reading catch-up" \
  --area=COGNITION_AND_LEARNING --layer=TARGETED --delivered-by=TEACHING_ASSISTANT \
  --group-size=4 --sessions-per-week=3 --minutes=30 --cost-per-hour=1500 \
  --measure="reading age" --unit=months | top name)
[[ "$I" == $S/interventions/* ]] || fail "no intervention name: $I"
ctl interventions list $S | grep -q "Reading catch-up .* C&L .* TARGETED .* 3 x 30 min .* £15.00" \
  || fail "catalogue: $(ctl interventions list $S)"
echo "ok: the catalogue lists the intervention"

# 2. A plan, drafted and agreed: the journey's review clock is its date.
ctl plans create $P --review-date=2026-11-26 \
  --outcome="reading:COGNITION_AND_LEARNING:2027-07-16:Reads a Year 3 book aloud" \
  --parent-views="Reading at home is a struggle" >/dev/null
out=$("$SENDCASECTL" --token="$TEACHER" plans agree $P/supportPlans/1 --date=2026-09-10 \
  --participants=SENCO,PARENT 2>&1) && fail "a teacher agreed a plan: $out"
echo "$out" | grep -q "PERMISSION_DENIED" || fail "teacher: $out"
agreed=$(ctl plans agree $P/supportPlans/1 --date=2026-09-10 \
  --participants="SENCO, CLASS_TEACHER, PARENT" --pupil-took-part)
echo "$agreed" | grep -q "AGREED  review 2026-11-26" || fail "agree: $agreed"
J=$(ctl --json pupils get $P | json_field currentJourney)
ctl journeys get $J | grep -q "support.review .*2026-11-26" \
  || fail "journey: $(ctl journeys get $J)"
echo "ok: agreeing the plan set the journey's support.review clock to its date"

# 3. A place, ended with its exit measure.
PL=$(ctl --json places add $P --intervention=$I --start=2026-09-14 --planned=30 --entry=84 \
  --plan=$P/supportPlans/1 --outcomes=reading | json_field name)
ctl places update $PL --end=2026-11-20 --attended=28 --exit=91 \
  | grep -q "2026-09-14 to 2026-11-20  28/30 sessions  entry 84.0  exit 91.0" \
  || fail "place: $(ctl plans list $P)"
echo "ok: the place records attendance and entry and exit measures"

# 4. A referral with consent; 21 September + 6 weeks = 2 November.
R=$(ctl --json referrals add $P --agency=EDUCATIONAL_PSYCHOLOGY --service="Oakshire EP Service" \
  --reason="Little progress in reading" --consent-by=Mother --consent-date=2026-09-21 \
  --date=2026-09-21 | json_field name)
ctl plans list $P | grep -q "AWAITING_RESPONSE  answer due 2026-11-02" \
  || fail "referral: $(ctl plans list $P)"
out=$(ctl referrals add $P --agency=CAMHS --service=CAMHS --reason=Anxiety --date=2026-09-22 2>&1) \
  && fail "a referral without consent: $out"
echo "$out" | grep -q "INVALID_ARGUMENT: referral.consent: required" || fail "consent: $out"
ctl referrals answer $R --advice-date=2026-10-19 --summary="Phonological awareness daily" \
  --plan=$P/supportPlans/1 --outcomes=reading | grep -q "ADVICE_RECEIVED" || fail "answer"
echo "ok: a referral needs consent; its answer is recorded"

# 5. The review rates the outcome and opens cycle 2 with the next date.
ctl plans review $P/supportPlans/1 --date=2026-11-26 --next-review-date=2027-02-26 \
  --participants=SENCO,PARENT --rating=reading:1:"Reads with expression" \
  | grep -q "outcome reading .*(+1)" || fail "review"
ctl plans update $P/supportPlans/2 --strategies="Paired reading" >/dev/null
ctl plans agree $P/supportPlans/2 --date=2026-11-26 --participants=SENCO,PARENT >/dev/null
ctl journeys get $J | grep -q "support.review .*2027-02-26" || fail "next review clock"
echo "ok: the review moved the clock to the next cycle's date"

# 6. The history, the provision map and the effectiveness report.
history=$(ctl --json plans list $P)
echo "$history" | grep -q '"referrals"' || fail "export lacks referrals: $history"
echo "$history" | grep -q '"cycle":2' || fail "export lacks cycle 2: $history"
# 1 pupil, 1 group, 3 x 30 min = 1.5 staff hours a week; x 15 weeks x £15 = £337.50.
map=$(ctl reports provision-map $S --term-start=2026-09-03 --term-end=2026-12-18 --weeks=15)
echo "$map" | grep -q "Reading catch-up  C&L   TARGETED  1       1/0  1       1.5         £337.50    £337.50" \
  || fail "map: $map"
ctl reports provision-map $S --term-start=2026-09-03 --term-end=2026-12-18 --weeks=15 --csv \
  | grep -q ",Reading catch-up,COGNITION_AND_LEARNING,TARGETED,1,1,0,1,90,33750,33750" \
  || fail "map csv"
# 91 - 84 = 7 months; outcome rated +1; 28 x 30 min x £15 / 60 / 4 = £52.50.
eff=$(ctl reports effectiveness $S --from=2026-09-01 --to=2026-11-30)
echo "$eff" | grep -q "Reading catch-up  1      1         7.0          7.0     months  1/1           £52.50" \
  || fail "effectiveness: $eff"
echo "ok: the provision map and the effectiveness report, to the penny"

# 7. Early years (README "Early years"): a nursery child with no UPN yet,
# the Area SENCO's reach, and the under-5 review rhythm.
"$SENDCASECTL" settings add --urn=300001 --name="Little Acorns Nursery" --phase=EARLY_YEARS \
  --la-code=201 >/dev/null || fail "nursery"
N=$("$SENDCASECTL" --json pupils create --upn-unknown=UN1 --given-name=Ada --family-name=Byron \
  --birth-date="$(date -d "3 years ago" +%F)" --setting-urn=300001 --la-code=201 | top name)
"$SENDCASECTL" pupils get "$N" | grep -q "^upn: *none (UN1)$" || fail "reason: $("$SENDCASECTL" pupils get "$N")"
out=$("$SENDCASECTL" pupils create --given-name=Bo --family-name=Byron --birth-date="$(date -d "3 years ago" +%F)" \
  --setting-urn=300001 --la-code=201 2>&1) && fail "a child with neither UPN nor reason"
grep -q "INVALID_ARGUMENT: pupil.upn: required" <<<"$out" || fail "neither: $out"
out=$("$SENDCASECTL" pupils create --upn-unknown=UN4 --given-name=Bo --family-name=Byron \
  --birth-date="$(date -d "3 years ago" +%F)" --setting-urn=300001 --la-code=201 2>&1) && fail "UN4 accepted"
grep -q "upn-unknown: UN4 is not a census reason" <<<"$out" || fail "UN4: $out"
AREA=$(tok area-senco AREA_SENCO la:201)
listed=$("$SENDCASECTL" --token="$AREA" --json pupils list --all)
[ "$(wc -l <<<"$listed")" = 1 ] && grep -q "\"name\":\"$N\"" <<<"$listed" || fail "area senco sees: $listed"
out=$("$SENDCASECTL" --token="$AREA" pupils get "$P" 2>&1) && fail "area senco read a school pupil"
grep -q PERMISSION_DENIED <<<"$out" || fail "area senco: $out"
echo "ok: a nursery child with UPN unknown UN1, seen by the Area SENCO and not the school's"
NURSERY=$(tok nursery SENCO setting:300001)
met=$(date -d '7 days ago' +%F)
"$SENDCASECTL" --token="$NURSERY" plans create "$N" --review-date="$(date -d "$met +4 months" +%F)" \
  --outcome="talk:COMMUNICATION_AND_INTERACTION:$(date -d "6 months" +%F):Uses two-word phrases" >/dev/null
out=$("$SENDCASECTL" --token="$NURSERY" plans agree "$N/supportPlans/1" --date="$met" \
  --participants=SENCO,PARENT 2>&1) && fail "an under-5's review 4 months ahead was agreed"
grep -q "INVALID_ARGUMENT: support_plan.review_date: .* is more than 3 months after $met; for a child under 5" \
  <<<"$out" || fail "rhythm: $out"
"$SENDCASECTL" --token="$NURSERY" plans update "$N/supportPlans/1" \
  --review-date="$(date -d "$met +2 months" +%F)" >/dev/null || fail "plans update"
"$SENDCASECTL" --token="$NURSERY" plans agree "$N/supportPlans/1" --date="$met" \
  --participants=SENCO,PARENT >/dev/null || fail "2 months ahead refused"
echo "ok: an under-5's review is agreed at most 3 months ahead"
"$SENDCASECTL" pupils update "$N" --upn=P207000016049 | grep -q "^upn: *P207000016049$" \
  || fail "the UPN given later"
echo "ok: the UPN given later replaces the reason"

# 8. A pupil who moves to a school on another installation (README "When a
# pupil moves"): the history exported as JSON, imported there read-only,
# and the page to print.
ctl --json plans list "$P" >"$WORK/export.json"
out=$("$SENDCASECTL" --token="$NURSERY" plans import "$N" --file="$WORK/export.json" --from-setting=100001)
grep -q "^imported $N/importedHistories/.*: 2 plan cycle(s), 1 place(s), 1 referral(s)$" <<<"$out" \
  || fail "import: $out"
"$SENDCASECTL" --token="$NURSERY" plans list "$N" | grep -q "from an earlier setting (settings/100001), imported by nursery:" \
  || fail "imported history in the text"
"$SENDCASECTL" --token="$NURSERY" plans list "$N" --html >"$WORK/history.html"
grep -q "<h1>Plan history of $N</h1>" "$WORK/history.html" || fail "html title"
grep -q "<h2>From an earlier setting (URN 100001)</h2>" "$WORK/history.html" || fail "html import"
grep -q "<td>reading</td><td>cognition and learning</td>" "$WORK/history.html" || fail "html outcome"
echo '{"supportPlans":[{"cycle":1,"strategies":"x"}],"bogus":1}' >"$WORK/bad.json"
out=$("$SENDCASECTL" --token="$NURSERY" plans import "$N" --file="$WORK/bad.json" 2>&1) && fail "bad export imported"
grep -q "INVALID_ARGUMENT: --file: not a plan history export" <<<"$out" || fail "bad export: $out"
echo "ok: the history exported, imported on the new school's side and printed as HTML"
