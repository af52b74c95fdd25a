// timer_scale: a million pending clocks, a tenth of them overdue as if the
// server had been down, then the real sendcased started on that database.
// Measures the time from starting the process until its scheduler's
// catch-up pass reports every overdue reminder fired, and the process's
// peak RSS (VmHWM); then checks each fired exactly once — distinct,
// gap-free revisions 1..N, the rest still pending — and that a restart
// fires nothing again.
//
//   timer_scale --sendcased=build/bin/sendcased --rules_dir=rules/definitions
//       --db=build/bench/timers.db [--clocks=1000000 --overdue=100000]
//
// Prints TIMER lines (name, value) for tests/benchmarks/report.py.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "rules/loader.h"
#include "services/common/clock.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/benchmarks/timer_seed.h"
#include "tests/testing/subprocess.h"

ABSL_FLAG(std::string, sendcased, "", "the sendcased binary");
ABSL_FLAG(std::string, rules_dir, "", "rules/definitions");
ABSL_FLAG(std::string, db, "", "database file to create (removed first)");
ABSL_FLAG(int64_t, clocks, 1'000'000, "pending clocks");
ABSL_FLAG(int64_t, overdue, 100'000, "of which already due");
ABSL_FLAG(int, timeout_seconds, 300, "give up waiting for the server");

namespace sendcase::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& what) {
  fprintf(stderr, "timer_scale: %s\n", what.c_str());
  exit(1);
}

void Report(const char* name, const std::string& value) {
  printf("TIMER\t%s\t%s\n", name, value.c_str());
  fflush(stdout);
}

// "VmHWM:   123456 kB" -> 123456.
int64_t ProcStatusKb(pid_t pid, const std::string& key) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    int64_t kb = 0;
    std::string digits;
    for (char c : line) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (absl::SimpleAtoi(digits, &kb)) return kb;
  }
  return -1;
}

struct Run {
  double seconds = 0;
  int64_t fired = -1;
  int64_t peak_rss_kb = -1;
};

// Starts sendcased, waits for "scheduler: first pass done fired=N", reads
// its peak RSS, and kills it (as a crash would: all it reported is durable).
Run StartServerAndCatchUp() {
  const std::string command =
      absl::StrCat("exec '", absl::GetFlag(FLAGS_sendcased),
                   "' --listen=127.0.0.1:0 --db='", absl::GetFlag(FLAGS_db),
                   "' --rules='", absl::GetFlag(FLAGS_rules_dir), "' 2>&1");
  const SteadyClock::time_point start = SteadyClock::now();
  testing::Subprocess server({"/bin/sh", "-c", command});
  const auto deadline =
      start + std::chrono::seconds(absl::GetFlag(FLAGS_timeout_seconds));
  Run run;
  // The firing thread's line (the delivery thread has one of its own).
  // The text log's line (services/common/log.h): "... fired=N".
  const std::string marker = "scheduler: first pass done fired=";
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - SteadyClock::now());
    if (left.count() <= 0) Fail("the server's first pass did not finish");
    std::optional<std::string> line = server.ReadLine(left);
    if (!line.has_value()) Fail("the server stopped before its first pass");
    const size_t at = line->find(marker);
    if (at == std::string::npos) continue;
    run.seconds =
        std::chrono::duration<double>(SteadyClock::now() - start).count();
    const std::string rest = line->substr(at + marker.size());
    if (!absl::SimpleAtoi(rest.substr(0, rest.find(' ')), &run.fired)) {
      Fail(absl::StrCat("cannot read the fired count in: ", *line));
    }
    break;
  }
  run.peak_rss_kb = ProcStatusKb(server.pid(), "VmHWM");
  server.Kill();
  return run;
}

int64_t Count(storage::Database& db, const std::string& sql) {
  absl::StatusOr<storage::Statement> q = db.Prepare(sql);
  if (!q.ok()) Fail(q.status().ToString());
  absl::StatusOr<bool> row = q->Step();
  if (!row.ok() || !*row) Fail(absl::StrCat("no row from ", sql));
  return q->ColumnInt64(0);
}

int Main() {
  const std::string db_path = absl::GetFlag(FLAGS_db);
  if (db_path.empty() || absl::GetFlag(FLAGS_sendcased).empty()) {
    Fail("--db and --sendcased are required");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::remove((db_path + suffix).c_str());
  }
  auto rules = rules::LoadRuleSet(absl::GetFlag(FLAGS_rules_dir));
  if (!rules.ok()) Fail(rules.status().ToString());
  {  // Creates the file and applies every migration.
    auto store = storage::SqliteStore::Open(db_path);
    if (!store.ok()) Fail(store.status().ToString());
  }
  TimerSeed seed;
  seed.clocks = absl::GetFlag(FLAGS_clocks);
  seed.overdue = absl::GetFlag(FLAGS_overdue);
  seed.now_seconds = SystemClock().Now().time_since_epoch().count();
  seed.rule_set_version = (*rules)->version();
  const SteadyClock::time_point seed_start = SteadyClock::now();
  {
    auto db = storage::Database::Open(db_path);
    if (!db.ok()) Fail(db.status().ToString());
    if (absl::Status s = SeedTimers(**db, seed); !s.ok()) {
      Fail(s.ToString());
    }
  }
  Report("clocks", absl::StrCat(seed.clocks));
  Report("overdue", absl::StrCat(seed.overdue));
  Report("seed_seconds", absl::StrCat(std::chrono::duration<double>(
                                          SteadyClock::now() - seed_start)
                                          .count()));

  const Run first = StartServerAndCatchUp();
  Report("fire_seconds", absl::StrCat(first.seconds));
  Report("fired", absl::StrCat(first.fired));
  Report("peak_rss_kb", absl::StrCat(first.peak_rss_kb));
  const Run again = StartServerAndCatchUp();
  Report("restart_seconds", absl::StrCat(again.seconds));
  Report("refired_after_restart", absl::StrCat(again.fired));
  Report("restart_peak_rss_kb", absl::StrCat(again.peak_rss_kb));

  auto db = storage::Database::Open(db_path);
  if (!db.ok()) Fail(db.status().ToString());
  const int64_t fired_rows =
      Count(**db, "SELECT COUNT(*) FROM alerts WHERE state = 1");
  const int64_t revisions = Count(
      **db, "SELECT COUNT(DISTINCT revision) FROM alerts WHERE state = 1");
  const int64_t max_revision =
      Count(**db, "SELECT IFNULL(MAX(revision), 0) FROM alerts");
  const int64_t pending =
      Count(**db, "SELECT COUNT(*) FROM alerts WHERE state = 0");
  Report("fired_rows", absl::StrCat(fired_rows));
  Report("still_pending", absl::StrCat(pending));
  const bool exactly_once =
      first.fired == seed.overdue && again.fired == 0 &&
      fired_rows == seed.overdue && revisions == seed.overdue &&
      max_revision == seed.overdue && pending == seed.clocks - seed.overdue;
  Report("exactly_once", exactly_once ? "yes" : "NO");
  return exactly_once ? 0 : 1;
}

}  // namespace
}  // namespace sendcase::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return sendcase::bench::Main();
}
