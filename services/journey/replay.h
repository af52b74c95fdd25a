#ifndef SENDCASE_SERVICES_JOURNEY_REPLAY_H_
#define SENDCASE_SERVICES_JOURNEY_REPLAY_H_

// A journey is what its chronology gives in event-date order: Replay runs
// every event through the state machine and the rules, oldest first (events
// of one day in the order they were recorded), from CONCERN and no clocks.
// Pure and cheap (a few microseconds per event), so an event logged late is
// simply put in its place and the whole journey replayed; a rule-set upgrade
// is the same replay under newer rules.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/evaluator.h"
#include "rules/rule_set.h"
#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"
#include "services/common/civil_date.h"

namespace sendcase::journey {

struct ReplayedJourney {
  v1::Journey::State state = v1::Journey::CONCERN;
  // Every clock, in the order the replay opened them; ids are 0.
  std::vector<rules::ClockRecord> clocks;
  // The chronology in replay order, each with from_state and to_state set.
  std::vector<v1::JourneyEvent> events;
};

// Sorts `events` into chronology order: event_date, then sequence (record
// order; an event with sequence 0, not yet stored, goes last on its day).
void SortChronology(std::vector<v1::JourneyEvent>& events);

// Replays `events` (any order; sorted here). FailedPrecondition when an
// event is not allowed where the chronology puts it, naming the event, its
// date, the state and the event before it; InvalidArgument for a malformed
// stored date; the evaluator's errors otherwise, prefixed with the event.
absl::StatusOr<ReplayedJourney> Replay(const rules::RuleSet& rules,
                                       std::vector<v1::JourneyEvent> events,
                                       const std::optional<Day>& birth_date);

// How the journey's clocks differ between `before` and `after`: for each
// rule and party, the latest clock's status and due date (stored statuses;
// a missing clock has STATUS_UNSPECIFIED and no due date). Sorted by rule
// id, then party.
std::vector<v1::ClockChange> DiffClocks(
    const std::vector<rules::ClockRecord>& before,
    const std::vector<rules::ClockRecord>& after);

}  // namespace sendcase::journey

#endif  // SENDCASE_SERVICES_JOURNEY_REPLAY_H_
