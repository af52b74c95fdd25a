#ifndef SENDCASE_SERVICES_CASEWORK_PROTO_CONVERT_H_
#define SENDCASE_SERVICES_CASEWORK_PROTO_CONVERT_H_

// Domain values to API messages. No logic beyond the derived status (an
// OPEN clock whose due date is before `today` is OVERDUE, or EXPIRED for a
// window) and how late a clock was met.

#include <vector>

#include "rules/evaluator.h"
#include "sendcase/v1/journey.pb.h"

namespace sendcase::casework {

v1::Clock ToProtoClock(const rules::ClockRecord& clock, Day today);

// Replaces `journey`'s clocks with `clocks`.
void SetClocks(v1::Journey& journey,
               const std::vector<rules::ClockRecord>& clocks, Day today);

// `clocks` with `changes` applied: changed clocks (id != 0) replaced in
// place, new ones (id == 0) appended.
std::vector<rules::ClockRecord> MergeClocks(
    std::vector<rules::ClockRecord> clocks,
    const std::vector<rules::ClockRecord>& changes);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_PROTO_CONVERT_H_
