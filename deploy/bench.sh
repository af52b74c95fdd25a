#!/usr/bin/env bash
# Benchmarks sendcase against the ceilings of this machine and a peer, in
# one run, and writes a markdown report to stdout and build/bench/report.md:
#   1. load_gen: RecordEvent, GetJourney, ListTasks at 1, 8, 32 in flight
#      against a real sendcased, and a bare gRPC echo server (the ceiling);
#   2. raw SQLite commits with sendcased's own pragmas (the storage ceiling);
#      RecordEvent on PostgreSQL 15 with one and two replicas, beside
#      pgbench's commits (PostgreSQL's ceiling);
#   3. rule evaluation over a full journey (Google Benchmark) against
#      json-rules-engine (npm) on the same rules and journey;
#   4. a million pending clocks, 100,000 overdue, the real server started;
#   5. every work view over 10,000 demo pupils, and GetPupil beside them;
#   6. what a person waits for: seeding the demo pupils, importing a roll of
#      10,000 rows.
# Targets are reported, not asserted; the script fails only if a benchmark
# cannot run or timers fire other than exactly once. Run after
# deploy/test.sh (it reuses build/); it prints how long it took.
#
# Knobs: BENCH_BASE (the commit whose sendcased gives section 1's "before"
# column, be860fa: where issue 17's storage seam started; "" skips it),
# BENCH_SECONDS (measured seconds per level, 5), BENCH_CLOCKS
# (1000000), BENCH_OVERDUE (100000), BENCH_VIEW_PUPILS (10000), BENCH_ROLL_ROWS
# (10000).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${BENCH_SECONDS:-5}
CLOCKS=${BENCH_CLOCKS:-1000000}
OVERDUE=${BENCH_OVERDUE:-100000}
export BENCH_VIEW_PUPILS=${BENCH_VIEW_PUPILS:-10000}
VIEW_PUPILS=$BENCH_VIEW_PUPILS
ROLL_ROWS=${BENCH_ROLL_ROWS:-10000}

deploy/deps.sh >&2
# The peer runs on Node.js. Use the machine's if it has one (this kind ships
# Node.js 20 with npm); otherwise Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y \
    --no-install-recommends nodejs npm >&2
fi
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
cmake --build build --target sendcase_benchmarks -- -j "$(nproc)" >&2
# The "before" server: sendcased and its rules from BENCH_BASE, built once
# into build/before (about 5 minutes on 2 cores) and kept while the commit
# is the same.
BASE=${BENCH_BASE-be860fa}
if [ -n "$BASE" ] && git cat-file -e "$BASE^{commit}" 2>/dev/null; then
  if [ "$(cat build/before/commit 2>/dev/null)" != "$BASE" ]; then
    echo "bench: building sendcased at $BASE for the before column" >&2
    rm -rf build/before build/before-src
    mkdir -p build/before-src
    git archive "$BASE" | tar -x -C build/before-src
    cmake -S build/before-src -B build/before -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build build/before --target sendcased -- -j "$(nproc)" >&2
    echo "$BASE" >build/before/commit
  fi
else
  [ -n "$BASE" ] && echo "bench: commit $BASE not in this clone; no before column" >&2
  BASE=""
fi

OUT=build/bench
RUN=$OUT/run
rm -rf "$RUN"
mkdir -p "$RUN"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
step() { echo "bench: $*" >&2; }

# Starts "$@" in the background with stdout to $RUN/$1.out; waits for its
# "listening on HOST:PORT" line and sets PORT.
start_listening() {
  local name log
  name=$(basename "$1"); log="$RUN/$name.out"
  "$@" >"$log" 2>"$RUN/$name.err" &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$log")
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  echo "bench: $name did not start: $(cat "$RUN/$name.err")" >&2
  exit 1
}

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  echo "- CPU: $(awk -F": " '/^model name/ {n=$2} /^cpu family/ {f=$2} /^model\t/ {m=$2} /^cpu MHz/ {h=$2} END {printf "%s (family %s, model %s, %.0f MHz)", n, f, m, h}' /proc/cpuinfo), $(nproc) cores"
  echo "- Memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "- Kernel: $(uname -r); file system of build/: $(df -T build | awk 'NR==2 {print $2}')"
  echo "- Settings: ${SECS} s measured per level after 1 s warm-up; calls spread over 1024 journeys"
} >"$RUN/machine.txt"

step "gRPC ceiling: echo_server"
start_listening build/bench/echo_server
build/bench/load_gen --target="127.0.0.1:$PORT" --ops=echo --in_flight=1,8,32 --server_pid="${PIDS[-1]}" \
  --seconds="$SECS" >"$RUN/load.tsv"
kill "${PIDS[-1]}"

step "sendcase: RecordEvent, GetJourney, ListTasks"
DB="$RUN/sendcase.db"
TOKEN=$(build/bin/sendcased issue-token --db="$DB" --subject=bench --role=ADMIN --scope='*' 2>/dev/null)
start_listening build/bin/sendcased --listen=127.0.0.1:0 --db="$DB" --rules=rules/definitions
# Reads first, on journeys with one review clock each; then the writes.
build/bench/load_gen --target="127.0.0.1:$PORT" --token="$TOKEN" \
  --ops=get_journey,list_tasks,record_event --in_flight=1,8,32 \
  --seconds="$SECS" --server_pid="${PIDS[-1]}" >>"$RUN/load.tsv"
kill "${PIDS[-1]}"
if [ -n "$BASE" ]; then
  step "before: the same calls against sendcased at $BASE"
  BDB="$RUN/before.db"
  TOKEN=$(build/before/bin/sendcased issue-token --db="$BDB" --subject=bench --role=ADMIN --scope='*' 2>/dev/null)
  start_listening build/before/bin/sendcased --listen=127.0.0.1:0 --db="$BDB" \
    --rules=build/before-src/rules/definitions
  # The same calls in the same order as above, so that both servers meet
  # the same database history.
  build/bench/load_gen --target="127.0.0.1:$PORT" --token="$TOKEN" \
    --ops=get_journey,list_tasks,record_event --in_flight=1,8,32 \
    --seconds="$SECS" --server_pid="${PIDS[-1]}" \
    | sed 's/^RESULT\t\([a-z_]*\)\t/RESULT\t\1_before\t/' >>"$RUN/load.tsv"
  kill "${PIDS[-1]}"
  git rev-parse --short "$BASE" >"$RUN/before_commit.txt"
fi

# The same writes on PostgreSQL 15 (a throw-away cluster with fsync and
# synchronous commit on, as SQLite's synchronous=FULL): one sendcased, then
# two replicas on a database of their own with calls alternating between
# them; and PostgreSQL's own ceiling on this machine, pgbench committing one
# small row per transaction from 32 clients.
step "PostgreSQL: RecordEvent with one and two replicas, pgbench ceiling"
line=$(PG_DURABLE=1 bash tests/postgres/pg_cluster.sh $$)
case "$line" in URI*) PGURI=${line#URI } ;; *) echo "bench: $line" >&2; exit 1 ;; esac
pg_db() {  # pg_db NAME: a new database (C collation) on the cluster; its URI
  psql -q -d "$PGURI" -c "CREATE DATABASE $1 TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" >&2
  echo "${PGURI/\/postgres\?//$1?}"
}
P1=$(pg_db bench1)
TOKEN=$(build/bin/sendcased issue-token --db="$P1" --subject=bench --role=ADMIN --scope='*' 2>/dev/null)
start_listening build/bin/sendcased --listen=127.0.0.1:0 --db="$P1" --rules=rules/definitions
build/bench/load_gen --target="127.0.0.1:$PORT" --token="$TOKEN" --ops=record_event \
  --in_flight=1,8,32 --seconds="$SECS" --server_pid="${PIDS[-1]}" \
  | sed 's/^RESULT\trecord_event\t/RESULT\trecord_event_pg1\t/' >>"$RUN/load.tsv"
kill "${PIDS[-1]}"
P2=$(pg_db bench2)
TOKEN=$(build/bin/sendcased issue-token --db="$P2" --subject=bench --role=ADMIN --scope='*' 2>/dev/null)
start_listening build/bin/sendcased --listen=127.0.0.1:0 --db="$P2" --rules=rules/definitions
R1=$PORT
start_listening build/bin/sendcased --listen=127.0.0.1:0 --db="$P2" --rules=rules/definitions
build/bench/load_gen --target="127.0.0.1:$R1,127.0.0.1:$PORT" --token="$TOKEN" \
  --ops=record_event --in_flight=1,8,32 --seconds="$SECS" \
  | sed 's/^RESULT\trecord_event\t/RESULT\trecord_event_pg2\t/' >>"$RUN/load.tsv"
kill "${PIDS[-1]}" "${PIDS[-2]}"
P3=$(pg_db ceiling)
psql -q -d "$P3" -c "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, v TEXT)" >&2
echo "INSERT INTO t (v) VALUES ('x');" >"$RUN/pgbench.sql"
/usr/lib/postgresql/15/bin/pgbench -n -c 32 -j 2 -T "$SECS" -f "$RUN/pgbench.sql" "$P3" \
  >"$RUN/pgbench.out" 2>&1 || { cat "$RUN/pgbench.out" >&2; exit 1; }
sed -n 's/^tps = \([0-9.]*\).*/PGBENCH\t\1/p' "$RUN/pgbench.out" >"$RUN/pgbench.tsv"

# Where the server's CPU goes at 32 RecordEvents in flight: perf (cpu-clock
# samples with call graphs) on a fresh server, for the report's profile
# section. Skipped, and said so, where perf is missing or not permitted.
step "profile: RecordEvent at 32 in flight under perf"
if command -v perf >/dev/null 2>&1; then
  PDB="$RUN/profile.db"
  TOKEN=$(build/bin/sendcased issue-token --db="$PDB" --subject=bench --role=ADMIN --scope='*' 2>/dev/null)
  start_listening build/bin/sendcased --listen=127.0.0.1:0 --db="$PDB" --rules=rules/definitions
  build/bench/load_gen --target="127.0.0.1:$PORT" --token="$TOKEN" \
    --ops=record_event --in_flight=32 --warmup_seconds=2 --seconds=6 \
    >"$RUN/profile_load.tsv" &
  LOAD=$!
  sleep 3  # into the measured interval
  perf record -e cpu-clock -g -p "${PIDS[-1]}" -o "$RUN/perf.data" -- sleep 4 \
    >/dev/null 2>"$RUN/perf.err" || true
  wait "$LOAD"
  kill "${PIDS[-1]}"
  if [ -s "$RUN/perf.data" ]; then
    perf report -i "$RUN/perf.data" --stdio --no-children --sort dso -g none \
      2>/dev/null | grep '%' >"$RUN/profile_dso.txt" || true
    perf report -i "$RUN/perf.data" --stdio --children --sort sym -g none \
      2>/dev/null | grep '%' >"$RUN/profile_sym.txt" || true
  fi
else
  echo "perf is not installed" >"$RUN/perf.err"
fi

step "storage ceiling: raw SQLite commits"
build/bench/sqlite_commit_bench --db="$RUN/commits.db" --seconds="$SECS" >>"$RUN/load.tsv"

step "rules: sendcase (Google Benchmark) and json-rules-engine"
JOURNEY=tests/benchmarks/full_journey.textproto
build/bench/rules_bench --rules_dir=rules/definitions --journey="$JOURNEY" \
  --benchmark_min_time=2 --benchmark_format=json >"$RUN/rules_bench.json"
build/bench/rules_bench --rules_dir=rules/definitions --journey="$JOURNEY" \
  --dump_dir="$RUN"
mkdir -p "$OUT/peer"
cp tests/benchmarks/package.json tests/benchmarks/package-lock.json "$OUT/peer/"
# The peer comes from the npm registry; without it the report says so and
# the rest still runs.
if (cd "$OUT/peer" && npm ci --no-audit --no-fund --loglevel=error >&2); then
  NODE_PATH="$OUT/peer/node_modules" node tests/benchmarks/json_rules_engine_bench.js \
    "$RUN" "$SECS" >"$RUN/peer.tsv"
else
  echo "bench: npm could not install json-rules-engine; no peer figures" >&2
  echo "npm ci failed: json-rules-engine not installed" >"$RUN/peer_missing.txt"
fi

step "work views: $VIEW_PUPILS demo pupils"
VDB="$RUN/views.db"
TOKEN=$(build/bin/sendcased issue-token --db="$VDB" --subject=bench --role=ADMIN --scope='*' 2>/dev/null)
start_listening build/bin/sendcased --listen=127.0.0.1:0 --db="$VDB" --rules=rules/definitions
# The seed's summary goes to the log; its progress to a file, shown only
# if it fails.
started=$SECONDS
build/bin/sendcasectl --server="127.0.0.1:$PORT" --token="$TOKEN" demo seed \
  --pupils="$VIEW_PUPILS" >&2 2>"$RUN/seed.err" || { cat "$RUN/seed.err" >&2; exit 1; }
printf 'TIMER\tdemo_seed_pupils\t%s\nTIMER\tdemo_seed_seconds\t%s\n' \
  "$VIEW_PUPILS" "$((SECONDS - started))" >>"$RUN/operations.tsv"
build/bench/view_bench --target="127.0.0.1:$PORT" --token="$TOKEN" >"$RUN/views.tsv"

step "roll import: $ROLL_ROWS rows of a SIMS-style export"
# UPNs with their check letters (rules/REFERENCE.md §5.3), display-text values.
/usr/bin/python3 - "$ROLL_ROWS" >"$RUN/roll.csv" <<'PYEOF'
import sys
letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
print("Adno,UPN,Legal Surname,Legal Forename,Date of Birth,Year,SEN Status,Primary Need")
for n in range(int(sys.argv[1])):
    body = "9990%08d" % n
    check = letters[sum(int(c) * (i + 2) for i, c in enumerate(body)) % 23]
    print(f"{n},{check}{body},Surname{n},Forename{n},01/09/2015,Year 4,"
          f"K - SEN Support,Autistic Spectrum Disorder")
PYEOF
build/bin/sendcasectl --server="127.0.0.1:$PORT" --token="$TOKEN" settings add \
  --urn=999001 --name="Bench Primary" --phase=PRIMARY --la-code=999 >/dev/null
started=$SECONDS
build/bin/sendcasectl --server="127.0.0.1:$PORT" --token="$TOKEN" import roll \
  "$RUN/roll.csv" --setting=999001 >"$RUN/roll.out" 2>"$RUN/roll.err" \
  || { cat "$RUN/roll.out" "$RUN/roll.err" >&2; exit 1; }
printf 'TIMER\troll_rows\t%s\nTIMER\troll_seconds\t%s\n' \
  "$ROLL_ROWS" "$((SECONDS - started))" >>"$RUN/operations.tsv"
grep -q "$ROLL_ROWS pupils: $ROLL_ROWS created" "$RUN/roll.out" \
  || { echo "bench: roll import: $(cat "$RUN/roll.out")" >&2; exit 1; }
kill "${PIDS[-1]}"
rm -f "$RUN"/views.db*

step "timers: $CLOCKS clocks, $OVERDUE overdue"
build/bench/timer_scale --sendcased=build/bin/sendcased --rules_dir=rules/definitions \
  --db="$RUN/timers.db" --clocks="$CLOCKS" --overdue="$OVERDUE" >"$RUN/timers.tsv"
rm -f "$RUN"/timers.db*  # half a gigabyte

/usr/bin/python3 tests/benchmarks/report.py "$RUN" | tee "$OUT/report.md"
echo "bench.sh: $SECONDS s" >&2
