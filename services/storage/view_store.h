#ifndef SENDCASE_SERVICES_STORAGE_VIEW_STORE_H_
#define SENDCASE_SERVICES_STORAGE_VIEW_STORE_H_

// ViewStore: read-only queries behind the work views (the LA's 20-week
// tracker, SEN2 timeliness). Rows carry dates; "today" and percentages are
// computed by casework. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/storage/records.h"

namespace sendcase::storage {

// An open EHC needs assessment: its ehc.final_plan clock is OPEN or in
// EXCEPTION.
struct AssessmentRow {
  std::string journey_id;
  std::string pupil_id;
  int64_t seq = 0;  // journey order, the tie-break of the cursor
  int state = 0;    // sendcase.v1.Journey.State
  Day received;     // the final-plan clock's start
  Day final_due;
  Day next_due;  // earliest live statutory ehc.* clock
  std::string next_rule_id;
  std::vector<std::string> exception_rule_ids;
};

// Keyset cursor for assessments ordered by (next_due, seq).
struct AssessmentCursor {
  Day next_due;
  int64_t seq = 0;
};

// A final EHC plan issued (ehc.final_plan MET).
struct IssuedPlanRow {
  Day received;
  Day issued;
  Day due;
  bool exception = false;  // any ehc.* clock of the assessment had one
};

class ViewStore {
 public:
  virtual ~ViewStore() = default;
  // Up to `limit` open assessments after `after`, most urgent first.
  virtual absl::StatusOr<std::vector<AssessmentRow>> ListOpenAssessments(
      const Visibility& visibility,
      const std::optional<AssessmentCursor>& after, int limit) = 0;
  // Plans issued from `first` to `last` inclusive.
  virtual absl::StatusOr<std::vector<IssuedPlanRow>> ListIssuedPlans(
      const Visibility& visibility, Day first, Day last) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_VIEW_STORE_H_
