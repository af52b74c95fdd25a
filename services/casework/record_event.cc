// CaseEngine::RecordEvent: validate -> load -> rules check -> etag ->
// PlanTransition (pure: the chronology replayed with the event in its date
// order) -> one atomic commit of the effects.
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/case_engine.h"
#include "services/casework/idempotency.h"
#include "services/casework/proto_convert.h"
#include "services/casework/transition.h"
#include "services/casework/validation.h"
#include "services/common/error_reason.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

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
    ASSIGN_OR_RETURN(v1::Journey replayed,
                     ParseReplay<v1::Journey>(*start.replay));
    Decorate(caller, replayed);
    return replayed;
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
      if (recorded.ok()) Decorate(caller, *recorded);
      return recorded;
    }
  }
}

absl::StatusOr<v1::Journey> CaseEngine::RecordEventFor(
    const auth::Principal& caller, const v1::RecordEventRequest& request,
    const EventAttachment& attachment,
    const std::optional<storage::IdempotencyKey>& key) {
  RETURN_IF_ERROR(auth::AuthorizeEvent(caller, request.event().kind_case()));
  ASSIGN_OR_RETURN(JourneyName name,
                   ParseJourneyName(request.journey(), "journey"));
  const Instant now = clock_.Now();
  ASSIGN_OR_RETURN(Day event_date,
                   ValidateEvent(request.event(), LondonDate(now)));
  return RecordEventOnce(caller, request, name, event_date, now, key,
                         &attachment);
}

absl::StatusOr<v1::Journey> CaseEngine::RecordEventOnce(
    const auth::Principal& caller, const v1::RecordEventRequest& request,
    const JourneyName& name, Day event_date, Instant now,
    const std::optional<storage::IdempotencyKey>& key,
    const EventAttachment* attachment) {
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
  // event takes its place by date and the whole chronology is replayed
  // (transition.h, pure); the effects are committed as planned.
  ASSIGN_OR_RETURN(std::vector<v1::JourneyEvent> stored,
                   storage::ReadAllPages<v1::JourneyEvent>(
                       [&](const storage::PageRequest& page) {
                         return cases_.ListEvents(name, page);
                       }));
  ASSIGN_OR_RETURN(std::vector<storage::OpenTask> open_tasks,
                   cases_.ListOpenTasks(name));
  ASSIGN_OR_RETURN(PlannedTransition planned,
                   PlanTransition({.record = record,
                                   .chronology = stored,
                                   .open_tasks = open_tasks,
                                   .rules = *rules,
                                   .current_rules = rules_.current(),
                                   .event = request.event(),
                                   .event_date = event_date,
                                   .now = now,
                                   .recorded_by = caller.subject,
                                   .recorded_by_role = caller.role,
                                   .recorded_by_admin = caller.admin,
                                   .new_id = [this] { return ids_.NewId(); }}));
  storage::TransitionEffects& commit = planned.effects;
  std::string response;
  if (attachment != nullptr) {
    commit.support_plan = attachment->support_plan;
    commit.referral = attachment->referral;
    response = attachment->response(planned.journey);
  } else {
    response = planned.journey.SerializeAsString();
  }
  RETURN_IF_ERROR(cases_.CommitTransition(commit, key, response).status());
  if (bus_ != nullptr) {
    bus_->EventsCommitted();  // wake WatchEvents streams
    // Notices are due at once, and a late-logged event may have made a
    // reminder due: the scheduler looks now rather than at its next wake.
    if (!commit.new_tasks.empty() || !commit.notices.empty()) {
      bus_->RequestRun();
    }
  }
  return std::move(planned.journey);
}

}  // namespace sendcase::casework
