// SqliteStore: committing transitions and reading the chronology.
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

// The event's kind column: the name of its `kind` oneof member, e.g.
// "assessment_requested" (for SQL readers; the blob is the record).
std::string KindOf(const v1::JourneyEvent& event) {
  const auto* field = event.GetReflection()->GetOneofFieldDescriptor(
      event, event.GetDescriptor()->FindOneofByName("kind"));
  return field == nullptr ? "" : field->name();
}

absl::StatusOr<v1::JourneyEvent> ReadEvent(const Statement& row) {
  v1::JourneyEvent event;
  if (!event.ParseFromString(row.ColumnBlob(1))) {
    return absl::InternalError(
        absl::StrCat("journey event ", row.ColumnInt64(0), " is corrupt"));
  }
  return event;
}

}  // namespace

absl::StatusOr<int64_t> SqliteStore::CommitTransition(
    const TransitionEffects& commit, const std::optional<IdempotencyKey>& key,
    const std::string& response) {
  // One group commit with the writes arriving meanwhile (group_commit.h),
  // with the call's audit row.
  int64_t sequence = 0;
  RETURN_IF_ERROR(CommitWrite("", [&]() -> absl::Status {
    // The version check and the update are one statement: nothing can slip in
    // between, and a stale writer changes nothing.
    ASSIGN_OR_RETURN(
        Statement update,
        db_->Prepare("UPDATE journeys SET state = ?, version = ?, "
                     "latest_event_date = ?, update_time = ?, "
                     "rule_set_version = COALESCE(NULLIF(?, ''), "
                     "rule_set_version) "
                     "WHERE id = ? AND pupil_id = ? AND version = ?"));
    update.Bind(1, static_cast<int64_t>(commit.new_state))
        .Bind(2, NextVersion(commit.expected_version))
        .BindOptional(3, OptionalDay(commit.latest_event_date))
        .Bind(4, ToSeconds(commit.record_time))
        .Bind(5, commit.rule_set_version)
        .Bind(6, commit.journey.journey)
        .Bind(7, commit.journey.pupil)
        .Bind(8, commit.expected_version);
    RETURN_IF_ERROR(update.Run());
    if (db_->Changes() != 1) {
      // Distinguish a missing journey from a stale etag.
      RETURN_IF_ERROR(GetJourneyLocked(commit.journey).status());
      return absl::AbortedError(absl::StrCat(
          commit.journey.Format(),
          " was changed by another request; read it again and retry"));
    }
    if (commit.support_plan.has_value()) {
      RETURN_IF_ERROR(UpdatePlanLocked(commit.support_plan->record,
                                       commit.support_plan->expected_version));
      if (commit.support_plan->next_draft.has_value()) {
        RETURN_IF_ERROR(InsertPlanLocked(*commit.support_plan->next_draft));
      }
    }
    if (commit.referral.has_value()) {
      RETURN_IF_ERROR(WriteReferralLocked(*commit.referral));
    }
    for (const v1::JourneyEvent& restated : commit.restated_events) {
      ASSIGN_OR_RETURN(Statement rewrite,
                       db_->Prepare("UPDATE journey_events SET event = ? WHERE "
                                    "journey_id = ? AND sequence = ?"));
      rewrite.BindBlob(1, restated.SerializeAsString())
          .Bind(2, commit.journey.journey)
          .Bind(3, restated.sequence());
      RETURN_IF_ERROR(rewrite.Run());
    }
    if (!commit.append_event) {
      // No event, but the response is kept all the same: a repeat of the
      // request replays it.
      RETURN_IF_ERROR(WriteClocksLocked(commit));
      if (key.has_value()) {
        RETURN_IF_ERROR(PutResponseLocked(*key, response, commit.record_time));
      }
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(Statement next,
                     db_->Prepare("SELECT COALESCE(MAX(sequence), 0) + 1 FROM "
                                  "journey_events WHERE journey_id = ?"));
    next.Bind(1, commit.journey.journey);
    ASSIGN_OR_RETURN(bool has_row, next.Step());
    if (!has_row) return absl::InternalError("sequence query returned no row");
    sequence = next.ColumnInt64(0);

    v1::JourneyEvent event = commit.event;
    event.set_sequence(sequence);
    ASSIGN_OR_RETURN(Day event_date,
                     FromProtoDate(event.event_date(), "event.event_date"));
    ASSIGN_OR_RETURN(
        Statement insert,
        db_->Prepare("INSERT INTO journey_events (journey_id, sequence, "
                     "event_date, kind, record_time, event) "
                     "VALUES (?, ?, ?, ?, ?, ?)"));
    insert.Bind(1, commit.journey.journey)
        .Bind(2, sequence)
        .Bind(3, FormatDay(event_date))
        .Bind(4, KindOf(event))
        .Bind(5, ToSeconds(commit.record_time))
        .BindBlob(6, event.SerializeAsString());
    RETURN_IF_ERROR(insert.Run());
    RETURN_IF_ERROR(AppendFeedLocked(commit.journey, commit.record_time));
    RETURN_IF_ERROR(WriteClocksLocked(commit));
    if (key.has_value()) {
      RETURN_IF_ERROR(PutResponseLocked(*key, response, commit.record_time));
    }
    return absl::OkStatus();
  }));
  return sequence;
}

absl::StatusOr<Page<v1::JourneyEvent>> SqliteStore::ListEvents(
    const JourneyName& journey, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  RETURN_IF_ERROR(GetJourneyLocked(journey).status());
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("SELECT sequence, event FROM journey_events WHERE "
                   "journey_id = ? AND sequence > ? ORDER BY sequence "
                   "LIMIT ?"));
  stmt.Bind(1, journey.journey)
      .Bind(2, page.after)
      .Bind(3, int64_t{page.limit} + 1);
  return ReadPage<v1::JourneyEvent>(stmt, page.limit, ReadEvent);
}

}  // namespace sendcase::storage
