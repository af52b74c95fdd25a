#ifndef SENDCASE_SERVICES_CASEWORK_RULE_PREVIEW_H_
#define SENDCASE_SERVICES_CASEWORK_RULE_PREVIEW_H_

// Rule preview: replays each visible journey's chronology through the state
// machine and a candidate rule set, and compares the resulting live clocks
// with the stored ones. Reads only.

#include "absl/status/statusor.h"
#include "rules/rule_set.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/storage/case_store.h"

namespace sendcase::casework {

// Every live-clock difference across the journeys `visibility` covers.
absl::StatusOr<v1::PreviewRulesResponse> PreviewRuleSet(
    storage::CaseStore& store, const storage::Visibility& visibility,
    const rules::RuleSet& candidate);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_RULE_PREVIEW_H_
