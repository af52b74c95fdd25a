#include "services/journey/provision.h"

#include "services/journey/state_machine.h"

namespace sendcase::journey {

v1::SenProvision ProvisionFor(v1::Journey::State state) {
  switch (state) {
    case v1::Journey::CONCERN:
    case v1::Journey::CLOSED:
      return v1::SEN_PROVISION_N;
    // A pupil being assessed stays on SEN support until a plan is issued
    // (Code 6.63: the school keeps the graduated approach going meanwhile).
    case v1::Journey::SEN_SUPPORT:
    case v1::Journey::AGENCY_INVOLVEMENT:
    case v1::Journey::ASSESSMENT_REQUESTED:
    case v1::Journey::ASSESSMENT:
    case v1::Journey::DRAFT_PLAN:
      return v1::SEN_PROVISION_K;
    case v1::Journey::EHC_PLAN:
      return v1::SEN_PROVISION_E;
    default:
      return v1::SEN_PROVISION_UNSPECIFIED;
  }
}

std::vector<int> StatesWith(v1::SenProvision provision) {
  std::vector<int> states;
  for (State state : AllStates()) {
    if (ProvisionFor(state) == provision) states.push_back(state);
  }
  return states;
}

}  // namespace sendcase::journey
