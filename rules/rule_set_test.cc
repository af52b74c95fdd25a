#include "rules/rule_set.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/rule_source_testing.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::rules {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;

RuleSource Source(const std::string& rules_text) {
  return SourceForTest(rules_text);
}

constexpr char kGood[] = R"pb(
  rules {
    id: "x.one"
    owner_role: SENCO
    live_in: ASSESSMENT_REQUESTED
    opens {
      on { event: "assessment_requested" }
      due { weeks: 6 }
    }
    met_by { event: "assessment_agreed" }
  })pb";

TEST(RuleSetTest, CompilesAGoodRule) {
  auto rules = RuleSet::Create(Source(kGood));
  ASSERT_OK(rules);
  EXPECT_EQ((*rules)->version(), "t1");
  ASSERT_NE((*rules)->Find("x.one"), nullptr);
  EXPECT_EQ((*rules)->Find("x.one")->owner_role, api::SENCO);
  EXPECT_EQ((*rules)->Find("nope"), nullptr);
}

struct BadCase {
  const char* rules;
  const char* message;
};

TEST(RuleSetTest, RejectsBadRulesNamingRuleAndLocation) {
  const BadCase cases[] =
      {
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "nope" }
                    due { weeks: 1 }
                  }
                })pb",
           "unknown event 'nope'"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "assessment_requested" }
                    due { weeks: -2 }
                  }
                })pb",
           "weeks must be between 1 and 104"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "assessment_requested" }
                    due {}
                  }
                })pb",
           "no counting rule"},
          {R"pb(rules {
                  id: "a"
                  opens {
                    on { event: "assessment_requested" }
                    due { weeks: 1 }
                  }
                })pb",
           "owner_role is required"},
          {R"pb(rules {
                  id: "A B"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "assessment_requested" }
                    due { weeks: 1 }
                  }
                })pb",
           "id must be"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                })pb",
           "has no opens"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "sen_support_started" }
                    due { anchor: "nope" on_anchor: true }
                  }
                })pb",
           "anchor 'nope' is not a date field"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on {
                      event: "review_decision"
                      when { key: "outcome" value: "MAYBE" }
                    }
                    due { weeks: 1 }
                  }
                })pb",
           "'MAYBE' is not a value"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on {
                      event: "phase_transfer_planned"
                      when { key: "colour" value: "x" }
                    }
                    due { weeks: 1 }
                  }
                })pb",
           "no plain field 'colour'"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  subject_field: "advice_giver"
                  opens {
                    on { event: "assessment_requested" }
                    due { weeks: 1 }
                  }
                })pb",
           "subject_field 'advice_giver'"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "phase_transfer_planned" }
                    due {
                      anchor: "transfer_date"
                      before_in_year { month: 2 day: 30 }
                    }
                  }
                })pb",
           "before_in_year"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "assessment_requested" }
                    due { weeks: 1 }
                  }
                }
                rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT_REQUESTED
                  opens {
                    on { event: "assessment_requested" }
                    due { weeks: 2 }
                  }
                })pb",
           "duplicate id"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  opens {
                    on { event: "assessment_requested" }
                    due { weeks: 1 }
                  }
                })pb",
           "live_in is required"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: ASSESSMENT
                  concurrent: true
                  subject_field: "advice_giver"
                  opens {
                    on { event: "advice_requested" }
                    due { weeks: 1 }
                  }
                })pb",
           "subject_field cannot be set too"},
          {R"pb(rules {
                  id: "a"
                  owner_role: PARENT
                  live_in: SEN_SUPPORT
                  concurrent: true
                  opens {
                    on { event: "assessment_refused" }
                    due { tribunal_appeal: true }
                  }
                  cancelled_by { event: "assessment_requested" }
                })pb",
           "met_by and cancelled_by cannot be set"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: EHC_PLAN
                  opens {
                    on { event: "amendment_notice_issued" }
                    due {
                      weeks: 8
                      no_later_than { event: "annual_review" weeks: 12 }
                    }
                  }
                })pb",
           "no_later_than: unknown event 'annual_review'"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: EHC_PLAN
                  opens {
                    on { event: "amendment_notice_issued" }
                    due {
                      weeks: 8
                      no_later_than { event: "annual_review_held" weeks: 0 }
                    }
                  }
                })pb",
           "no_later_than.weeks must be between 1 and 104"},
          {R"pb(rules {
                  id: "a"
                  owner_role: SENCO
                  live_in: DRAFT_PLAN
                  opens {
                    on { event: "draft_plan_issued" }
                    due { days_inclusive: 15 }
                  }
                  not_before_due { event: "final_plan" }
                })pb",
           "unknown event 'final_plan'"},
      };
  for (const BadCase& c : cases) {
    EXPECT_THAT(RuleSet::Create(Source(c.rules)),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr(c.message), HasSubstr("f.textproto:"),
                               HasSubstr("rule "))))
        << c.rules;
  }
}

TEST(RuleSetTest, RejectsMissingVersionAndBadCalendar) {
  RuleSource no_version = Source(kGood);
  no_version.merged.clear_version();
  EXPECT_THAT(
      RuleSet::Create(no_version),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("version")));
  RuleSource outside = Source(kGood);
  auto* h = outside.merged.add_holidays();
  h->set_date("2023-12-25");  // before holidays_first_year
  EXPECT_THAT(RuleSet::Create(outside),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("outside the computed years")));
  RuleSource moved = Source(kGood);
  auto* m = moved.merged.add_holidays();
  m->set_date("2024-05-10");
  m->set_replaces("2024-05-09");  // a Thursday, not a bank holiday
  EXPECT_THAT(RuleSet::Create(moved),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("which is not a standard holiday")));
  RuleSource twice = Source(kGood);
  for (int i = 0; i < 2; ++i)
    twice.merged.add_holidays()->set_date("2024-01-01");
  EXPECT_THAT(RuleSet::Create(twice),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("twice")));
}

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

TEST(RuleSetTest, MatchesChecksStateAndAge) {
  CompiledMatch young;
  young.event = api::JourneyEvent::kFinalPlanIssued;
  young.younger_than_years = 5;
  young.from_states = {api::Journey::DRAFT_PLAN};
  api::JourneyEvent event;
  event.mutable_final_plan_issued();
  Fact fact{&event, D(2025, 1, 10), api::Journey::DRAFT_PLAN, D(2021, 6, 1)};
  EXPECT_TRUE(Matches(young, fact));  // aged 3
  fact.birth_date = D(2020, 1, 10);   // 5th birthday that day
  EXPECT_FALSE(Matches(young, fact));
  fact.birth_date = D(2020, 1, 11);  // 5 tomorrow
  EXPECT_TRUE(Matches(young, fact));
  fact.from_state = api::Journey::ASSESSMENT;
  EXPECT_FALSE(Matches(young, fact));
  fact.from_state = api::Journey::DRAFT_PLAN;
  fact.birth_date.reset();  // unknown age never matches an age condition
  EXPECT_FALSE(Matches(young, fact));
}

TEST(RuleSetTest, AgeInYearsAcrossBirthdaysAndLeapDays) {
  EXPECT_EQ(AgeInYears(D(2021, 6, 1), D(2026, 5, 31)), 4);
  EXPECT_EQ(AgeInYears(D(2021, 6, 1), D(2026, 6, 1)), 5);
  EXPECT_EQ(AgeInYears(D(2020, 2, 29), D(2025, 2, 28)), 4);
  EXPECT_EQ(AgeInYears(D(2020, 2, 29), D(2025, 3, 1)), 5);
}

TEST(RuleSetTest, MatchesChecksFieldConditions) {
  CompiledMatch cease;
  cease.event = api::JourneyEvent::kReviewDecision;
  cease.when.emplace_back(
      api::ReviewDecision::descriptor()->FindFieldByName("outcome"), "CEASE");
  api::JourneyEvent event;
  event.mutable_review_decision()->set_outcome(api::ReviewDecision::CEASE);
  const Fact fact{&event, D(2024, 1, 8), api::Journey::EHC_PLAN, std::nullopt};
  EXPECT_TRUE(Matches(cease, fact));
  event.mutable_review_decision()->set_outcome(api::ReviewDecision::KEEP);
  EXPECT_FALSE(Matches(cease, fact));
  event.mutable_assessment_requested();
  EXPECT_FALSE(Matches(cease, fact));
}

// Every count in a rule file is bounded (two years of it), at the edges and
// far beyond them: an unbounded `weeks: 500000` once loaded and then
// computed due dates in year 11609 that broke every list showing them.
TEST(RuleSetTest, EveryCountIsBoundedAtItsEdges) {
  struct Bound {
    const char* field;
    int max;
  };
  const Bound bounds[] = {{"weeks", 104},        {"days_inclusive", 731},
                          {"months", 24},        {"months_period", 24},
                          {"months_before", 24}, {"working_days", 520},
                          {"weeks_before", 104}};
  for (const Bound& b : bounds) {
    for (long long n :
         {1LL, static_cast<long long>(b.max), static_cast<long long>(b.max) + 1,
          0LL, -1LL, 500000LL, 2147483647LL}) {
      SCOPED_TRACE(absl::StrCat(b.field, ": ", n));
      const std::string text = absl::StrCat(
          "rules { id: \"a\" owner_role: SENCO live_in: ASSESSMENT_REQUESTED "
          "opens { on { event: "
          "\"sen_support_started\" } due { ",
          b.field, ": ", n, " } } }");
      auto rules = RuleSet::Create(Source(text));
      if (n >= 1 && n <= b.max) {
        EXPECT_OK(rules);
      } else {
        EXPECT_THAT(rules,
                    StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr(absl::StrCat(
                                 b.field, " must be between 1 and ", b.max))));
      }
    }
  }
  // at_most_months bounds an agreed date only (on_anchor), up to 2 years.
  const std::pair<const char*, const char*> at_most[] = {
      {"weeks: 6 at_most_months: 3", "applies only to on_anchor"},
      {"anchor: \"review_date\" on_anchor: true at_most_months: 25",
       "at_most_months must be between 1 and 24"},
      {"anchor: \"review_date\" on_anchor: true at_most_months: -1",
       "at_most_months must be between 1 and 24"},
  };
  for (const auto& [due, error] : at_most) {
    EXPECT_THAT(RuleSet::Create(Source(absl::StrCat(
                    "rules { id: \"a\" owner_role: SENCO live_in: "
                    "SEN_SUPPORT opens { on { event: \"sen_support_started\" "
                    "} due { ",
                    due, " } } }"))),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(error)))
        << due;
  }
  EXPECT_OK(RuleSet::Create(Source(
      "rules { id: \"a\" owner_role: SENCO live_in: SEN_SUPPORT opens { on "
      "{ event: \"sen_support_started\" } due { anchor: \"review_date\" "
      "on_anchor: true at_most_months: 24 } } }")));
  for (int years : {26, 1000}) {
    EXPECT_THAT(RuleSet::Create(Source(absl::StrCat(
                    "rules { id: \"a\" owner_role: SENCO live_in: "
                    "ASSESSMENT_REQUESTED opens { on { event: "
                    "\"concern_raised\" pupil_younger_than_years: ",
                    years, " } due { weeks: 1 } } }"))),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("between 0 and 25")));
  }
}

}  // namespace
}  // namespace sendcase::rules
