#ifndef SENDCASE_SERVICES_CASEWORK_SUPPORT_REPORTS_H_
#define SENDCASE_SERVICES_CASEWORK_SUPPORT_REPORTS_H_

// The SENCO's reports over a setting's interventions, pure arithmetic over
// what the store read (support_requests.proto states every formula):
//   - the provision map of a term: per intervention, pupils (K and E from
//     their journey today), groups, staff minutes per week, cost per term
//     and per pupil (pence, rounded half up), with totals by area of need
//     and by layer;
//   - effectiveness over a period: places completed and measured, mean and
//     median change from entry to exit, outcomes rated at or above
//     expected, staff cost per pupil.

#include <functional>
#include <optional>
#include <vector>

#include "sendcase/v1/support_requests.pb.h"
#include "services/storage/support_store.h"

namespace sendcase::casework {

// `interventions`: the setting's catalogue (names set); `places`: places
// on them overlapping the term. Lines come out by title.
v1::ProvisionMap BuildProvisionMap(
    const std::vector<v1::Intervention>& interventions,
    const std::vector<storage::SettingPlaceRow>& places,
    int32_t teaching_weeks);

// The rating of outcome `outcome_id` of the plan a place serves, if a
// review rated it (nullopt: unrated, or no such plan or outcome).
using OutcomeRatingLookup = std::function<std::optional<int32_t>(
    const storage::PlaceRecord& place, const std::string& outcome_id)>;

// `places`: places on the setting's interventions that ended in the period.
v1::InterventionEffectiveness BuildEffectiveness(
    const std::vector<v1::Intervention>& interventions,
    const std::vector<storage::SettingPlaceRow>& places,
    const OutcomeRatingLookup& rating);

// round(numerator / denominator) for non-negative values, halves up.
int64_t DivideRounded(int64_t numerator, int64_t denominator);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_SUPPORT_REPORTS_H_
