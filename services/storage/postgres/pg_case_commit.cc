// Committing a journey's transition on PostgreSQL (pg_case_store.h): the
// event, the journey's new state and version, its clocks, tasks,
// reminders and notices, a support plan or referral, the feed row and the
// idempotency key, in one transaction; and reading the chronology.
#include "absl/strings/str_cat.h"
#include "sendcase/v1/alert.pb.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/alert_states.h"
#include "services/storage/postgres/pg_case_store.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_responses.h"
#include "services/storage/postgres/pg_support_writes.h"
#include "services/storage/postgres/pg_values.h"
#include "services/storage/postgres/pg_write.h"

namespace sendcase::storage::postgres {
namespace {

// The event's kind column: the name of its `kind` oneof member, e.g.
// "assessment_requested" (for SQL readers; the bytes are the record).
std::string KindOf(const v1::JourneyEvent& event) {
  const auto* field = event.GetReflection()->GetOneofFieldDescriptor(
      event, event.GetDescriptor()->FindOneofByName("kind"));
  return field == nullptr ? "" : field->name();
}

PgParam Flag(bool b) { return PgParam::Int(b ? 1 : 0); }

absl::Status InsertClock(PgConnection& conn, const std::string& journey_id,
                         const ClockRecord& c) {
  return conn
      .Exec(
          "INSERT INTO clocks (journey_id, rule_id, subject, status, "
          "start_date, due_date, met_date, statutory, owner_role, "
          "explanation, exception_reason, rule_set_version, review, expires, "
          "live, assessment_step, assessment_limit) VALUES ($1, $2, $3, $4, "
          "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
          {PgParam::Text(journey_id), PgParam::Text(c.rule_id),
           PgParam::Text(c.subject), PgParam::Int(c.status),
           DayParam(c.start_date), DayParam(c.due_date),
           OptionalDayParam(c.met_date), Flag(c.statutory),
           PgParam::Int(c.owner_role), PgParam::Text(c.explanation),
           PgParam::Text(c.exception_reason), PgParam::Text(c.rule_set_version),
           Flag(c.review), Flag(c.window), Flag(c.IsLive()),
           Flag(c.assessment_step), Flag(c.assessment_limit)})
      .status();
}

absl::Status UpdateClock(PgConnection& conn, const TransitionEffects& commit,
                         const ClockRecord& c) {
  ASSIGN_OR_RETURN(
      PgResult update,
      conn.Exec(
          "UPDATE clocks SET status = $1, met_date = $2, explanation = $3, "
          "exception_reason = $4, start_date = $5, due_date = $6, statutory "
          "= $7, owner_role = $8, rule_set_version = $9, review = $10, "
          "expires = $11, live = $12, assessment_step = $13, "
          "assessment_limit = $14 WHERE id = $15 AND journey_id = $16",
          {PgParam::Int(c.status), OptionalDayParam(c.met_date),
           PgParam::Text(c.explanation), PgParam::Text(c.exception_reason),
           DayParam(c.start_date), DayParam(c.due_date), Flag(c.statutory),
           PgParam::Int(c.owner_role), PgParam::Text(c.rule_set_version),
           Flag(c.review), Flag(c.window), Flag(c.IsLive()),
           Flag(c.assessment_step), Flag(c.assessment_limit),
           PgParam::Int(c.id), PgParam::Text(commit.journey.journey)}));
  if (update.affected() != 1) {
    return absl::InternalError(
        absl::StrCat("clock ", c.id, " is not on ", commit.journey.Format()));
  }
  return absl::OkStatus();
}

// A new task's reminders, or a commit's notices (no task: pending and due
// now, fired by the scheduler like a reminder), with the pupil's scope
// copied in for routing.
absl::Status InsertAlert(PgConnection& conn, const TransitionEffects& commit,
                         const NewTask* task, const std::string& rule_id,
                         v1::Role owner_role, const std::string& title,
                         const std::string& explanation, Day due, int kind,
                         Instant fire_time) {
  return conn
      .Exec(
          "INSERT INTO alerts (task_id, journey_id, pupil_id, setting_urn, "
          "local_authority_code, rule_id, owner_role, title, explanation, "
          "due_date, kind, fire_time, state) SELECT $1::text, $2::text, p.id, "
          "p.setting_urn, p.local_authority_code, $3::text, $4::bigint, "
          "$5::text, $6::text, $7::text, $8::bigint, $9::bigint, $10::bigint "
          "FROM pupils p WHERE p.id = $11",
          {task == nullptr ? PgParam::Null() : PgParam::Text(task->id),
           PgParam::Text(commit.journey.journey), PgParam::Text(rule_id),
           PgParam::Int(owner_role), PgParam::Text(title),
           PgParam::Text(explanation), DayParam(due), PgParam::Int(kind),
           SecondsParam(fire_time), PgParam::Int(kPending),
           PgParam::Text(commit.journey.pupil)})
      .status();
}

absl::Status WriteClocks(PgConnection& conn, const TransitionEffects& commit) {
  const std::string& journey_id = commit.journey.journey;
  if (commit.replace_clocks) {
    RETURN_IF_ERROR(conn.Exec("DELETE FROM clocks WHERE journey_id = $1",
                              {PgParam::Text(journey_id)})
                        .status());
  }
  for (const ClockRecord& c : commit.clock_changes) {
    RETURN_IF_ERROR(c.id == 0 ? InsertClock(conn, journey_id, c)
                              : UpdateClock(conn, commit, c));
  }
  for (const TaskClosure& closure : commit.closed_tasks) {
    RETURN_IF_ERROR(
        conn.Exec("UPDATE tasks SET state = $1, close_time = $2 WHERE id = $3 "
                  "AND journey_id = $4 AND state = $5",
                  {PgParam::Int(closure.state),
                   SecondsParam(commit.record_time), PgParam::Text(closure.id),
                   PgParam::Text(journey_id), PgParam::Int(v1::Task::OPEN)})
            .status());
  }
  for (const NewTask& t : commit.new_tasks) {
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO tasks (id, journey_id, pupil_id, rule_id, "
                  "subject, title, owner_role, due_date, state, create_time) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                  {PgParam::Text(t.id), PgParam::Text(journey_id),
                   PgParam::Text(commit.journey.pupil),
                   PgParam::Text(t.rule_id), PgParam::Text(t.subject),
                   PgParam::Text(t.title), PgParam::Int(t.owner_role),
                   DayParam(t.due_date), PgParam::Int(v1::Task::OPEN),
                   SecondsParam(commit.record_time)})
            .status());
    for (const NewAlert& alert : t.alerts) {
      RETURN_IF_ERROR(InsertAlert(conn, commit, &t, t.rule_id, t.owner_role,
                                  t.title, t.explanation, t.due_date,
                                  alert.kind, alert.fire_time));
    }
  }
  for (const NewNotice& n : commit.notices) {
    RETURN_IF_ERROR(InsertAlert(
        conn, commit, nullptr, n.notice_id, n.owner_role, n.title,
        n.explanation, n.event_date, v1::Alert::NOTICE, commit.record_time));
  }
  if (commit.closed_tasks.empty()) return absl::OkStatus();
  return CancelClosedAlerts(conn, journey_id);
}

// Appends the event and its feed row. Last in the transaction: the feed
// lock it takes is held until the commit, and every other replica's
// commit waits for it here.
absl::StatusOr<int64_t> AppendEvent(PgConnection& conn,
                                    const TransitionEffects& commit) {
  // The journey's row is locked by this transaction's version update, so
  // no other writer can take the same sequence.
  ASSIGN_OR_RETURN(PgResult next,
                   conn.Exec("SELECT COALESCE(MAX(sequence), 0) + 1 FROM "
                             "journey_events WHERE journey_id = $1",
                             {PgParam::Text(commit.journey.journey)}));
  const int64_t sequence = next.Int64(0, 0);
  v1::JourneyEvent event = commit.event;
  event.set_sequence(sequence);
  ASSIGN_OR_RETURN(Day event_date,
                   FromProtoDate(event.event_date(), "event.event_date"));
  // Revisions in commit order (pg_case_store.h): the next one is taken
  // under the lock, which this transaction keeps until it commits.
  RETURN_IF_ERROR(conn.Exec("SELECT pg_advisory_xact_lock($1::bigint)",
                            {PgParam::Int(kFeedLock)})
                      .status());
  ASSIGN_OR_RETURN(
      PgResult revision,
      conn.Exec("SELECT COALESCE(MAX(revision), 0) + 1 FROM journey_events"));
  const int64_t rev = revision.Int64(0, 0);
  RETURN_IF_ERROR(
      conn.Exec("INSERT INTO journey_events (revision, journey_id, sequence, "
                "event_date, kind, record_time, event) VALUES ($1, $2, $3, "
                "$4, $5, $6, $7)",
                {PgParam::Int(rev), PgParam::Text(commit.journey.journey),
                 PgParam::Int(sequence), DayParam(event_date),
                 PgParam::Text(KindOf(event)), SecondsParam(commit.record_time),
                 PgParam::Bytes(event.SerializeAsString())})
          .status());
  RETURN_IF_ERROR(
      conn.Exec("INSERT INTO event_feed (revision, journey_id, pupil_id, "
                "setting_urn, local_authority_code, record_time) SELECT "
                "$1::bigint, $2::text, p.id, p.setting_urn, "
                "p.local_authority_code, $3::bigint FROM pupils p WHERE p.id "
                "= $4",
                {PgParam::Int(rev), PgParam::Text(commit.journey.journey),
                 SecondsParam(commit.record_time),
                 PgParam::Text(commit.journey.pupil)})
          .status());
  return sequence;
}

}  // namespace

absl::Status CancelClosedAlerts(PgConnection& conn,
                                const std::string& journey_id) {
  return conn
      .Exec(
          "UPDATE alerts SET state = $1 WHERE state = $2 AND journey_id = $3 "
          "AND task_id IN (SELECT id FROM tasks WHERE journey_id = $3 AND "
          "state <> $4)",
          {PgParam::Int(kCancelled), PgParam::Int(kPending),
           PgParam::Text(journey_id), PgParam::Int(v1::Task::OPEN)})
      .status();
}

absl::StatusOr<int64_t> PgCaseStore::CommitTransition(
    const TransitionEffects& commit, const std::optional<IdempotencyKey>& key,
    const std::string& response) {
  int64_t sequence = 0;
  RETURN_IF_ERROR(PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    // The version check and the update are one statement; it also locks
    // the journey's row, so a second replica's commit of the same journey
    // waits, then finds the version moved and changes nothing.
    ASSIGN_OR_RETURN(
        PgResult update,
        conn.Exec(
            "UPDATE journeys SET state = $1, version = $2, latest_event_date "
            "= $3, update_time = $4, rule_set_version = COALESCE(NULLIF($5, "
            "''), rule_set_version) WHERE id = $6 AND pupil_id = $7 AND "
            "version = $8",
            {PgParam::Int(commit.new_state),
             PgParam::Int(NextVersion(commit.expected_version)),
             OptionalDayParam(commit.latest_event_date),
             SecondsParam(commit.record_time),
             PgParam::Text(commit.rule_set_version),
             PgParam::Text(commit.journey.journey),
             PgParam::Text(commit.journey.pupil),
             PgParam::Int(commit.expected_version)}));
    if (update.affected() != 1) {
      // Distinguish a missing journey from a stale etag.
      RETURN_IF_ERROR(ReadJourneyOn(conn, commit.journey).status());
      return absl::AbortedError(absl::StrCat(
          commit.journey.Format(),
          " was changed by another request; read it again and retry"));
    }
    if (commit.support_plan.has_value()) {
      RETURN_IF_ERROR(UpdatePlan(conn, commit.support_plan->record,
                                 commit.support_plan->expected_version));
      if (commit.support_plan->next_draft.has_value()) {
        RETURN_IF_ERROR(InsertPlan(conn, *commit.support_plan->next_draft));
      }
    }
    if (commit.referral.has_value()) {
      RETURN_IF_ERROR(WriteReferral(conn, *commit.referral));
    }
    for (const v1::JourneyEvent& restated : commit.restated_events) {
      RETURN_IF_ERROR(
          conn.Exec("UPDATE journey_events SET event = $1 WHERE journey_id = "
                    "$2 AND sequence = $3",
                    {PgParam::Bytes(restated.SerializeAsString()),
                     PgParam::Text(commit.journey.journey),
                     PgParam::Int(restated.sequence())})
              .status());
    }
    RETURN_IF_ERROR(WriteClocks(conn, commit));
    // With or without an event, the response is kept under its key.
    if (key.has_value()) {
      RETURN_IF_ERROR(PutResponse(conn, *key, response, commit.record_time));
    }
    if (!commit.append_event) return absl::OkStatus();
    ASSIGN_OR_RETURN(sequence, AppendEvent(conn, commit));
    return absl::OkStatus();
  }));
  return sequence;
}

absl::StatusOr<Page<v1::JourneyEvent>> PgCaseStore::ListEvents(
    const JourneyName& journey, const PageRequest& page) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  RETURN_IF_ERROR(ReadJourneyOn(*conn, journey).status());
  return ReadPage<v1::JourneyEvent>(
      *conn,
      "SELECT sequence, event FROM journey_events WHERE journey_id = ? AND "
      "sequence > ? ORDER BY sequence LIMIT ?",
      {PgParam::Text(journey.journey), PgParam::Int(page.after)}, page,
      [](const PgResult& r, int i) -> absl::StatusOr<v1::JourneyEvent> {
        v1::JourneyEvent event;
        if (!event.ParseFromString(r.Bytes(i, 1))) {
          return absl::InternalError(
              absl::StrCat("journey event ", r.Int64(i, 0), " is corrupt"));
        }
        return event;
      });
}

}  // namespace sendcase::storage::postgres
