#ifndef SENDCASE_TESTS_BENCHMARKS_JOURNEY_FIXTURE_H_
#define SENDCASE_TESTS_BENCHMARKS_JOURNEY_FIXTURE_H_

// The rule benchmark's workload: a scenario file's first scenario turned
// into events, walked once through the state machine and the rules so each
// step knows its prior state and what the rules did (for the peer's
// cross-check).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/evaluator.h"
#include "rules/rule_set.h"
#include "sendcase/v1/journey_event.pb.h"
#include "services/common/civil_date.h"

namespace sendcase::bench {

struct JourneyStep {
  v1::JourneyEvent event;
  std::string kind;                 // e.g. "advice_requested"
  std::vector<std::string> fields;  // "name=value" as in the file
  Day date;
};

struct JourneyFixture {
  std::optional<Day> birth_date;
  std::vector<JourneyStep> steps;
};

// Reads `path` (tests/scenarios/scenario.proto text format).
absl::StatusOr<JourneyFixture> LoadJourney(const std::string& path);

// What one step did: the prior state and the clock changes.
struct StepOutcome {
  v1::Journey::State from_state = v1::Journey::STATE_UNSPECIFIED;
  v1::Journey::State to_state = v1::Journey::STATE_UNSPECIFIED;
  std::vector<rules::ClockRecord> changes;
};

// Walks the journey from CONCERN: the state machine, then the rules, then
// the live clocks updated — the pure part of recording each event.
// `outcomes` may be null (the benchmark loop).
absl::Status WalkJourney(const rules::RuleSet& rules,
                         const JourneyFixture& journey,
                         std::vector<StepOutcome>* outcomes);

}  // namespace sendcase::bench

#endif  // SENDCASE_TESTS_BENCHMARKS_JOURNEY_FIXTURE_H_
