#ifndef SENDCASE_TESTS_BENCHMARKS_TIMER_SEED_H_
#define SENDCASE_TESTS_BENCHMARKS_TIMER_SEED_H_

// Seeds a migrated sendcase database with `clocks` open clocks, each with
// an open task and one pending reminder alert — the timers sendcased's
// scheduler fires — the first `overdue` of them already due. Written with
// SQL straight into the schema's tables (a million transitions through the
// API would take most of the benchmark's budget); a schema change that
// this misses fails here on a NOT NULL or unknown column, not silently.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "services/storage/sqlite/database.h"

namespace sendcase::bench {

struct TimerSeed {
  int64_t clocks = 1'000'000;
  int64_t overdue = 100'000;
  int clocks_per_journey = 10;
  int64_t now_seconds = 0;       // Unix seconds the overdue ones predate
  std::string rule_set_version;  // the server's current rule set
};

// One transaction.
absl::Status SeedTimers(storage::Database& db, const TimerSeed& seed);

}  // namespace sendcase::bench

#endif  // SENDCASE_TESTS_BENCHMARKS_TIMER_SEED_H_
