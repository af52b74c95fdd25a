#include "tests/benchmarks/timer_seed.h"

#include "absl/strings/str_cat.h"
#include "sendcase/v1/alert.pb.h"
#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/role.pb.h"
#include "sendcase/v1/task.pb.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/transaction.h"

namespace sendcase::bench {
namespace {

// Rows 0..count-1 as `i`, for INSERT ... SELECT.
std::string Numbers(int64_t count) {
  return absl::StrCat(
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE "
      "i + 1 < ",
      count, ") ");
}

}  // namespace

absl::Status SeedTimers(storage::Database& db, const TimerSeed& seed) {
  const int64_t journeys =
      (seed.clocks + seed.clocks_per_journey - 1) / seed.clocks_per_journey;
  storage::Transaction txn(db);
  RETURN_IF_ERROR(txn.Begin());
  // 500 settings' worth of pupils, each with one journey holding an EHC plan.
  ASSIGN_OR_RETURN(
      storage::Statement pupils,
      db.Prepare(absl::StrCat(
          Numbers(journeys),
          "INSERT INTO pupils (id, upn, given_name, family_name, birth_date, "
          "setting_urn, local_authority_code, current_journey_id, "
          "create_time) SELECT printf('bp%07d', i), printf('X%012d', i), "
          "'Bench', 'Pupil', '2015-06-01', printf('%06d', 100000 + i % 500), "
          "'201', printf('bj%07d', i), ? FROM n")));
  pupils.Bind(1, seed.now_seconds);
  RETURN_IF_ERROR(pupils.Run());
  ASSIGN_OR_RETURN(
      storage::Statement journey_rows,
      db.Prepare(absl::StrCat(
          Numbers(journeys),
          "INSERT INTO journeys (id, pupil_id, state, version, "
          "rule_set_version, latest_event_date, create_time, update_time) "
          "SELECT printf('bj%07d', i), printf('bp%07d', i), ?, 1, ?, "
          "'2026-01-05', ?, ? FROM n")));
  journey_rows.Bind(1, int64_t{v1::Journey::EHC_PLAN})
      .Bind(2, seed.rule_set_version)
      .Bind(3, seed.now_seconds)
      .Bind(4, seed.now_seconds);
  RETURN_IF_ERROR(journey_rows.Run());
  // Clock i belongs to journey i / per-journey; its task is bt<i>, with one
  // pending alert. The first `overdue` alerts fell due while the server was
  // down (spread over the last 30 days); the rest are due over the next
  // year.
  ASSIGN_OR_RETURN(
      storage::Statement clocks,
      db.Prepare(absl::StrCat(
          Numbers(seed.clocks),
          "INSERT INTO clocks (journey_id, rule_id, subject, status, "
          "start_date, due_date, statutory, owner_role, explanation, "
          "rule_set_version, live) SELECT printf('bj%07d', i / ?), "
          "printf('bench.rule%d', i % ?), '', ?, '2026-01-05', "
          "date('2026-01-05', printf('+%d days', i % 365)), 1, ?, "
          "'benchmark clock', ?, 1 FROM n")));
  clocks.Bind(1, int64_t{seed.clocks_per_journey})
      .Bind(2, int64_t{seed.clocks_per_journey})
      .Bind(3, int64_t{v1::Clock::OPEN})
      .Bind(4, int64_t{v1::LA_CASE_OFFICER})
      .Bind(5, seed.rule_set_version);
  RETURN_IF_ERROR(clocks.Run());
  ASSIGN_OR_RETURN(
      storage::Statement tasks,
      db.Prepare(absl::StrCat(
          Numbers(seed.clocks),
          "INSERT INTO tasks (id, journey_id, pupil_id, rule_id, title, "
          "owner_role, due_date, state, create_time) SELECT printf('bt%07d', "
          "i), printf('bj%07d', i / ?), printf('bp%07d', i / ?), "
          "printf('bench.rule%d', i % ?), 'Benchmark task', ?, "
          "date('2026-01-05', printf('+%d days', i % 365)), ?, ? FROM n")));
  tasks.Bind(1, int64_t{seed.clocks_per_journey})
      .Bind(2, int64_t{seed.clocks_per_journey})
      .Bind(3, int64_t{seed.clocks_per_journey})
      .Bind(4, int64_t{v1::LA_CASE_OFFICER})
      .Bind(5, int64_t{v1::Task::OPEN})
      .Bind(6, seed.now_seconds);
  RETURN_IF_ERROR(tasks.Run());
  constexpr int64_t kDay = 24 * 3600;
  ASSIGN_OR_RETURN(
      storage::Statement alerts,
      db.Prepare(absl::StrCat(
          Numbers(seed.clocks),
          "INSERT INTO alerts (task_id, journey_id, pupil_id, setting_urn, "
          "local_authority_code, rule_id, owner_role, title, explanation, "
          "due_date, kind, fire_time, state) SELECT printf('bt%07d', i), "
          "printf('bj%07d', i / ?1), printf('bp%07d', i / ?1), "
          "printf('%06d', 100000 + (i / ?1) % 500), '201', "
          "printf('bench.rule%d', i % ?1), ?2, 'Benchmark task', "
          "'benchmark clock', '2026-01-05', ?3, CASE WHEN i < ?4 THEN "
          "?5 - 60 - (i * ?6 / ?4) ELSE ?5 + ?7 + ((i - ?4) * 365 * ?7 / "
          "MAX(1, ?8 - ?4)) END, 0 FROM n")));
  alerts.Bind(1, int64_t{seed.clocks_per_journey})
      .Bind(2, int64_t{v1::LA_CASE_OFFICER})
      .Bind(3, int64_t{v1::Alert::UPCOMING})
      .Bind(4, seed.overdue)
      .Bind(5, seed.now_seconds)
      .Bind(6, 30 * kDay)
      .Bind(7, kDay)
      .Bind(8, seed.clocks);
  RETURN_IF_ERROR(alerts.Run());
  return txn.Commit();
}

}  // namespace sendcase::bench
