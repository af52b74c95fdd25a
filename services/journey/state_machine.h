#ifndef SENDCASE_SERVICES_JOURNEY_STATE_MACHINE_H_
#define SENDCASE_SERVICES_JOURNEY_STATE_MACHINE_H_

// The journey state machine: one transition table over every state and
// event kind of the API (state_machine.cc). Pure: no clock, no I/O.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"

namespace sendcase::journey {

using State = v1::Journey::State;
using EventKind = v1::JourneyEvent::KindCase;

// The outcome of applying an allowed event.
struct Transition {
  State from = v1::Journey::STATE_UNSPECIFIED;
  State to = v1::Journey::STATE_UNSPECIFIED;
  EventKind event = v1::JourneyEvent::KIND_NOT_SET;
};

// Applies `event` to a journey in `current`. Returns the transition, or
// FailedPrecondition naming the state and the event when the table does not
// allow it. InvalidArgument for KIND_NOT_SET or an unknown state.
absl::StatusOr<Transition> Apply(State current, EventKind event);

// The event kinds `Apply` accepts in `current`, in field-number order;
// empty for an unknown state.
std::vector<EventKind> AllowedEvents(State current);

// Every real state (no STATE_UNSPECIFIED), in enum order.
const std::vector<State>& AllStates();
// Every event kind (no KIND_NOT_SET), in field-number order.
const std::vector<EventKind>& AllEventKinds();

// "ASSESSMENT_REQUESTED"; "STATE_UNSPECIFIED" for unknown values.
std::string StateName(State state);
// The oneof member name, e.g. "assessment_requested"; "kind_not_set".
std::string EventKindName(EventKind event);

}  // namespace sendcase::journey

#endif  // SENDCASE_SERVICES_JOURNEY_STATE_MACHINE_H_
