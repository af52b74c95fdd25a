// PlanTransition is pure: from a journey, its chronology and open tasks it
// decides every effect of one event, with no store and no clock, the same
// way every time.
#include "services/casework/transition.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/loader.h"
#include "services/common/proto_time.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class PlanTransitionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rules = rules::LoadRuleSet(SENDCASE_RULES_DIR);
    ASSERT_OK(rules);
    rules_ = *rules;
    record_.journey.set_name("pupils/p1/journeys/j1");
    record_.journey.set_pupil("pupils/p1");
    record_.journey.set_state(v1::Journey::CONCERN);
    record_.journey.set_rule_set_version(rules_->version());
    record_.version = 3;
    record_.birth_date = D(2015, 3, 1);
    event_.mutable_assessment_requested();
    *event_.mutable_event_date() = ToProtoDate(D(2026, 1, 30));
  }

  absl::StatusOr<PlannedTransition> Plan(v1::Role role) {
    int next = 0;
    return PlanTransition(
        {.record = record_,
         .chronology = chronology_,
         .open_tasks = open_tasks_,
         .rules = *rules_,
         .current_rules = *rules_,
         .event = event_,
         .event_date = FromProtoDate(event_.event_date(), "").value(),
         .now = Instant(D(2026, 2, 2)) + std::chrono::hours(12),
         .recorded_by = "senco",
         .recorded_by_role = role,
         .new_id = [&next] { return absl::StrCat("t", ++next); }});
  }

  std::shared_ptr<const rules::RuleSet> rules_;
  storage::JourneyRecord record_;
  std::vector<v1::JourneyEvent> chronology_;
  std::vector<storage::OpenTask> open_tasks_;
  v1::JourneyEvent event_;
};

TEST_F(PlanTransitionTest, ARequestStartsTheTwentyWeeksAndTellsTheLa) {
  auto planned = Plan(v1::SENCO);
  ASSERT_OK(planned);
  const storage::TransitionEffects& e = planned->effects;
  EXPECT_EQ(e.journey.Format(), "pupils/p1/journeys/j1");
  EXPECT_EQ(e.expected_version, 3);
  EXPECT_EQ(e.new_state, v1::Journey::ASSESSMENT_REQUESTED);
  EXPECT_EQ(e.event.from_state(), v1::Journey::CONCERN);
  EXPECT_EQ(e.event.to_state(), v1::Journey::ASSESSMENT_REQUESTED);
  EXPECT_EQ(e.event.recorded_by(), "senco");
  ASSERT_TRUE(e.latest_event_date.has_value());
  EXPECT_EQ(*e.latest_event_date, D(2026, 1, 30));
  // The request starts the assessment's clocks, in rule order: the LA's
  // decision in 6 weeks, the draft in 14, a decision not to issue a plan in
  // 16, and the final plan in 20 (its limit).
  std::vector<std::string> clocks;
  for (const ClockRecord& c : e.clock_changes) {
    EXPECT_EQ(c.id, 0) << c.rule_id;  // all new
    EXPECT_TRUE(c.assessment_step) << c.rule_id;
    clocks.push_back(absl::StrCat(c.rule_id, " ", FormatDay(c.due_date),
                                  c.assessment_limit ? " limit" : ""));
  }
  EXPECT_THAT(clocks, ElementsAre("ehc.decision_to_assess 2026-03-13",
                                  "ehc.draft_plan_target 2026-05-08",
                                  "ehc.no_plan_notice 2026-05-22",
                                  "ehc.final_plan 2026-06-19 limit"));
  std::vector<std::string> tasks;
  for (const storage::NewTask& t : e.new_tasks) {
    tasks.push_back(
        absl::StrCat(t.id, " ", t.rule_id, " ", v1::Role_Name(t.owner_role)));
  }
  // Tasks for the LA's own steps (the 16-week notice is a date, no task).
  EXPECT_THAT(tasks, ElementsAre("t1 ehc.decision_to_assess LA_CASE_OFFICER",
                                 "t2 ehc.draft_plan_target LA_CASE_OFFICER",
                                 "t3 ehc.final_plan LA_CASE_OFFICER"));
  EXPECT_TRUE(e.closed_tasks.empty());
  // The SENCO recorded it: only the LA is told.
  ASSERT_EQ(e.notices.size(), 1u);
  EXPECT_EQ(e.notices[0].owner_role, v1::LA_CASE_OFFICER);
  // The response is the journey after the commit.
  EXPECT_EQ(planned->journey.etag(), "4");
  EXPECT_EQ(planned->journey.state(), v1::Journey::ASSESSMENT_REQUESTED);
  EXPECT_EQ(planned->journey.clocks_size(), 4);
  EXPECT_EQ(planned->journey.clock_changes_size(), 4);
}

TEST_F(PlanTransitionTest, TheSameInputPlansTheSameEffects) {
  auto first = Plan(v1::LA_CASE_OFFICER);
  auto second = Plan(v1::LA_CASE_OFFICER);
  ASSERT_OK(first);
  ASSERT_OK(second);
  EXPECT_EQ(first->journey.SerializeAsString(),
            second->journey.SerializeAsString());
  EXPECT_EQ(first->effects.event.SerializeAsString(),
            second->effects.event.SerializeAsString());
  ASSERT_EQ(first->effects.notices.size(), second->effects.notices.size());
  // The LA recorded it: the SENCO is told.
  ASSERT_EQ(first->effects.notices.size(), 1u);
  EXPECT_EQ(first->effects.notices[0].owner_role, v1::SENCO);
}

TEST_F(PlanTransitionTest, AnEventTheStateRefusesIsFailedPrecondition) {
  event_.Clear();
  event_.mutable_final_plan_issued();
  *event_.mutable_event_date() = ToProtoDate(D(2026, 1, 30));
  EXPECT_THAT(Plan(v1::LA_CASE_OFFICER),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("final_plan_issued")));
}

}  // namespace
}  // namespace sendcase::casework
