#!/usr/bin/env bash
# End to end: sendcased with TLS, then with required client certificates
# (mTLS), using certificates this script makes with openssl.
SENDCASED=$1
SENDCASECTL=$2
source "$(dirname "$0")/lib.sh"

# A CA, a server certificate for 127.0.0.1, a client certificate signed by
# the CA, and one signed by a stranger.
C="$WORK/certs"
mkdir -p "$C"
mkcert() {  # mkcert NAME CN SIGNER [EXTFILE]
  openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$C/$1.key" \
    -out "$C/$1.csr" 2>/dev/null
  openssl x509 -req -in "$C/$1.csr" -CA "$C/$3.crt" -CAkey "$C/$3.key" \
    -CAcreateserial -days 2 ${4:+-extfile "$4"} -out "$C/$1.crt" 2>/dev/null
}
for ca in ca stranger; do
  openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=test $ca" -days 2 \
    -keyout "$C/$ca.key" -out "$C/$ca.crt" 2>/dev/null
done
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$C/server.ext"
mkcert server localhost ca "$C/server.ext"
mkcert client trust-bridge ca
mkcert rogue rogue stranger

DB="$WORK/sendcase.db"
export SENDCASE_TOKEN=$("$SENDCASED" issue-token --db="$DB" --subject=tls --role=ADMIN --scope='*' 2>/dev/null)

# TLS: the CA-verified client works; plaintext and an untrusting client fail.
start_server "$DB" --tls-cert="$C/server.crt" --tls-key="$C/server.key" --http-listen=127.0.0.1:0
server_line "TLS" >/dev/null || fail "server did not report TLS"
# The JSON API speaks TLS with the same certificate.
http=$(server_line "http on ") || fail "no http listener"
HTTP_ADDR=${http#*http on }
fetch() {  # fetch SCHEME CAFILE: prints the HTTP status of GET /api/v1/pupils, or "refused"
  /usr/bin/python3 - "$1://$HTTP_ADDR/api/v1/pupils" "$2" "$SENDCASE_TOKEN" <<'PY'
import ssl, sys, urllib.request, urllib.error
url, ca, token = sys.argv[1:4]
ctx = ssl.create_default_context(cafile=ca) if url.startswith("https") else None
req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
try:
    print(urllib.request.urlopen(req, context=ctx, timeout=5).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print("refused")
PY
}
[ "$(fetch https "$C/ca.crt")" = 200 ] || fail "https with the CA: $(fetch https "$C/ca.crt")"
[ "$(fetch http "")" = refused ] || fail "plain http served on the TLS listener"
[ "$(fetch https "$C/stranger.crt")" = refused ] || fail "https accepted by an untrusting client"
cookie=$(/usr/bin/python3 - "https://$HTTP_ADDR/api/v1/session" "$C/ca.crt" "$SENDCASE_TOKEN" <<'PY'
import json, ssl, sys, urllib.request
url, ca, token = sys.argv[1:4]
req = urllib.request.Request(url, data=json.dumps({"token": token}).encode(), method="POST",
                             headers={"Content-Type": "application/json"})
res = urllib.request.urlopen(req, context=ssl.create_default_context(cafile=ca), timeout=5)
print(res.headers["Set-Cookie"])
PY
)
grep -Eq "^__Host-sendcase_session=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$" <<<"$cookie" \
  || fail "session cookie under TLS: $cookie"
echo "ok: the JSON API over TLS, its session cookie Secure and __Host-"
"$SENDCASECTL" --tls-ca="$C/ca.crt" pupils list >/dev/null || fail "TLS client refused"
"$SENDCASECTL" --timeout=5 pupils list 2>"$WORK/err" && fail "plaintext client served over TLS"
grep -q "UNAVAILABLE" "$WORK/err" || fail "plaintext: $(cat "$WORK/err")"
"$SENDCASECTL" --timeout=5 --tls-ca="$C/stranger.crt" pupils list 2>"$WORK/err" \
  && fail "client accepted a server its CA did not sign"
echo "ok: TLS"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""

# mTLS: only a client certificate signed by the client CA gets in.
start_server "$DB" --tls-cert="$C/server.crt" --tls-key="$C/server.key" \
  --tls-client-ca="$C/ca.crt"
server_line "client certificates" >/dev/null || fail "server did not report mTLS"
"$SENDCASECTL" --tls-ca="$C/ca.crt" --tls-cert="$C/client.crt" --tls-key="$C/client.key" \
  pupils list >/dev/null || fail "mTLS client refused"
"$SENDCASECTL" --timeout=5 --tls-ca="$C/ca.crt" pupils list 2>"$WORK/err" \
  && fail "client without a certificate accepted"
grep -q "UNAVAILABLE" "$WORK/err" || fail "no client certificate: $(cat "$WORK/err")"
"$SENDCASECTL" --timeout=5 --tls-ca="$C/ca.crt" --tls-cert="$C/rogue.crt" --tls-key="$C/rogue.key" \
  pupils list 2>"$WORK/err" && fail "client certificate from another CA accepted"
echo "ok: mTLS"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""

# A bad flag combination is refused before serving, naming the flag.
"$SENDCASED" --listen=127.0.0.1:0 --db="$DB" --tls-cert="$C/server.crt" 2>"$WORK/err" \
  && fail "server started with a certificate but no key"
grep -q -- "--tls-key" "$WORK/err" || fail "bad flags: $(cat "$WORK/err")"
"$SENDCASECTL" --tls-ca="$WORK/missing.pem" pupils list 2>"$WORK/err" && fail "missing CA file"
grep -q -- "--tls-ca: cannot read" "$WORK/err" || fail "missing CA: $(cat "$WORK/err")"
echo "PASS"
