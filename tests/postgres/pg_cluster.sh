#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 cluster for one test process: initdb
# into a fresh folder under /tmp (as the postgres user when run as root,
# since initdb refuses root), listening on a Unix socket in that folder
# only (no TCP port to collide with), durability off for speed (PG_DURABLE=1
# keeps PostgreSQL's defaults, fsync and synchronous commit: benchmarks).
# Prints
#   URI postgresql://postgres@/postgres?host=DIR&port=5432
# and returns; the cluster is stopped and its folder removed once WATCH_PID
# has exited, however it ended. On failure prints "ERROR ..." instead.
# Usage: pg_cluster.sh WATCH_PID
set -uo pipefail
WATCH=$1
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "ERROR no PostgreSQL 15 server in $PGBIN (deploy/deps.sh installs postgresql-15)"
  exit 1
fi
D=$(mktemp -d /tmp/sendcase-pg.XXXXXX)
chmod 755 "$D"
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else /bin/sh -c "$1"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$D"
stop() {
  run "$PGBIN/pg_ctl -D $D/data -m immediate -w stop" >/dev/null 2>&1
  rm -rf "$D"
}
if ! run "$PGBIN/initdb -D $D/data -U postgres --auth=trust -E UTF8 --locale=C --no-sync" >"$D/initdb.log" 2>&1; then
  echo "ERROR initdb failed: $(tail -n 3 "$D/initdb.log" | tr '\n' ' ')"
  stop
  exit 1
fi
OPTS="-k $D -p 5432 -c listen_addresses='' -c max_connections=60"
if [ "${PG_DURABLE:-0}" != 1 ]; then
  OPTS="$OPTS -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
if ! run "$PGBIN/pg_ctl -D $D/data -l $D/server.log -w -o \"$OPTS\" start" >/dev/null 2>&1; then
  echo "ERROR PostgreSQL did not start: $(tail -n 3 "$D/server.log" 2>/dev/null | tr '\n' ' ')"
  stop
  exit 1
fi
# The watcher outlives this script (the test may kill it) and holds none of
# its output, so the test's pipe closes when this script returns.
(
  trap '' TERM HUP INT
  while kill -0 "$WATCH" 2>/dev/null; do sleep 0.2; done
  stop
) </dev/null >/dev/null 2>&1 &
disown
echo "URI postgresql://postgres@/postgres?host=$D&port=5432"
