// rules_bench: rule evaluation over the shipped rule set for a full journey
// (full_journey.textproto), with Google Benchmark. One iteration records
// every event of the journey: state machine, rules (matching, due dates
// with their explanations), live clocks updated — no storage.
//
//   rules_bench --rules_dir=rules/definitions
//       --journey=tests/benchmarks/full_journey.textproto [benchmark flags]
//   rules_bench ... --dump_dir=DIR   writes DIR/rules.json (the rule set)
//       and DIR/journey.json (each step's facts and what the rules did) for
//       the json-rules-engine peer, and exits.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "rules/fact.h"
#include "rules/loader.h"
#include "sendcase/v1/journey.pb.h"
#include "tests/benchmarks/journey_fixture.h"

namespace sendcase::bench {
namespace {

std::shared_ptr<const rules::RuleSet> g_rules;
JourneyFixture g_journey;

void BM_FullJourney(benchmark::State& state) {
  for (auto _ : state) {
    absl::Status s = WalkJourney(*g_rules, g_journey, nullptr);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    benchmark::DoNotOptimize(s);
  }
  state.counters["events"] = static_cast<double>(g_journey.steps.size());
  state.SetItemsProcessed(state.iterations() * g_journey.steps.size());
}
BENCHMARK(BM_FullJourney);

// `defaults`: also print fields left at their default (the rule set's
// schema, so the peer sees every key).
bool WriteJson(const google::protobuf::Message& message,
               const std::string& path, bool defaults) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = defaults;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    return false;
  }
  std::ofstream out(path);
  out << json << "\n";
  return static_cast<bool>(out);
}

// Each step as the peer sees it: the event kind, its date, its fields as
// text, the prior state, the pupil's age, and the clock changes the rules
// made (rule, party, new status, due date) to check the peer against.
int Dump(const std::string& dir) {
  std::vector<StepOutcome> outcomes;
  if (absl::Status s = WalkJourney(*g_rules, g_journey, &outcomes); !s.ok()) {
    fprintf(stderr, "rules_bench: %s\n", s.ToString().c_str());
    return 1;
  }
  google::protobuf::ListValue steps;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const JourneyStep& step = g_journey.steps[i];
    google::protobuf::Struct s;
    auto& f = *s.mutable_fields();
    f["event"].set_string_value(step.kind);
    f["date"].set_string_value(FormatDay(step.date));
    f["from_state"].set_string_value(
        v1::Journey::State_Name(outcomes[i].from_state));
    f["to_state"].set_string_value(
        v1::Journey::State_Name(outcomes[i].to_state));
    if (g_journey.birth_date) {
      f["age"].set_number_value(
          rules::AgeInYears(*g_journey.birth_date, step.date));
    }
    auto& fields = *f["fields"].mutable_struct_value()->mutable_fields();
    for (const std::string& nv : step.fields) {
      const size_t eq = nv.find('=');
      fields[nv.substr(0, eq)].set_string_value(nv.substr(eq + 1));
    }
    auto* expected = f["expected"].mutable_list_value();
    for (const rules::ClockRecord& c : outcomes[i].changes) {
      auto& e =
          *expected->add_values()->mutable_struct_value()->mutable_fields();
      e["rule_id"].set_string_value(c.rule_id);
      e["subject"].set_string_value(c.subject);
      e["status"].set_string_value(v1::Clock::Status_Name(c.status));
      e["due"].set_string_value(FormatDay(c.due_date));
    }
    *steps.add_values()->mutable_struct_value() = std::move(s);
  }
  // The peer gets every bank holiday the calendar computes (the rule files
  // hold only the one-offs), for the years a journey can reach.
  sendcase::rules::v1::RuleFile definition = g_rules->definition();
  definition.clear_holidays();
  for (const auto& [day, name] : g_rules->calendar().HolidaysBetween(
           Day(date::year{2014} / 1 / 1), Day(date::year{2060} / 12 / 31))) {
    auto* h = definition.add_holidays();
    h->set_date(FormatDay(day));
    h->set_name(name);
  }
  if (!WriteJson(definition, dir + "/rules.json", true) ||
      !WriteJson(steps, dir + "/journey.json", false)) {
    fprintf(stderr, "rules_bench: cannot write to %s\n", dir.c_str());
    return 1;
  }
  return 0;
}

// Takes --name=value out of argv (Google Benchmark rejects flags it does
// not know).
std::string TakeFlag(int& argc, char** argv, const char* name) {
  const std::string prefix = std::string("--") + name + "=";
  for (int i = 1; i < argc; ++i) {
    if (strncmp(argv[i], prefix.c_str(), prefix.size()) != 0) continue;
    std::string value = argv[i] + prefix.size();
    for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
    --argc;
    return value;
  }
  return "";
}

}  // namespace
}  // namespace sendcase::bench

int main(int argc, char** argv) {
  using namespace sendcase::bench;
  const std::string rules_dir = TakeFlag(argc, argv, "rules_dir");
  const std::string journey = TakeFlag(argc, argv, "journey");
  const std::string dump_dir = TakeFlag(argc, argv, "dump_dir");
  auto rules = sendcase::rules::LoadRuleSet(rules_dir);
  if (!rules.ok()) {
    fprintf(stderr, "rules_bench: --rules_dir: %s\n",
            rules.status().ToString().c_str());
    return 2;
  }
  g_rules = *rules;
  auto fixture = LoadJourney(journey);
  if (!fixture.ok()) {
    fprintf(stderr, "rules_bench: --journey: %s\n",
            fixture.status().ToString().c_str());
    return 2;
  }
  g_journey = *std::move(fixture);
  if (!dump_dir.empty()) return Dump(dump_dir);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
