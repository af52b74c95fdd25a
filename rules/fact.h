#ifndef SENDCASE_RULES_FACT_H_
#define SENDCASE_RULES_FACT_H_

// Fact: everything the evaluator may know about one recorded event. Built
// by the journey replay (services/journey/replay.h) from the chronology; no
// clock in it.

#include <map>
#include <optional>
#include <vector>

#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"
#include "services/common/civil_date.h"

namespace sendcase::rules {

// An event before the one being evaluated: its date and the event (not
// owned).
struct EarlierEvent {
  Day date;
  const ::sendcase::v1::JourneyEvent* event = nullptr;
};

// The latest event of each kind before the one being evaluated, in
// chronology (event-date) order, and every one of that kind so far (oldest
// first; empty where only the latest is known).
struct Earlier {
  Day date;
  const ::sendcase::v1::JourneyEvent* event = nullptr;
  std::vector<EarlierEvent> all;
};
using EarlierEvents = std::map<::sendcase::v1::JourneyEvent::KindCase, Earlier>;

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
  // The state the event moves the journey to; STATE_UNSPECIFIED when
  // unknown (then no clock is closed for want of its live_in state).
  ::sendcase::v1::Journey::State to_state =
      ::sendcase::v1::Journey::STATE_UNSPECIFIED;
  // Earlier events of the journey (not owned; nullptr: none known), for due
  // dates bounded by an earlier event ("no later than 12 weeks after the
  // review meeting").
  const EarlierEvents* earlier = nullptr;
  // True for the event being recorded now, false for stored events being
  // replayed: only a new event is refused for cutting a minimum period
  // short or for naming no decision where several are open, so a stored
  // chronology always replays.
  bool is_new = true;
};

// Whole years of age on `on` for someone born on `birth`.
int AgeInYears(Day birth, Day on);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_FACT_H_
