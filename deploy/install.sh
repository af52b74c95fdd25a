#!/usr/bin/env bash
# Installs a build (deploy/build.sh) as a systemd service:
#   /usr/local/bin/sendcased, sendcasectl
#   /usr/local/share/sendcase/{rules,web}, /usr/local/share/doc/sendcase/README.md
#   /etc/systemd/system/sendcased.service, sendcase-backup.{service,timer}
#   /etc/sendcase/sendcased.toml (only if there is none: yours is kept)
# Then: systemctl daemon-reload && systemctl enable --now sendcased
#       sendcase-backup.timer. DESTDIR=DIR installs under DIR instead of /
# (packaging, and the tests), PREFIX changes /usr/local, BUILD_DIR the
# build installed (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
BUILD=${BUILD_DIR:-build}
for f in "$BUILD/bin/sendcased" "$BUILD/bin/sendcasectl" "$BUILD/web/index.html"; do
  [ -e "$f" ] || { echo "install: $f missing: run deploy/build.sh first" >&2; exit 1; }
done
install -d "$DESTDIR$PREFIX/bin" "$DESTDIR$PREFIX/share/sendcase" \
  "$DESTDIR$PREFIX/share/doc/sendcase" "$DESTDIR/etc/systemd/system" \
  "$DESTDIR/etc/sendcase"
install -m 0755 "$BUILD/bin/sendcased" "$BUILD/bin/sendcasectl" "$DESTDIR$PREFIX/bin/"
rm -rf "$DESTDIR$PREFIX/share/sendcase/rules" "$DESTDIR$PREFIX/share/sendcase/web"
cp -r rules/definitions "$DESTDIR$PREFIX/share/sendcase/rules"
cp -r "$BUILD/web" "$DESTDIR$PREFIX/share/sendcase/web"
install -m 0644 README.md rules/REFERENCE.md "$DESTDIR$PREFIX/share/doc/sendcase/"
for unit in sendcased.service sendcase-backup.service sendcase-backup.timer; do
  sed "s|/usr/local|$PREFIX|g" "deploy/systemd/$unit" >"$DESTDIR/etc/systemd/system/$unit"
  chmod 0644 "$DESTDIR/etc/systemd/system/$unit"
done
if [ ! -e "$DESTDIR/etc/sendcase/sendcased.toml" ]; then
  sed "s|/usr/local|$PREFIX|g" deploy/sendcased.toml >"$DESTDIR/etc/sendcase/sendcased.toml"
  chmod 0644 "$DESTDIR/etc/sendcase/sendcased.toml"
  echo "install: wrote /etc/sendcase/sendcased.toml: set public-url, then start"
fi
echo "install: done; systemctl daemon-reload && systemctl enable --now sendcased sendcase-backup.timer"
