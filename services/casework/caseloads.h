#ifndef SENDCASE_SERVICES_CASEWORK_CASELOADS_H_
#define SENDCASE_SERVICES_CASEWORK_CASELOADS_H_

// The LA's caseloads (ListCaseloads) summed from one counts row per current
// journey (storage::ViewStore::CountByJourney), so that each count is the
// cases listed behind it.

#include <string>
#include <vector>

#include "sendcase/v1/views.pb.h"
#include "services/storage/view_store.h"

namespace sendcase::casework {

// One Caseload per officer among `journeys` (key "PUPIL/JOURNEY",
// display_name the officer), by officer with the unassigned ("") first;
// `own`, when not empty (an LA case officer's own subject), comes first of
// all, with zero counts if nobody assigned it a case. With `include_cases`,
// each caseload lists its journeys that are in a count, most urgent first:
// an overdue assessment, one with an exception, another open assessment,
// overdue reviews (most first), then the other plans; ties by name.
std::vector<v1::Caseload> SumCaseloads(
    const std::vector<storage::CountsRow>& journeys, const std::string& own,
    bool include_cases);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_CASELOADS_H_
