// The family view through the real gRPC server: a PARENT token scoped to one
// child (`pupil:ID`) reads where that child's case stands, what happens next,
// by when and who is responsible, in plain English, and nothing of any other
// child; staff who read the pupil see the same page.
//
// Today is Wednesday 25 November 2026. Pupil A's EHC needs assessment request
// was received on Monday 5 October 2026: the decision was due six weeks on
// (Monday 16 November, now late), the final plan is due 20 weeks on
// (Monday 22 February 2027).
#include <grpcpp/grpcpp.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/tokens.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using testing::BearerContext;
using ::testing::HasSubstr;
using testing::ProtoDate;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class FamilyViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::StartTestServer(clock_);
    ASSERT_NE(t_.server, nullptr);
    admin_ = Token("admin", "ADMIN", "*");
    a_ = NewPupil("V801200009001");
    b_ = NewPupil("J801200009002");
    v1::RecordEventRequest r;
    r.set_journey(a_.current_journey());
    *r.mutable_event()->mutable_event_date() = ProtoDate(2026, 10, 5);
    r.mutable_event()->mutable_assessment_requested();
    v1::Journey out;
    ASSERT_TRUE(
        t_.stub->RecordEvent(BearerContext(admin_).get(), r, &out).ok());
  }

  std::string Token(const std::string& subject, const std::string& role,
                    const std::string& scope) {
    auto token = auth::IssueToken(*t_.server->stores().tokens, clock_, subject,
                                  role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }
  std::string ParentOf(const v1::Pupil& pupil) {
    return Token("family", "PARENT",
                 "pupil:" + pupil.name().substr(sizeof("pupils/") - 1));
  }
  v1::Pupil NewPupil(const std::string& upn) {
    v1::Pupil out;
    EXPECT_TRUE(t_.stub
                    ->CreatePupil(BearerContext(admin_).get(),
                                  testing::NewPupilRequest(upn), &out)
                    .ok());
    return out;
  }
  grpc::Status View(const std::string& token, const std::string& pupil,
                    v1::FamilyView* out) {
    v1::GetFamilyViewRequest r;
    r.set_pupil(pupil);
    return t_.stub->GetFamilyView(BearerContext(token).get(), r, out);
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t_;
  std::string admin_;
  v1::Pupil a_, b_;
};

struct Step {
  std::string what;
  google::type::Date date;
  std::string who;
  bool overdue, legal;
};

TEST_F(FamilyViewTest, TheFamilySeesWhereItStandsWhatIsNextAndByWhen) {
  v1::FamilyView view;
  const grpc::Status s = View(ParentOf(a_), a_.name(), &view);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(view.pupil(), a_.name());
  EXPECT_EQ(view.given_name(), a_.given_name());
  EXPECT_EQ(view.state(), v1::Journey::ASSESSMENT_REQUESTED);
  EXPECT_THAT(view.stage(), HasSubstr("within 6 weeks of receiving"));
  const std::string council = "the council (your case officer)";
  // In the rules' family wording. The 14-week draft target (the LA's own)
  // and the 16-week notice not to issue a plan (an outcome that may never
  // come) have no family title: they are not the family's next steps.
  const Step expected[] = {
      {"the council's decision whether to carry out an EHC needs assessment",
       ProtoDate(2026, 11, 16), council, true, true},
      {"the final EHC plan", ProtoDate(2027, 2, 22), council, false, true},
  };
  ASSERT_EQ(view.next_steps_size(), 2);
  for (int i = 0; i < 2; ++i) {
    const v1::FamilyStep& got = view.next_steps(i);
    SCOPED_TRACE(got.what());
    EXPECT_EQ(got.what(), expected[i].what);
    EXPECT_EQ(got.date().year(), expected[i].date.year());
    EXPECT_EQ(got.date().month(), expected[i].date.month());
    EXPECT_EQ(got.date().day(), expected[i].date.day());
    EXPECT_EQ(got.who(), expected[i].who);
    EXPECT_EQ(got.overdue(), expected[i].overdue);
    EXPECT_EQ(got.legal_deadline(), expected[i].legal);
    EXPECT_FALSE(got.window());
  }
  ASSERT_EQ(view.history_size(), 1);
  EXPECT_EQ(view.history(0).what(),
            "The council received a request for an EHC needs assessment.");
  EXPECT_EQ(view.history(0).date().day(), 5);

  // Staff who may read the pupil see exactly what the family sees.
  v1::FamilyView staff;
  ASSERT_TRUE(
      View(Token("senco", "SENCO", "setting:100001"), a_.name(), &staff).ok());
  EXPECT_EQ(staff.SerializeAsString(), view.SerializeAsString());
}

// A concern logged late (dated 1 September, recorded after the request of
// 5 October) is told in date order, latest first.
TEST_F(FamilyViewTest, WhatHappenedIsInDateOrderWhateverTheOrderRecorded) {
  v1::RecordEventRequest r;
  r.set_journey(a_.current_journey());
  *r.mutable_event()->mutable_event_date() = ProtoDate(2026, 9, 1);
  r.mutable_event()->mutable_concern_raised();
  v1::Journey out;
  ASSERT_TRUE(t_.stub->RecordEvent(BearerContext(admin_).get(), r, &out).ok());
  v1::FamilyView view;
  ASSERT_TRUE(View(ParentOf(a_), a_.name(), &view).ok());
  ASSERT_EQ(view.history_size(), 2);
  EXPECT_EQ(view.history(0).date().month(), 10);
  EXPECT_THAT(view.history(0).what(), HasSubstr("received a request"));
  EXPECT_EQ(view.history(1).date().month(), 9);
  EXPECT_EQ(view.history(1).what(),
            "A concern about your child's progress was recorded.");
}

TEST_F(FamilyViewTest, AFamilyReachesItsOwnChildAndNothingElse) {
  const std::string family = ParentOf(a_);
  v1::FamilyView view;
  for (const std::string& other :
       {b_.name(), std::string("pupils/nobody"), a_.name() + "x"}) {
    SCOPED_TRACE(other);
    EXPECT_EQ(View(family, other, &view).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  // Not even its own child's staff records: the family view only.
  v1::GetPupilRequest get;
  get.set_name(a_.name());
  v1::Pupil pupil;
  const grpc::Status refused =
      t_.stub->GetPupil(BearerContext(family).get(), get, &pupil);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(refused.error_message(),
              HasSubstr("PARENT may not call GetPupil"));
  v1::ListPupilsResponse list;
  EXPECT_EQ(t_.stub
                ->ListPupils(BearerContext(family).get(),
                             v1::ListPupilsRequest(), &list)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(FamilyViewTest, AChildAtConcernHasNoDatesYet) {
  v1::FamilyView view;
  ASSERT_TRUE(View(ParentOf(b_), b_.name(), &view).ok());
  EXPECT_EQ(view.state(), v1::Journey::CONCERN);
  EXPECT_THAT(view.stage(), HasSubstr("noted a concern"));
  EXPECT_EQ(view.next_steps_size(), 0);
}

}  // namespace
}  // namespace sendcase
