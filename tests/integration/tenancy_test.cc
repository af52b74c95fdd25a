// Tenancy through the real gRPC server: no write lets a caller widen its
// own view of children (the settings register), and no replay of a stored
// response crosses tenants (request ids are keyed by the principal, and
// access is checked before any replay).
#include <grpcpp/grpcpp.h>

#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/common/proto_time.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using grpc::StatusCode;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class TenancyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestServer t = testing::StartTestServer(clock_);
    ASSERT_NE(t.server, nullptr);
    server_ = std::move(t.server);
    stub_ = std::move(t.stub);
    admin_ = Token("admin", "ADMIN", "*");
  }

  std::string Token(const std::string& subject, const std::string& role,
                    const std::string& scope) {
    auto token = auth::IssueToken(*server_->stores().tokens, clock_, subject,
                                  role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return *token;
  }
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    return testing::BearerContext(token);
  }
  v1::Pupil CreatePupil(const std::string& upn, const std::string& urn,
                        const std::string& la) {
    v1::Pupil pupil;
    auto status = stub_->CreatePupil(
        Ctx(admin_).get(), testing::NewPupilRequest(upn, urn, la), &pupil);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return pupil;
  }
  grpc::Status Register(const std::string& token, const std::string& urn,
                        const std::string& la, const std::string& trust) {
    v1::CreateSettingRequest req;
    req.mutable_setting()->set_urn(urn);
    req.mutable_setting()->set_display_name("School");
    req.mutable_setting()->set_phase(v1::Setting::PRIMARY);
    req.mutable_setting()->set_local_authority_code(la);
    req.mutable_setting()->set_trust_id(trust);
    v1::Setting out;
    return stub_->CreateSetting(Ctx(token).get(), req, &out);
  }
  int VisiblePupils(const std::string& token) {
    v1::ListPupilsResponse pupils;
    auto status = stub_->ListPupils(Ctx(token).get(), {}, &pupils);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return pupils.pupils_size();
  }
  v1::RecordEventRequest Concern(const std::string& journey,
                                 const std::string& request_id) {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *req.mutable_event()->mutable_event_date() = ToProtoDate(D(2026, 11, 2));
    req.mutable_event()->mutable_concern_raised();
    req.set_request_id(request_id);
    return req;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string admin_;
};

TEST_F(TenancyTest, ATrustCannotClaimASettingToReadItsChildren) {
  // Children of LA 202 recorded at a school nobody has registered yet.
  CreatePupil("B801200005001", "300001", "202");
  CreatePupil("P207000016049", "300001", "202");
  const std::string trust = Token("oak", "TRUST", "trust:oak");
  EXPECT_EQ(VisiblePupils(trust), 0);

  // The trust itself may not register it, with or without its own id.
  EXPECT_EQ(Register(trust, "300001", "202", "oak").error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Register(trust, "300001", "202", "").error_code(),
            StatusCode::PERMISSION_DENIED);
  // Nor may another LA's officer claim it for its own LA and hand it over.
  const std::string la201 = Token("ann", "LA_CASE_OFFICER", "la:201");
  grpc::Status claimed = Register(la201, "300001", "201", "oak");
  EXPECT_EQ(claimed.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_NE(claimed.error_message().find("settings/300001"), std::string::npos)
      << claimed.error_message();
  EXPECT_EQ(VisiblePupils(trust), 0);

  // The school's own LA may, and only then does the trust see its children.
  const std::string la202 = Token("raj", "LA_CASE_OFFICER", "la:202");
  ASSERT_TRUE(Register(la202, "300001", "202", "oak").ok());
  EXPECT_EQ(VisiblePupils(trust), 2);
  // Registered once: a second claim of the same URN changes nothing.
  EXPECT_EQ(Register(admin_, "300001", "202", "elm").error_code(),
            StatusCode::ALREADY_EXISTS);
}

TEST_F(TenancyTest, ASameNamedCallerInAnotherTenantGetsNoReplay) {
  const v1::Pupil ours = CreatePupil("B801200005001", "100001", "201");
  CreatePupil("P207000016049", "200001", "202");
  // Two people with the same free-text subject in two schools.
  const std::string a = Token("j.smith", "SENCO", "setting:100001");
  const std::string b = Token("j.smith", "SENCO", "setting:200001");

  v1::UpdatePupilRequest update;
  update.mutable_pupil()->set_name(ours.name());
  update.mutable_pupil()->set_given_name("Changed");
  update.mutable_update_mask()->add_paths("given_name");
  update.set_request_id("same-id-1");
  v1::Pupil out;
  ASSERT_TRUE(stub_->UpdatePupil(Ctx(a).get(), update, &out).ok());
  out.Clear();
  EXPECT_EQ(stub_->UpdatePupil(Ctx(b).get(), update, &out).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(out.given_name().empty());

  const v1::RecordEventRequest concern =
      Concern(ours.current_journey(), "same-id-2");
  v1::Journey journey;
  ASSERT_TRUE(stub_->RecordEvent(Ctx(a).get(), concern, &journey).ok());
  journey.Clear();
  EXPECT_EQ(stub_->RecordEvent(Ctx(b).get(), concern, &journey).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(journey.name().empty());

  v1::CreatePupilRequest create =
      testing::NewPupilRequest("X938612324001", "100001", "201");
  create.set_request_id("same-id-3");
  ASSERT_TRUE(stub_->CreatePupil(Ctx(a).get(), create, &out).ok());
  const std::string created = out.name();
  out.Clear();
  EXPECT_EQ(stub_->CreatePupil(Ctx(b).get(), create, &out).error_code(),
            StatusCode::PERMISSION_DENIED);
  // In b's own school the same request id is b's own, a new pupil.
  create.mutable_pupil()->set_upn("C201200126001");
  create.mutable_pupil()->set_setting_urn("200001");
  create.mutable_pupil()->set_local_authority_code("202");
  ASSERT_TRUE(stub_->CreatePupil(Ctx(b).get(), create, &out).ok());
  EXPECT_NE(out.name(), created);
}

TEST_F(TenancyTest, TheSamePrincipalReplaysWithANewTokenButNotAfterAMove) {
  const v1::Pupil pupil = CreatePupil("B801200005001", "100001", "201");
  const std::string first = Token("j.smith", "SENCO", "setting:100001");
  const v1::RecordEventRequest concern =
      Concern(pupil.current_journey(), "retry-me");
  v1::Journey recorded;
  ASSERT_TRUE(stub_->RecordEvent(Ctx(first).get(), concern, &recorded).ok());

  // A re-issued token for the same person, role and school: the retry is
  // answered from the first response, not recorded twice.
  const std::string second = Token("j.smith", "SENCO", "setting:100001");
  v1::Journey replayed;
  ASSERT_TRUE(stub_->RecordEvent(Ctx(second).get(), concern, &replayed).ok());
  EXPECT_EQ(replayed.etag(), recorded.etag());

  // The pupil moves to another school: the old school's retry is refused,
  // not answered with the stored journey.
  v1::UpdatePupilRequest move;
  move.mutable_pupil()->set_name(pupil.name());
  move.mutable_pupil()->set_setting_urn("200001");
  move.mutable_update_mask()->add_paths("setting_urn");
  v1::Pupil moved;
  ASSERT_TRUE(stub_->UpdatePupil(Ctx(admin_).get(), move, &moved).ok());
  EXPECT_EQ(
      stub_->RecordEvent(Ctx(second).get(), concern, &replayed).error_code(),
      StatusCode::PERMISSION_DENIED);

  // Nor is a CreatePupil's stored answer handed back once its pupil moved.
  v1::CreatePupilRequest create =
      testing::NewPupilRequest("P207000016049", "100001", "201");
  create.set_request_id("create-once");
  v1::Pupil created;
  ASSERT_TRUE(stub_->CreatePupil(Ctx(second).get(), create, &created).ok());
  move.mutable_pupil()->set_name(created.name());
  ASSERT_TRUE(stub_->UpdatePupil(Ctx(admin_).get(), move, &moved).ok());
  v1::Pupil again;
  EXPECT_EQ(stub_->CreatePupil(Ctx(second).get(), create, &again).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(again.name().empty());
}

}  // namespace
}  // namespace sendcase
