// CaseEngine::RecordEvent: validate -> load -> rules check -> etag ->
// chronology order -> state machine -> rules -> one atomic commit.
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/case_engine.h"
#include "services/casework/idempotency.h"
#include "services/casework/proto_convert.h"
#include "services/casework/reminders.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {

absl::StatusOr<v1::Journey> CaseEngine::RecordEvent(
    const auth::Principal& caller, const v1::RecordEventRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kRecordEvent));
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
  if (!request.etag().empty() && request.etag() != record.journey.etag()) {
    return absl::AbortedError(absl::StrCat(
        "etag: ", request.journey(),
        " has changed since it was read; read it again and retry"));
  }
  if (record.latest_event_date.has_value() &&
      event_date < *record.latest_event_date) {
    return absl::InvalidArgumentError(
        absl::StrCat("event.event_date: ", FormatDay(event_date),
                     " is before the journey's latest event (",
                     FormatDay(*record.latest_event_date), ")"));
  }
  ASSIGN_OR_RETURN(
      journey::Transition transition,
      journey::Apply(record.journey.state(), request.event().kind_case()));

  std::vector<rules::ClockRecord> live;
  for (const auto& c : record.clocks) {
    if (c.IsLive()) live.push_back(c);
  }
  ASSIGN_OR_RETURN(
      std::vector<rules::ClockRecord> changes,
      rules::Evaluate(*rules,
                      rules::Fact{&request.event(), event_date,
                                  record.journey.state(), record.birth_date},
                      live));

  storage::TransitionCommit commit;
  commit.journey = name;
  commit.expected_version = record.version;
  commit.new_state = transition.to;
  commit.event_date = event_date;
  commit.record_time = now;
  commit.event = request.event();
  *commit.event.mutable_record_time() = ToTimestamp(now);
  commit.event.set_from_state(transition.from);
  commit.event.set_to_state(transition.to);
  commit.event.set_recorded_by(caller.subject);
  commit.event.set_recorded_by_role(caller.role);
  for (const rules::ClockRecord& c : changes) {
    if (c.id == 0 && !c.task_title.empty()) {
      commit.new_tasks.push_back(
          {ids_.NewId(), c.rule_id, c.subject, c.task_title, c.owner_role,
           c.due_date, c.explanation,
           PlanReminders(c.due_date, c.reminder_days, LondonDate(now))});
    }
  }
  commit.clock_changes = changes;

  v1::Journey updated = record.journey;
  updated.set_state(transition.to);
  updated.set_etag(absl::StrCat(record.version + 1));
  *updated.mutable_latest_event_date() = ToProtoDate(event_date);
  *updated.mutable_update_time() = ToTimestamp(now);
  SetClocks(updated, MergeClocks(record.clocks, changes), LondonDate(now));
  RETURN_IF_ERROR(
      cases_.CommitTransition(commit, key, updated.SerializeAsString())
          .status());
  if (bus_ != nullptr) {
    bus_->EventsCommitted();  // wake WatchEvents streams
    // A late-logged event may have made a reminder due at once: the
    // scheduler looks now rather than at its next planned wake.
    if (!commit.new_tasks.empty()) bus_->RequestRun();
  }
  return updated;
}

}  // namespace sendcase::casework
