// Replay properties: the chronology's order of recording never matters, only
// its dates; and replaying it event by event (as RecordEvent does for each
// new event) ends where one replay of the whole chronology ends.
#include "services/journey/replay.h"

#include <algorithm>
#include <random>
#include <tuple>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/loader.h"
#include "services/journey/state_machine.h"

namespace sendcase::journey {
namespace {

// One whole journey, concern to a ceased plan, in date order.
constexpr const char* kChronology[] = {
    "concern_raised {} event_date { year: 2024 month: 9 day: 2 }",
    "sen_support_started { review_date { year: 2024 month: 12 day: 13 } } "
    "event_date { year: 2024 month: 9 day: 16 }",
    "support_reviewed { next_review_date { year: 2025 month: 3 day: 14 } } "
    "event_date { year: 2024 month: 12 day: 13 }",
    "agency_involved { agency: 'EP' } event_date { year: 2025 month: 1 day: "
    "10 }",
    "assessment_requested {} event_date { year: 2025 month: 4 day: 1 }",
    "assessment_agreed {} event_date { year: 2025 month: 5 day: 9 }",
    "advice_requested { advice_giver: 'EP' } event_date { year: 2025 month: "
    "5 day: 12 }",
    "advice_requested { advice_giver: 'HEALTH' } event_date { year: 2025 "
    "month: 5 day: 12 }",
    "exception_recorded { clock_rule_id: 'ehc.final_plan' reason: "
    "PERSONAL_CIRCUMSTANCES start_date { year: 2025 month: 5 day: 20 } "
    "end_date { year: 2025 month: 6 day: 20 } } event_date { year: 2025 "
    "month: 5 day: 20 }",
    "advice_received { advice_giver: 'EP' } event_date { year: 2025 month: "
    "6 day: 16 }",
    "draft_plan_issued {} event_date { year: 2025 month: 7 day: 7 }",
    "final_plan_issued {} event_date { year: 2025 month: 8 day: 11 }",
    "mediation_certificate_issued {} event_date { year: 2025 month: 9 day: "
    "15 }",
    "annual_review_held {} event_date { year: 2026 month: 7 day: 6 }",
    "review_decision { outcome: AMEND } event_date { year: 2026 month: 7 "
    "day: 20 }",
    "amendment_notice_issued {} event_date { year: 2026 month: 7 day: 27 }",
    "phase_transfer_planned { transfer_date { year: 2027 month: 9 day: 1 } "
    "} event_date { year: 2026 month: 9 day: 1 }",
    "amended_plan_issued {} event_date { year: 2026 month: 9 day: 14 }",
    "review_decision { outcome: CEASE } event_date { year: 2027 month: 6 "
    "day: 1 }",
    "plan_ceased {} event_date { year: 2027 month: 8 day: 20 }",
};

std::vector<v1::JourneyEvent> Chronology() {
  std::vector<v1::JourneyEvent> events;
  for (const char* text : kChronology) {
    v1::JourneyEvent e;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &e))
        << text;
    events.push_back(e);
  }
  return events;
}

using ClockKey =
    std::tuple<std::string, std::string, int, int, int, int, std::string>;

std::vector<ClockKey> Keys(const std::vector<rules::ClockRecord>& clocks) {
  std::vector<ClockKey> out;
  for (const auto& c : clocks) {
    out.emplace_back(c.rule_id, c.subject, int(c.status),
                     c.start_date.time_since_epoch().count(),
                     c.due_date.time_since_epoch().count(),
                     c.met_date ? c.met_date->time_since_epoch().count() : -1,
                     c.explanation);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = rules::LoadRuleSet(SENDCASE_RULES_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    rules_ = *loaded;
  }
  std::shared_ptr<const rules::RuleSet> rules_;
  const std::optional<Day> birth_ = Day(date::year{2016} / 3 / 1);
};

TEST_F(ReplayTest, RecordingInOrderEqualsOneReplay) {
  const auto events = Chronology();
  auto whole = Replay(*rules_, events, birth_);
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(whole->state, v1::Journey::CLOSED);
  // Event by event, as RecordEvent does: each prefix replays cleanly.
  std::vector<v1::JourneyEvent> recorded;
  for (size_t i = 0; i < events.size(); ++i) {
    v1::JourneyEvent e = events[i];
    recorded.push_back(e);
    auto step = Replay(*rules_, recorded, birth_);
    ASSERT_TRUE(step.ok()) << i << ": " << step.status();
    recorded.back().set_sequence(static_cast<int64_t>(i + 1));
    if (i + 1 == events.size()) {
      EXPECT_EQ(Keys(step->clocks), Keys(whole->clocks));
    }
  }
}

TEST_F(ReplayTest, AShuffledChronologyGivesTheSameJourney) {
  auto events = Chronology();
  auto in_order = Replay(*rules_, events, birth_);
  ASSERT_TRUE(in_order.ok()) << in_order.status();
  std::mt19937 random(20251130);
  for (int round = 0; round < 200; ++round) {
    std::shuffle(events.begin(), events.end(), random);
    // The sequence is the order of recording; dates decide the replay.
    for (size_t i = 0; i < events.size(); ++i) {
      events[i].set_sequence(static_cast<int64_t>(i + 1));
    }
    auto shuffled = Replay(*rules_, events, birth_);
    ASSERT_TRUE(shuffled.ok()) << shuffled.status();
    EXPECT_EQ(shuffled->state, in_order->state);
    ASSERT_EQ(Keys(shuffled->clocks), Keys(in_order->clocks)) << round;
  }
}

TEST_F(ReplayTest, DiffNamesOnlyClocksThatMoved) {
  auto events = Chronology();
  events.resize(6);  // to the decision to assess
  auto before = Replay(*rules_, events, birth_);
  ASSERT_TRUE(before.ok());
  events.resize(5);
  auto after = Replay(*rules_, events, birth_);
  ASSERT_TRUE(after.ok());
  // Without the decision the 6-week clock is open again, nothing else moved.
  const auto diff = DiffClocks(before->clocks, after->clocks);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].rule_id(), "ehc.decision_to_assess");
  EXPECT_EQ(diff[0].old_status(), v1::Clock::MET);
  EXPECT_EQ(diff[0].new_status(), v1::Clock::OPEN);
}

// No clock can be stranded: in every state a rule's clock may live in, some
// event the state machine allows there meets it, cancels it or opens it
// afresh, unless it is a window (which expires by itself). Otherwise a
// clock could stay OVERDUE with nothing anyone can record to end it.
TEST_F(ReplayTest, EveryLiveInStateHasAnEventThatEndsTheClock) {
  for (const rules::CompiledRule& rule : rules_->rules()) {
    if (rule.window) continue;
    std::vector<EventKind> enders;
    for (const auto& m : rule.met_by) enders.push_back(m.event);
    for (const auto& m : rule.cancelled_by) enders.push_back(m.event);
    for (const auto& o : rule.opens) enders.push_back(o.on.event);
    for (State state : rule.live_in) {
      bool ended = false;
      for (EventKind kind : enders) {
        ended = ended || Apply(state, kind).ok();
      }
      // Leaving the live_in states ends it too.
      for (EventKind kind : AllEventKinds()) {
        auto t = Apply(state, kind);
        ended = ended || (t.ok() && rule.live_in.count(t->to) == 0);
      }
      EXPECT_TRUE(ended) << rule.id << " in " << StateName(state);
    }
  }
}

}  // namespace
}  // namespace sendcase::journey
