// The SEN2 validation report of the hand-built cases, item by item; the
// reference date; the XML writer's escaping.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/casework/sen2_return.h"
#include "services/casework/sen2_test_cases.h"
#include "services/casework/xml_writer.h"

namespace sendcase::casework {
namespace {

using sen2_test::Cases;
using sen2_test::D;
using sen2_test::Ev;
using sen2_test::Params;
using sen2_test::Pupil;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Each issue as "SEVERITY resource item".
std::vector<std::string> Issues(const v1::Sen2Return& r) {
  std::vector<std::string> out;
  for (const auto& i : r.issues()) {
    out.push_back(i.severity() == v1::Sen2Issue::ERROR ? "ERROR " : "WARNING ");
    out.back() += i.resource() + " " + i.item();
  }
  return out;
}

TEST(Sen2ReturnTest, TheValidationReportNamesEachMissingItemPerChild) {
  const v1::Sen2Return r = BuildSen2Return(Params(), Cases());
  EXPECT_THAT(Issues(r),
              ElementsAre("ERROR pupils/p2 Sex", "ERROR pupils/p2 Ethnicity",
                          "WARNING pupils/p2 PostCode",
                          "ERROR pupils/p2/journeys/j2 RequestSource",
                          "ERROR pupils/p2/journeys/j2 CeaseReason",
                          "WARNING pupils/p2/journeys/j2 PlanDetail",
                          "WARNING la:201 Message"));
  EXPECT_THAT(r.issues(3).message(), HasSubstr("2019-03-04"));
  EXPECT_THAT(r.issues(4).message(), HasSubstr("2025-11-03"));
  // No issue ever carries a name or a date of birth.
  for (const auto& i : r.issues()) {
    EXPECT_THAT(i.message(), ::testing::Not(HasSubstr("Bob")));
    EXPECT_THAT(i.message(), ::testing::Not(HasSubstr("2010-09-01")));
  }
}

TEST(Sen2ReturnTest, AReviewWithoutADecisionAndAPlanWithoutAReviewAreFlagged) {
  Sen2Child hal;
  hal.pupil = Pupil(R"pb(
    name: "pupils/p8"
    given_name: "Hal"
    family_name: "Ng"
    birth_date { year: 2012 month: 5 day: 5 }
    upn: "B801200005008"
    setting_urn: "100001"
    local_authority_code: "201"
    needs: [ HI ]
    sex: MALE
    ethnicity: "CHNE"
    postcode: "B1 1AA")pb");
  hal.journeys.push_back(
      {"pupils/p8/journeys/j8",
       {Ev(R"pb(event_date { year: 2023 month: 1 day: 9 }
                assessment_requested { source: SOCIAL_CARE })pb"),
        Ev(R"pb(event_date { year: 2023 month: 2 day: 6 }
                assessment_agreed {})pb"),
        Ev(R"pb(event_date { year: 2023 month: 5 day: 22 }
                final_plan_issued { placements { ukprn: "10001234" } })pb"),
        Ev(R"pb(event_date { year: 2025 month: 11 day: 10 }
                annual_review_held {})pb")},
       {}});
  Sen2Child ivy = hal;
  ivy.pupil.set_name("pupils/p9");
  ivy.journeys[0].name = "pupils/p9/journeys/j9";
  ivy.journeys[0].events.pop_back();  // no review in 2025
  const v1::Sen2Return r = BuildSen2Return(Params(), {hal, ivy});
  EXPECT_THAT(Issues(r), ElementsAre("WARNING pupils/p8/journeys/j8 "
                                     "ReviewOutcome",
                                     "WARNING pupils/p9/journeys/j9 "
                                     "ReviewMeeting",
                                     "WARNING la:201 Message"));
  EXPECT_THAT(r.xml(), HasSubstr("<UKPRN>10001234</UKPRN>"));
}

// A request open all through the activity year is in it; a mediation
// certificate naming no decision concerns the latest appealable one (an
// amended plan: OtherMediation); a cancelled phase transfer clock is not
// the one reported.
TEST(Sen2ReturnTest, OpenRequestsLatestDecisionsAndLivePhaseTransfers) {
  const std::string person = R"pb(
    given_name: "X"
    family_name: "Y"
    birth_date { year: 2012 month: 5 day: 5 }
    upn: "B801200005008"
    setting_urn: "100001"
    local_authority_code: "201"
    needs: [ HI ]
    sex: MALE
    ethnicity: "CHNE"
    postcode: "B1 1AA")pb";
  Sen2Child jay;
  jay.pupil = Pupil(person);
  jay.pupil.set_name("pupils/p10");
  jay.journeys.push_back({"pupils/p10/journeys/j10",
                          {Ev(R"pb(event_date { year: 2024 month: 11 day: 4 }
                                   assessment_requested { source: OTHER })pb"),
                           Ev(R"pb(event_date { year: 2024 month: 12 day: 2 }
                                   assessment_agreed {})pb")},
                          {}});
  Sen2Child kim;
  kim.pupil = Pupil(person);
  kim.pupil.set_name("pupils/p11");
  ClockRecord cancelled, live;
  cancelled.rule_id = live.rule_id = "review.phase_transfer";
  live.start_date = D(2025, 6, 2);
  live.due_date = D(2026, 2, 14);
  cancelled.start_date = D(2025, 9, 1);
  cancelled.due_date = D(2026, 3, 30);
  cancelled.status = v1::Clock::CANCELLED;
  kim.journeys.push_back(
      {"pupils/p11/journeys/j11",
       {Ev(R"pb(event_date { year: 2019 month: 3 day: 4 }
                assessment_requested { source: OTHER })pb"),
        Ev(R"pb(event_date { year: 2019 month: 4 day: 1 }
                assessment_agreed {})pb"),
        Ev(R"pb(event_date { year: 2019 month: 7 day: 22 }
                final_plan_issued { placements { urn: "100001" } })pb"),
        Ev(R"pb(event_date { year: 2025 month: 3 day: 3 }
                annual_review_held {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 3 day: 20 }
                review_decision { outcome: AMEND })pb"),
        Ev(R"pb(event_date { year: 2025 month: 5 day: 1 }
                amended_plan_issued {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 6 day: 2 }
                mediation_certificate_issued {})pb")},
       {live, cancelled}});
  const v1::Sen2Return r = BuildSen2Return(Params(), {jay, kim});
  EXPECT_EQ(r.persons(), 2);
  // Jay's: the decision of 2024 is historic, the assessment still open.
  EXPECT_THAT(r.xml(), HasSubstr("<ReceivedDate>2024-11-04</ReceivedDate>"));
  EXPECT_THAT(r.xml(), HasSubstr("<RequestOutcome>H</RequestOutcome>\n"
                                 "        <RequestMediation>0"));
  EXPECT_THAT(r.xml(), HasSubstr("<Assessment>\n"
                                 "          <AssessmentMediation>0"));
  // Kim's certificate: about the amended plan, not the 2019 assessment.
  EXPECT_THAT(r.xml(), HasSubstr("<AssessmentMediation>0</AssessmentMediation>"
                                 "\n          <AssessmentTribunal>0"
                                 "</AssessmentTribunal>\n          "
                                 "<OtherMediation>1</OtherMediation>"));
  EXPECT_THAT(
      r.xml(),
      HasSubstr("<PhaseTransferDueDate>2026-02-14</PhaseTransferDueDate>"));
  EXPECT_THAT(r.xml(), ::testing::Not(HasSubstr("2026-03-30")));
}

TEST(Sen2ReturnTest, TheDefaultReferenceDateIsTheThirdThursdayOfJanuary) {
  EXPECT_EQ(DefaultSen2ReferenceDate(2026), D(2026, 1, 15));
  EXPECT_EQ(DefaultSen2ReferenceDate(2027), D(2027, 1, 21));
  EXPECT_EQ(DefaultSen2ReferenceDate(2025), D(2025, 1, 16));
}

TEST(XmlWriterTest, EscapesTextAndDropsWhatXmlCannotCarry) {
  EXPECT_EQ(XmlEscape("a<b>&\"c'\x01\td\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\td\n");
  XmlWriter w;
  w.Open("A");
  w.Leaf("B", "");  // not reported
  w.Leaf("C", "x");
  // Finish closes what is still open.
  EXPECT_EQ(
      w.Finish(),
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<A>\n  <C>x</C>\n</A>\n");
}

}  // namespace
}  // namespace sendcase::casework
