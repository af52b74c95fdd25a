#ifndef SENDCASE_SERVICES_CASEWORK_SUPPORT_STATE_H_
#define SENDCASE_SERVICES_CASEWORK_SUPPORT_STATE_H_

// What SupportEngine's write paths share (support_plans.cc,
// support_review.cc, support_places.cc, support_referrals.cc): the checks
// of a stored resource's state and etag, and how a plan's fields carry from
// one cycle to the next. Internal to services/casework.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "sendcase/v1/support.pb.h"
#include "services/storage/records.h"

namespace sendcase::casework {

// The rule whose clock is the SEN support review date (support.review).
inline constexpr char kSupportReviewRule[] = "support.review";

// FailedPrecondition naming the plan, its state and `need`.
absl::Status WrongState(const storage::SupportPlanRecord& r,
                        absl::string_view need);

// Aborted with reason ETAG_MISMATCH naming `resource` unless `sent` is
// empty or the etag of `version`.
absl::Status CheckEtag(const std::string& sent, int64_t version,
                       const std::string& resource);

// Sets parent_participated from the participants.
void MarkParent(v1::SupportMeeting& meeting);

// A DRAFT with the input fields of `in` (outcomes unrated).
v1::SupportPlan DraftFields(const v1::SupportPlan& in);

// A refusal of the journey event a plan write records, told in the plan's
// own terms: an InvalidArgument naming `event_field` (e.g. the rules' "at
// most 3 months ahead" for "event.sen_support_started.review_date") is
// returned naming `request_field` instead; anything else unchanged.
absl::Status InPlanTerms(const absl::Status& status,
                         absl::string_view event_field,
                         absl::string_view request_field);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_SUPPORT_STATE_H_
