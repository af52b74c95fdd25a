#include "clients/cli/event_builder.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase::client {
namespace {

using ::testing::HasSubstr;

TEST(EventBuilderTest, BuildsKindWithTypedFields) {
  auto e = BuildEvent("phase_transfer_planned", "2025-10-01",
                      {"transfer_date=2026-09-01", "post16=true"});
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->event_date().year(), 2025);
  EXPECT_EQ(e->phase_transfer_planned().transfer_date().month(), 9);
  EXPECT_TRUE(e->phase_transfer_planned().post16());

  auto x = BuildEvent("exception_recorded", "2025-10-01",
                      {"clock_rule_id=ehc.final_plan", "reason=SCHOOL_CLOSURE",
                       "start_date=2025-07-23", "end_date=2025-09-02"});
  ASSERT_TRUE(x.ok()) << x.status();
  EXPECT_EQ(x->exception_recorded().reason(),
            v1::ExceptionRecorded::SCHOOL_CLOSURE);
  EXPECT_EQ(x->exception_recorded().clock_rule_id(), "ehc.final_plan");
}

TEST(EventBuilderTest, KindWithoutFields) {
  auto e = BuildEvent("assessment_requested", "2024-01-08", {});
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->has_assessment_requested());
}

TEST(EventBuilderTest, MistakesListTheChoices) {
  auto bad_kind = BuildEvent("assesment_requested", "2024-01-08", {});
  EXPECT_THAT(bad_kind.status().message(), HasSubstr("assessment_requested"));
  auto bad_field = BuildEvent("agency_involved", "2024-01-08", {"agent=x"});
  EXPECT_THAT(bad_field.status().message(), HasSubstr("agency"));
  auto bad_enum = BuildEvent("review_decision", "2024-01-08", {"outcome=DROP"});
  EXPECT_THAT(bad_enum.status().message(), HasSubstr("KEEP, AMEND, CEASE"));
  auto bad_date = BuildEvent("assessment_requested", "8/1/2024", {});
  EXPECT_THAT(bad_date.status().message(), HasSubstr("--date"));
  auto no_eq = BuildEvent("agency_involved", "2024-01-08", {"agency"});
  EXPECT_EQ(no_eq.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EventBuilderTest, HelpListsEachKindsFieldsAndTheirValues) {
  const std::string help = EventKindsHelp();
  for (const std::string& kind : EventKindNames()) {
    EXPECT_THAT(help, ::testing::HasSubstr("\n  " + kind)) << kind;
  }
  EXPECT_THAT(help, ::testing::HasSubstr(
                        "\n  sen_support_started  review_date=YYYY-MM-DD\n"));
  EXPECT_THAT(help, ::testing::HasSubstr("\n  review_decision  "
                                         "outcome=KEEP|AMEND|CEASE  "
                                         "received_date=YYYY-MM-DD\n"));
  EXPECT_THAT(help, ::testing::HasSubstr("post16=true|false"));
  EXPECT_THAT(help, ::testing::Not(::testing::HasSubstr("UNSPECIFIED")));
}

}  // namespace
}  // namespace sendcase::client
