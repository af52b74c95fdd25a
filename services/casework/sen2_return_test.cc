// The SEN2 return of the hand-built cases (sen2_test_cases.h): the whole XML
// written out.
#include "services/casework/sen2_return.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/casework/sen2_test_cases.h"

namespace sendcase::casework {
namespace {

using sen2_test::Cases;
using sen2_test::Params;

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

}  // namespace
}  // namespace sendcase::casework
