#include "tests/benchmarks/journey_fixture.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "clients/cli/event_builder.h"
#include "google/protobuf/text_format.h"
#include "scenarios/scenario.pb.h"
#include "services/common/status_macros.h"
#include "services/journey/state_machine.h"

namespace sendcase::bench {

absl::StatusOr<JourneyFixture> LoadJourney(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  sendcase::testing::v1::ScenarioFile file;
  if (!google::protobuf::TextFormat::ParseFromString(text.str(), &file) ||
      file.scenarios().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a scenario file with a scenario"));
  }
  const auto& scenario = file.scenarios(0);
  JourneyFixture journey;
  if (!scenario.pupil_birth_date().empty()) {
    ASSIGN_OR_RETURN(journey.birth_date,
                     ParseDay(scenario.pupil_birth_date(), "pupil_birth_date"));
  }
  for (const auto& step : scenario.steps()) {
    if (!step.has_record()) continue;
    JourneyStep s;
    s.kind = step.record().event();
    s.fields.assign(step.record().field().begin(), step.record().field().end());
    ASSIGN_OR_RETURN(
        s.event, client::BuildEvent(s.kind, step.record().date(), s.fields));
    ASSIGN_OR_RETURN(s.date, ParseDay(step.record().date(), "record.date"));
    journey.steps.push_back(std::move(s));
  }
  return journey;
}

absl::Status WalkJourney(const rules::RuleSet& rules,
                         const JourneyFixture& journey,
                         std::vector<StepOutcome>* outcomes) {
  v1::Journey::State state = v1::Journey::CONCERN;
  std::vector<rules::ClockRecord> live;
  rules::EarlierEvents earlier;
  int64_t next_id = 1;
  for (const JourneyStep& step : journey.steps) {
    ASSIGN_OR_RETURN(journey::Transition t,
                     journey::Apply(state, step.event.kind_case()));
    ASSIGN_OR_RETURN(
        std::vector<rules::ClockRecord> changes,
        rules::Evaluate(rules,
                        rules::Fact{&step.event, step.date, state,
                                    journey.birth_date, t.to, &earlier},
                        live));
    // As the replay does: changed clocks replace their row (and leave the
    // live list when closed); new ones get an id.
    ApplyClockChanges(live, changes, &next_id);
    std::erase_if(live,
                  [](const rules::ClockRecord& c) { return !c.IsLive(); });
    if (outcomes != nullptr) {
      outcomes->push_back({state, t.to, std::move(changes)});
    }
    rules::Earlier& seen = earlier[step.event.kind_case()];
    seen.date = step.date;
    seen.event = &step.event;
    seen.all.push_back({step.date, &step.event});
    state = t.to;
  }
  return absl::OkStatus();
}

}  // namespace sendcase::bench
