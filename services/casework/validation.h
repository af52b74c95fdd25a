#ifndef SENDCASE_SERVICES_CASEWORK_VALIDATION_H_
#define SENDCASE_SERVICES_CASEWORK_VALIDATION_H_

// Request checks that need no stored state. Each failure is
// InvalidArgument whose message starts with the field path (e.g.
// "event.sen_support_started.review_date: required") and never contains
// personal data.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sendcase/v1/journey_event.pb.h"
#include "sendcase/v1/pupil.pb.h"
#include "services/common/civil_date.h"

namespace sendcase::casework {

// Optional idempotency key: empty, or 1-64 of [A-Za-z0-9_-].
absl::Status ValidateRequestId(absl::string_view request_id);

// A new pupil's input fields (output-only fields are ignored): UPN with its
// check letter or a UPN unknown reason (ValidateUpnOrReason), names, birth
// date not after `today`, a 6-digit setting URN and a 3-digit LA code.
absl::Status ValidateNewPupil(const v1::Pupil& pupil, Day today);

// Exactly one of `upn` (checked as ValidateUpn) and `upn_unknown` (a census
// reason). A new UN1 (`new_reason`) needs a child under 6 on `today`; a UN1
// set earlier stays valid after the sixth birthday. Call it after the birth
// date is checked. InvalidArgument naming pupil.upn or pupil.upn_unknown.
absl::Status ValidateUpnOrReason(const v1::Pupil& pupil, Day today,
                                 bool new_reason = true);

// The same without the UPN (checked on its own where it changes), for
// UpdatePupil: also needs, at most 2 distinct census codes.
absl::Status ValidatePupilDetails(const v1::Pupil& pupil, Day today);

// A JourneyEvent: event_date present, a real date and not after `today`;
// kind set; the kind's own fields present and well-formed. Returns the
// event date.
absl::StatusOr<Day> ValidateEvent(const v1::JourneyEvent& event, Day today);

// True if `s` is exactly `n` ASCII digits (URNs, LA codes).
bool IsDigits(absl::string_view s, size_t n);

// Free text such as an agency name: required, at most `max_length` bytes of
// valid UTF-8 without control characters.
absl::Status ValidateText(absl::string_view text, absl::string_view field,
                          size_t max_length);

// A case officer's name as AssignCaseOfficer and contacts take it: empty, or
// 1-64 of [A-Za-z0-9._@-] (like a token subject). InvalidArgument naming
// `field`.
absl::Status ValidateOfficer(absl::string_view officer,
                             absl::string_view field);

// The pupil's SEN2 person items when set (validation_sen2.cc): sex, a DfE
// ethnicity code, a UK postcode's shape, a 10-digit ULN.
absl::Status ValidatePupilSen2Items(const v1::Pupil& pupil);

// The placements a plan names: at most 5, each exactly one of a 6-digit
// URN, an 8-digit UKPRN and a SEN2 setting type. `field` names the list,
// e.g. "event.final_plan_issued.placements".
absl::Status ValidatePlacements(
    const google::protobuf::RepeatedPtrField<v1::Placement>& placements,
    absl::string_view field);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_VALIDATION_H_
