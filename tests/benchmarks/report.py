#!/usr/bin/env python3
"""Writes deploy/bench.sh's markdown report from one run's raw outputs.

    report.py RUN_DIR

RUN_DIR holds what bench.sh collected: load.tsv (RESULT lines of load_gen
and sqlite_commit_bench), rules_bench.json (Google Benchmark), peer.tsv
(the json-rules-engine PEER line), timers.tsv (TIMER lines), operations.tsv
(TIMER lines: demo seed and roll import) and machine.txt.
Every sendcase figure is printed beside its ceiling from the same run; the
targets of issue #9 are reported, never asserted.
"""
import os
import json
import pathlib
import sys

run = pathlib.Path(sys.argv[1])


def lines(name, tag):
    path = run / name
    if not path.exists():
        return []
    return [l.rstrip("\n").split("\t")[1:] for l in path.open()
            if l.startswith(tag + "\t")]


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


load = {}
for f in lines("load.tsv", "RESULT"):
    op, in_flight = f[0], int(f[1])
    load[(op, in_flight)] = {
        "calls": int(f[2]), "errors": int(f[3]), "throughput": float(f[5]),
        "p50": float(f[6]), "p99": float(f[7]), "cpu": float(f[8]),
        "error": f[9] if len(f) > 9 else ""}
VIEW_PUPILS = f"{int(os.environ.get('BENCH_VIEW_PUPILS', '10000')):,}"
timers = {f[0]: f[1] for f in lines("timers.tsv", "TIMER")}
peer = lines("peer.tsv", "PEER")
rules = None
if (run / "rules_bench.json").exists():
    for b in json.loads((run / "rules_bench.json").read_text())["benchmarks"]:
        if b["name"] == "BM_FullJourney":
            rules = b

out = []
say = out.append
say("# sendcase benchmark report\n")
say((run / "machine.txt").read_text().strip() + "\n")

say("## 1. gRPC calls against the bare-gRPC ceiling\n")
say("Closed loop, one client thread (`load_gen`), loopback, plaintext. "
    "The ceiling is `echo_server`: the same gRPC server settings with no "
    "authentication, storage or audit. RecordEvent is durable (acknowledged "
    "after its commit, `synchronous=FULL`).\n")
say("Server CPU is the server process's user and system time (every "
    "thread) over the measured interval, from its `/proc/PID/stat`, per "
    "call.\n")
say("| call | in flight | calls/s | p50 ms | p99 ms | server CPU ms/call | "
    "echo calls/s | of echo | errors |")
say("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
levels = sorted({k[1] for k in load if k[0] == "echo"})
for op, label in [("echo", "Echo (ceiling)"), ("record_event", "RecordEvent"),
                  ("get_journey", "GetJourney"), ("list_tasks", "ListTasks")]:
    for n in levels:
        r, e = load.get((op, n)), load.get(("echo", n))
        if r is None:
            continue
        ratio = f"{100 * r['throughput'] / e['throughput']:.1f}%" if e else "-"
        errors = str(r["errors"]) + (f" ({r['error']})" if r["errors"] else "")
        cpu = f"{r['cpu']:.3f}" if r["cpu"] >= 0 else "-"
        say(f"| {label} | {n} | {fmt(r['throughput'])} | {r['p50']:.2f} | "
            f"{r['p99']:.2f} | {cpu} | {fmt(e['throughput']) if e else '-'} | "
            f"{ratio} | {errors} |")
say("")
before_commit = (run / "before_commit.txt")
if any(k[0] == "record_event_before" for k in load):
    say(f"Before and now: the same calls in the same order against "
        f"`sendcased` built from commit {before_commit.read_text().strip()} "
        f"(before issue 17's storage seam), in this run, on a database of "
        f"its own.\n")
    say("| call | in flight | calls/s before | now | p99 ms before | now | "
        "server CPU ms/call before | now |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    for op, label in [("record_event", "RecordEvent"),
                      ("get_journey", "GetJourney"),
                      ("list_tasks", "ListTasks")]:
        for n in levels:
            b, r = load.get((op + "_before", n)), load.get((op, n))
            if b and r:
                say(f"| {label} | {n} | {fmt(b['throughput'])} | "
                    f"{fmt(r['throughput'])} | {b['p99']:.2f} | "
                    f"{r['p99']:.2f} | {b['cpu']:.3f} | {r['cpu']:.3f} |")
    say("")

# The profile of RecordEvent at 32 in flight (perf, bench.sh).
def profile_rows(name):
    path = run / name
    if not path.exists():
        return []
    rows = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if parts and parts[0].endswith("%"):
            rows.append(parts)
    return rows


dso = profile_rows("profile_dso.txt")
sym = profile_rows("profile_sym.txt")
say("### Where RecordEvent's server CPU goes (32 in flight)\n")
if dso:
    say("`perf record -e cpu-clock -g` on a fresh server over 4 s of the load "
        "(`profile_load.tsv`). By library (self time):\n")
    say("| share | where |")
    say("|---:|---|")
    for parts in dso[:8]:
        say(f"| {parts[0]} | `{parts[-1]}` |")
    # Entry points into the kernel and the scheduler, including what they
    # call: the syscalls that a transition and its gRPC call cost.
    wanted = {"fdatasync": "fsync of the WAL (commit durability)",
              "__libc_pwrite": "writing WAL pages and checkpoints",
              "__libc_pread": "reading pages (readers after each commit, checkpoints)",
              "syscall": "futex waits and wakes (threads handing work over)",
              "epoll_wait": "gRPC polling",
              "finish_task_switch.isra.0": "context switches",
              "__libc_recvmsg": "gRPC socket reads",
              "__libc_sendmsg": "gRPC socket writes"}
    say("\nBy entry point (with what it calls):\n")
    say("| share | entry | what |")
    say("|---:|---|---|")
    for parts in sym:
        if parts[-1] in wanted:
            say(f"| {parts[0]} | `{parts[-1]}` | {wanted.pop(parts[-1])} |")
    say("")
elif (run / "perf.err").exists():
    say(f"No profile: {(run / 'perf.err').read_text().strip()[:200]}\n")

say("## 2. Storage against the raw SQLite ceiling\n")
c = load.get(("sqlite_commit", 1))
if c:
    say(f"Raw commits through sendcase's own connection setup (WAL, "
        f"`synchronous=FULL`), one small row each, one writer: "
        f"**{fmt(c['throughput'])} commits/s**, p50 {c['p50']:.2f} ms, "
        f"p99 {c['p99']:.2f} ms.\n")
    say("| RecordEvent in flight | calls/s | of the commit ceiling |")
    say("|---:|---:|---:|")
    for n in levels:
        r = load.get(("record_event", n))
        if r:
            say(f"| {n} | {fmt(r['throughput'])} | "
                f"{100 * r['throughput'] / c['throughput']:.1f}% |")
    say("")

pgbench = lines("pgbench.tsv", "PGBENCH")
if any(k[0] == "record_event_pg1" for k in load):
    say("### On PostgreSQL 15, one and two replicas\n")
    ceiling = float(pgbench[0][0]) if pgbench else None
    say("The same RecordEvent calls with `--db=postgresql://` on a "
        "throw-away PostgreSQL 15 cluster on this machine (Unix socket; "
        "fsync and synchronous commit on, as SQLite's `synchronous=FULL`): "
        "one `sendcased`, then two replicas on a database of their own with "
        "the calls alternating between them. PostgreSQL's ceiling: "
        + (f"**{fmt(ceiling)} commits/s** (pgbench, one small row per "
           f"transaction, 32 clients)." if ceiling else "pgbench did not run.")
        + "\n")
    say("| in flight | SQLite calls/s | PostgreSQL, 1 replica | 2 replicas | "
        "p99 ms SQLite | 1 replica | 2 replicas | 2 replicas of the pgbench "
        "ceiling |")
    say("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in levels:
        q, a, b = (load.get(("record_event", n)),
                   load.get(("record_event_pg1", n)),
                   load.get(("record_event_pg2", n)))
        if not (a and b):
            continue
        share = (f"{100 * b['throughput'] / ceiling:.1f}%" if ceiling
                 else "-")
        say(f"| {n} | {fmt(q['throughput']) if q else '-'} | "
            f"{fmt(a['throughput'])} | {fmt(b['throughput'])} | "
            f"{q['p99']:.2f} | {a['p99']:.2f} | {b['p99']:.2f} | {share} |"
            if q else
            f"| {n} | - | {fmt(a['throughput'])} | {fmt(b['throughput'])} | "
            f"- | {a['p99']:.2f} | {b['p99']:.2f} | {share} |")
    errors = sum(load[k]["errors"] for k in load
                 if k[0] in ("record_event_pg1", "record_event_pg2"))
    say(f"\nErrors on PostgreSQL: {errors}.\n")

say("## 3. Rule evaluation against json-rules-engine\n")
if rules:
    ns = rules["real_time"] if rules["time_unit"] == "ns" else None
    events = int(rules.get("events", 0))
    say(f"One full journey ({events} events, `tests/benchmarks/"
        f"full_journey.textproto`) over the shipped rule set: state machine, "
        f"rule matching, due dates with their explanation texts, live clocks "
        f"updated; no storage.\n")
    say("| engine | µs per journey | µs per event |")
    say("|---|---:|---:|")
    if ns:
        say(f"| sendcase (C++, Google Benchmark) | {ns / 1000:.1f} | "
            f"{ns / 1000 / events:.2f} |")
    if peer:
        p = peer[0]
        pns = float(p[2])
        say(f"| json-rules-engine {p[1]} (Node.js) | {pns / 1000:.1f} | "
            f"{pns / 1000 / int(p[4]):.2f} |")
        if ns:
            say(f"\n**sendcase is {pns / ns:.1f}× json-rules-engine.** "
                f"Same clock changes and due dates on every step: {p[5]}.")
    elif (run / "peer_missing.txt").exists():
        say(f"\njson-rules-engine: no figures "
            f"({(run / 'peer_missing.txt').read_text().strip()}).")
    say("")

say("## 4. Timers: a million pending clocks, a tenth overdue\n")
if timers:
    say(f"{int(timers['clocks']):,} open clocks with tasks and pending "
        f"reminders (seeded in {float(timers['seed_seconds']):.0f} s), "
        f"{int(timers['overdue']):,} of them due while the server was down; "
        f"then the real `sendcased` started on that database.\n")
    say("| measure | value |")
    say("|---|---:|")
    say(f"| start until every overdue reminder fired | "
        f"{float(timers['fire_seconds']):.1f} s |")
    say(f"| fired in the catch-up pass | {int(timers['fired']):,} |")
    say(f"| peak RSS of sendcased (VmHWM) | "
        f"{int(timers['peak_rss_kb']) / 1024:.1f} MB |")
    say(f"| restart afterwards: fired again | "
        f"{timers['refired_after_restart']} |")
    say(f"| fired rows / still pending | {int(timers['fired_rows']):,} / "
        f"{int(timers['still_pending']):,} |")
    say(f"| each fired exactly once (distinct revisions 1..N) | "
        f"{timers['exactly_once']} |")
    say("")

views = lines("views.tsv", "VIEW")
points = lines("views.tsv", "POINT")
if views:
    say(f"## 5. Work views over {VIEW_PUPILS} demo pupils\n")
    say("Each view called in turn against a real `sendcased` on a file "
        "database seeded by `sendcasectl demo seed`; then GetPupil in a "
        "closed loop, alone and while another client runs ListCaseloads "
        "without pause. The ceiling for one unary call is the echo p50 of "
        "section 1.\n")
    say("| view | calls | median ms | max ms | outcome |")
    say("|---|---:|---:|---:|---|")
    for v in views:
        say(f"| {v[0]} | {v[1]} | {float(v[2]):.1f} | {float(v[3]):.1f} | "
            f"{v[4]} |")
    say("")
    say("| point read | calls | p50 ms | p99 ms | outcome |")
    say("|---|---:|---:|---:|---|")
    for p in points:
        say(f"| {p[0]} | {p[1]} | {float(p[2]):.2f} | {float(p[3]):.2f} | "
            f"{p[4]} |")
    say("")

ops = {f[0]: f[1] for f in lines("operations.tsv", "TIMER")}
if ops:
    say("## 6. What a person waits for\n")
    say("Wall-clock seconds through `sendcasectl` against the same server "
        "(the seed writes each pupil's events one RPC at a time; the roll is "
        "a SIMS-style CSV with display-text values).\n")
    say("| operation | seconds |")
    say("|---|---:|")
    if "demo_seed_seconds" in ops:
        say(f"| `demo seed` of {int(ops['demo_seed_pupils']):,} pupils | "
            f"{ops['demo_seed_seconds']} |")
    if "roll_seconds" in ops:
        say(f"| `import roll` of {int(ops['roll_rows']):,} new pupils | "
            f"{ops['roll_seconds']} |")
    say("")

say("## Targets (reported, not asserted)\n")
say("| target | measured | met |")
say("|---|---|:---:|")


def target(name, measured, met):
    say(f"| {name} | {measured} | {'yes' if met else '**no**'} |")


r, e = load.get(("record_event", 32)), load.get(("echo", 32))
if r and e:
    share = r["throughput"] / e["throughput"]
    target("RecordEvent ≥ 25% of echo at 32 in flight",
           f"{100 * share:.1f}%", share >= 0.25)
    target("RecordEvent p99 ≤ 15 ms at 32 in flight", f"{r['p99']:.1f} ms",
           r["p99"] <= 15)
    if r["cpu"] >= 0:
        target("server CPU per RecordEvent ≤ 0.6 ms at 32 in flight",
               f"{r['cpu']:.3f} ms", r["cpu"] <= 0.6)
r1 = load.get(("record_event", 1))
if r1:
    target("RecordEvent p99 ≤ 5 ms at 1 in flight", f"{r1['p99']:.2f} ms",
           r1["p99"] <= 5)
if rules and peer:
    x = float(peer[0][2]) / rules["real_time"]
    target("rules ≥ 5× json-rules-engine", f"{x:.1f}×", x >= 5)
elif rules:
    target("rules ≥ 5× json-rules-engine", "not measured (no peer)", False)
if views:
    worst = max(views, key=lambda v: float(v[3]))
    target(f"every view ≤ 200 ms with {VIEW_PUPILS} pupils",
           f"slowest {worst[0]} {float(worst[3]):.0f} ms",
           float(worst[3]) <= 200 and all(v[4] == "OK" for v in views))
if timers:
    t = float(timers["fire_seconds"])
    target(f"{int(timers['overdue']):,} overdue fired within 60 s",
           f"{t:.1f} s", t <= 60 and timers["exactly_once"] == "yes")
    mb = int(timers["peak_rss_kb"]) / 1024
    target(f"RSS ≤ 200 MB with {int(timers['clocks']):,} clocks",
           f"{mb:.1f} MB", mb <= 200)
print("\n".join(out))
