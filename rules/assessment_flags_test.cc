// Which clocks belong to the 20-week assessment is data (rules.proto
// assessment_step, assessment_limit); rule sets stored before 2026.6 are read
// by the ids they used.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/rule_set.h"
#include "rules/rule_source_testing.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::rules {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;

RuleSource Source(const std::string& rules_text) {
  return SourceForTest(rules_text);
}

// A rule like kGood with the given id and flags.
std::string AssessmentRule(const std::string& id, const std::string& flags) {
  return "rules { id: \"" + id + "\" owner_role: LA_CASE_OFFICER " + flags +
         " live_in: ASSESSMENT_REQUESTED opens { on { event: "
         "\"assessment_requested\" } due { weeks: 6 } } }";
}

TEST(RuleSetTest, AssessmentFlagsAreDataWithTheOldIdsForOldRuleSets) {
  auto marked = RuleSet::Create(
      Source(AssessmentRule("a.limit", "assessment_limit: true") +
             AssessmentRule("a.step", "assessment_step: true") +
             AssessmentRule("ehc.final_plan", "")));
  ASSERT_OK(marked);
  EXPECT_TRUE((*marked)->Find("a.limit")->assessment_limit);
  EXPECT_TRUE((*marked)->Find("a.limit")->assessment_step);  // implied
  EXPECT_TRUE((*marked)->Find("a.step")->assessment_step);
  EXPECT_FALSE((*marked)->Find("a.step")->assessment_limit);
  EXPECT_FALSE((*marked)->Find("ehc.final_plan")->assessment_step);

  auto old = RuleSet::Create(Source(AssessmentRule("ehc.final_plan", "") +
                                    AssessmentRule("ehc.advice", "") +
                                    AssessmentRule("review.annual", "")));
  ASSERT_OK(old);
  EXPECT_TRUE((*old)->Find("ehc.final_plan")->assessment_limit);
  EXPECT_TRUE((*old)->Find("ehc.advice")->assessment_step);
  EXPECT_FALSE((*old)->Find("ehc.advice")->assessment_limit);
  EXPECT_FALSE((*old)->Find("review.annual")->assessment_step);

  // Steps marked without a limit are data too: nothing is inferred.
  auto steps = RuleSet::Create(
      Source(AssessmentRule("ehc.final_plan", "") +
             AssessmentRule("a.step", "assessment_step: true")));
  ASSERT_OK(steps);
  EXPECT_FALSE((*steps)->Find("ehc.final_plan")->assessment_limit);
  EXPECT_FALSE((*steps)->Find("ehc.final_plan")->assessment_step);
  EXPECT_TRUE((*steps)->Find("a.step")->assessment_step);

  EXPECT_THAT(
      RuleSet::Create(
          Source(AssessmentRule("a.one", "assessment_limit: true") +
                 AssessmentRule("a.two", "assessment_limit: true"))),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("f.textproto:11: rule a.two: assessment_limit is "
                         "already rule a.one")));
}

}  // namespace
}  // namespace sendcase::rules
