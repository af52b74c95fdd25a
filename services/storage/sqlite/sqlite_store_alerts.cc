// SqliteStore: alerts (the outbox's timers and notices) and their
// deliveries.
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/alert_states.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/sqlite/transaction.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

// Needs `tasks t` and `pupils p` joined to `alerts a` (kAlertJoins). A
// notice has no task: its t columns are NULL (read as an empty subject, and
// as an open task where state matters: a notice is never cancelled).
constexpr absl::string_view kAlertColumns =
    "a.revision, a.task_id, a.journey_id, a.pupil_id, a.rule_id, "
    "a.owner_role, a.due_date, a.kind, a.fired_time, a.title, a.explanation, "
    "t.subject, p.upn, p.given_name, p.family_name, "
    "COALESCE(p.upn_unknown, 0), "
    "COALESCE((SELECT jo.case_officer FROM journeys jo WHERE jo.id = "
    "a.journey_id), '')";
constexpr absl::string_view kAlertJoins =
    " LEFT JOIN tasks t ON t.id = a.task_id JOIN pupils p ON p.id = "
    "a.pupil_id";
// The task's state, OPEN for a notice.
constexpr absl::string_view kTaskState = "COALESCE(t.state, 1)";
static_assert(v1::Task::OPEN == 1);

// Reads kAlertColumns starting at column `c`.
absl::StatusOr<v1::Alert> ReadAlert(const Statement& row, int c = 0) {
  v1::Alert a;
  a.set_revision(row.ColumnInt64(c));
  const std::string pupil = row.ColumnText(c + 3);
  if (!row.ColumnIsNull(c + 1)) {  // a notice has no task
    a.set_task(
        TaskName{pupil, row.ColumnText(c + 2), row.ColumnText(c + 1)}.Format());
  }
  a.set_journey(JourneyName{pupil, row.ColumnText(c + 2)}.Format());
  a.set_pupil(PupilName{pupil}.Format());
  a.set_rule_id(row.ColumnText(c + 4));
  a.set_owner_role(static_cast<v1::Role>(row.ColumnInt64(c + 5)));
  ASSIGN_OR_RETURN(Day due, ParseStoredDay(row.ColumnText(c + 6), "due_date"));
  *a.mutable_due_date() = ToProtoDate(due);
  a.set_kind(static_cast<v1::Alert::Kind>(row.ColumnInt64(c + 7)));
  *a.mutable_fire_time() = ToTimestamp(FromSeconds(row.ColumnInt64(c + 8)));
  a.set_title(row.ColumnText(c + 9));
  a.set_explanation(row.ColumnText(c + 10));
  a.set_subject(row.ColumnText(c + 11));
  a.set_upn(row.ColumnText(c + 12));
  a.set_given_name(row.ColumnText(c + 13));
  a.set_family_name(row.ColumnText(c + 14));
  a.set_upn_unknown(static_cast<v1::UpnUnknownReason>(row.ColumnInt64(c + 15)));
  a.set_case_officer(row.ColumnText(c + 16));
  return a;
}

}  // namespace

absl::Status SqliteStore::InsertAlertsLocked(const TransitionEffects& commit,
                                             const NewTask& task) {
  for (const NewAlert& alert : task.alerts) {
    ASSIGN_OR_RETURN(
        Statement insert,
        db_->Prepare(
            "INSERT INTO alerts (task_id, journey_id, pupil_id, setting_urn, "
            "local_authority_code, rule_id, owner_role, title, explanation, "
            "due_date, kind, fire_time, state) SELECT ?, ?, p.id, "
            "p.setting_urn, p.local_authority_code, ?, ?, ?, ?, ?, ?, ?, ? "
            "FROM pupils p WHERE p.id = ?"));
    insert.Bind(1, task.id)
        .Bind(2, commit.journey.journey)
        .Bind(3, task.rule_id)
        .Bind(4, int64_t{task.owner_role})
        .Bind(5, task.title)
        .Bind(6, task.explanation)
        .Bind(7, FormatDay(task.due_date))
        .Bind(8, int64_t{alert.kind})
        .Bind(9, ToSeconds(alert.fire_time))
        .Bind(10, int64_t{kPending})
        .Bind(11, commit.journey.pupil);
    RETURN_IF_ERROR(insert.Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::InsertNoticesLocked(const TransitionEffects& commit) {
  for (const NewNotice& notice : commit.notices) {
    // Pending, due now: the scheduler fires it as it fires reminders, which
    // gives it its revision and one delivery per contact.
    ASSIGN_OR_RETURN(
        Statement insert,
        db_->Prepare(
            "INSERT INTO alerts (task_id, journey_id, pupil_id, setting_urn, "
            "local_authority_code, rule_id, owner_role, title, explanation, "
            "due_date, kind, fire_time, state) SELECT NULL, ?, p.id, "
            "p.setting_urn, p.local_authority_code, ?, ?, ?, ?, ?, ?, ?, ? "
            "FROM pupils p WHERE p.id = ?"));
    insert.Bind(1, commit.journey.journey)
        .Bind(2, notice.notice_id)
        .Bind(3, int64_t{notice.owner_role})
        .Bind(4, notice.title)
        .Bind(5, notice.explanation)
        .Bind(6, FormatDay(notice.event_date))
        .Bind(7, int64_t{v1::Alert::NOTICE})
        .Bind(8, ToSeconds(commit.record_time))
        .Bind(9, int64_t{kPending})
        .Bind(10, commit.journey.pupil);
    RETURN_IF_ERROR(insert.Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::CancelClosedAlertsLocked(
    const std::string& journey_id) {
  ASSIGN_OR_RETURN(
      Statement cancel,
      db_->Prepare("UPDATE alerts SET state = ? WHERE state = ? AND "
                   "journey_id = ? AND task_id IN (SELECT id FROM tasks "
                   "WHERE journey_id = ? AND state != ?)"));
  cancel.Bind(1, int64_t{kCancelled})
      .Bind(2, int64_t{kPending})
      .Bind(3, journey_id)
      .Bind(4, journey_id)
      .Bind(5, int64_t{v1::Task::OPEN});
  return cancel.Run();
}

absl::StatusOr<std::vector<v1::Alert>> SqliteStore::FireDue(
    Instant now, int limit, bool with_deliveries) {
  absl::MutexLock lock(&mu_);
  Transaction txn(*db_);
  RETURN_IF_ERROR(txn.Begin());
  // Due alerts in fire-time order, a batch at a time, each with its task's
  // state: an alert whose task closed since it was written is cancelled
  // instead of fired. Only the batch is examined, so a call costs the same
  // however many alerts are pending or tasks closed (a table-wide pass per
  // batch made a catch-up of 100,000 alerts quadratic). A batch whose
  // tasks are all closed is all cancelled and the next one looked at, so an
  // empty result means nothing is due.
  std::vector<int64_t> ids;
  while (ids.empty()) {
    ASSIGN_OR_RETURN(
        Statement due,
        db_->Prepare(absl::StrCat(
            "SELECT a.id, ", kTaskState,
            " FROM alerts a LEFT JOIN tasks t ON t.id = a.task_id WHERE "
            "a.state = ? AND a.fire_time <= ? ORDER BY a.fire_time, a.id "
            "LIMIT ?")));
    due.Bind(1, int64_t{kPending})
        .Bind(2, ToSeconds(now))
        .Bind(3, int64_t{limit});
    std::vector<int64_t> closed;
    while (true) {
      ASSIGN_OR_RETURN(bool row, due.Step());
      if (!row) break;
      const bool open = due.ColumnInt64(1) == int64_t{v1::Task::OPEN};
      (open ? ids : closed).push_back(due.ColumnInt64(0));
    }
    if (ids.empty() && closed.empty()) break;
    for (int64_t id : closed) {
      ASSIGN_OR_RETURN(
          Statement cancel,
          db_->Prepare("UPDATE alerts SET state = ? WHERE id = ?"));
      cancel.Bind(1, int64_t{kCancelled}).Bind(2, id);
      RETURN_IF_ERROR(cancel.Run());
    }
  }
  std::vector<v1::Alert> fired;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(
        Statement fire,
        db_->Prepare("UPDATE alerts SET state = ?, fired_time = ?, revision = "
                     "(SELECT COALESCE(MAX(revision), 0) + 1 FROM alerts) "
                     "WHERE id = ?"));
    fire.Bind(1, int64_t{kFired}).Bind(2, ToSeconds(now)).Bind(3, id);
    RETURN_IF_ERROR(fire.Run());
    if (with_deliveries) {
      // One delivery per contact for the owner role in the pupil's setting,
      // its trust, its local authority, or everywhere: the officer's own
      // addresses for an assigned journey, else the team's.
      ASSIGN_OR_RETURN(
          Statement deliver,
          db_->Prepare(absl::StrCat(
              "INSERT OR IGNORE INTO deliveries (alert_id, email, state, "
              "next_attempt_time) SELECT a.id, c.email, ?, ? FROM alerts a "
              "JOIN contacts c ON c.role = a.owner_role AND ",
              ContactCoversSql("c.scope_kind", "c.scope_id", "a.setting_urn",
                               "a.local_authority_code"),
              " AND ",
              OfficerRoutingSql("c.role", "c.case_officer",
                                AlertOfficerSql("a"), "a.setting_urn",
                                "a.local_authority_code"),
              " WHERE a.id = ?")));
      deliver.Bind(1, int64_t{kToSend}).Bind(2, ToSeconds(now)).Bind(3, id);
      RETURN_IF_ERROR(deliver.Run());
    }
    ASSIGN_OR_RETURN(
        Statement read,
        db_->Prepare(absl::StrCat("SELECT ", kAlertColumns, " FROM alerts a",
                                  kAlertJoins, " WHERE a.id = ?")));
    read.Bind(1, id);
    ASSIGN_OR_RETURN(bool row, read.Step());
    if (!row) return absl::InternalError("fired alert vanished");
    ASSIGN_OR_RETURN(v1::Alert alert, ReadAlert(read));
    fired.push_back(std::move(alert));
  }
  RETURN_IF_ERROR(txn.Commit());
  return fired;
}

absl::StatusOr<std::vector<Delivery>> SqliteStore::ClaimDeliveries(
    Instant now, std::chrono::seconds lease, int limit) {
  absl::MutexLock lock(&mu_);
  Transaction txn(*db_);
  RETURN_IF_ERROR(txn.Begin());
  // As FireDue: a batch at a time, dropping deliveries whose task closed.
  std::vector<Delivery> claimed;
  while (claimed.empty()) {
    ASSIGN_OR_RETURN(
        Statement select,
        db_->Prepare(absl::StrCat(
            "SELECT d.id, d.email, d.attempts, ", kTaskState, ", ",
            kAlertColumns,
            " FROM deliveries d JOIN alerts a ON a.id = d.alert_id",
            kAlertJoins,
            " WHERE d.state = ? AND d.next_attempt_time <= ? ORDER BY "
            "d.next_attempt_time, d.id LIMIT ?")));
    select.Bind(1, int64_t{kToSend})
        .Bind(2, ToSeconds(now))
        .Bind(3, int64_t{limit});
    std::vector<int64_t> dropped;
    while (true) {
      ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      if (select.ColumnInt64(3) != int64_t{v1::Task::OPEN}) {
        dropped.push_back(select.ColumnInt64(0));
        continue;
      }
      Delivery d;
      d.id = select.ColumnInt64(0);
      d.email = select.ColumnText(1);
      d.attempts = static_cast<int>(select.ColumnInt64(2)) + 1;
      ASSIGN_OR_RETURN(d.alert, ReadAlert(select, 4));
      claimed.push_back(std::move(d));
    }
    if (claimed.empty() && dropped.empty()) break;
    for (int64_t id : dropped) {
      ASSIGN_OR_RETURN(Statement drop, db_->Prepare("UPDATE deliveries SET "
                                                    "state = ? WHERE id = ?"));
      drop.Bind(1, int64_t{kDropped}).Bind(2, id);
      RETURN_IF_ERROR(drop.Run());
    }
  }
  for (const Delivery& d : claimed) {
    ASSIGN_OR_RETURN(Statement lease_it,
                     db_->Prepare("UPDATE deliveries SET attempts = ?, "
                                  "next_attempt_time = ? WHERE id = ?"));
    lease_it.Bind(1, int64_t{d.attempts})
        .Bind(2, ToSeconds(now + lease))
        .Bind(3, d.id);
    RETURN_IF_ERROR(lease_it.Run());
  }
  RETURN_IF_ERROR(txn.Commit());
  return claimed;
}

absl::Status SqliteStore::MarkDelivered(int64_t delivery_id, Instant now) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_->Prepare("UPDATE deliveries SET state = ?, sent_time = "
                                "?, last_error = '' WHERE id = ?"));
  stmt.Bind(1, int64_t{kSent}).Bind(2, ToSeconds(now)).Bind(3, delivery_id);
  return stmt.Run();
}

absl::Status SqliteStore::MarkRetry(int64_t delivery_id, Instant next_attempt,
                                    const std::string& error) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_->Prepare("UPDATE deliveries SET next_attempt_time = ?, "
                                "last_error = ? WHERE id = ? AND state = ?"));
  stmt.Bind(1, ToSeconds(next_attempt))
      .Bind(2, error.substr(0, 500))
      .Bind(3, delivery_id)
      .Bind(4, int64_t{kToSend});
  return stmt.Run();
}

absl::StatusOr<std::vector<v1::Alert>> SqliteStore::ListFired(
    const Visibility& visibility, std::optional<int> owner_role, int64_t after,
    int limit) {
  ReadConnection read(*this, Pool::kHot);
  SqlFilter filter;
  filter.And("a.state = ? AND a.revision > ?", {int64_t{kFired}, after});
  // Visible by where the pupil is now: an alert that fired before a move
  // names the pupil, so the old school no longer sees it.
  filter.Visible(visibility, "p");
  if (owner_role.has_value()) {
    filter.And("a.owner_role = ?", {int64_t{*owner_role}});
  }
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare(absl::StrCat(
                       "SELECT ", kAlertColumns, " FROM alerts a", kAlertJoins,
                       filter.Where(), " ORDER BY a.revision LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{limit});
  std::vector<v1::Alert> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(v1::Alert alert, ReadAlert(stmt));
    out.push_back(std::move(alert));
  }
  return out;
}

absl::StatusOr<std::optional<Instant>> SqliteStore::NextDueTime() {
  // A read of committed rows, on a reader: /metrics asks at every scrape,
  // and must not queue behind the writer.
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare("SELECT MIN(t) FROM (SELECT MIN(fire_time) AS t FROM "
                    "alerts WHERE state = ? UNION ALL SELECT "
                    "MIN(next_attempt_time) FROM deliveries WHERE state = ?)"));
  stmt.Bind(1, int64_t{kPending}).Bind(2, int64_t{kToSend});
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || stmt.ColumnIsNull(0)) return std::optional<Instant>();
  return std::optional<Instant>(FromSeconds(stmt.ColumnInt64(0)));
}

}  // namespace sendcase::storage
