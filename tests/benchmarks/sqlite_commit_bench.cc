// sqlite_commit_bench: the storage ceiling. One small row per transaction
// through storage::Database — the very connection setup sendcased uses
// (WAL, synchronous=FULL, foreign keys, busy timeout) — on a file in the
// same directory as the benchmark's sendcase database. One writer, as
// SQLite allows one writer at a time. Prints one RESULT line (op
// "sqlite_commit", in_flight 1).
//
//   sqlite_commit_bench --db=PATH [--seconds=5]

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/transaction.h"
#include "tests/benchmarks/bench_result.h"

ABSL_FLAG(std::string, db, "", "database file to create (removed first)");
ABSL_FLAG(double, seconds, 5, "measured seconds");
ABSL_FLAG(double, warmup_seconds, 1, "unmeasured seconds first");

namespace sendcase::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

absl::Status Commit(storage::Database& db, int64_t n) {
  storage::Transaction txn(db);
  if (absl::Status s = txn.Begin(); !s.ok()) return s;
  absl::StatusOr<storage::Statement> insert =
      db.Prepare("INSERT INTO commits (n, payload) VALUES (?, ?)");
  if (!insert.ok()) return insert.status();
  // About the size of a recorded event's row.
  insert->Bind(1, n).BindBlob(2, std::string(200, 'x'));
  if (absl::Status s = insert->Run(); !s.ok()) return s;
  return txn.Commit();
}

int Run() {
  const std::string path = absl::GetFlag(FLAGS_db);
  if (path.empty()) {
    fprintf(stderr, "sqlite_commit_bench: --db is required\n");
    return 2;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::remove((path + suffix).c_str());
  }
  absl::StatusOr<std::unique_ptr<storage::Database>> db =
      storage::Database::Open(path);
  if (!db.ok()) {
    fprintf(stderr, "sqlite_commit_bench: %s\n",
            db.status().ToString().c_str());
    return 1;
  }
  if (absl::Status s = (*db)->Exec(
          "CREATE TABLE commits (id INTEGER PRIMARY KEY AUTOINCREMENT, "
          "n INTEGER NOT NULL, payload BLOB NOT NULL)");
      !s.ok()) {
    fprintf(stderr, "sqlite_commit_bench: %s\n", s.ToString().c_str());
    return 1;
  }
  const auto warmup =
      std::chrono::duration<double>(absl::GetFlag(FLAGS_warmup_seconds));
  const auto measure =
      std::chrono::duration<double>(absl::GetFlag(FLAGS_seconds));
  const SteadyClock::time_point from =
      SteadyClock::now() +
      std::chrono::duration_cast<SteadyClock::duration>(warmup);
  const SteadyClock::time_point end =
      from + std::chrono::duration_cast<SteadyClock::duration>(measure);
  LoadResult result;
  result.op = "sqlite_commit";
  result.in_flight = 1;
  std::vector<double> latencies_ms;
  for (int64_t n = 0;; ++n) {
    const SteadyClock::time_point start = SteadyClock::now();
    if (start >= end) break;
    const absl::Status s = Commit(**db, n);
    const SteadyClock::time_point done = SteadyClock::now();
    if (start < from || done > end) continue;
    if (!s.ok()) {
      ++result.errors;
      if (result.first_error.empty()) result.first_error = s.ToString();
      continue;
    }
    ++result.calls;
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(done - start).count());
  }
  result.seconds = measure.count();
  SetPercentiles(latencies_ms, result);
  printf("%s\n", FormatResult(result).c_str());
  return result.errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace sendcase::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return sendcase::bench::Run();
}
