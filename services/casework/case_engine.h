#ifndef SENDCASE_SERVICES_CASEWORK_CASE_ENGINE_H_
#define SENDCASE_SERVICES_CASEWORK_CASE_ENGINE_H_

// CaseEngine: the application layer behind CaseService. For each call it
// authorises (auth/authorizer.h), validates, loads, applies the journey
// state machine and the rules of the journey's rule-set version, and commits
// the event, its clocks and tasks through the storage ports in one
// transaction.
// It speaks API messages but no gRPC: handlers only authenticate and convert
// the status.
//
// Error codes: InvalidArgument (the message names the field), NotFound,
// AlreadyExists, FailedPrecondition (event not allowed in this state),
// Aborted (stale etag), PermissionDenied, Unavailable.
// A resource outside the caller's scope is PermissionDenied whether or not
// it exists, so scope-limited callers cannot probe for records.
//
// Thread-safe: holds no mutable state of its own.

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/principal.h"
#include "services/casework/id_generator.h"
#include "services/casework/rule_registry.h"
#include "services/common/clock.h"
#include "services/scheduler/alert_bus.h"
#include "services/storage/case_store.h"
#include "services/storage/task_store.h"

namespace sendcase::casework {

// What a write of another resource carries into RecordEventFor: a support
// plan committed with the event, and the response stored under the write's
// idempotency key (built from the journey the event produced).
struct EventAttachment {
  std::optional<storage::SupportPlanWrite> support_plan;
  std::optional<storage::ReferralWrite> referral;
  std::function<std::string(const v1::Journey&)> response;
};

class CaseEngine {
 public:
  // Borrows everything; all must outlive the engine.
  // `bus` (optional) is told to run the scheduler when a commit creates a
  // reminder that is already due.
  CaseEngine(storage::CaseStore& cases, storage::TaskStore& tasks,
             RuleRegistry& rules, const Clock& clock, IdGenerator& ids,
             scheduler::AlertBus* bus = nullptr)
      : cases_(cases),
        tasks_(tasks),
        rules_(rules),
        clock_(clock),
        ids_(ids),
        bus_(bus) {}

  absl::StatusOr<v1::Pupil> CreatePupil(const auth::Principal& caller,
                                        const v1::CreatePupilRequest& request);
  absl::StatusOr<v1::Pupil> GetPupil(const auth::Principal& caller,
                                     const v1::GetPupilRequest& request);
  absl::StatusOr<v1::ListPupilsResponse> ListPupils(
      const auth::Principal& caller, const v1::ListPupilsRequest& request);
  absl::StatusOr<v1::Journey> GetJourney(const auth::Principal& caller,
                                         const v1::GetJourneyRequest& request);
  absl::StatusOr<v1::ListJourneysResponse> ListJourneys(
      const auth::Principal& caller, const v1::ListJourneysRequest& request);
  absl::StatusOr<v1::Journey> RecordEvent(
      const auth::Principal& caller, const v1::RecordEventRequest& request);
  // RecordEvent for an event that another resource's write records (a
  // support plan agreed): the caller's right to record the kind, the event's
  // checks, the rules and the replay, then one commit with `attachment`'s
  // writes and `key`'s response. One attempt: Aborted if the journey or the
  // attachment changed meanwhile. The caller authorised its own method and
  // the pupil.
  absl::StatusOr<v1::Journey> RecordEventFor(
      const auth::Principal& caller, const v1::RecordEventRequest& request,
      const EventAttachment& attachment,
      const std::optional<storage::IdempotencyKey>& key);
  // Applies update_mask (given_name, family_name, birth_date, setting_urn,
  // local_authority_code, needs); the pupil must be in scope before and
  // after. Aborted on a stale etag.
  absl::StatusOr<v1::Pupil> UpdatePupil(const auth::Principal& caller,
                                        const v1::UpdatePupilRequest& request);
  absl::StatusOr<v1::Journey> AssignCaseOfficer(
      const auth::Principal& caller,
      const v1::AssignCaseOfficerRequest& request);
  absl::StatusOr<v1::ListJourneyEventsResponse> ListJourneyEvents(
      const auth::Principal& caller,
      const v1::ListJourneyEventsRequest& request);
  absl::StatusOr<v1::ListTasksResponse> ListTasks(
      const auth::Principal& caller, const v1::ListTasksRequest& request);
  absl::StatusOr<v1::Task> CompleteTask(const auth::Principal& caller,
                                        const v1::CompleteTaskRequest& request);
  // The family view: where the pupil's current journey stands, what happens
  // next and by when, who takes each step, and what has happened, in plain
  // English (family_view.cc). A PARENT's token scoped to the pupil reads it;
  // staff who may read the pupil see what the family sees.
  absl::StatusOr<v1::FamilyView> GetFamilyView(
      const auth::Principal& caller, const v1::GetFamilyViewRequest& request);
  // Compiles the candidate (InvalidArgument naming the rule on a mistake)
  // and reports the live clocks it would change. Writes nothing.
  absl::StatusOr<v1::PreviewRulesResponse> PreviewRules(
      const auth::Principal& caller, const v1::PreviewRulesRequest& request);

  // Moves the chosen journeys (or every visible one on another rule set)
  // to the current rule set by replaying their chronologies; with
  // validate_only, reports and writes nothing (rule_upgrade.cc).
  // InvalidArgument unless rule_set_version is the current version.
  absl::StatusOr<v1::UpgradeJourneyRulesResponse> UpgradeJourneyRules(
      const auth::Principal& caller,
      const v1::UpgradeJourneyRulesRequest& request);

 private:
  // For GetJourney and RecordEvent: the events the caller may record next
  // (allowed_events), and each clock's and clock change's title from the
  // journey's own rule set (left empty if that set cannot be loaded: the
  // dates stand).
  void Decorate(const auth::Principal& caller, v1::Journey& journey);
  // One journey's replay under `target`, written when not validate_only.
  absl::StatusOr<v1::JourneyUpgrade> UpgradeJourney(
      const storage::JourneyRecord& record, const rules::RuleSet& target,
      bool validate_only);
  // Loads a journey the caller may see (NotFound / PermissionDenied).
  absl::StatusOr<storage::JourneyRecord> LoadJourney(
      const auth::Principal& caller, const std::string& name,
      absl::string_view field);
  // One read-evaluate-commit of RecordEvent; Aborted if the journey changed
  // in between (RecordEvent retries when the caller sent no etag).
  absl::StatusOr<v1::Journey> RecordEventOnce(
      const auth::Principal& caller, const v1::RecordEventRequest& request,
      const JourneyName& name, Day event_date, Instant now,
      const std::optional<storage::IdempotencyKey>& key,
      const EventAttachment* attachment = nullptr);

  storage::CaseStore& cases_;
  storage::TaskStore& tasks_;
  RuleRegistry& rules_;
  const Clock& clock_;
  IdGenerator& ids_;
  scheduler::AlertBus* bus_;
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_CASE_ENGINE_H_
