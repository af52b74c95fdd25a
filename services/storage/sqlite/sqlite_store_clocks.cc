// SqliteStore: clocks, their tasks, and stored rule sets.
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

absl::StatusOr<ClockRecord> ReadClock(const Statement& row) {
  ClockRecord c;
  c.id = row.ColumnInt64(0);
  c.rule_id = row.ColumnText(1);
  c.subject = row.ColumnText(2);
  c.status = static_cast<v1::Clock::Status>(row.ColumnInt64(3));
  ASSIGN_OR_RETURN(c.start_date,
                   ParseStoredDay(row.ColumnText(4), "start_date"));
  ASSIGN_OR_RETURN(c.due_date, ParseStoredDay(row.ColumnText(5), "due_date"));
  if (!row.ColumnIsNull(6)) {
    ASSIGN_OR_RETURN(c.met_date, ParseStoredDay(row.ColumnText(6), "met_date"));
  }
  c.statutory = row.ColumnInt64(7) != 0;
  c.owner_role = static_cast<v1::Role>(row.ColumnInt64(8));
  c.explanation = row.ColumnText(9);
  c.exception_reason = row.ColumnText(10);
  c.rule_set_version = row.ColumnText(11);
  c.review = row.ColumnInt64(12) != 0;
  c.window = row.ColumnInt64(13) != 0;
  c.assessment_step = row.ColumnInt64(14) != 0;
  c.assessment_limit = row.ColumnInt64(15) != 0;
  return c;
}

}  // namespace

absl::StatusOr<std::vector<ClockRecord>> SqliteStore::ReadClocksLocked(
    const std::string& journey_id) {
  return ReadClocksOn(*db_, journey_id);
}

absl::StatusOr<std::vector<ClockRecord>> SqliteStore::ReadClocksOn(
    Database& db, const std::string& journey_id) {
  ASSIGN_OR_RETURN(
      Statement stmt,
      db.Prepare(
          "SELECT id, rule_id, subject, status, start_date, "
          "due_date, met_date, statutory, owner_role, explanation, "
          "exception_reason, rule_set_version, review, expires, "
          "assessment_step, assessment_limit FROM clocks WHERE journey_id = ? "
          "ORDER BY id"));
  stmt.Bind(1, journey_id);
  std::vector<ClockRecord> clocks;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(ClockRecord clock, ReadClock(stmt));
    clocks.push_back(std::move(clock));
  }
  return clocks;
}

absl::Status SqliteStore::WriteClocksLocked(const TransitionEffects& commit) {
  const std::string& journey_id = commit.journey.journey;
  if (commit.replace_clocks) {
    ASSIGN_OR_RETURN(Statement clear,
                     db_->Prepare("DELETE FROM clocks WHERE journey_id = ?"));
    clear.Bind(1, journey_id);
    RETURN_IF_ERROR(clear.Run());
  }
  for (const ClockRecord& c : commit.clock_changes) {
    if (c.id == 0) {
      ASSIGN_OR_RETURN(
          Statement insert,
          db_->Prepare("INSERT INTO clocks (journey_id, rule_id, subject, "
                       "status, start_date, due_date, met_date, statutory, "
                       "owner_role, explanation, exception_reason, "
                       "rule_set_version, review, expires, live, "
                       "assessment_step, assessment_limit) VALUES "
                       "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
      insert.Bind(1, journey_id)
          .Bind(2, c.rule_id)
          .Bind(3, c.subject)
          .Bind(4, int64_t{c.status})
          .Bind(5, FormatDay(c.start_date))
          .Bind(6, FormatDay(c.due_date))
          .BindOptional(7, OptionalDay(c.met_date))
          .Bind(8, int64_t{c.statutory})
          .Bind(9, int64_t{c.owner_role})
          .Bind(10, c.explanation)
          .Bind(11, c.exception_reason)
          .Bind(12, c.rule_set_version)
          .Bind(13, int64_t{c.review})
          .Bind(14, int64_t{c.window})
          .Bind(15, int64_t{c.IsLive()})
          .Bind(16, int64_t{c.assessment_step})
          .Bind(17, int64_t{c.assessment_limit});
      RETURN_IF_ERROR(insert.Run());
      continue;
    }
    ASSIGN_OR_RETURN(
        Statement update,
        db_->Prepare("UPDATE clocks SET status = ?, met_date = ?, "
                     "explanation = ?, exception_reason = ?, start_date = ?, "
                     "due_date = ?, statutory = ?, owner_role = ?, "
                     "rule_set_version = ?, review = ?, expires = ?, live = "
                     "?, assessment_step = ?, assessment_limit = ? WHERE id = "
                     "? AND journey_id = ?"));
    update.Bind(1, int64_t{c.status})
        .BindOptional(2, OptionalDay(c.met_date))
        .Bind(3, c.explanation)
        .Bind(4, c.exception_reason)
        .Bind(5, FormatDay(c.start_date))
        .Bind(6, FormatDay(c.due_date))
        .Bind(7, int64_t{c.statutory})
        .Bind(8, int64_t{c.owner_role})
        .Bind(9, c.rule_set_version)
        .Bind(10, int64_t{c.review})
        .Bind(11, int64_t{c.window})
        .Bind(12, int64_t{c.IsLive()})
        .Bind(13, int64_t{c.assessment_step})
        .Bind(14, int64_t{c.assessment_limit})
        .Bind(15, c.id)
        .Bind(16, journey_id);
    RETURN_IF_ERROR(update.Run());
    if (db_->Changes() != 1) {
      return absl::InternalError(
          absl::StrCat("clock ", c.id, " is not on ", commit.journey.Format()));
    }
  }
  for (const TaskClosure& closure : commit.closed_tasks) {
    ASSIGN_OR_RETURN(
        Statement close,
        db_->Prepare("UPDATE tasks SET state = ?, close_time = ? WHERE "
                     "id = ? AND journey_id = ? AND state = ?"));
    close.Bind(1, int64_t{closure.state})
        .Bind(2, ToSeconds(commit.record_time))
        .Bind(3, closure.id)
        .Bind(4, journey_id)
        .Bind(5, int64_t{v1::Task::OPEN});
    RETURN_IF_ERROR(close.Run());
  }
  for (const NewTask& t : commit.new_tasks) {
    ASSIGN_OR_RETURN(
        Statement insert,
        db_->Prepare("INSERT INTO tasks (id, journey_id, pupil_id, rule_id, "
                     "subject, title, owner_role, due_date, state, "
                     "create_time) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    insert.Bind(1, t.id)
        .Bind(2, journey_id)
        .Bind(3, commit.journey.pupil)
        .Bind(4, t.rule_id)
        .Bind(5, t.subject)
        .Bind(6, t.title)
        .Bind(7, int64_t{t.owner_role})
        .Bind(8, FormatDay(t.due_date))
        .Bind(9, int64_t{v1::Task::OPEN})
        .Bind(10, ToSeconds(commit.record_time));
    RETURN_IF_ERROR(insert.Run());
    RETURN_IF_ERROR(InsertAlertsLocked(commit, t));
  }
  RETURN_IF_ERROR(InsertNoticesLocked(commit));
  if (commit.closed_tasks.empty()) return absl::OkStatus();
  return CancelClosedAlertsLocked(journey_id);
}

absl::StatusOr<std::vector<OpenTask>> SqliteStore::ListOpenTasks(
    const JourneyName& journey) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("SELECT id, rule_id, subject, due_date FROM tasks WHERE "
                   "journey_id = ? AND pupil_id = ? AND state = ? ORDER BY "
                   "create_time, id"));
  stmt.Bind(1, journey.journey)
      .Bind(2, journey.pupil)
      .Bind(3, int64_t{v1::Task::OPEN});
  std::vector<OpenTask> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    OpenTask t{stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnText(2), {}};
    ASSIGN_OR_RETURN(t.due_date,
                     ParseStoredDay(stmt.ColumnText(3), "due_date"));
    out.push_back(std::move(t));
  }
}

absl::Status SqliteStore::PutRuleSet(const StoredRuleSet& rule_set,
                                     Instant now) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(
      Statement find,
      db_->Prepare("SELECT digest FROM rule_sets WHERE version = ?"));
  find.Bind(1, rule_set.version);
  ASSIGN_OR_RETURN(bool exists, find.Step());
  if (exists) {
    if (find.ColumnText(0) == rule_set.digest) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "rule set version ", rule_set.version,
        " is already in use with different rules; give the changed rules a "
        "new version (ruleset.textproto)"));
  }
  ASSIGN_OR_RETURN(Statement insert,
                   db_->Prepare("INSERT INTO rule_sets (version, digest, "
                                "definition, create_time) VALUES (?,?,?,?)"));
  insert.Bind(1, rule_set.version)
      .Bind(2, rule_set.digest)
      .BindBlob(3, rule_set.definition)
      .Bind(4, ToSeconds(now));
  return insert.Run();
}

absl::StatusOr<StoredRuleSet> SqliteStore::GetRuleSet(
    const std::string& version) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(Statement find,
                   db_->Prepare("SELECT digest, definition FROM rule_sets "
                                "WHERE version = ?"));
  find.Bind(1, version);
  ASSIGN_OR_RETURN(bool exists, find.Step());
  if (!exists) {
    return absl::NotFoundError(
        absl::StrCat("rule set ", version, " not found"));
  }
  return StoredRuleSet{version, find.ColumnText(0), find.ColumnBlob(1)};
}

}  // namespace sendcase::storage
