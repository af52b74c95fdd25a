#ifndef SENDCASE_SERVICES_STORAGE_VIEW_STORE_H_
#define SENDCASE_SERVICES_STORAGE_VIEW_STORE_H_

// ViewStore: read-only queries behind the work views (the LA's 20-week
// tracker, SEN2 timeliness, the SEN register, reviews due, caseloads and
// per-setting counts). Rows carry dates; "today" and percentages are
// computed by casework. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/storage/records.h"

namespace sendcase::storage {

// Who a view row is about, as the pupils table has it.
struct PupilLabel {
  std::string upn;
  std::string given_name;
  std::string family_name;
  int upn_unknown = 0;  // sendcase.v1.UpnUnknownReason when upn is empty
};

// An open EHC needs assessment: its ehc.final_plan clock is OPEN or in
// EXCEPTION.
struct AssessmentRow {
  PupilLabel label;
  std::string journey_id;
  std::string pupil_id;
  int64_t seq = 0;  // journey order, the tie-break of the cursor
  int state = 0;    // sendcase.v1.Journey.State
  Day received;     // the final-plan clock's start
  Day final_due;
  Day next_due;  // earliest live statutory ehc.* clock
  std::string next_rule_id;
  std::vector<std::string> exception_rule_ids;
  std::string case_officer;  // "" when unassigned
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
  std::string pupil_id;
  std::string journey_id;
  std::string case_officer;  // "" when unassigned
};

// One pupil of a setting's SEN register (current journey only).
struct RegisterRow {
  int64_t seq = 0;  // pupil order, the cursor
  std::string pupil_id;
  std::string upn;
  std::string given_name;
  std::string family_name;
  int upn_unknown = 0;     // sendcase.v1.UpnUnknownReason when upn is empty
  std::vector<int> needs;  // sendcase.v1.NeedType by rank
  std::string journey_id;
  int state = 0;  // sendcase.v1.Journey.State
  std::optional<Day> next_review;
  std::string next_review_rule_id;
  int open_tasks = 0;
  int overdue_tasks = 0;
};

// The SQL both backends use for ReviewRow.phase_transfer_due: the rule id
// is the fixed contract name of reg 18's clock.
inline constexpr const char* kPhaseTransferDueSql =
    "(SELECT MIN(x.due_date) FROM clocks x WHERE x.journey_id = j.id AND "
    "x.rule_id = 'review.phase_transfer' AND x.live = 1)";

// A live review clock (rule marked `review`) of a pupil's current journey.
struct ReviewRow {
  PupilLabel label;
  int64_t clock_id = 0;  // the cursor's tie-break
  std::string pupil_id;
  std::string journey_id;
  std::string setting_urn;
  std::string rule_id;
  Day due;
  int owner_role = 0;
  // The journey's live review.phase_transfer clock's date, if any (shown
  // beside an annual review the phase transfer review may serve).
  std::optional<Day> phase_transfer_due;
};

// Keyset cursor for reviews ordered by (due, clock_id).
struct ReviewCursor {
  Day due;
  int64_t clock_id = 0;
};

// Counts over current journeys, grouped by `key` (an officer or a setting).
struct CountsRow {
  std::string key;
  std::string display_name;  // settings: the register's name, if any
  int pupils = 0;
  int sen_support = 0;  // journeys in a K state
  int ehc_plans = 0;    // journeys in an E state
  int open_assessments = 0;
  int overdue_assessments = 0;  // a live statutory ehc.* date has passed
  int assessments_with_exceptions = 0;
  int overdue_reviews = 0;
  int open_tasks = 0;
  int overdue_tasks = 0;
};

// How a query tells K from E: the journey states of each (from
// journey::ProvisionFor, so that the rule lives in one place).
struct ProvisionStates {
  std::vector<int> sen_support;
  std::vector<int> ehc_plan;
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
  // Pupils at `setting_urn` whose current journey is in one of `states`, in
  // pupil order; tasks due before `today` count as overdue.
  virtual absl::StatusOr<Page<RegisterRow>> ListRegister(
      const Visibility& visibility, const std::string& setting_urn,
      const std::vector<int>& states, Day today, const PageRequest& page) = 0;
  // Live review clocks due on or before `until` (at `setting_urn` if not
  // empty), earliest first, up to `limit` after `after`.
  virtual absl::StatusOr<std::vector<ReviewRow>> ListReviewsDue(
      const Visibility& visibility, const std::string& setting_urn, Day until,
      const std::optional<ReviewCursor>& after, int limit) = 0;
  // Counts per case officer ("" = unassigned), by officer.
  virtual absl::StatusOr<std::vector<CountsRow>> CountByOfficer(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) = 0;
  // The same counts per current journey: `key` is "PUPIL/JOURNEY" (the ids)
  // and `display_name` the journey's case officer; in key order.
  virtual absl::StatusOr<std::vector<CountsRow>> CountByJourney(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) = 0;
  // Counts per setting URN, by URN.
  virtual absl::StatusOr<std::vector<CountsRow>> CountBySetting(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_VIEW_STORE_H_
