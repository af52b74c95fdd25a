#ifndef SENDCASE_RULES_EVALUATOR_H_
#define SENDCASE_RULES_EVALUATOR_H_

// The rules evaluator: given the rule set, one recorded event and the
// journey's live clocks, returns how the clocks change. Pure and
// deterministic: no clock ("today" is never needed here: OVERDUE is derived
// at read time), no I/O. Each change carries the rule_id that produced it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/fact.h"
#include "rules/rule_set.h"
#include "sendcase/v1/journey.pb.h"
#include "services/common/civil_date.h"
#include "services/common/clock_record.h"

namespace sendcase::rules {

// A clock as stored (services/common/clock_record.h).
using ClockRecord = ::sendcase::ClockRecord;

// Checks what only the rules can say about an event: for
// exception_recorded, that the clock rule exists and admits the reason.
// InvalidArgument naming the field and both the clock and the reason.
absl::Status ValidateAgainstRules(const RuleSet& rules,
                                  const api::JourneyEvent& event);

// Returns the changed clocks (existing ones with their id and new status)
// followed by newly opened ones (id 0), in rule order. `live` holds the
// journey's live clocks. Live clocks whose rule's live_in lacks
// fact.to_state are CANCELLED. FailedPrecondition when an exception names a
// clock that is not live, or the event would cut short a minimum period
// still running (a rule's not_before_due), naming its last day.
absl::StatusOr<std::vector<ClockRecord>> Evaluate(
    const RuleSet& rules, const Fact& fact,
    const std::vector<ClockRecord>& live);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_EVALUATOR_H_
