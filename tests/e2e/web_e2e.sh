#!/usr/bin/env bash
# End to end in a real browser: sendcased serving the web app (--web-root)
# over a demo data set, driven by tests/browser/web_test.mjs in Debian's
# headless Chromium. Screenshots of every page go to SHOTS.
# Usage: web_e2e.sh SENDCASED SENDCASECTL RULES SMTP_SINK WEB_ROOT WEB_MODULES SHOTS
SENDCASED=$1
SENDCASECTL=$2
SINK=$4
WEB_ROOT=$5
WEB_MODULES=$6
SHOTS=$7
source "$(dirname "$0")/lib.sh"
[ -f "$WEB_ROOT/index.html" ] || fail "no web app in $WEB_ROOT (clients/web/build.sh)"
[ -d "$WEB_MODULES/node_modules/playwright-core" ] || fail "no playwright-core in $WEB_MODULES"

# A real SMTP server on loopback for the e-mailed sign-in links; it writes
# each message to MAIL before it answers.
export MAIL="$WORK/mail"
mkdir -p "$MAIL"
fifo="$WORK/sink.fifo"
mkfifo "$fifo"
/usr/bin/python3 "$SINK" "$MAIL" >"$fifo" &
SINK_PID=$!
exec 4<"$fifo"
rm -f "$fifo"
read -r -t 20 -u 4 line || fail "SMTP sink did not start"
SMTP_PORT=${line#PORT }
cat <&4 >/dev/null &  # its "MAIL" lines: drained, so it never blocks on them
trap 'kill -9 "$SINK_PID" 2>/dev/null; cleanup' EXIT

DB="$WORK/web.db"
tok() { "$SENDCASED" issue-token --db="$DB" --subject="$1" --role="$2" --scope="$3" 2>/dev/null; }
export SENDCASE_TOKEN=$(tok e2e-admin ADMIN '*')
start_server "$DB" --http-listen=127.0.0.1:0 --web-root="$WEB_ROOT" \
  --smtp-url="smtp://127.0.0.1:$SMTP_PORT" --smtp-from=sendcase@la.example
line=$(server_line "http on ") || fail "no http listener"
export BASE="http://${line#*http on }"

"$SENDCASECTL" demo seed --pupils=150 >/dev/null || fail "demo seed"
create() {
  "$SENDCASECTL" --json pupils create --upn="$1" --given-name=Web --family-name="$2" \
    --birth-date=2016-05-01 --setting-urn="$3" --la-code=201 | json_field name
}
export OWN_PUPIL=$(create V801200009001 Own 100001)
export FOREIGN_PUPIL=$(create J801200009002 Foreign 100002)
export CONCERN_PUPIL=$(create Y801200009003 Concern 100001)
[ -n "$OWN_PUPIL" ] && [ -n "$FOREIGN_PUPIL" ] && [ -n "$CONCERN_PUPIL" ] || fail "pupils"

# Two contacts at the school: the SENCO vouched for by the ADMIN (may sign
# in by e-mail), the head only a reminder address (may not).
"$SENDCASECTL" contacts add --role=SENCO --scope=setting:100001 \
  --email=web.senco@school.example --sign-in >/dev/null || fail "contact"
"$SENDCASECTL" contacts add --role=HEADTEACHER --scope=setting:100001 \
  --email=web.head@school.example >/dev/null || fail "contact"

export TOKEN_SENCO=$(tok web.senco SENCO setting:100001)
export TOKEN_OFFICER=$(tok ann.officer LA_CASE_OFFICER la:201)
export TOKEN_TRUST=$(tok oak TRUST trust:oak-trust)
export TOKEN_PARENT=$(tok concern.family PARENT "pupil:${CONCERN_PUPIL#pupils/}")
# The request's date: 57 days ago in England (the server's day), so that
# its 6-week decision has passed and its 20-week plan has not.
export RECEIVED=$(TZ=Europe/London date -d "57 days ago" +%F)
export SHOTS WEB_MODULES
node "$(dirname "$0")/../browser/web_test.mjs" || fail "browser test"
# The session the link made was signed out: its token is revoked.
"$SENDCASED" list-tokens --db="$DB" 2>/dev/null | grep 'web.senco@school.example' >"$WORK/link-tokens"
[ "$(wc -l <"$WORK/link-tokens")" = 1 ] || fail "one token for the link's session: $(cat "$WORK/link-tokens")"
[ "$(awk '{print $NF}' "$WORK/link-tokens")" != "-" ] || fail "the link's token outlived sign-out: $(cat "$WORK/link-tokens")"
echo "screenshots: $SHOTS"
echo "PASS"
