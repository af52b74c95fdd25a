// SqliteStore: tasks and tokens.
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/sqlite/transaction.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

constexpr absl::string_view kTaskColumns =
    "t.seq, t.id, t.journey_id, t.pupil_id, t.rule_id, t.title, t.owner_role, "
    "t.due_date, t.state, t.create_time, t.close_time, p.setting_urn, "
    "p.local_authority_code, t.subject";

absl::StatusOr<TaskRecord> ReadTask(const Statement& row) {
  TaskRecord rec;
  v1::Task& t = rec.task;
  t.set_name(TaskName{row.ColumnText(3), row.ColumnText(2), row.ColumnText(1)}
                 .Format());
  t.set_rule_id(row.ColumnText(4));
  t.set_title(row.ColumnText(5));
  t.set_owner_role(static_cast<v1::Role>(row.ColumnInt64(6)));
  ASSIGN_OR_RETURN(Day due, ParseStoredDay(row.ColumnText(7), "due_date"));
  *t.mutable_due_date() = ToProtoDate(due);
  t.set_state(static_cast<v1::Task::State>(row.ColumnInt64(8)));
  *t.mutable_create_time() = ToTimestamp(FromSeconds(row.ColumnInt64(9)));
  if (!row.ColumnIsNull(10)) {
    *t.mutable_close_time() = ToTimestamp(FromSeconds(row.ColumnInt64(10)));
  }
  rec.setting_urn = row.ColumnText(11);
  rec.local_authority_code = row.ColumnText(12);
  t.set_subject(row.ColumnText(13));
  return rec;
}

}  // namespace

absl::StatusOr<Page<TaskRecord>> SqliteStore::ListTasks(
    const Visibility& visibility, const TaskFilter& f,
    const PageRequest& page) {
  ReadConnection read(*this);
  SqlFilter filter;
  filter.And("t.seq > ?", {page.after});
  if (f.pupil.has_value()) filter.And("t.pupil_id = ?", {f.pupil->pupil});
  if (f.journey.has_value()) {
    filter.And("t.pupil_id = ? AND t.journey_id = ?",
               {f.journey->pupil, f.journey->journey});
  }
  if (f.owner_role != v1::ROLE_UNSPECIFIED) {
    filter.And("t.owner_role = ?", {int64_t{f.owner_role}});
  }
  if (f.overdue_on.has_value()) {
    filter.And("t.state = ? AND t.due_date < ?",
               {int64_t{v1::Task::OPEN}, FormatDay(*f.overdue_on)});
  }
  if (!f.case_officer.empty()) {
    filter.And(
        "(SELECT jo.case_officer FROM journeys jo WHERE jo.id = "
        "t.journey_id) = ?",
        {f.case_officer});
  }
  filter.Visible(visibility, "p");
  // Keyset order is seq (creation); the cursor must be monotonic, so due-date
  // ordering is left to views that need it.
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat("SELECT ", kTaskColumns,
                                 " FROM tasks t JOIN pupils p ON "
                                 "p.id = t.pupil_id",
                                 filter.Where(), " ORDER BY t.seq LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{page.limit} + 1);
  return ReadPage<TaskRecord>(stmt, page.limit, ReadTask);
}

absl::StatusOr<TaskRecord> SqliteStore::GetTask(const TaskName& name) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare(absl::StrCat(
          "SELECT ", kTaskColumns,
          " FROM tasks t JOIN pupils p ON p.id = t.pupil_id WHERE t.id = ? "
          "AND t.journey_id = ? AND t.pupil_id = ?")));
  stmt.Bind(1, name.task).Bind(2, name.journey).Bind(3, name.pupil);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row)
    return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
  return ReadTask(stmt);
}

absl::StatusOr<v1::Task> SqliteStore::CompleteTask(const TaskName& name,
                                                   Instant now) {
  RETURN_IF_ERROR(CommitWrite("", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(Statement state,
                     db_->Prepare("SELECT state FROM tasks WHERE id = ? AND "
                                  "journey_id = ? AND pupil_id = ?"));
    state.Bind(1, name.task).Bind(2, name.journey).Bind(3, name.pupil);
    ASSIGN_OR_RETURN(bool row, state.Step());
    if (!row) {
      return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
    }
    const auto current = static_cast<v1::Task::State>(state.ColumnInt64(0));
    if (current == v1::Task::CANCELLED) {
      return absl::FailedPreconditionError(
          absl::StrCat(name.Format(), " is CANCELLED and cannot be completed"));
    }
    if (current == v1::Task::OPEN) {
      ASSIGN_OR_RETURN(Statement done,
                       db_->Prepare("UPDATE tasks SET state = ?, close_time = "
                                    "? WHERE id = ?"));
      done.Bind(1, int64_t{v1::Task::DONE})
          .Bind(2, ToSeconds(now))
          .Bind(3, name.task);
      RETURN_IF_ERROR(done.Run());
      RETURN_IF_ERROR(CancelClosedAlertsLocked(name.journey));
    }
    return absl::OkStatus();
  }));
  ASSIGN_OR_RETURN(TaskRecord rec, GetTask(name));
  return rec.task;
}

}  // namespace sendcase::storage
