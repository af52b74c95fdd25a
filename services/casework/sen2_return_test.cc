// The SEN2 return of a hand-built set of cases: the whole XML written out,
// and the validation report item by item.
#include "services/casework/sen2_return.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "services/casework/xml_writer.h"

namespace sendcase::casework {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / date::month{m} / date::day{d});
}

v1::JourneyEvent Ev(const std::string& text) {
  v1::JourneyEvent e;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &e)) << text;
  return e;
}

v1::Pupil Pupil(const std::string& text) {
  v1::Pupil p;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &p)) << text;
  return p;
}

// An exception recorded on a step of the assessment (SEN2 Week20).
ClockRecord AdviceWithException(Day start) {
  ClockRecord c;
  c.rule_id = "ehc.advice";
  c.start_date = start;
  c.due_date = start + date::days{42};
  c.assessment_step = true;
  c.exception_reason = "PERSONAL_CIRCUMSTANCES";
  return c;
}

Sen2Params Params() {
  Sen2Params p;
  p.year = 2026;
  p.la_code = "201";
  p.reference_date = D(2026, 1, 15);
  p.generated_at = "2026-01-20T09:00:00";
  p.release = "sendcase";
  return p;
}

std::vector<Sen2Child> Cases() {
  std::vector<Sen2Child> out;
  // Ada: requested by her school in 2025, a plan within the year with an
  // exception on the advice; every item present.
  Sen2Child ada;
  ada.pupil = Pupil(R"pb(
    name: "pupils/p1"
    given_name: "Ada"
    family_name: "Lovelace"
    birth_date { year: 2016 month: 2 day: 29 }
    upn: "B801200005001"
    setting_urn: "100001"
    local_authority_code: "201"
    needs: [ ASD, SLCN ]
    sex: FEMALE
    ethnicity: "WBRI"
    postcode: "SW1A 1AA")pb");
  ada.journeys.push_back(
      {"pupils/p1/journeys/j1",
       {Ev(R"pb(event_date { year: 2025 month: 1 day: 6 }
                assessment_requested { source: SCHOOL_OR_SETTING })pb"),
        Ev(R"pb(event_date { year: 2025 month: 2 day: 10 }
                assessment_agreed {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 5 day: 19 }
                final_plan_issued {
                  placements { urn: "100001" sen_unit: true }
                })pb")},
       {AdviceWithException(D(2025, 2, 10))}});
  out.push_back(ada);
  // Bob: a plan of 2019 that ceased in 2025 without a reason; his sex,
  // ethnicity, postcode and the request's source were never recorded; a
  // review and an amendment in 2025.
  Sen2Child bob;
  bob.pupil = Pupil(R"pb(
    name: "pupils/p2"
    given_name: "Bob & Co"
    family_name: "O'Neil"
    birth_date { year: 2010 month: 9 day: 1 }
    upn_unknown: UN8
    setting_urn: "100002"
    local_authority_code: "201")pb");
  bob.journeys.push_back({"pupils/p2/journeys/j2",
                          {Ev(R"pb(event_date { year: 2019 month: 3 day: 4 }
                                   assessment_requested {})pb"),
                           Ev(R"pb(event_date { year: 2019 month: 4 day: 1 }
                                   assessment_agreed {})pb"),
                           Ev(R"pb(event_date { year: 2019 month: 7 day: 22 }
                                   final_plan_issued {})pb"),
                           Ev(R"pb(event_date { year: 2025 month: 6 day: 10 }
                                   annual_review_held {})pb"),
                           Ev(R"pb(event_date { year: 2025 month: 7 day: 1 }
                                   review_decision { outcome: AMEND })pb"),
                           Ev(R"pb(event_date { year: 2025 month: 11 day: 3 }
                                   plan_ceased {})pb")},
                          {}});
  out.push_back(bob);
  // Cara is another LA's; Dev's only request came after the activity year;
  // Eli's was decided in 2024. None is in the return.
  Sen2Child cara;
  cara.pupil = Pupil(R"pb(name: "pupils/p3" local_authority_code: "202")pb");
  cara.journeys.push_back(
      {"pupils/p3/journeys/j3",
       {Ev(R"pb(event_date { year: 2025 month: 3 day: 3 }
                assessment_requested { source: OTHER })pb")},
       {}});
  out.push_back(cara);
  Sen2Child dev;
  dev.pupil = Pupil(R"pb(name: "pupils/p4" local_authority_code: "201")pb");
  dev.journeys.push_back(
      {"pupils/p4/journeys/j4",
       {Ev(R"pb(event_date { year: 2026 month: 1 day: 5 }
                assessment_requested { source: OTHER })pb")},
       {}});
  out.push_back(dev);
  Sen2Child eli;
  eli.pupil = Pupil(R"pb(name: "pupils/p5" local_authority_code: "201")pb");
  eli.journeys.push_back({"pupils/p5/journeys/j5",
                          {Ev(R"pb(event_date { year: 2024 month: 11 day: 4 }
                                   assessment_requested { source: OTHER })pb"),
                           Ev(R"pb(event_date { year: 2024 month: 12 day: 9 }
                                   assessment_refused {})pb")},
                          {}});
  out.push_back(eli);
  // Fay: a parent's request from youth accommodation, refused, and a
  // mediation certificate about the refusal.
  Sen2Child fay;
  fay.pupil = Pupil(R"pb(
    name: "pupils/p6"
    given_name: "Fay"
    family_name: "Khan"
    birth_date { year: 2008 month: 12 day: 31 }
    upn: "B801200005006"
    setting_urn: "100001"
    local_authority_code: "201"
    sex: FEMALE
    ethnicity: "REFU"
    postcode: "M1 1AE")pb");
  fay.journeys.push_back(
      {"pupils/p6/journeys/j6",
       {Ev(R"pb(event_date { year: 2025 month: 3 day: 3 }
                assessment_requested {
                  source: YOUNG_PERSON_OR_PARENT
                  relevant_youth_accommodation: true
                })pb"),
        Ev(R"pb(event_date { year: 2025 month: 4 day: 14 }
                assessment_refused {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 5 day: 20 }
                mediation_certificate_issued {
                  decision_date { year: 2025 month: 4 day: 14 }
                })pb")},
       {}});
  out.push_back(fay);
  // Gus: a plan of 2022 kept at its 2025 review, with a phase transfer
  // review due; a review of January 2026 is the next return's.
  Sen2Child gus;
  gus.pupil = Pupil(R"pb(
    name: "pupils/p7"
    given_name: "Gus"
    family_name: "Lee"
    birth_date { year: 2015 month: 1 day: 10 }
    upn: "B801200005007"
    setting_urn: "100003"
    local_authority_code: "201"
    needs: [ MLD ]
    sex: MALE
    ethnicity: "AIND"
    postcode: "LS1 4AP")pb");
  ClockRecord transfer;
  transfer.rule_id = "review.phase_transfer";
  transfer.start_date = D(2025, 9, 8);
  transfer.due_date = D(2026, 2, 14);
  gus.journeys.push_back(
      {"pupils/p7/journeys/j7",
       {Ev(R"pb(event_date { year: 2021 month: 10 day: 4 }
                assessment_requested { source: HEALTH_CARE })pb"),
        Ev(R"pb(event_date { year: 2021 month: 11 day: 8 }
                assessment_agreed {})pb"),
        Ev(R"pb(event_date { year: 2022 month: 3 day: 1 }
                final_plan_issued {
                  placements { urn: "100003" }
                  placements { setting_type: OLA residential: WEEKS_52 }
                })pb"),
        Ev(R"pb(event_date { year: 2025 month: 2 day: 10 }
                annual_review_held {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 3 day: 1 }
                review_decision { outcome: KEEP })pb"),
        Ev(R"pb(event_date { year: 2026 month: 1 day: 12 }
                annual_review_held {})pb"),
        Ev(R"pb(event_date { year: 2026 month: 1 day: 13 }
                review_decision { outcome: AMEND })pb")},
       {transfer}});
  out.push_back(gus);
  return out;
}

constexpr char kExpectedXml[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>SEN2</Collection>
      <Year>2026</Year>
      <ReferenceDate>2026-01-15</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>201</LEA>
      <SoftwareCode>sendcase</SoftwareCode>
      <Release>sendcase</Release>
      <SerialNo>1</SerialNo>
      <DateTime>2026-01-20T09:00:00</DateTime>
    </Source>
  </Header>
  <Persons>
    <Person>
      <Surname>Lovelace</Surname>
      <Forename>Ada</Forename>
      <PersonBirthDate>2016-02-29</PersonBirthDate>
      <Sex>F</Sex>
      <Ethnicity>WBRI</Ethnicity>
      <PostCode>SW1A 1AA</PostCode>
      <UPN>B801200005001</UPN>
      <Requests>
        <ReceivedDate>2025-01-06</ReceivedDate>
        <RequestSource>2</RequestSource>
        <RYA>0</RYA>
        <RequestOutcomeDate>2025-02-10</RequestOutcomeDate>
        <RequestOutcome>A</RequestOutcome>
        <RequestMediation>0</RequestMediation>
        <RequestTribunal>0</RequestTribunal>
        <Assessment>
          <AssessmentOutcome>A</AssessmentOutcome>
          <AssessmentOutcomeDate>2025-05-19</AssessmentOutcomeDate>
          <AssessmentMediation>0</AssessmentMediation>
          <AssessmentTribunal>0</AssessmentTribunal>
          <OtherMediation>0</OtherMediation>
          <OtherTribunal>0</OtherTribunal>
          <Week20>1</Week20>
          <NamedPlan>
            <StartDate>2025-05-19</StartDate>
            <PlanDetail>
              <URN>100001</URN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>1</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <PlacementDetail>
            <URN>100001</URN>
            <PlacementRank>1</PlacementRank>
            <SENunitIndicator>1</SENunitIndicator>
            <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
          </PlacementDetail>
          <SENneed>
            <SENtype>ASD</SENtype>
            <SENtypeRank>1</SENtypeRank>
          </SENneed>
          <SENneed>
            <SENtype>SLCN</SENtype>
            <SENtypeRank>2</SENtypeRank>
          </SENneed>
        </ActivePlans>
      </Requests>
    </Person>
    <Person>
      <Surname>O&apos;Neil</Surname>
      <Forename>Bob &amp; Co</Forename>
      <PersonBirthDate>2010-09-01</PersonBirthDate>
      <UPNunknown>UN8</UPNunknown>
      <Requests>
        <ReceivedDate>2019-03-04</ReceivedDate>
        <RYA>0</RYA>
        <RequestOutcomeDate>2019-04-01</RequestOutcomeDate>
        <RequestOutcome>H</RequestOutcome>
        <RequestMediation>0</RequestMediation>
        <RequestTribunal>0</RequestTribunal>
        <Assessment>
          <AssessmentOutcome>H</AssessmentOutcome>
          <AssessmentOutcomeDate>2019-07-22</AssessmentOutcomeDate>
          <AssessmentMediation>0</AssessmentMediation>
          <AssessmentTribunal>0</AssessmentTribunal>
          <OtherMediation>0</OtherMediation>
          <OtherTribunal>0</OtherTribunal>
          <Week20>0</Week20>
          <NamedPlan>
            <StartDate>2019-07-22</StartDate>
            <CeaseDate>2025-11-03</CeaseDate>
            <PlanDetail>
              <URN>100002</URN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
          </NamedPlan>
        </Assessment>
      </Requests>
    </Person>
    <Person>
      <Surname>Khan</Surname>
      <Forename>Fay</Forename>
      <PersonBirthDate>2008-12-31</PersonBirthDate>
      <Sex>F</Sex>
      <Ethnicity>REFU</Ethnicity>
      <PostCode>M1 1AE</PostCode>
      <UPN>B801200005006</UPN>
      <Requests>
        <ReceivedDate>2025-03-03</ReceivedDate>
        <RequestSource>1</RequestSource>
        <RYA>1</RYA>
        <RequestOutcomeDate>2025-04-14</RequestOutcomeDate>
        <RequestOutcome>B</RequestOutcome>
        <RequestMediation>1</RequestMediation>
        <RequestTribunal>0</RequestTribunal>
      </Requests>
    </Person>
    <Person>
      <Surname>Lee</Surname>
      <Forename>Gus</Forename>
      <PersonBirthDate>2015-01-10</PersonBirthDate>
      <Sex>M</Sex>
      <Ethnicity>AIND</Ethnicity>
      <PostCode>LS1 4AP</PostCode>
      <UPN>B801200005007</UPN>
      <Requests>
        <ReceivedDate>2021-10-04</ReceivedDate>
        <RequestSource>3</RequestSource>
        <RYA>0</RYA>
        <RequestOutcomeDate>2021-11-08</RequestOutcomeDate>
        <RequestOutcome>H</RequestOutcome>
        <RequestMediation>0</RequestMediation>
        <RequestTribunal>0</RequestTribunal>
        <Assessment>
          <AssessmentOutcome>H</AssessmentOutcome>
          <AssessmentOutcomeDate>2022-03-01</AssessmentOutcomeDate>
          <AssessmentMediation>0</AssessmentMediation>
          <AssessmentTribunal>0</AssessmentTribunal>
          <OtherMediation>0</OtherMediation>
          <OtherTribunal>0</OtherTribunal>
          <Week20>0</Week20>
          <NamedPlan>
            <StartDate>2022-03-01</StartDate>
            <PlanDetail>
              <URN>100003</URN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
            <PlanDetail>
              <SENSetting>OLA</SENSetting>
              <PlacementRank>2</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <PlacementDetail>
            <URN>100003</URN>
            <PlacementRank>1</PlacementRank>
            <SENunitIndicator>0</SENunitIndicator>
            <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
          </PlacementDetail>
          <PlacementDetail>
            <SENSetting>OLA</SENSetting>
            <PlacementRank>2</PlacementRank>
            <SENunitIndicator>0</SENunitIndicator>
            <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
          </PlacementDetail>
          <SENneed>
            <SENtype>MLD</SENtype>
            <SENtypeRank>1</SENtypeRank>
          </SENneed>
          <ReviewMeeting>2025-02-10</ReviewMeeting>
          <ReviewOutcome>M</ReviewOutcome>
          <PhaseTransferDueDate>2026-02-14</PhaseTransferDueDate>
          <LastReview>2025-03-01</LastReview>
        </ActivePlans>
      </Requests>
    </Person>
  </Persons>
</Message>
)";

TEST(Sen2ReturnTest, TheXmlOfAHandBuiltSetOfCases) {
  const v1::Sen2Return r = BuildSen2Return(Params(), Cases());
  EXPECT_EQ(r.xml(), kExpectedXml);
  EXPECT_EQ(r.persons(), 4);
  EXPECT_EQ(r.requests(), 4);
  EXPECT_EQ(r.year(), 2026);
  EXPECT_EQ(r.local_authority_code(), "201");
}

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
