#ifndef SENDCASE_RULES_FACT_H_
#define SENDCASE_RULES_FACT_H_

// Fact: everything the evaluator may know about one recorded event. Built
// by casework from the request and the stored journey; no clock in it.

#include <optional>

#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"
#include "services/common/civil_date.h"

namespace sendcase::rules {

struct Fact {
  // The event as recorded (not owned).
  const ::sendcase::v1::JourneyEvent* event = nullptr;
  Day event_date;
  // The journey's state before the event; STATE_UNSPECIFIED when unknown
  // (then no from_states condition matches).
  ::sendcase::v1::Journey::State from_state =
      ::sendcase::v1::Journey::STATE_UNSPECIFIED;
  // The pupil's date of birth, for age conditions; unset: no age condition
  // matches.
  std::optional<Day> birth_date;
};

// Whole years of age on `on` for someone born on `birth`.
int AgeInYears(Day birth, Day on);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_FACT_H_
