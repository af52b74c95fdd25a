#ifndef SENDCASE_SERVICES_JOURNEY_PROVISION_H_
#define SENDCASE_SERVICES_JOURNEY_PROVISION_H_

// The school census SEN provision code (rules/REFERENCE.md §5.1) a journey's
// state implies. The one place this mapping lives: the register, the
// per-setting counts and Pupil.sen_provision all use it. Pure.

#include <vector>

#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/pupil.pb.h"

namespace sendcase::journey {

// N before SEN support (CONCERN) and once a journey is CLOSED; K from SEN
// support through assessment and draft; E while a plan is maintained.
// SEN_PROVISION_UNSPECIFIED for STATE_UNSPECIFIED.
v1::SenProvision ProvisionFor(v1::Journey::State state);

// Every state that implies `provision`, in enum order.
std::vector<int> StatesWith(v1::SenProvision provision);

}  // namespace sendcase::journey

#endif  // SENDCASE_SERVICES_JOURNEY_PROVISION_H_
