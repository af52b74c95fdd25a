#ifndef SENDCASE_SERVICES_COMMON_CLOCK_RECORD_H_
#define SENDCASE_SERVICES_COMMON_CLOCK_RECORD_H_

// ClockRecord: one statutory clock as the rules produce it and storage
// keeps it. A value type shared by rules/ (which computes clocks) and
// services/storage/ (which stores them), so that storage needs no rules.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/role.pb.h"
#include "services/common/civil_date.h"

namespace sendcase {

// A clock as stored. OVERDUE is never stored: it is OPEN with a past due
// date.
struct ClockRecord {
  int64_t id = 0;  // storage id; 0 for a clock this evaluation opens
  std::string rule_id;
  std::string subject;  // the advice giver for per-party clocks
  v1::Clock::Status status = v1::Clock::OPEN;
  Day start_date;
  Day due_date;
  std::optional<Day> met_date;
  bool statutory = false;
  bool review = false;            // the rule is a review meeting
  bool assessment_step = false;   // a step of the EHC needs assessment
  bool assessment_limit = false;  // the 20-week limit for the final plan
  bool window = false;  // a window that expires rather than going overdue
  v1::Role owner_role = v1::ROLE_UNSPECIFIED;
  std::string explanation;
  std::string exception_reason;
  std::string rule_set_version;
  std::string task_title;  // new clocks: the task to create, "" for none
  std::vector<int> reminder_days;  // new clocks: when to remind (see rules)

  // OPEN or EXCEPTION: the step it times is still to be done.
  bool IsLive() const {
    return status == v1::Clock::OPEN || status == v1::Clock::EXCEPTION;
  }
};

// Applies the rules' clock changes (rules::Evaluate's output) to `clocks`:
// a change with an id replaces the clock with that id; a change with id 0
// is a new clock, appended, and given the id `*next_id` (then advanced)
// when `next_id` is set. The one way clock changes are applied in memory;
// storage applies the same changes to its rows (CommitTransition).
void ApplyClockChanges(std::vector<ClockRecord>& clocks,
                       const std::vector<ClockRecord>& changes,
                       int64_t* next_id = nullptr);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_CLOCK_RECORD_H_
