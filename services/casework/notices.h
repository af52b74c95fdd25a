#ifndef SENDCASE_SERVICES_CASEWORK_NOTICES_H_
#define SENDCASE_SERVICES_CASEWORK_NOTICES_H_

// The notices a newly recorded event sends (the rules' `notices`): one per
// role told, written in the event's own transaction and fired at once by
// the scheduler. Only RecordEvent sends them; a rule-set upgrade or a
// replayed chronology sends none.

#include <vector>

#include "rules/rule_set.h"
#include "services/storage/records.h"

namespace sendcase::casework {

// `event` is the new event with its from_state and to_state set; `today`
// the London date it is recorded on; `recorded_by` the recorder's role
// (ROLE_UNSPECIFIED for ADMIN), which is not told. None when the event is
// dated more than the rule set's notice_max_age_days before `today`.
std::vector<storage::NewNotice> PlanNotices(const rules::RuleSet& rules,
                                            const v1::JourneyEvent& event,
                                            Day event_date,
                                            std::optional<Day> birth_date,
                                            Day today, v1::Role recorded_by);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_NOTICES_H_
