#ifndef SENDCASE_SERVICES_CASEWORK_PROTO_CONVERT_H_
#define SENDCASE_SERVICES_CASEWORK_PROTO_CONVERT_H_

// Stored records to API messages: the one place that renders etags from
// versions, a pupil's census SEN provision from its journey's state, and
// each clock's derived status (an OPEN clock whose due date is before
// `today` is OVERDUE, or EXPIRED for a window) and how late it was met.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/evaluator.h"
#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/pupil.pb.h"
#include "services/storage/records.h"

namespace sendcase::casework {

// A resource's etag at `version` (AIP-154): the decimal version.
std::string Etag(int64_t version);

// The pupil with its etag and SEN provision (journey::ProvisionFor).
v1::Pupil RenderPupil(storage::PupilRecord record);

// The journey with its etag; with `today`, its clocks too.
v1::Journey RenderJourney(storage::JourneyRecord record,
                          std::optional<Day> today);

v1::Clock ToProtoClock(const rules::ClockRecord& clock, Day today);

// Replaces `journey`'s clocks with `clocks`.
void SetClocks(v1::Journey& journey,
               const std::vector<rules::ClockRecord>& clocks, Day today);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_PROTO_CONVERT_H_
