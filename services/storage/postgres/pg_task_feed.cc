// Tasks and the event feed on PostgreSQL (pg_case_store.h).
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_case_store.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_values.h"
#include "services/storage/postgres/pg_write.h"

namespace sendcase::storage::postgres {
namespace {

constexpr absl::string_view kTaskColumns =
    "t.seq, t.id, t.journey_id, t.pupil_id, t.rule_id, t.title, t.owner_role, "
    "t.due_date, t.state, t.create_time, t.close_time, p.setting_urn, "
    "p.local_authority_code, t.subject";

absl::StatusOr<TaskRecord> ReadTask(const PgResult& r, int i) {
  TaskRecord rec;
  v1::Task& t = rec.task;
  t.set_name(TaskName{r.Text(i, 3), r.Text(i, 2), r.Text(i, 1)}.Format());
  t.set_rule_id(r.Text(i, 4));
  t.set_title(r.Text(i, 5));
  t.set_owner_role(static_cast<v1::Role>(r.Int64(i, 6)));
  ASSIGN_OR_RETURN(Day due, DayAt(r, i, 7, "due_date"));
  *t.mutable_due_date() = ToProtoDate(due);
  t.set_state(static_cast<v1::Task::State>(r.Int64(i, 8)));
  *t.mutable_create_time() = ToTimestamp(InstantAt(r, i, 9));
  if (!r.IsNull(i, 10)) {
    *t.mutable_close_time() = ToTimestamp(InstantAt(r, i, 10));
  }
  rec.setting_urn = r.Text(i, 11);
  rec.local_authority_code = r.Text(i, 12);
  t.set_subject(r.Text(i, 13));
  return rec;
}

absl::StatusOr<FeedBounds> BoundsOn(PgConnection& conn) {
  ASSIGN_OR_RETURN(
      PgResult r,
      conn.Exec("SELECT (SELECT compacted_revision FROM feed_state), "
                "(SELECT COALESCE(MAX(revision), 0) FROM journey_events)"));
  return FeedBounds{r.Int64(0, 0), r.Int64(0, 1)};
}

}  // namespace

absl::StatusOr<Page<TaskRecord>> PgCaseStore::ListTasks(
    const Visibility& visibility, const TaskFilter& f,
    const PageRequest& page) {
  PgFilter filter;
  filter.And("t.seq > ?", {PgParam::Int(page.after)});
  if (f.pupil.has_value()) {
    filter.And("t.pupil_id = ?", {PgParam::Text(f.pupil->pupil)});
  }
  if (f.journey.has_value()) {
    filter.And(
        "t.pupil_id = ? AND t.journey_id = ?",
        {PgParam::Text(f.journey->pupil), PgParam::Text(f.journey->journey)});
  }
  if (f.owner_role != v1::ROLE_UNSPECIFIED) {
    filter.And("t.owner_role = ?", {PgParam::Int(f.owner_role)});
  }
  if (f.overdue_on.has_value()) {
    filter.And("t.state = ? AND t.due_date < ?",
               {PgParam::Int(v1::Task::OPEN), DayParam(*f.overdue_on)});
  }
  if (!f.case_officer.empty()) {
    filter.And(
        "(SELECT jo.case_officer FROM journeys jo WHERE jo.id = "
        "t.journey_id) = ?",
        {PgParam::Text(f.case_officer)});
  }
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  // Keyset order is seq (creation), as in SQLite.
  return ReadPage<TaskRecord>(
      *conn,
      absl::StrCat("SELECT ", kTaskColumns,
                   " FROM tasks t JOIN pupils p ON p.id = t.pupil_id",
                   filter.Where(), " ORDER BY t.seq LIMIT ?"),
      filter.params(), page, ReadTask);
}

absl::StatusOr<TaskRecord> PgCaseStore::GetTask(const TaskName& name) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec(absl::StrCat("SELECT ", kTaskColumns,
                              " FROM tasks t JOIN pupils p ON p.id = "
                              "t.pupil_id WHERE t.id = $1 AND t.journey_id = "
                              "$2 AND t.pupil_id = $3"),
                 {PgParam::Text(name.task), PgParam::Text(name.journey),
                  PgParam::Text(name.pupil)}));
  if (rows.rows() == 0) {
    return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
  }
  return ReadTask(rows, 0);
}

absl::StatusOr<v1::Task> PgCaseStore::CompleteTask(const TaskName& name,
                                                   Instant now) {
  RETURN_IF_ERROR(PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    // FOR UPDATE: a replica closing the task meanwhile (a transition that
    // cancels it) is waited for, and its outcome read.
    ASSIGN_OR_RETURN(
        PgResult state,
        conn.Exec("SELECT state FROM tasks WHERE id = $1 AND journey_id = $2 "
                  "AND pupil_id = $3 FOR UPDATE",
                  {PgParam::Text(name.task), PgParam::Text(name.journey),
                   PgParam::Text(name.pupil)}));
    if (state.rows() == 0) {
      return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
    }
    const auto current = static_cast<v1::Task::State>(state.Int64(0, 0));
    if (current == v1::Task::CANCELLED) {
      return absl::FailedPreconditionError(
          absl::StrCat(name.Format(), " is CANCELLED and cannot be completed"));
    }
    if (current != v1::Task::OPEN) return absl::OkStatus();
    RETURN_IF_ERROR(conn.Exec("UPDATE tasks SET state = $1, close_time = $2 "
                              "WHERE id = $3",
                              {PgParam::Int(v1::Task::DONE), SecondsParam(now),
                               PgParam::Text(name.task)})
                        .status());
    return CancelClosedAlerts(conn, name.journey);
  }));
  ASSIGN_OR_RETURN(TaskRecord rec, GetTask(name));
  return rec.task;
}

absl::StatusOr<std::vector<FeedEvent>> PgCaseStore::ListFeed(
    const Visibility& visibility, int64_t after, int limit) {
  PgFilter filter;
  filter.And("f.revision > ?", {PgParam::Int(after)});
  filter.Visible(visibility, "f.setting_urn", "f.local_authority_code");
  std::vector<PgParam> params = filter.params();
  params.push_back(PgParam::Int(limit));
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  // Revisions commit in order (pg_case_store.h), so every revision up to
  // the highest one read here is already visible: resuming after it skips
  // nothing.
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec(NumberPlaceholders(absl::StrCat(
                     "SELECT f.revision, f.pupil_id, f.journey_id, e.event "
                     "FROM event_feed f JOIN journey_events e ON e.revision = "
                     "f.revision",
                     filter.Where(), " ORDER BY f.revision LIMIT ?")),
                 params));
  std::vector<FeedEvent> out;
  for (int i = 0; i < rows.rows(); ++i) {
    FeedEvent e;
    e.revision = rows.Int64(i, 0);
    e.pupil_id = rows.Text(i, 1);
    e.journey_id = rows.Text(i, 2);
    if (!e.event.ParseFromString(rows.Bytes(i, 3))) {
      return absl::InternalError(
          absl::StrCat("journey_events revision ", e.revision, " is corrupt"));
    }
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<FeedBounds> PgCaseStore::GetFeedBounds() {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return BoundsOn(*conn);
}

absl::StatusOr<FeedBounds> PgCaseStore::CompactFeed(Instant before) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  // The watermark is the newest revision removed; later ones all stay even
  // if their clocks disagree (revision order is what clients resume by).
  // One statement, so atomic; replicas compacting at once each move the
  // watermark forward only, and a pass with nothing to cut writes nothing.
  RETURN_IF_ERROR(
      conn->Exec(
              "WITH cut AS (SELECT COALESCE(MAX(revision), 0) AS through "
              "FROM event_feed WHERE record_time < $1), gone AS (DELETE FROM "
              "event_feed WHERE revision <= (SELECT through FROM cut)) "
              "UPDATE feed_state SET compacted_revision = (SELECT through "
              "FROM cut) WHERE (SELECT through FROM cut) > "
              "compacted_revision",
              {SecondsParam(before)})
          .status());
  return BoundsOn(*conn);
}

}  // namespace sendcase::storage::postgres
