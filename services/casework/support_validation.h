#ifndef SENDCASE_SERVICES_CASEWORK_SUPPORT_VALIDATION_H_
#define SENDCASE_SERVICES_CASEWORK_SUPPORT_VALIDATION_H_

// Request checks and resource names of the graduated approach
// (support.proto). Every failure is InvalidArgument whose message starts
// with the field path ("support_plan.outcomes[1].target_date: required")
// and never quotes free text (it may hold personal data). Pure.

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "sendcase/v1/support.pb.h"
#include "services/common/civil_date.h"
#include "services/common/resource_name.h"

namespace sendcase::casework {

// settings/{urn}/interventions/{intervention}
struct InterventionName {
  std::string setting_urn;
  std::string id;
  std::string Format() const;
};
// pupils/{pupil}/supportPlans/{cycle}
struct SupportPlanName {
  PupilName pupil;
  int cycle = 0;
  std::string Format() const;
};
// pupils/{pupil}/interventionPlaces/{place}
struct PlaceName {
  PupilName pupil;
  std::string id;
  std::string Format() const;
};

// pupils/{pupil}/agencyReferrals/{referral}
struct ReferralName {
  PupilName pupil;
  std::string id;
  std::string Format() const;
};

// `settings/{urn}` (6 digits): the URN. InvalidArgument naming `field`.
absl::StatusOr<std::string> ParseSettingName(absl::string_view text,
                                             absl::string_view field);
absl::StatusOr<InterventionName> ParseInterventionName(absl::string_view text,
                                                       absl::string_view field);
absl::StatusOr<SupportPlanName> ParseSupportPlanName(absl::string_view text,
                                                     absl::string_view field);
absl::StatusOr<PlaceName> ParsePlaceName(absl::string_view text,
                                         absl::string_view field);
absl::StatusOr<ReferralName> ParseReferralName(absl::string_view text,
                                               absl::string_view field);

// The paths of an update mask, each one of `allowed`: InvalidArgument
// naming update_mask (required) or update_mask.paths[i] otherwise.
absl::StatusOr<std::set<std::string>> MaskPaths(
    const google::protobuf::FieldMask& mask,
    const std::vector<std::string>& allowed);

// Outcome ids a place or referral serves: at most 20, each an id, none
// twice; errors name `field`[i].
absl::Status ValidateOutcomeIds(
    const google::protobuf::RepeatedPtrField<std::string>& ids,
    absl::string_view field);

// Links from a place or referral to the plan outcomes it serves: no plan,
// or a plan of `pupil`; outcome ids only with a plan (ValidateOutcomeIds).
// Fields are named `prefix` + "support_plan" / "outcome_ids".
absl::Status ValidatePlanLinks(
    const std::string& plan,
    const google::protobuf::RepeatedPtrField<std::string>& outcome_ids,
    const PupilName& pupil, absl::string_view prefix);

// Every input field of an intervention (support.proto states the ranges).
absl::Status ValidateIntervention(const v1::Intervention& intervention);

// A plan's editable fields: outcomes (0-20, ids unique, each complete),
// texts, review_date a real date when set. `prefix` is the field path of
// the plan ("support_plan").
absl::Status ValidatePlanFields(const v1::SupportPlan& plan,
                                absl::string_view prefix);

// A meeting: a date not after `today`, 1-20 known participant roles.
absl::StatusOr<Day> ValidateMeeting(const v1::SupportMeeting& meeting,
                                    absl::string_view field, Day today);

// A place's input fields and how they fit together: start not after
// `today`, end on or after start, 1-500 planned sessions, attended between
// 0 and planned, finite measures, an exit measure only with an entry
// measure and an end, outcome ids only with a plan of the same pupil.
absl::Status ValidatePlace(const v1::InterventionPlace& place,
                           const PupilName& pupil, Day today);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_SUPPORT_VALIDATION_H_
