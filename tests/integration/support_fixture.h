#ifndef SENDCASE_TESTS_INTEGRATION_SUPPORT_FIXTURE_H_
#define SENDCASE_TESTS_INTEGRATION_SUPPORT_FIXTURE_H_

// The world of the graduated-approach tests: a real server on a SQLite
// file with a fake clock, a pupil of setting 100001 and an intervention of
// that setting made by its SENCO; helpers to read the review clocks and to
// agree a plan.
#include <cmath>
#include <functional>

#include "gtest/gtest.h"
#include "services/auth/tokens.h"
#include "services/common/proto_time.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace sendcase::support_test {

using grpc::StatusCode;
using testing::ProtoDate;

inline Day D(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / m / d);
}

class SupportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::StartTestServer(clock_, [this](server::ServerOptions& o) {
      o.db_path = dir_.File("support.db");
    });
    ASSERT_NE(t_.server, nullptr);
    admin_ = Token("admin", "ADMIN", "*");
    senco_ = Token("senco", "SENCO", "setting:100001");
    v1::Pupil pupil;
    ASSERT_TRUE(t_.stub
                    ->CreatePupil(Ctx(admin_).get(),
                                  testing::NewPupilRequest("B801200005001"),
                                  &pupil)
                    .ok());
    pupil_ = pupil;
    v1::Intervention intervention;
    ASSERT_TRUE(t_.stub
                    ->CreateIntervention(Ctx(senco_).get(),
                                         testing::InterventionRequest(),
                                         &intervention)
                    .ok());
    intervention_ = intervention.name();
  }

  std::string Token(const std::string& subject, const std::string& role,
                    const std::string& scope) {
    auto token = auth::IssueToken(*t_.server->stores().tokens, clock_, subject,
                                  role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    return testing::BearerContext(token);
  }
  v1::Journey Journey() {
    v1::GetJourneyRequest r;
    r.set_name(pupil_.current_journey());
    v1::Journey j;
    EXPECT_TRUE(t_.stub->GetJourney(Ctx(admin_).get(), r, &j).ok());
    return j;
  }
  // The support.review clocks of the journey, oldest first.
  std::vector<v1::Clock> ReviewClocks() {
    std::vector<v1::Clock> out;
    const v1::Journey journey = Journey();
    for (const auto& c : journey.clocks()) {
      if (c.rule_id() == "support.review") out.push_back(c);
    }
    return out;
  }
  // The pupil's next draft (testing::DraftPlanRequest), by the SENCO.
  v1::SupportPlan NewDraft() {
    v1::SupportPlan draft;
    const grpc::Status status = t_.stub->CreateSupportPlan(
        Ctx(senco_).get(), testing::DraftPlanRequest(pupil_.name()), &draft);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return draft;
  }
  v1::SupportPlan Agree(const std::string& plan, google::type::Date on,
                        grpc::Status* status = nullptr) {
    v1::AgreeSupportPlanRequest r;
    r.set_name(plan);
    *r.mutable_meeting() = testing::Meeting(on);
    v1::SupportPlan out;
    grpc::Status s = t_.stub->AgreeSupportPlan(Ctx(senco_).get(), r, &out);
    if (status != nullptr) {
      *status = s;
    } else {
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t_;
  std::string admin_, senco_, intervention_;
  v1::Pupil pupil_;
};

}  // namespace sendcase::support_test

#endif  // SENDCASE_TESTS_INTEGRATION_SUPPORT_FIXTURE_H_
