// Reminders, notices and their e-mail on PostgreSQL (pg_alert_store.h).
#include "services/storage/postgres/pg_alert_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/alert_states.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_values.h"

namespace sendcase::storage::postgres {
namespace {

// As the SQLite backend's: needs `tasks t` and `pupils p` joined to
// `alerts a` (kAlertJoins). A notice has no task: its t columns are NULL.
constexpr absl::string_view kAlertColumns =
    "a.revision, a.task_id, a.journey_id, a.pupil_id, a.rule_id, "
    "a.owner_role, a.due_date, a.kind, a.fired_time, a.title, a.explanation, "
    "COALESCE(t.subject, ''), COALESCE(p.upn, ''), p.given_name, "
    "p.family_name, COALESCE(p.upn_unknown, 0), "
    "COALESCE((SELECT jo.case_officer FROM journeys jo WHERE jo.id = "
    "a.journey_id), '')";
constexpr absl::string_view kAlertJoins =
    " LEFT JOIN tasks t ON t.id = a.task_id JOIN pupils p ON p.id = "
    "a.pupil_id";
// The task's state, OPEN for a notice.
constexpr absl::string_view kTaskState = "COALESCE(t.state, 1)";
static_assert(v1::Task::OPEN == 1);

// Reads kAlertColumns starting at column `c`.
absl::StatusOr<v1::Alert> ReadAlert(const PgResult& r, int i, int c = 0) {
  v1::Alert a;
  a.set_revision(r.Int64(i, c));
  const std::string pupil = r.Text(i, c + 3);
  if (!r.IsNull(i, c + 1)) {  // a notice has no task
    a.set_task(TaskName{pupil, r.Text(i, c + 2), r.Text(i, c + 1)}.Format());
  }
  a.set_journey(JourneyName{pupil, r.Text(i, c + 2)}.Format());
  a.set_pupil(PupilName{pupil}.Format());
  a.set_rule_id(r.Text(i, c + 4));
  a.set_owner_role(static_cast<v1::Role>(r.Int64(i, c + 5)));
  ASSIGN_OR_RETURN(Day due, DayAt(r, i, c + 6, "due_date"));
  *a.mutable_due_date() = ToProtoDate(due);
  a.set_kind(static_cast<v1::Alert::Kind>(r.Int64(i, c + 7)));
  *a.mutable_fire_time() = ToTimestamp(InstantAt(r, i, c + 8));
  a.set_title(r.Text(i, c + 9));
  a.set_explanation(r.Text(i, c + 10));
  a.set_subject(r.Text(i, c + 11));
  a.set_upn(r.Text(i, c + 12));
  a.set_given_name(r.Text(i, c + 13));
  a.set_family_name(r.Text(i, c + 14));
  a.set_upn_unknown(static_cast<v1::UpnUnknownReason>(r.Int64(i, c + 15)));
  a.set_case_officer(r.Text(i, c + 16));
  return a;
}

// "$1, $2, ..." style list of `ids` as one bigint array parameter.
PgParam IdArray(const std::vector<int64_t>& ids) {
  return PgParam::Text(absl::StrCat("{", absl::StrJoin(ids, ","), "}"));
}

// Runs `body` in a transaction on a pooled connection.
template <typename Body>
absl::Status InTransaction(PgPool& pool, Body body) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool.Acquire());
  RETURN_IF_ERROR(conn->ExecScript("BEGIN"));
  absl::Status done = body(*conn);
  if (done.ok()) done = conn->ExecScript("COMMIT");
  if (!done.ok() && conn->ok()) conn->ExecScript("ROLLBACK").IgnoreError();
  return done;
}

}  // namespace

absl::StatusOr<std::vector<v1::Alert>> PgAlertStore::FireDue(
    Instant now, int limit, bool with_deliveries) {
  std::vector<v1::Alert> fired;
  RETURN_IF_ERROR(InTransaction(pool_, [&](PgConnection& conn) -> absl::Status {
    fired.clear();  // a retried body starts again
    RETURN_IF_ERROR(conn.Exec("SELECT pg_advisory_xact_lock($1::bigint)",
                              {PgParam::Int(kAlertLock)})
                        .status());
    // As SQLite's FireDue: a batch at a time in fire-time order, an alert
    // whose task closed cancelled instead, until a batch fires something
    // or nothing is due.
    std::vector<int64_t> ids;
    while (ids.empty()) {
      ASSIGN_OR_RETURN(
          PgResult due,
          // FOR UPDATE ... SKIP LOCKED: the batch's rows are this
          // transaction's until it commits, so a transition cancelling one
          // meanwhile waits, or (holding it already) is skipped and its
          // alert left for the next pass; FireDue never waits on a writer,
          // so it is never part of a lock cycle.
          conn.Exec(absl::StrCat("SELECT a.id, ", kTaskState,
                                 " FROM alerts a LEFT JOIN tasks t ON t.id = "
                                 "a.task_id WHERE a.state = $1 AND "
                                 "a.fire_time <= $2 ORDER BY a.fire_time, "
                                 "a.id LIMIT $3 FOR UPDATE OF a SKIP LOCKED"),
                    {PgParam::Int(kPending), SecondsParam(now),
                     PgParam::Int(limit)}));
      std::vector<int64_t> closed;
      for (int i = 0; i < due.rows(); ++i) {
        const bool open = due.Int64(i, 1) == int64_t{v1::Task::OPEN};
        (open ? ids : closed).push_back(due.Int64(i, 0));
      }
      if (ids.empty() && closed.empty()) break;
      if (!closed.empty()) {
        RETURN_IF_ERROR(conn.Exec("UPDATE alerts SET state = $1 WHERE id = "
                                  "ANY($2::bigint[])",
                                  {PgParam::Int(kCancelled), IdArray(closed)})
                            .status());
      }
    }
    for (int64_t id : ids) {
      // Under the lock: no other transaction takes a revision until this
      // one commits.
      RETURN_IF_ERROR(
          conn.Exec("UPDATE alerts SET state = $1, fired_time = $2, revision "
                    "= (SELECT COALESCE(MAX(revision), 0) + 1 FROM alerts) "
                    "WHERE id = $3 AND state = $4",
                    {PgParam::Int(kFired), SecondsParam(now), PgParam::Int(id),
                     PgParam::Int(kPending)})
              .status());
      if (with_deliveries) {
        // One delivery per contact for the owner role in the pupil's
        // setting, its trust, its local authority, or everywhere.
        RETURN_IF_ERROR(
            conn.Exec(absl::StrCat(
                          "INSERT INTO deliveries (alert_id, email, state, "
                          "next_attempt_time) SELECT a.id, c.email, "
                          "$1::bigint, $2::bigint FROM alerts a JOIN contacts "
                          "c ON c.role = a.owner_role AND ",
                          ContactCoversSql("c.scope_kind", "c.scope_id",
                                           "a.setting_urn",
                                           "a.local_authority_code"),
                          " AND ",
                          OfficerRoutingSql(
                              "c.role", "c.case_officer", AlertOfficerSql("a"),
                              "a.setting_urn", "a.local_authority_code"),
                          " WHERE a.id = $3 ON CONFLICT DO NOTHING"),
                      {PgParam::Int(kToSend), SecondsParam(now),
                       PgParam::Int(id)})
                .status());
      }
      ASSIGN_OR_RETURN(
          PgResult read,
          conn.Exec(absl::StrCat("SELECT ", kAlertColumns, " FROM alerts a",
                                 kAlertJoins, " WHERE a.id = $1"),
                    {PgParam::Int(id)}));
      if (read.rows() == 0) return absl::InternalError("fired alert vanished");
      ASSIGN_OR_RETURN(v1::Alert alert, ReadAlert(read, 0));
      fired.push_back(std::move(alert));
    }
    return absl::OkStatus();
  }));
  return fired;
}

absl::StatusOr<std::vector<Delivery>> PgAlertStore::ClaimDeliveries(
    Instant now, std::chrono::seconds lease, int limit) {
  std::vector<Delivery> claimed;
  RETURN_IF_ERROR(InTransaction(pool_, [&](PgConnection& conn) -> absl::Status {
    claimed.clear();
    while (claimed.empty()) {
      // SKIP LOCKED: rows another replica is claiming right now are left to
      // it; this one takes the next.
      ASSIGN_OR_RETURN(
          PgResult rows,
          conn.Exec(
              absl::StrCat("SELECT d.id, d.email, d.attempts, ", kTaskState,
                           ", ", kAlertColumns,
                           " FROM deliveries d JOIN alerts a ON a.id = "
                           "d.alert_id",
                           kAlertJoins,
                           " WHERE d.state = $1 AND d.next_attempt_time <= $2 "
                           "ORDER BY d.next_attempt_time, d.id LIMIT $3 FOR "
                           "UPDATE OF d SKIP LOCKED"),
              {PgParam::Int(kToSend), SecondsParam(now), PgParam::Int(limit)}));
      std::vector<int64_t> dropped;
      for (int i = 0; i < rows.rows(); ++i) {
        if (rows.Int64(i, 3) != int64_t{v1::Task::OPEN}) {
          dropped.push_back(rows.Int64(i, 0));
          continue;
        }
        Delivery d;
        d.id = rows.Int64(i, 0);
        d.email = rows.Text(i, 1);
        d.attempts = static_cast<int>(rows.Int64(i, 2)) + 1;
        ASSIGN_OR_RETURN(d.alert, ReadAlert(rows, i, 4));
        claimed.push_back(std::move(d));
      }
      if (claimed.empty() && dropped.empty()) break;
      if (!dropped.empty()) {
        RETURN_IF_ERROR(conn.Exec("UPDATE deliveries SET state = $1 WHERE id "
                                  "= ANY($2::bigint[])",
                                  {PgParam::Int(kDropped), IdArray(dropped)})
                            .status());
      }
    }
    for (const Delivery& d : claimed) {
      RETURN_IF_ERROR(conn.Exec("UPDATE deliveries SET attempts = $1, "
                                "next_attempt_time = $2 WHERE id = $3",
                                {PgParam::Int(d.attempts),
                                 SecondsParam(now + lease), PgParam::Int(d.id)})
                          .status());
    }
    return absl::OkStatus();
  }));
  return claimed;
}

absl::Status PgAlertStore::MarkDelivered(int64_t delivery_id, Instant now) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return conn
      ->Exec(
          "UPDATE deliveries SET state = $1, sent_time = $2, last_error = '' "
          "WHERE id = $3",
          {PgParam::Int(kSent), SecondsParam(now), PgParam::Int(delivery_id)})
      .status();
}

absl::Status PgAlertStore::MarkRetry(int64_t delivery_id, Instant next_attempt,
                                     const std::string& error) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return conn
      ->Exec(
          "UPDATE deliveries SET next_attempt_time = $1, last_error = $2 "
          "WHERE id = $3 AND state = $4",
          {SecondsParam(next_attempt), PgParam::Text(error.substr(0, 500)),
           PgParam::Int(delivery_id), PgParam::Int(kToSend)})
      .status();
}

absl::StatusOr<std::vector<v1::Alert>> PgAlertStore::ListFired(
    const Visibility& visibility, std::optional<int> owner_role, int64_t after,
    int limit) {
  PgFilter filter;
  filter.And("a.state = ? AND a.revision > ?",
             {PgParam::Int(kFired), PgParam::Int(after)});
  // Visible by where the pupil is now, as in SQLite.
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  if (owner_role.has_value()) {
    filter.And("a.owner_role = ?", {PgParam::Int(*owner_role)});
  }
  std::vector<PgParam> params = filter.params();
  params.push_back(PgParam::Int(limit));
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec(NumberPlaceholders(absl::StrCat(
                     "SELECT ", kAlertColumns, " FROM alerts a", kAlertJoins,
                     filter.Where(), " ORDER BY a.revision LIMIT ?")),
                 params));
  std::vector<v1::Alert> out;
  for (int i = 0; i < rows.rows(); ++i) {
    ASSIGN_OR_RETURN(v1::Alert alert, ReadAlert(rows, i));
    out.push_back(std::move(alert));
  }
  return out;
}

absl::StatusOr<std::optional<Instant>> PgAlertStore::NextDueTime() {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult r,
      conn->Exec("SELECT LEAST((SELECT MIN(fire_time) FROM alerts WHERE state "
                 "= $1), (SELECT MIN(next_attempt_time) FROM deliveries "
                 "WHERE state = $2))",
                 {PgParam::Int(kPending), PgParam::Int(kToSend)}));
  if (r.rows() == 0 || r.IsNull(0, 0)) return std::optional<Instant>();
  return std::optional<Instant>(InstantAt(r, 0, 0));
}

}  // namespace sendcase::storage::postgres
