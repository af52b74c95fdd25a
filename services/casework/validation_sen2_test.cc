// The SEN2 items a pupil and an event carry, and officers' names: each bad
// value refused with INVALID_ARGUMENT naming its field, each good one kept.
#include <functional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::StartsWith;

const Day kToday = Day(date::year{2026} / 11 / 25);

v1::Pupil Pupil() {
  v1::Pupil p;
  p.set_upn("B801200005001");
  p.set_given_name("Ada");
  p.set_family_name("Lovelace");
  *p.mutable_birth_date() = ToProtoDate(Day(date::year{2016} / 2 / 29));
  p.set_setting_urn("100001");
  p.set_local_authority_code("201");
  return p;
}

TEST(ValidationSen2Test, PupilItemsWellFormedOrRefusedNamingTheField) {
  struct Case {
    std::function<void(v1::Pupil&)> set;
    const char* refused;  // the field, or nullptr when accepted
  };
  const Case cases[] = {
      {[](v1::Pupil& p) { p.set_sex(v1::FEMALE); }, nullptr},
      {[](v1::Pupil& p) { p.set_sex(static_cast<v1::Sex>(3)); }, "pupil.sex"},
      {[](v1::Pupil& p) { p.set_ethnicity("WBRI"); }, nullptr},
      {[](v1::Pupil& p) { p.set_ethnicity("REFU"); }, nullptr},
      {[](v1::Pupil& p) { p.set_ethnicity("NOBT"); }, nullptr},
      {[](v1::Pupil& p) { p.set_ethnicity("ASIA"); }, nullptr},
      {[](v1::Pupil& p) { p.set_ethnicity("wbri"); }, "pupil.ethnicity"},
      {[](v1::Pupil& p) { p.set_ethnicity("XXXX"); }, "pupil.ethnicity"},
      {[](v1::Pupil& p) { p.set_ethnicity("WBRIT"); }, "pupil.ethnicity"},
      {[](v1::Pupil& p) { p.set_postcode("SW1A 1AA"); }, nullptr},
      {[](v1::Pupil& p) { p.set_postcode("M1 1AE"); }, nullptr},
      {[](v1::Pupil& p) { p.set_postcode("LS28 9AB"); }, nullptr},
      {[](v1::Pupil& p) { p.set_postcode("sw1a 1aa"); }, "pupil.postcode"},
      {[](v1::Pupil& p) { p.set_postcode("SW1A1AA"); }, "pupil.postcode"},
      {[](v1::Pupil& p) { p.set_postcode("1W1A 1AA"); }, "pupil.postcode"},
      {[](v1::Pupil& p) { p.set_postcode("SW1A 1A"); }, "pupil.postcode"},
      {[](v1::Pupil& p) { p.set_postcode("SW1AB 1AA"); }, "pupil.postcode"},
      {[](v1::Pupil& p) { p.set_unique_learner_number("1234567890"); },
       nullptr},
      {[](v1::Pupil& p) { p.set_unique_learner_number("123456789"); },
       "pupil.unique_learner_number"},
      {[](v1::Pupil& p) { p.set_unique_learner_number("12345678901"); },
       "pupil.unique_learner_number"},
  };
  for (const Case& c : cases) {
    v1::Pupil p = Pupil();
    c.set(p);
    SCOPED_TRACE(p.ShortDebugString());
    if (c.refused == nullptr) {
      EXPECT_OK(ValidateNewPupil(p, kToday));
      EXPECT_OK(ValidatePupilDetails(p, kToday));  // UpdatePupil's check
    } else {
      EXPECT_THAT(
          ValidateNewPupil(p, kToday),
          StatusIs(absl::StatusCode::kInvalidArgument, StartsWith(c.refused)));
    }
  }
}

v1::JourneyEvent FinalPlan(std::function<void(v1::FinalPlanIssued&)> set) {
  v1::JourneyEvent e;
  *e.mutable_event_date() = ToProtoDate(Day(date::year{2026} / 10 / 1));
  set(*e.mutable_final_plan_issued());
  return e;
}

TEST(ValidationSen2Test, APlacementNamesExactlyOneOfUrnUkprnAndSettingType) {
  struct Case {
    std::function<void(v1::FinalPlanIssued&)> set;
    const char* refused;
  };
  const Case cases[] = {
      {[](auto& f) { f.add_placements()->set_urn("100001"); }, nullptr},
      {[](auto& f) { f.add_placements()->set_ukprn("10001234"); }, nullptr},
      {[](auto& f) {
         f.add_placements()->set_setting_type(v1::Placement::EHE);
       },
       nullptr},
      {[](auto& f) { f.add_placements(); },
       "event.final_plan_issued.placements[0]"},
      {[](auto& f) {
         f.add_placements()->set_urn("100001");
         auto* both = f.add_placements();
         both->set_urn("100002");
         both->set_ukprn("10001234");
       },
       "event.final_plan_issued.placements[1]"},
      {[](auto& f) { f.add_placements()->set_urn("10001"); },
       "event.final_plan_issued.placements[0].urn"},
      {[](auto& f) { f.add_placements()->set_ukprn("1000123"); },
       "event.final_plan_issued.placements[0].ukprn"},
      {[](auto& f) {
         auto* p = f.add_placements();
         p->set_urn("100001");
         p->set_residential(static_cast<v1::Placement::Residential>(9));
       },
       "event.final_plan_issued.placements[0].residential"},
      {[](auto& f) {
         for (int i = 0; i < 6; ++i) f.add_placements()->set_urn("100001");
       },
       "event.final_plan_issued.placements"},
  };
  for (const Case& c : cases) {
    const v1::JourneyEvent e = FinalPlan(c.set);
    SCOPED_TRACE(e.ShortDebugString());
    if (c.refused == nullptr) {
      EXPECT_OK(ValidateEvent(e, kToday));
    } else {
      EXPECT_THAT(
          ValidateEvent(e, kToday),
          StatusIs(absl::StatusCode::kInvalidArgument, StartsWith(c.refused)));
    }
  }
}

TEST(ValidationSen2Test, RequestSourceCeaseReasonAndMeetingDate) {
  v1::JourneyEvent e;
  *e.mutable_event_date() = ToProtoDate(Day(date::year{2026} / 10 / 1));
  e.mutable_assessment_requested()->set_source(
      static_cast<v1::AssessmentRequested::Source>(6));
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.assessment_requested.source")));
  e.mutable_assessment_requested()->set_source(
      v1::AssessmentRequested::HEALTH_CARE);
  EXPECT_OK(ValidateEvent(e, kToday));
  e.mutable_plan_ceased()->set_reason(static_cast<v1::PlanCeased::Reason>(10));
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.plan_ceased.reason")));
  e.mutable_plan_ceased()->set_reason(v1::PlanCeased::OTHER);
  EXPECT_OK(ValidateEvent(e, kToday));
  e.mutable_review_meeting_scheduled();
  EXPECT_THAT(
      ValidateEvent(e, kToday),
      StatusIs(absl::StatusCode::kInvalidArgument,
               StartsWith("event.review_meeting_scheduled.meeting_date")));
  *e.mutable_review_meeting_scheduled()->mutable_meeting_date() =
      ToProtoDate(Day(date::year{2026} / 9 / 30));  // before it was arranged
  EXPECT_THAT(
      ValidateEvent(e, kToday),
      StatusIs(absl::StatusCode::kInvalidArgument,
               StartsWith("event.review_meeting_scheduled.meeting_date")));
  // A meeting is arranged for a day to come.
  *e.mutable_review_meeting_scheduled()->mutable_meeting_date() =
      ToProtoDate(Day(date::year{2027} / 1 / 14));
  EXPECT_OK(ValidateEvent(e, kToday));
}

TEST(ValidationSen2Test, OfficersAreNamedLikeTokenSubjects) {
  EXPECT_OK(ValidateOfficer("", "f"));
  EXPECT_OK(ValidateOfficer("ann.officer@la-201_x", "f"));
  EXPECT_OK(ValidateOfficer(std::string(64, 'a'), "f"));
  for (const std::string& bad : {std::string(65, 'a'), std::string("ann smith"),
                                 std::string("ann/x"), std::string("ann\n")}) {
    EXPECT_THAT(ValidateOfficer(bad, "contact.case_officer"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         StartsWith("contact.case_officer: ")))
        << bad;
  }
}

}  // namespace
}  // namespace sendcase::casework
