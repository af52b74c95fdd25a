#ifndef SENDCASE_SERVICES_CASEWORK_TRANSITION_H_
#define SENDCASE_SERVICES_CASEWORK_TRANSITION_H_

// PlanTransition: everything recording one event does to a journey, decided
// from what was read, as one value. Pure: no store, no clock, no I/O; the
// caller reads the journey, its chronology and open tasks, and commits the
// returned effects verbatim (CaseStore::CommitTransition).
//
// The event takes its place in the chronology by date and the whole
// chronology is replayed (state machine and rules), so the effects are the
// differences: the new state and event (with from/to states and the clock
// changes it caused), restated earlier events, clock inserts and updates,
// tasks closed and opened with their reminders, and notices.
//
// Errors: FailedPrecondition when the state machine or the rules refuse the
// event where its date puts it (the message names the event, its date and
// the journey's latest event when it was back-dated); InvalidArgument for an
// event without a kind.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/rule_set.h"
#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"
#include "services/common/clock.h"
#include "services/storage/records.h"

namespace sendcase::casework {

struct TransitionInput {
  const storage::JourneyRecord& record;
  const std::vector<v1::JourneyEvent>& chronology;  // stored, by sequence
  const std::vector<storage::OpenTask>& open_tasks;
  const rules::RuleSet& rules;          // the journey's rule-set version
  const rules::RuleSet& current_rules;  // the server's: who hears of it
  const v1::JourneyEvent& event;        // as requested
  Day event_date;
  Instant now;
  std::string recorded_by;  // the caller's subject
  v1::Role recorded_by_role = v1::ROLE_UNSPECIFIED;
  bool recorded_by_admin = false;       // admins' roles are told too
  std::function<std::string()> new_id;  // ids for new tasks
};

struct PlannedTransition {
  storage::TransitionEffects effects;
  v1::Journey journey;  // the response: the journey after the commit
};

absl::StatusOr<PlannedTransition> PlanTransition(const TransitionInput& in);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_TRANSITION_H_
