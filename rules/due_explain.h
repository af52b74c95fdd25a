#ifndef SENDCASE_RULES_DUE_EXPLAIN_H_
#define SENDCASE_RULES_DUE_EXPLAIN_H_

// Turns a compiled due-date rule plus an event into a due date and the
// sentence that explains it (rule, rule-set version, input dates).

#include <string>

#include "absl/status/statusor.h"
#include "rules/fact.h"
#include "rules/rule_set.h"
#include "sendcase/v1/journey_event.pb.h"

namespace sendcase::rules {

struct ComputedDue {
  Day start;  // the anchor the clock counts from (the decision date for
              // an appeal extended by a mediation certificate)
  Day due;
  std::string explanation;
};

// `decision` is the appeal clock's decision date when a mediation
// certificate extends it (nullptr otherwise); `earlier` holds the journey's
// earlier events (nullptr: none known), for an outer limit
// (no_later_than), which makes the due date the earlier of the two.
absl::StatusOr<ComputedDue> ComputeDue(const RuleSet& rules,
                                       const CompiledRule& rule,
                                       const CompiledDue& spec,
                                       const api::JourneyEvent& event,
                                       Day event_date, const Day* decision,
                                       const EarlierEvents* earlier);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_DUE_EXPLAIN_H_
