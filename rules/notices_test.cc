// Notices in a rule file: compiled with the rules, every mistake refused
// naming the notice and its file:line, and matched against a recorded event
// within notice_max_age_days of the day it is recorded.
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/rule_set.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::rules {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

RuleSource Source(const std::string& text) {
  RuleSource source;
  const std::string all =
      "version: \"t1\" holidays_first_year: 2024 holidays_last_year: 2024 "
      "rules { id: \"x.one\" owner_role: SENCO live_in: ASSESSMENT_REQUESTED "
      "opens { on { event: \"assessment_requested\" } due { weeks: 6 } } } " +
      text;
  EXPECT_TRUE(
      google::protobuf::TextFormat::ParseFromString(all, &source.merged))
      << all;
  for (int i = 0; i < source.merged.notices_size(); ++i) {
    source.notice_locations.push_back("n.textproto:" + std::to_string(3 + i));
  }
  return source;
}

struct BadNotice {
  const char* text;
  const char* message;
};

TEST(NoticeRulesTest, RejectsBadNoticesNamingNoticeAndLocation) {
  const BadNotice cases[] = {
      {R"pb(notices {
              on { event: "final_plan_issued" }
              to: SENCO
              title: "t"
            })pb",
       "n.textproto:3: notice #1: id is required"},
      {R"pb(notices {
              id: "x.one"
              on { event: "final_plan_issued" }
              to: SENCO
              title: "t"
            })pb",
       "notice x.one: duplicate id"},
      {R"pb(notices {
              id: "n"
              on { event: "final_plan_issued" }
              to: SENCO
              title: "t"
            }
            notices {
              id: "n"
              on { event: "plan_ceased" }
              to: SENCO
              title: "t"
            })pb",
       "n.textproto:4: notice n: duplicate id"},
      {R"pb(notices {
              id: "n"
              on { event: "final_plan_issued" }
              to: SENCO
            })pb",
       "notice n: title is required"},
      {R"pb(notices { id: "n" to: SENCO title: "t" })pb",
       "notice n: on: at least one event"},
      {R"pb(notices {
              id: "n"
              on { event: "final_plan_issued" }
              title: "t"
            })pb",
       "notice n: to: at least one role"},
      {R"pb(notices {
              id: "n"
              on { event: "plan_issued" }
              to: SENCO
              title: "t"
            })pb",
       "notice n: unknown event 'plan_issued'"},
      {R"pb(notices {
              id: "n"
              on {
                event: "review_decision"
                when { key: "outcome" value: "MAYBE" }
              }
              to: SENCO
              title: "t"
            })pb",
       "notice n: 'MAYBE' is not a value of review_decision.outcome"},
      {R"pb(notices {
              id: "n"
              on { event: "plan_ceased" }
              to: ROLE_UNSPECIFIED
              title: "t"
            })pb",
       "notice n: to: ROLE_UNSPECIFIED is not a role"},
      {R"pb(notices {
              id: "n"
              on { event: "plan_ceased" }
              to: [ SENCO, SENCO ]
              title: "t"
            })pb",
       "notice n: to: SENCO given twice"},
      {"notice_max_age_days: -1", "notice_max_age_days must be between 0"},
  };
  for (const BadNotice& c : cases) {
    EXPECT_THAT(
        RuleSet::Create(Source(c.text)).status(),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
}

TEST(NoticeRulesTest, MatchesTheEventWhileItIsNews) {
  auto rules = RuleSet::Create(Source(R"pb(
    notice_max_age_days: 28
    notices {
      id: "n.cease"
      on {
        event: "review_decision"
        when { key: "outcome" value: "CEASE" }
      }
      on { event: "plan_ceased" }
      to: [ SENCO, LA_CASE_OFFICER ]
      title: "t"
    })pb"));
  ASSERT_OK(rules);
  api::JourneyEvent event;
  event.mutable_review_decision()->set_outcome(api::ReviewDecision::CEASE);
  Fact fact;
  fact.event = &event;
  fact.event_date = D(2024, 2, 1);
  // Dated 28 days before the day it is recorded (2024 is a leap year): news.
  auto found = (*rules)->NoticesFor(fact, D(2024, 2, 29));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->id, "n.cease");
  EXPECT_EQ(found[0]->to,
            (std::vector<api::Role>{api::SENCO, api::LA_CASE_OFFICER}));
  // 29 days: a chronology being caught up.
  EXPECT_TRUE((*rules)->NoticesFor(fact, D(2024, 3, 1)).empty());
  // Another outcome matches neither condition.
  event.mutable_review_decision()->set_outcome(api::ReviewDecision::KEEP);
  EXPECT_TRUE((*rules)->NoticesFor(fact, D(2024, 2, 1)).empty());
  // The second condition alone.
  event.mutable_plan_ceased();
  EXPECT_EQ((*rules)->NoticesFor(fact, D(2024, 2, 1)).size(), 1u);
}

TEST(NoticeRulesTest, WithoutAMaximumAgeEveryEventIsNews) {
  auto rules = RuleSet::Create(Source(R"pb(
    notices {
      id: "n"
      on { event: "plan_ceased" }
      to: SENCO
      title: "t"
    })pb"));
  ASSERT_OK(rules);
  api::JourneyEvent event;
  event.mutable_plan_ceased();
  Fact fact;
  fact.event = &event;
  fact.event_date = D(2015, 1, 1);
  EXPECT_EQ((*rules)->NoticesFor(fact, D(2026, 11, 30)).size(), 1u);
}

}  // namespace
}  // namespace sendcase::rules
