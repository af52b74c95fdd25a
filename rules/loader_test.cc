#include "rules/loader.h"

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::rules {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;

void Write(const testing::TempDir& dir, const std::string& name,
           const std::string& text) {
  std::ofstream(dir.File(name)) << text;
}

TEST(LoaderTest, ShippedRulesLoadWithEveryContractClock) {
  auto rules = LoadRuleSet(SENDCASE_RULES_DIR);
  ASSERT_OK(rules);
  for (const char* id :
       {"ehc.decision_to_assess", "ehc.draft_plan_target", "ehc.no_plan_notice",
        "ehc.final_plan", "ehc.advice", "ehc.draft_comments", "review.annual",
        "review.decision", "review.amended_plan", "review.phase_transfer",
        "appeal.tribunal", "support.review"}) {
    EXPECT_NE((*rules)->Find(id), nullptr) << id;
  }
  EXPECT_FALSE((*rules)->version().empty());
  EXPECT_FALSE((*rules)->include_event_day());
  EXPECT_EQ((*rules)->calendar().first_year(), 2014);
  EXPECT_EQ((*rules)->calendar().published_through(), 2027);
  // The 15-day comment window admits no exception (rules/REFERENCE.md §1.3).
  EXPECT_TRUE((*rules)->Find("ehc.draft_comments")->exceptions.empty());
  EXPECT_FALSE((*rules)->Find("ehc.draft_plan_target")->statutory);
  EXPECT_EQ((*rules)->Find("review.annual")->reminder_days,
            (std::vector<int>{-14, 0, 1}));
}

constexpr char kVersion[] =
    "version: \"v\"\nholidays_first_year: 2024\nholidays_last_year: 2024\n";

TEST(LoaderTest, SyntaxErrorNamesFileLineAndColumn) {
  testing::TempDir dir;
  Write(dir, "a.textproto", kVersion);
  Write(dir, "b.textproto", "rules {\n  id: \"x\"\n  bogus: 1\n}\n");
  EXPECT_THAT(LoadRuleSource(dir.path().string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("b.textproto:3:")));
}

TEST(LoaderTest, RuleErrorsNameFileAndLine) {
  testing::TempDir dir;
  Write(dir, "a.textproto", kVersion);
  Write(dir, "b.textproto",
        "# comment\n\nrules {\n  id: \"x.y\"\n  owner_role: SENCO\n"
        "  opens { on { event: \"assessment_requested\" } due { weeks: 0 } "
        "}\n}\n");
  EXPECT_THAT(LoadRuleSet(dir.path().string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("b.textproto:3: rule x.y"),
                             HasSubstr("weeks must be between 1 and 104"))));
}

TEST(LoaderTest, VersionExactlyOnce) {
  testing::TempDir none;
  Write(none, "a.textproto", "holidays_first_year: 2024\n");
  EXPECT_THAT(
      LoadRuleSource(none.path().string()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("version")));
  testing::TempDir twice;
  Write(twice, "a.textproto", kVersion);
  Write(twice, "b.textproto", "version: \"w\"\n");
  EXPECT_THAT(LoadRuleSource(twice.path().string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("already set in a.textproto")));
}

// The rule example in README.md compiles alongside the shipped rules, so
// the documentation cannot drift from the schema.
TEST(LoaderTest, ReadmeRuleExampleCompiles) {
  std::ifstream in(SENDCASE_README);
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const size_t start = readme.find("```textproto\n");
  ASSERT_NE(start, std::string::npos) << "README.md has no textproto example";
  const size_t body = start + std::string("```textproto\n").size();
  const std::string example =
      readme.substr(body, readme.find("```", body) - body);
  auto source = LoadRuleSource(SENDCASE_RULES_DIR);
  ASSERT_OK(source);
  ASSERT_TRUE(
      google::protobuf::TextFormat::MergeFromString(example, &source->merged))
      << example;
  auto rules = RuleSet::Create(*source);
  ASSERT_OK(rules);
  EXPECT_NE((*rules)->Find("ehc.school_consultation"), nullptr);
}

TEST(LoaderTest, MissingOrEmptyDirectoryIsNotFound) {
  EXPECT_THAT(LoadRuleSource("/nonexistent/rules"),
              StatusIs(absl::StatusCode::kNotFound));
  testing::TempDir empty;
  EXPECT_THAT(LoadRuleSource(empty.path().string()),
              StatusIs(absl::StatusCode::kNotFound));
}

// A rule set stored before live_in and the computed calendar (2026.3)
// still compiles, as a legacy one: its rules live in every state and its
// listed years of holidays are complete (the early May holiday of 2020 was
// on the 8th, not the 4th).
TEST(LoaderTest, AStoredLegacyRuleSetKeepsItsMeaning) {
  auto source = LoadRuleSource(SENDCASE_LEGACY_RULES_DIR);
  ASSERT_OK(source);
  EXPECT_THAT(RuleSet::Create(*source),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("live_in is required")));
  source->legacy = true;
  auto rules = RuleSet::Create(*source);
  ASSERT_OK(rules);
  EXPECT_EQ((*rules)->version(), "2026.3");
  EXPECT_EQ((*rules)->Find("ehc.advice")->live_in.size(), 8u);
  const BusinessCalendar& cal = (*rules)->calendar();
  EXPECT_TRUE(cal.IsWorkingDay(Day(date::year{2020} / 5 / 4)));
  EXPECT_FALSE(cal.IsWorkingDay(Day(date::year{2020} / 5 / 8)));
  EXPECT_TRUE(cal.IsWorkingDay(Day(date::year{2022} / 5 / 30)));
  EXPECT_FALSE(cal.IsWorkingDay(Day(date::year{2022} / 6 / 3)));
}

}  // namespace
}  // namespace sendcase::rules
