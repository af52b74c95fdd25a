#!/usr/bin/env bash
# The deployment files, checked with the tools that will run them:
# deploy/install.sh into a scratch root; the systemd units through
# `systemd-analyze verify` and its offline security review (the service's
# exposure must rate OK); both example config files through sendcased
# --print-config; the container's package list against the libraries the
# built binaries link; and, where a container engine runs, the image built
# and started as its unprivileged user.
# Usage: deploy_e2e.sh SENDCASED SENDCASECTL RULES SMTP_SINK BUILD_DIR
SENDCASED=$1
SENDCASECTL=$2
BUILD_DIR=$5
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# install.sh into a scratch root.
DESTDIR="$WORK/root" BUILD_DIR="$BUILD_DIR" "$ROOT/deploy/install.sh" >"$WORK/install.out" \
  || fail "install: $(cat "$WORK/install.out")"
for f in usr/local/bin/sendcased usr/local/bin/sendcasectl usr/local/share/sendcase/web/index.html \
         usr/local/share/sendcase/rules etc/sendcase/sendcased.toml \
         etc/systemd/system/sendcased.service etc/systemd/system/sendcase-backup.timer; do
  [ -e "$WORK/root/$f" ] || fail "install.sh did not install /$f"
done
echo "local edit" >>"$WORK/root/etc/sendcase/sendcased.toml"
DESTDIR="$WORK/root" BUILD_DIR="$BUILD_DIR" "$ROOT/deploy/install.sh" >/dev/null
tail -1 "$WORK/root/etc/sendcase/sendcased.toml" | grep -q "local edit" \
  || fail "a second install overwrote /etc/sendcase/sendcased.toml"
echo "ok: install.sh lays out binaries, rules, web app, units and config, and keeps an edited config"

# The example settings are valid, and say what they say.
for config in "$ROOT/deploy/sendcased.toml" "$ROOT/deploy/container/sendcased.toml"; do
  "$SENDCASED" --config="$config" --print-config >"$WORK/effective.toml" 2>&1 \
    || fail "$config: $(cat "$WORK/effective.toml")"
  grep -q '^db = "/var/lib/sendcase/sendcase.db"  # '"$config"'$' "$WORK/effective.toml" \
    || fail "$config: db not from the file: $(cat "$WORK/effective.toml")"
done
"$SENDCASED" --config="$ROOT/deploy/sendcased.toml" --log-level=warning --print-config \
  | grep -q '^log-level = "warning"  # command line$' || fail "a flag did not override the file"
echo "ok: both example config files load; a flag overrides the file"

# systemd: the units as systemd itself reads them (ExecStart pointed at the
# scratch root's binary, which verify requires to exist).
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$WORK/units"
  for unit in sendcased.service sendcase-backup.service sendcase-backup.timer; do
    sed "s|/usr/local/bin/sendcased|$WORK/root/usr/local/bin/sendcased|" \
      "$ROOT/deploy/systemd/$unit" >"$WORK/units/$unit"
  done
  (cd "$WORK/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify \
      ./sendcased.service ./sendcase-backup.service ./sendcase-backup.timer) \
    >"$WORK/verify.out" 2>&1 || fail "systemd-analyze verify: $(cat "$WORK/verify.out")"
  # Only complaints about this machine (no network-online target in a
  # container) may remain; none about the units.
  if grep -v -e "network-online.target" -e "^$" "$WORK/verify.out" | grep -q .; then
    fail "systemd-analyze verify: $(cat "$WORK/verify.out")"
  fi
  systemd-analyze security --offline=true --no-pager "$WORK/units/sendcased.service" \
    >"$WORK/security.out" 2>&1 || true
  rating=$(sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p' "$WORK/security.out")
  case "$rating" in
    *" OK") echo "ok: systemd-analyze verify passes; security exposure $rating" ;;
    *) fail "sendcased.service exposure '$rating': $(tail -5 "$WORK/security.out")" ;;
  esac
else
  echo "skipped: no systemd-analyze on this machine"
fi

# The container installs a package for every library the binaries link:
# each one ldd finds comes from a package the Containerfile installs, or
# one those depend on, or debian:12-slim's own.
listed=$(sed -n '/apt-get install/,/rm -rf/p' "$ROOT/deploy/container/Containerfile" \
  | tr ' \\' '\n\n' | grep -E '^(lib|ca-|tzdata)' | sort -u)
deps=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances $listed 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)
base="libc6 libgcc-s1 libstdc++6 zlib1g libzstd1 liblzma5 libbz2-1.0 libselinux1 libpcre2-8-0 libcrypt1 libgmp10 libffi8 libtinfo6 libsystemd0 libcap2 libgcrypt20 libgpg-error0 liblz4-1 libacl1 libattr1"
# One dpkg -S for every library (it reads all of dpkg's file lists each
# time), under both the name ldd gives and the real path (merged /usr).
libs=$(ldd "$SENDCASED" "$SENDCASECTL" | awk '/=> \// {print $3}' | sort -u)
paths=$(for lib in $libs; do echo "$lib"; readlink -f "$lib"; done | sort -u)
owners=$(dpkg -S $paths 2>/dev/null || true)
for lib in $libs; do
  # A sanitized build (deploy/sanitize.sh) links its sanitizers' runtimes:
  # part of that build, never of an image.
  case "$(basename "$lib")" in libasan.* | libubsan.* | liblsan.* | libtsan.*) continue ;; esac
  real=$(readlink -f "$lib")
  pkg=$(awk -v a="$lib" -v b="$real" '$2 == a || $2 == b {sub(/:.*/, "", $1); print $1; exit}' <<<"$owners")
  [ -n "$pkg" ] || fail "no Debian package holds $lib"
  case " $base " in *" $pkg "*) continue ;; esac
  grep -qx "$pkg" <<<"$deps" || fail "the binaries link $lib from $pkg, which the Containerfile does not install"
done
echo "ok: the Containerfile installs every library sendcased and sendcasectl link"

# Built and run where a container engine runs (CI machines may have none).
engine=""
for e in docker podman; do
  if command -v "$e" >/dev/null && timeout 10 "$e" info >/dev/null 2>&1; then engine=$e; break; fi
done
if [ -z "$engine" ]; then
  echo "skipped: no container engine running here (docker or podman): the image was not built"
  exit 0
fi
ctx="$WORK/context"
mkdir -p "$ctx/build/bin" "$ctx/rules" "$ctx/deploy"
cp "$SENDCASED" "$SENDCASECTL" "$ctx/build/bin/"
cp -r "$BUILD_DIR/web" "$ctx/build/web"
cp -r "$ROOT/rules/definitions" "$ctx/rules/"
cp -r "$ROOT/deploy/container" "$ctx/deploy/"
tag="sendcase-test:$$"
"$engine" build -q -f "$ctx/deploy/container/Containerfile" -t "$tag" "$ctx" >/dev/null \
  || fail "$engine build failed"
user=$("$engine" run --rm --entrypoint id "$tag" -u)
expect_eq "the container's user id (not root)" 10001 "$user"
"$engine" run --rm "$tag" --print-config | grep -q '^listen = "0.0.0.0:50051"' \
  || fail "the container's settings"
"$engine" rmi -f "$tag" >/dev/null
echo "ok: $engine built the image; it runs sendcased as uid 10001 with its settings"
