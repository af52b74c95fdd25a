// CaseEngine::RecordEvent: validate -> load -> rules check -> etag ->
// replay the chronology with the event in its date order (state machine and
// rules) -> one atomic commit of the differences.
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/case_engine.h"
#include "services/casework/idempotency.h"
#include "services/casework/notices.h"
#include "services/casework/proto_convert.h"
#include "services/casework/replay_commit.h"
#include "services/casework/validation.h"
#include "services/common/error_reason.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/journey/replay.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {

absl::StatusOr<v1::Journey> CaseEngine::RecordEvent(
    const auth::Principal& caller, const v1::RecordEventRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kRecordEvent));
  RETURN_IF_ERROR(auth::AuthorizeEvent(caller, request.event().kind_case()));
  // Everything that needs no stored state is checked first, so a malformed
  // request is InvalidArgument whatever state the journey is in.
  ASSIGN_OR_RETURN(JourneyName name,
                   ParseJourneyName(request.journey(), "journey"));
  if (!request.has_event())
    return absl::InvalidArgumentError("event: required");
  const Instant now = clock_.Now();
  ASSIGN_OR_RETURN(Day event_date,
                   ValidateEvent(request.event(), LondonDate(now)));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "RecordEvent",
                                   request.request_id(), request));
  if (start.replay) {
    // The caller may have lost access since: check before replaying.
    RETURN_IF_ERROR(LoadJourney(caller, request.journey(), "journey").status());
    return ParseReplay<v1::Journey>(*start.replay);
  }

  // Without an etag the caller asked for no optimistic check: a write that
  // lost a race with another write to the same journey is evaluated again
  // on the new state (a few times), rather than failing with ABORTED.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    // A concurrent call with the same request_id that committed first is
    // this call's answer too.
    absl::StatusOr<v1::Journey> recorded = ResolveRace(
        cases_, start.key,
        RecordEventOnce(caller, request, name, event_date, now, start.key));
    if (!absl::IsAborted(recorded.status()) || !request.etag().empty() ||
        attempt == kAttempts) {
      return recorded;
    }
  }
}

absl::StatusOr<v1::Journey> CaseEngine::RecordEventOnce(
    const auth::Principal& caller, const v1::RecordEventRequest& request,
    const JourneyName& name, Day event_date, Instant now,
    const std::optional<storage::IdempotencyKey>& key) {
  ASSIGN_OR_RETURN(storage::JourneyRecord record,
                   LoadJourney(caller, request.journey(), "journey"));
  // The journey's own rule-set version, not necessarily the newest.
  ASSIGN_OR_RETURN(std::shared_ptr<const rules::RuleSet> rules,
                   rules_.ForVersion(record.journey.rule_set_version()));
  RETURN_IF_ERROR(rules::ValidateAgainstRules(*rules, request.event()));
  if (!request.etag().empty() && request.etag() != Etag(record.version)) {
    return WithReason(
        absl::AbortedError(absl::StrCat(
            "etag: ", request.journey(),
            " has changed since it was read; read it again and retry")),
        "ETAG_MISMATCH", {{"resource", request.journey()}});
  }
  // The journey is what its chronology gives in event-date order: the new
  // event takes its place by date and the whole chronology is replayed.
  ASSIGN_OR_RETURN(std::vector<v1::JourneyEvent> stored,
                   storage::ReadAllPages<v1::JourneyEvent>(
                       [&](const storage::PageRequest& page) {
                         return cases_.ListEvents(name, page);
                       }));
  storage::TransitionCommit commit;
  commit.journey = name;
  commit.expected_version = record.version;
  commit.record_time = now;
  commit.event = request.event();
  commit.event.clear_clock_changes();
  *commit.event.mutable_record_time() = ToTimestamp(now);
  commit.event.set_recorded_by(caller.subject);
  commit.event.set_recorded_by_role(caller.role);
  std::vector<v1::JourneyEvent> chronology = stored;
  chronology.push_back(commit.event);
  absl::StatusOr<journey::ReplayedJourney> replayed =
      journey::Replay(*rules, chronology, record.birth_date);
  if (!replayed.ok()) {
    // Name the new event too when it was placed before later ones.
    const bool back_dated = record.latest_event_date.has_value() &&
                            event_date < *record.latest_event_date;
    if (!back_dated) return replayed.status();
    return absl::Status(
        replayed.status().code(),
        absl::StrCat("recording ",
                     journey::EventKindName(request.event().kind_case()),
                     " of ", FormatDay(event_date),
                     " before the journey's latest event (",
                     FormatDay(*record.latest_event_date),
                     "): ", replayed.status().message()));
  }
  for (const v1::JourneyEvent& e : replayed->events) {
    if (e.sequence() != 0) continue;
    commit.event.set_from_state(e.from_state());
    commit.event.set_to_state(e.to_state());
  }
  // Who must hear of it now, by the rules the server runs (not the
  // journey's version: who is told is not a statutory date).
  commit.notices = PlanNotices(
      rules_.current(), commit.event, event_date, record.birth_date,
      LondonDate(now), caller.admin ? v1::ROLE_UNSPECIFIED : caller.role);
  for (auto& change : journey::DiffClocks(record.clocks, replayed->clocks)) {
    *commit.event.add_clock_changes() = std::move(change);
  }
  ASSIGN_OR_RETURN(std::vector<storage::OpenTask> open_tasks,
                   cases_.ListOpenTasks(name));
  PlanReplayCommit(
      record, stored, open_tasks, *replayed, LondonDate(now),
      [this] { return ids_.NewId(); }, commit);

  v1::Journey updated = record.journey;
  updated.set_state(replayed->state);
  updated.set_etag(Etag(storage::NextVersion(record.version)));
  if (commit.latest_event_date.has_value()) {
    *updated.mutable_latest_event_date() =
        ToProtoDate(*commit.latest_event_date);
  }
  *updated.mutable_update_time() = ToTimestamp(now);
  SetClocks(updated, replayed->clocks, LondonDate(now));
  *updated.mutable_clock_changes() = commit.event.clock_changes();
  RETURN_IF_ERROR(
      cases_.CommitTransition(commit, key, updated.SerializeAsString())
          .status());
  if (bus_ != nullptr) {
    bus_->EventsCommitted();  // wake WatchEvents streams
    // Notices are due at once, and a late-logged event may have made a
    // reminder due: the scheduler looks now rather than at its next wake.
    if (!commit.new_tasks.empty() || !commit.notices.empty()) {
      bus_->RequestRun();
    }
  }
  return updated;
}

}  // namespace sendcase::casework
