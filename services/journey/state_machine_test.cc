#include "services/journey/state_machine.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase::journey {
namespace {

using ::testing::HasSubstr;
using J = v1::Journey;

// The expected table, written independently of state_machine.cc so that a
// change to either shows up here. Columns are the states in enum order:
//   C CONCERN, S SEN_SUPPORT, G AGENCY_INVOLVEMENT, R ASSESSMENT_REQUESTED,
//   A ASSESSMENT, D DRAFT_PLAN, P EHC_PLAN, X CLOSED.
// A cell is the destination state's letter, or '.' for FAILED_PRECONDITION.
// clang-format off
const std::map<std::string, std::string> kExpected = {
    //                                CSGRADPX
    {"concern_raised",                "CSGRADPC"},
    {"sen_support_started",           "S......."},
    {"support_reviewed",              ".SGRAD.."},
    {"agency_involved",               ".GG....."},
    {"assessment_requested",          "RRRRRR.."},
    {"assessment_agreed",             "...A...."},
    {"assessment_refused",            "...S...."},
    {"advice_requested",              "....AD.."},
    {"advice_received",               "....AD.."},
    {"draft_plan_issued",             "....DD.."},
    {"final_plan_issued",             ".....P.."},
    {"plan_not_issued",               "....SS.."},
    {"review_meeting_scheduled",      "......P."},
    {"review_invitations_sent",       "......P."},
    {"review_advice_circulated",      "......P."},
    {"annual_review_held",            "......P."},
    {"review_report_sent",            "......P."},
    {"review_decision",               "......P."},
    {"amendment_notice_issued",       "......P."},
    {"amended_plan_issued",           "......P."},
    {"phase_transfer_planned",        "......P."},
    {"mediation_certificate_issued",  ".SGRADPX"},
    {"cease_proposed",                "......P."},
    {"plan_ceased",                   "......X."},
    {"exception_recorded",            "...RADP."},
    {"agency_responded",              ".SGRADPX"},
};
// clang-format on

State FromLetter(char c) {
  static const std::map<char, State> kLetters = {{'C', J::CONCERN},
                                                 {'S', J::SEN_SUPPORT},
                                                 {'G', J::AGENCY_INVOLVEMENT},
                                                 {'R', J::ASSESSMENT_REQUESTED},
                                                 {'A', J::ASSESSMENT},
                                                 {'D', J::DRAFT_PLAN},
                                                 {'P', J::EHC_PLAN},
                                                 {'X', J::CLOSED}};
  return kLetters.at(c);
}

TEST(StateMachineTest, EveryStateEventPairMatchesTheTable) {
  ASSERT_EQ(AllStates().size(), 8u);
  ASSERT_EQ(AllEventKinds().size(), kExpected.size())
      << "a new event kind needs a row in kExpected";
  int checked = 0;
  for (EventKind event : AllEventKinds()) {
    const std::string name = EventKindName(event);
    ASSERT_TRUE(kExpected.count(name)) << name;
    const std::string& row = kExpected.at(name);
    for (size_t i = 0; i < AllStates().size(); ++i) {
      const State state = AllStates()[i];
      const auto result = Apply(state, event);
      SCOPED_TRACE(name + " in " + StateName(state));
      if (row[i] == '.') {
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.status().code(),
                  absl::StatusCode::kFailedPrecondition);
        EXPECT_THAT(result.status().message(), HasSubstr(name));
        EXPECT_THAT(result.status().message(), HasSubstr(StateName(state)));
      } else {
        ASSERT_TRUE(result.ok()) << result.status();
        EXPECT_EQ(result->from, state);
        EXPECT_EQ(result->to, FromLetter(row[i]));
        EXPECT_EQ(result->event, event);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 26 * 8);
}

// AllowedEvents is each state's column of kExpected, in field-number order.
TEST(StateMachineTest, AllowedEventsAreTheColumnOfEachState) {
  for (size_t i = 0; i < AllStates().size(); ++i) {
    std::vector<std::string> expected;
    for (EventKind event : AllEventKinds()) {
      if (kExpected.at(EventKindName(event))[i] != '.') {
        expected.push_back(EventKindName(event));
      }
    }
    std::vector<std::string> got;
    for (EventKind event : AllowedEvents(AllStates()[i])) {
      got.push_back(EventKindName(event));
    }
    EXPECT_EQ(got, expected) << StateName(AllStates()[i]);
  }
  EXPECT_EQ(AllowedEvents(J::CONCERN).size(), 3u);  // raised, started, request
  EXPECT_TRUE(AllowedEvents(J::STATE_UNSPECIFIED).empty());
}

TEST(StateMachineTest, MissingKindIsInvalidArgument) {
  const auto result = Apply(J::CONCERN, v1::JourneyEvent::KIND_NOT_SET);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(StateMachineTest, UnspecifiedStateIsInvalidArgument) {
  const auto result =
      Apply(J::STATE_UNSPECIFIED, v1::JourneyEvent::kConcernRaised);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(StateMachineTest, NamesComeFromTheProto) {
  EXPECT_EQ(EventKindName(v1::JourneyEvent::kAssessmentRequested),
            "assessment_requested");
  EXPECT_EQ(StateName(J::DRAFT_PLAN), "DRAFT_PLAN");
}

}  // namespace
}  // namespace sendcase::journey
