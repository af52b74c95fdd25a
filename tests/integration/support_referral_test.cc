// Referrals to outside agencies through the real server: refused without
// the parents' consent; a referral records agency_involved and gives the
// SENCO a clock to chase the answer (rule support.agency_response, 6 weeks
// by default); advice meets it, withdrawn consent cancels it.
#include "absl/strings/str_cat.h"
#include "services/common/upn.h"
#include "tests/integration/support_fixture.h"

namespace sendcase::support_test {
namespace {

class ReferralTest : public SupportTest {
 protected:
  void SetUp() override {
    SupportTest::SetUp();
    plan_ = Agree(NewDraft().name(), ProtoDate(2026, 11, 20)).name();
  }
  grpc::Status Refer(const v1::CreateAgencyReferralRequest& r,
                     v1::AgencyReferral* out) {
    return t_.stub->CreateAgencyReferral(Ctx(senco_).get(), r, out);
  }
  // The journey's clocks of `rule` for `subject`.
  std::vector<v1::Clock> Clocks(const std::string& subject) {
    std::vector<v1::Clock> out;
    const v1::Journey journey = Journey();
    for (const auto& c : journey.clocks()) {
      if (c.rule_id() == "support.agency_response" && c.subject() == subject) {
        out.push_back(c);
      }
    }
    return out;
  }
  std::string plan_;
};

TEST_F(ReferralTest, NoReferralWithoutTheParentsConsent) {
  auto r = testing::ReferralRequest(pupil_.name(), ProtoDate(2026, 11, 23));
  r.mutable_referral()->clear_consent();
  v1::AgencyReferral out;
  grpc::Status status = Refer(r, &out);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("referral.consent: required", 0), 0u)
      << status.error_message();
  r = testing::ReferralRequest(pupil_.name(), ProtoDate(2026, 11, 23));
  *r.mutable_referral()->mutable_consent()->mutable_given_date() =
      ProtoDate(2026, 11, 24);
  status = Refer(r, &out);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("referral.consent.given_date:", 0), 0u)
      << status.error_message();
  EXPECT_TRUE(Clocks("Oakshire EP Service").empty());
  EXPECT_EQ(Journey().state(), v1::Journey::SEN_SUPPORT);
}

TEST_F(ReferralTest, AdviceMeetsTheChaseClockAndWithdrawnConsentCancelsIt) {
  auto request =
      testing::ReferralRequest(pupil_.name(), ProtoDate(2026, 11, 23));
  request.mutable_referral()->set_support_plan(plan_);
  request.mutable_referral()->add_outcome_ids("reading");
  v1::AgencyReferral referral;
  grpc::Status status = Refer(request, &referral);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(referral.state(), v1::AgencyReferral::AWAITING_RESPONSE);
  EXPECT_EQ(referral.referred_by(), "senco");
  // 23 November 2026 + 6 weeks = Monday 4 January 2027.
  EXPECT_EQ(FromProtoDate(referral.response_due_date(), "").value(),
            D(2027, 1, 4));
  EXPECT_EQ(Journey().state(), v1::Journey::AGENCY_INVOLVEMENT);
  auto clocks = Clocks("Oakshire EP Service");
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].status(), v1::Clock::OPEN);
  EXPECT_EQ(clocks[0].owner_role(), v1::SENCO);
  // Another referral to the same service while this one awaits: refused.
  v1::AgencyReferral second;
  status =
      Refer(testing::ReferralRequest(pupil_.name(), ProtoDate(2026, 11, 24)),
            &second);
  EXPECT_EQ(status.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("awaiting its answer"),
            std::string::npos);

  v1::UpdateAgencyReferralRequest answer;
  answer.set_name(referral.name());
  answer.set_etag(referral.etag());
  *answer.mutable_advice_received_date() = ProtoDate(2026, 11, 25);
  v1::AgencyReferral answered;
  status = t_.stub->UpdateAgencyReferral(Ctx(senco_).get(), answer, &answered);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);  // no summary
  EXPECT_EQ(status.error_message().rfind("advice_summary:", 0), 0u);
  answer.set_advice_summary("Phonological awareness work, 3 x 10 min a day");
  status = t_.stub->UpdateAgencyReferral(Ctx(senco_).get(), answer, &answered);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answered.state(), v1::AgencyReferral::ADVICE_RECEIVED);
  clocks = Clocks("Oakshire EP Service");
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].status(), v1::Clock::MET);
  // An answered referral is not answered again.
  answer.clear_etag();
  status = t_.stub->UpdateAgencyReferral(Ctx(senco_).get(), answer, &answered);
  EXPECT_EQ(status.error_code(), StatusCode::FAILED_PRECONDITION);

  // A second service: the parents withdraw consent, and nobody chases it.
  request = testing::ReferralRequest(pupil_.name(), ProtoDate(2026, 11, 24));
  request.mutable_referral()->set_agency(
      v1::AgencyReferral::SPEECH_AND_LANGUAGE_THERAPY);
  request.mutable_referral()->set_service("Oakshire SALT");
  ASSERT_TRUE(Refer(request, &referral).ok());
  v1::UpdateAgencyReferralRequest withdraw;
  withdraw.set_name(referral.name());
  *withdraw.mutable_consent_withdrawn_date() = ProtoDate(2026, 11, 25);
  status =
      t_.stub->UpdateAgencyReferral(Ctx(senco_).get(), withdraw, &answered);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answered.state(), v1::AgencyReferral::CONSENT_WITHDRAWN);
  EXPECT_TRUE(answered.consent().has_withdrawn_date());
  clocks = Clocks("Oakshire SALT");
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].status(), v1::Clock::CANCELLED);

  // Both are in the pupil's history, with the dates their clocks gave.
  v1::ListSupportPlansRequest history;
  history.set_parent(pupil_.name());
  v1::ListSupportPlansResponse seen;
  ASSERT_TRUE(
      t_.stub->ListSupportPlans(Ctx(senco_).get(), history, &seen).ok());
  ASSERT_EQ(seen.referrals_size(), 2);
  EXPECT_EQ(seen.referrals(0).state(), v1::AgencyReferral::ADVICE_RECEIVED);
  EXPECT_EQ(FromProtoDate(seen.referrals(0).response_due_date(), "").value(),
            D(2027, 1, 4));
  EXPECT_EQ(seen.referrals(0).outcome_ids(0), "reading");
  EXPECT_EQ(seen.referrals(1).service(), "Oakshire SALT");
}

TEST_F(ReferralTest, AReferralNeedsSenSupportFirst) {
  v1::Pupil other;
  ASSERT_TRUE(
      t_.stub
          ->CreatePupil(Ctx(admin_).get(),
                        testing::NewPupilRequest(absl::StrCat(
                            std::string(1, UpnCheckLetter("801200005002")),
                            "801200005002")),
                        &other)
          .ok());
  v1::AgencyReferral out;
  const grpc::Status status = Refer(
      testing::ReferralRequest(other.name(), ProtoDate(2026, 11, 23)), &out);
  EXPECT_EQ(status.error_code(), StatusCode::FAILED_PRECONDITION)
      << status.error_message();
}

}  // namespace
}  // namespace sendcase::support_test
