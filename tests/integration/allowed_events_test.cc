// What a journey offers each caller to record next (Journey.allowed_events)
// and the titles of its clocks, through the real gRPC server.
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
using ::testing::ElementsAre;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class AllowedEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::StartTestServer(clock_);
    ASSERT_NE(t_.server, nullptr);
  }
  std::string Token(const std::string& role, const std::string& scope) {
    auto token = auth::IssueToken(*t_.server->stores().tokens, clock_,
                                  "u-" + role, role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }
  v1::Pupil CreatePupil(const std::string& token, const std::string& upn) {
    v1::Pupil out;
    EXPECT_TRUE(t_.stub
                    ->CreatePupil(BearerContext(token).get(),
                                  testing::NewPupilRequest(upn), &out)
                    .ok());
    return out;
  }
  v1::RecordEventRequest Event(const std::string& journey, int y, int m,
                               int d) {
    v1::RecordEventRequest r;
    r.set_journey(journey);
    *r.mutable_event()->mutable_event_date() = testing::ProtoDate(y, m, d);
    return r;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t_;
};

// A journey tells each caller the events it may record next: what the
// state allows (at CONCERN: another concern, SEN support, a request) and
// the caller's role records. After a request the LA's decisions appear.
TEST_F(AllowedEventsTest, AreTheStatesAndTheCallersOwn) {
  const std::string admin = Token("ADMIN", "*");
  const v1::Pupil pupil = CreatePupil(admin, "B801200005001");
  v1::GetJourneyRequest get;
  get.set_name(pupil.current_journey());
  const auto allowed = [&](const std::string& token) {
    v1::Journey j;
    EXPECT_TRUE(t_.stub->GetJourney(BearerContext(token).get(), get, &j).ok());
    return std::vector<std::string>(j.allowed_events().begin(),
                                    j.allowed_events().end());
  };
  const std::string senco = Token("SENCO", "setting:100001");
  const std::string officer = Token("LA_CASE_OFFICER", "la:201");
  EXPECT_THAT(allowed(senco),
              ElementsAre("concern_raised", "sen_support_started",
                          "assessment_requested"));
  EXPECT_THAT(allowed(officer),
              ElementsAre("concern_raised", "assessment_requested"));
  EXPECT_THAT(allowed(Token("CLASS_TEACHER", "setting:100001")),
              ::testing::IsEmpty());
  auto request = Event(pupil.current_journey(), 2026, 10, 5);
  request.mutable_event()->mutable_assessment_requested();
  v1::Journey recorded;
  ASSERT_TRUE(
      t_.stub->RecordEvent(BearerContext(senco).get(), request, &recorded)
          .ok());
  // The reply is told from the recorder's side too.
  EXPECT_THAT(recorded.allowed_events(),
              ElementsAre("concern_raised", "support_reviewed",
                          "assessment_requested", "agency_responded"));
  EXPECT_THAT(
      allowed(officer),
      ElementsAre("concern_raised", "assessment_requested", "assessment_agreed",
                  "assessment_refused", "mediation_certificate_issued",
                  "exception_recorded"));
  // Each clock carries its rule's title.
  for (const v1::Clock& c : recorded.clocks()) {
    EXPECT_FALSE(c.title().empty()) << c.rule_id();
  }
}

}  // namespace
}  // namespace sendcase
